#!/bin/sh
# Records cli/src/cds/classlist, the classes the build's class-data archive maps: every command is run
# once against moto's server (a python3.12 and a java21 function), each JVM writes the classes it loaded,
# and the lists are merged in order of first appearance. Run after ./mvnw -pl cli -am package, then
# build again. Needs python3 with moto and boto3.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/../../.." && pwd)
jar="$root/cli/target/lambdalogs.jar"
work=$(mktemp -d)
port=5099
python3 -m moto.server -H 127.0.0.1 -p $port >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto; rm -rf "$work"' EXIT
export AWS_ACCESS_KEY_ID=record AWS_SECRET_ACCESS_KEY=record AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
endpoint=http://127.0.0.1:$port
python3 "$root/cli/src/cds/moto-functions.py" "$endpoint" py_fn=python3.12 java_fn=java21
n=0
run() {
  n=$((n + 1))
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:off -XX:DumpLoadedClassList="$work/$n.classlist" \
    -jar "$jar" "$@" >"$work/$n.out" 2>&1 || echo "lambdalogs $*: exit $?" >&2
}
run --version
run --help
run install --help
run install -f py_fn -f java_fn --endpoint-url $endpoint
python3 - "$endpoint" <<'PY'
import boto3, datetime, gzip, sys
now = datetime.datetime.now(datetime.timezone.utc)
iso = now.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z'
line = '{"time":"%s","type":"function","record":"recorded"}\n' % iso
key = now.strftime('lambda-logs/py_fn/%Y/%m/%d/%H/%Y%m%dT%H%M%S') + '000Z-0123456789abcdef-000001.ndjson.gz'
s3 = boto3.client('s3', endpoint_url=sys.argv[1])
s3.create_bucket(Bucket='record-logs')
s3.put_object(Bucket='record-logs', Key=key, Body=gzip.compress(line.encode()))
PY
run install -f py_fn --endpoint-url $endpoint
run install --function-regex '^py_' --dry-run -o json --endpoint-url $endpoint
run status --check --endpoint-url $endpoint
run status -f py_fn -o json --endpoint-url $endpoint
run tail -f py_fn --since 1h --bucket record-logs --endpoint-url $endpoint
run tail -f py_fn --since 1h -o json --bucket record-logs --endpoint-url $endpoint
run download -f py_fn --since 1h --to "$work/download" --bucket record-logs --endpoint-url $endpoint
run tail --dir "$work/download" --since 1h
cache="$work/cache"
run query -f py_fn --since 1h --bucket record-logs --cache-dir "$cache" --endpoint-url $endpoint \
  "SELECT type, count(*) FROM logs GROUP BY 1"
run query -f py_fn --since 1h --bucket record-logs --cache-dir "$cache" -o csv --endpoint-url $endpoint \
  "SELECT * FROM logs"
run stats --since 1h --bucket record-logs --cache-dir "$cache" --endpoint-url $endpoint
run athena setup --bucket record-logs --endpoint-url $endpoint
run query --engine athena -f py_fn --since 1h --bucket record-logs --endpoint-url $endpoint \
  "SELECT count(*) FROM logs"
run uninstall -f java_fn --endpoint-url $endpoint
run install -f py_fn --bucket Not_A_Bucket
run layer build --output "$work/layer.zip"
# lambda-proxy lines name classes of a run; the archive takes them, and a JVM that differs ignores them
awk '!seen[$0]++' "$work"/[0-9]*.classlist | grep -v '^#' >"$root/cli/src/cds/classlist"
wc -l "$root/cli/src/cds/classlist" >&2
