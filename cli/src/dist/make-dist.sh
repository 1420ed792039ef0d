#!/bin/sh
# Makes lambdalogs' release archives from a built CLI (./mvnw -Pdist package runs it):
#   make-dist.sh OUT VERSION CLI_TARGET REPOSITORY [JDK]
# OUT/lambdalogs-VERSION-linux-PLATFORM.tar.gz, for x86_64 and aarch64: bin/lambdalogs on a jlink'd Java
# runtime of the platform's (runtime/), the CLI (app/: its jars, DuckDB's library for the platform, the
# layer's runtimes), completions, man pages, the README and the licences; OUT/lambdalogs-VERSION.zip, the
# same without the runtime and with DuckDB's library for every platform, for a machine with Java 17+; and
# SHA256SUMS. x86_64's runtime is Temurin 25's; aarch64's Debian's OpenJDK 17 for arm64 (no aarch64
# Temurin is reachable from the build), cross-linked like the layer's (build-jre-arm64.sh). Each carries
# the class-data archive of its own classes; the CLI's are archived on the machine, at the first run
# (bin/lambdalogs): an archive of them made here would differ from build to build (the JVM's table of open
# jars hashes their inode numbers, and how that table fills changes what the dump holds: docs/benchmarks.md).
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
mkdir -p "$home/bin" "$home/app/lib" "$home/completions" "$home/man"
cp "$target/lambdalogs.jar" "$target/layer-sha256.properties" "$repo/cli/src/cds/classlist" "$home/app/"
# the jars the CLI's manifest names (lib/ may hold older builds' too); DuckDB's library: each archive its own
for jar in $(unzip -p "$target/lambdalogs.jar" META-INF/MANIFEST.MF | tr -d '\r' \
    | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' | sed -n 's/^Class-Path: //p'); do
  cp "$target/$jar" "$home/app/lib/"
done
for jre in jre jre-arm64; do
  cp -R "$target/$jre" "$home/app/$jre"
  rm -f "$home/app/$jre/.built-from"
done
cp "$repo/cli/src/dist/lambdalogs" "$home/bin/lambdalogs"
cp "$repo/completions/lambdalogs.bash" "$home/completions/"
cp "$repo"/docs/man/*.1 "$home/man/"
cp "$repo/README.md" "$repo/LICENSE" "$repo/NOTICE" "$home/"
epoch=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 1767225600)

# tarball PLATFORM DUCKDB_PLATFORM RUNTIME: the archive of one platform, with its runtime and DuckDB
tarball() {
  cp -R "$3" "$home/runtime"
  rm -f "$home/runtime/.built-from"
  cp "$target/lib/libduckdb_java.so_$2" "$home/app/lib/"
  chmod -R u+rwX,go+rX,go-w "$home"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
    | gzip -n -6 > "$out/$name-linux-$1.tar.gz"
  rm -rf "$home/runtime" "$home/app/lib/libduckdb_java.so_$2"
}

runtime=$stage/runtime-x86_64
rm -rf "$runtime"
"$jdk/bin/jlink" --add-modules "$modules" --output "$runtime" --strip-debug --no-header-files \
  --no-man-pages --compress=zip-0 --generate-cds-archive >/dev/null
find "$runtime/bin" -type f ! -name java -delete
tarball x86_64 linux_amd64 "$runtime"
rm -rf "$runtime"
sh "$repo/cli/src/jre/build-jre-arm64.sh" "$target/runtime-arm64" "$modules"
tarball aarch64 linux_arm64 "$target/runtime-arm64"

# the platform-neutral zip, for a Java 17+ already there: no runtime/, DuckDB's library for every
# platform its driver knows; in name order, stamped in UTC, with Unix modes and no extra fields
for file in "$target"/lib/libduckdb_java.so_*; do
  cp "$file" "$home/app/lib/"
done
find "$home" -exec touch -h -d "@$epoch" {} +
rm -f "$out/$name.zip"
(cd "$stage" && find "$name" | LC_ALL=C sort | TZ=UTC zip -q -X -D -@ "$out/$name.zip")
rm -rf "$stage"
(cd "$out" && sha256sum ./*.tar.gz ./*.zip | sed 's| \./| |' > SHA256SUMS)
cat "$out/SHA256SUMS"
