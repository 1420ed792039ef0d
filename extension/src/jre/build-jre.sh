#!/bin/sh
# Makes the Java runtime of the layer's "-jre" variant, for functions whose runtime has no JVM.
#   build-jre.sh JDK OUTPUT
# jlink from Temurin 25, whose binaries need only glibc 2.17 (Amazon Linux 2 and 2023); Debian's OpenJDK
# needs glibc 2.34 and must not be used. Only the modules the extension uses, no debug data, resources
# left uncompressed (decompressing them would cost CPU at every start), and a CDS archive of exactly the
# JDK classes the extension loads (classlist beside this script), mapped rather than parsed at start.
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
classlist="$(dirname "$0")/classlist"
want="$("$jdk/bin/java" -version 2>&1 | tail -1) $(cksum < "$0") $(cksum < "$classlist")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0 # already made by this script from this JDK
fi
rm -rf "$out"
mkdir -p "$(dirname "$out")"
log="$out.log"
if ! "$jdk/bin/jlink" --add-modules java.base --output "$out" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-0 > "$log" 2>&1 \
  || ! "$out/bin/java" -Xshare:dump -XX:SharedClassListFile="$classlist" -XX:+UseSerialGC \
    -XX:SharedArchiveFile="$out/lib/server/classes.jsa" >> "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
# what the extension never uses
rm -rf "$out/bin/jwebserver" "$out/bin/keytool"
echo "$want" > "$stamp"
