#!/bin/sh
# Makes lambdalogs' release archives from a built CLI (./mvnw -Pdist package runs it):
#   make-dist.sh OUT VERSION CLI_TARGET REPOSITORY [JDK]
# OUT/lambdalogs-VERSION-linux-x86_64.tar.gz: bin/lambdalogs on a jlink'd Temurin 25 runtime (runtime/),
# the CLI (app/: its jars, DuckDB's library for this platform, the layer's runtimes), completions, man
# pages and the README; OUT/lambdalogs-VERSION.zip, the same without the runtime and with DuckDB's
# library for every platform, for a machine with Java 17+; and SHA256SUMS. The runtime carries the
# class-data archive of its own classes; the CLI's are archived on the machine, at the first run
# (bin/lambdalogs), since an archive of them made here would differ from build to build.
# Deterministic: files sorted, owned by 0, stamped with the last commit's time, no names or times of
# this machine's.
set -eu
out=$1
version=$2
target=$3
repo=$4
. "$repo/cli/src/jre/temurin25.sh"
find_temurin25 "${5:-}" dist

# what the CLI's code needs of the JDK (jdeps over its jars, then java.desktop for the SDK's and
# commons' java.beans, and jdk.crypto.ec for TLS): the rest stays out of the archive
modules=java.base,java.desktop,java.logging,java.net.http,java.sql,java.xml,jdk.httpserver,jdk.unsupported,jdk.crypto.ec

name=lambdalogs-$version
stage=$out/stage
home=$stage/$name
rm -rf "$stage"
mkdir -p "$home/bin" "$home/app" "$home/completions" "$home/man"
"$jdk/bin/jlink" --add-modules "$modules" --output "$home/runtime" --strip-debug --no-header-files \
  --no-man-pages --compress=zip-0 --generate-cds-archive >/dev/null
find "$home/runtime/bin" -type f ! -name java -delete

cp "$target/lambdalogs.jar" "$target/layer-sha256.properties" "$home/app/"
mkdir "$home/app/lib"
for file in "$target"/lib/*; do
  case "${file##*/}" in
    libduckdb_java.so_linux_amd64) cp "$file" "$home/app/lib/" ;;
    libduckdb_java.so_*) ;; # other platforms' libraries
    *) cp "$file" "$home/app/lib/" ;;
  esac
done
for jre in jre jre-arm64; do
  cp -R "$target/$jre" "$home/app/$jre"
  rm -f "$home/app/$jre/.built-from"
done
cp "$repo/cli/src/dist/lambdalogs" "$home/bin/lambdalogs"
cp "$repo/completions/lambdalogs.bash" "$home/completions/"
cp "$repo"/docs/man/*.1 "$home/man/"
cp "$repo/README.md" "$home/"

epoch=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 1767225600)
chmod -R u+rwX,go+rX,go-w "$home"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
  | gzip -n -6 > "$out/$name-linux-x86_64.tar.gz"

# the platform-neutral zip, for a Java 17+ already there: no runtime/, DuckDB's library for every
# platform its driver knows; in name order, stamped in UTC, with Unix modes and no extra fields
rm -rf "$home/runtime"
for file in "$target"/lib/libduckdb_java.so_*; do
  cp "$file" "$home/app/lib/"
done
find "$home" -exec touch -h -d "@$epoch" {} +
rm -f "$out/$name.zip"
(cd "$stage" && find "$name" | LC_ALL=C sort | TZ=UTC zip -q -X -D -@ "$out/$name.zip")
rm -rf "$stage"
(cd "$out" && sha256sum ./*.tar.gz ./*.zip | sed 's| \./| |' > SHA256SUMS)
cat "$out/SHA256SUMS"
