#!/bin/bash
# A java for the plain layer's launcher (LAMBDALOGS_JAVA), to see where the extension's CPU goes: each
# extension process writes a flight recording to $JFR_DIR (default /tmp/lambdalogs-jfr), and HEAP (say
# -Xmx32m) replaces the launcher's -Xmx16m. Used through the benchmark:
#   ./mvnw -q -Pbenchmark verify -DskipTests -Dbench.skipInstall=true -Dbench.skipTail=true -Dbench.only=ingest \
#     -Dbench.extensionJava=$PWD/e2e/bench/extension-java.sh
#   jfr summary /tmp/lambdalogs-jfr/*.jfr; jfr print --events jdk.GarbageCollection /tmp/lambdalogs-jfr/X.jfr
dir=${JFR_DIR:-/tmp/lambdalogs-jfr}
mkdir -p "$dir"
args=()
for a in "$@"; do
  [ "$a" = "-Xmx16m" ] && [ -n "${HEAP:-}" ] && a=$HEAP
  args+=("$a")
done
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" \
  -XX:StartFlightRecording=filename="$dir/extension-$$.jfr",settings=profile,dumponexit=true "${args[@]}"
