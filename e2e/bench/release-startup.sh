#!/bin/sh
# Start-up of the release archive's CLI beside the checkout's ./lambdalogs, in the same run: each command
# 11 times, medians of wall time (and of user+system CPU), after the archive's class-data archive exists,
# and without one; and the first run ever of the archive. Needs a built checkout, the archive (./mvnw -Pdist package),
# python3 with moto, and the demo's archive (./lambdalogs demo).
#   e2e/bench/release-startup.sh cli/target/dist/lambdalogs-*-linux-x86_64.tar.gz
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
work=$(mktemp -d)
port=5098
python3 -m moto.server -H 127.0.0.1 -p $port >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto; rm -rf "$work"' EXIT
tar -xzf "$1" -C "$work"
release=$(ls -d "$work"/lambdalogs-*/bin/lambdalogs)
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL=http://127.0.0.1:$port HOME="$work/home"
python3 "$root/cli/src/cds/moto-functions.py" "$AWS_ENDPOINT_URL" py_fn=python3.12
demo="$root/lambdalogs-demo/archive"
median() { sort -n | sed -n 6p; }
measure() { # command...: "wall, cpu", medians of 11
  for i in 1 2 3 4 5 6 7 8 9 10 11; do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>&1 || true
    cat "$work/t"
  done >"$work/runs"
  echo "$(cut -d' ' -f1 "$work/runs" | median) s, $(awk '{printf "%.2f\n", $2 + $3}' "$work/runs" | median) s CPU"
}
started=$(date +%s.%N)
first=$( /usr/bin/time -f "%e" "$release" tail --dir "$demo" --since 1d 2>&1 >/dev/null | tail -1 )
while [ -n "$(find "$HOME/.cache/lambdalogs" -name '*.lock' 2>/dev/null)" ]; do sleep 0.1; done
made=$(printf %.1f "$(echo "$(date +%s.%N) - $started" | bc)")
echo "| command | release archive | checkout | release, LAMBDALOGS_CLASS_ARCHIVE=off |"
echo "|---|---|---|---|"
echo "| first run ever (\`tail\`; the class-data archive made in the background: $made s) | $first s | |"
"$release" status -f py_fn >/dev/null 2>&1 # moto's first answer of a service is slow: not measured
for command in "--version" "status -f py_fn" "tail --dir $demo --since 1d" "query --dir $demo --since 1d" "stats --dir $demo --since 1d"; do
  # shellcheck disable=SC2086
  set -- $command
  [ "$1" = query ] && set -- "$@" "SELECT type, count(*) FROM logs GROUP BY 1"
  echo "| \`$1\` | $(measure "$release" "$@") | $(measure "$root/lambdalogs" "$@") |" \
    "$(measure env LAMBDALOGS_CLASS_ARCHIVE=off "$release" "$@") |"
done
