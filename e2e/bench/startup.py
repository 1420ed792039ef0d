# Times lambdalogs commands as a CI pipeline calls them, each its own JVM, beside `--version` in the same run:
# wall and CPU (user+sys) per run, medians. Usage (docs/benchmarks.md says how the function is set up):
#   python3 e2e/bench/startup.py ENDPOINT RUNS [RTT_MS] NAME=CHECKOUT [NAME=CHECKOUT ...]
# With RTT_MS, the commands reach ENDPOINT through a proxy that delays each connection and each read by
# half of it each way, as a region some way off does.
import os, resource, socket, statistics, subprocess, sys, threading, time, urllib.parse
endpoint, runs = sys.argv[1], int(sys.argv[2])
rest = sys.argv[3:]
rtt = int(rest.pop(0)) / 1000 if rest and rest[0].isdigit() else 0

def delayed(upstream, rtt):
    """A TCP proxy on a free loopback port; returns its endpoint."""
    target = urllib.parse.urlparse(upstream)
    server = socket.create_server(('127.0.0.1', 0))
    def pump(src, dst):
        try:
            while data := src.recv(65536):
                time.sleep(rtt / 2)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
    def serve():
        while True:
            client, _ = server.accept()
            time.sleep(rtt)  # the TCP handshake
            up = socket.create_connection((target.hostname, target.port))
            threading.Thread(target=pump, args=(client, up), daemon=True).start()
            threading.Thread(target=pump, args=(up, client), daemon=True).start()
    threading.Thread(target=serve, daemon=True).start()
    return 'http://127.0.0.1:%d' % server.getsockname()[1]

if rtt:
    endpoint = delayed(endpoint, rtt)
builds = dict(a.split('=', 1) for a in rest)  # name=path to a checkout's root
def cmd(root, args):
    t = root + '/cli/target'
    return ['java', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:SharedArchiveFile=' + t + '/lambdalogs.jsa',
            '-Xlog:cds=off', '-Xlog:cds+dynamic=off', '-jar', t + '/lambdalogs.jar'] + args
cases = {'--version': ['--version'],
         'status -f py_fn': ['status', '-f', 'py_fn', '--endpoint-url', endpoint],
         'install -f py_fn (up to date)': ['install', '-f', 'py_fn', '-q', '--endpoint-url', endpoint]}
results = {}
for name, root in builds.items():  # one warm-up each: an older build writes its own grant once
    for args in cases.values():
        subprocess.run(cmd(root, args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for i in range(runs):
    for name, root in builds.items():
        for case, args in cases.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(cmd(root, args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            assert done.returncode == 0, (name, case, done.stderr)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            results.setdefault((name, case), []).append((wall, cpu))
for name in builds:
    base = statistics.median(w for w, c in results[(name, '--version')])
    for case in cases:
        r = results[(name, case)]
        wall = statistics.median(w for w, c in r); cpu = statistics.median(c for w, c in r)
        print(f"| {name} | `{case}` | {wall:.2f} s | {cpu:.2f} s | {wall / base:.1f}x |")
