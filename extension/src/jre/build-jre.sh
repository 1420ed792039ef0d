#!/bin/sh
# Makes the Java runtime of the layer's "-jre" variant, for functions whose runtime has no JVM.
#   build-jre.sh JDK OUTPUT
# jlink from Temurin 25, whose binaries need only glibc 2.17 (Amazon Linux 2 and 2023); Debian's OpenJDK
# needs glibc 2.34 and must not be used. Only the modules the extension uses, no debug data, resources
# left uncompressed (decompressing them would cost CPU at every start), and the default CDS archive, so
# the JDK's own start-up classes are mapped rather than parsed.
set -eu
jdk=$1
out=$2
if [ ! -x "$jdk/bin/jlink" ] || ! "$jdk/bin/java" -version 2>&1 | grep -q 'Temurin-25'; then
  echo "[jre] no Temurin 25 at $jdk: the -jre layer variant is not built." >&2
  echo "[jre] Install Temurin 25 (it is under /usr/lib/jvm on these machines) or pass -Djre.jdk=PATH." >&2
  rm -rf "$out"
  exit 0
fi
stamp="$out/.built-from"
want="$("$jdk/bin/java" -version 2>&1 | tail -1) $(cksum < "$0")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0 # already made by this script from this JDK
fi
rm -rf "$out"
mkdir -p "$(dirname "$out")"
log="$out.log"
if ! "$jdk/bin/jlink" --add-modules java.base,jdk.httpserver --output "$out" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-0 --generate-cds-archive > "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
# what the extension never uses: other tools, and the archive for heaps over 32 GB
rm -rf "$out/bin/jwebserver" "$out/bin/keytool" "$out/lib/server/classes_nocoops.jsa"
echo "$want" > "$stamp"
