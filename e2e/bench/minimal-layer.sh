#!/bin/sh
# A copy of a -jre layer with the least a Java extension does (minimal/Main.java) in place of the
# extension: the same launcher, flags and runtime, for InitCpu.java to measure beside the real one.
#   e2e/bench/minimal-layer.sh LAYER-JRE.zip OUT.zip
set -eu
out=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac --release 17 -d "$work/classes" "$(dirname "$0")/minimal/Main.java"
unzip -q "$1" -d "$work/layer"
rm "$work/layer/lambdalogs/lambdalogs-extension.jar"
jar cf "$work/layer/lambdalogs/lambdalogs-extension.jar" -C "$work/classes" .
rm -f "$out"
(cd "$work/layer" && zip -q -r -y "$out" .)
