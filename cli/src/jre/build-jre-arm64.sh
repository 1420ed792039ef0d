#!/bin/sh
# Makes an arm64 Java runtime on this x86_64 machine: the layer's arm64 "-jre" variant's, and the
# linux-aarch64 release archive's (make-dist.sh):
#   build-jre-arm64.sh OUTPUT MODULES [CLASSLIST]
# (and OUTPUT.sysroot: arm64 libc and friends, to run it under qemu). Its CDS archive holds the classes
# of CLASSLIST, or without one the JDK's own default list.
# No aarch64 Temurin is reachable, and Temurin 25's jlink refuses Java 17 jmods: so Debian bookworm's
# OpenJDK 17 for arm64, at a pinned version, its jmods linked by the x86_64 jlink of the same version
# (cross-linking works), stripped with aarch64 binutils (the host's objcopy cannot read aarch64), with
# libz beside it (lib/, found through libzip's $ORIGIN), and a CDS archive dumped under qemu. Its native
# files need glibc 2.34 at most: Amazon Linux 2023, not Amazon Linux 2. libstdc++ and libgcc_s are the
# function's runtime's own (Debian's libstdc++ needs glibc 2.36).
# What it needs and lacks, it installs when it runs as root, or says exactly what to install.
set -eu
out=$1
modules=$2
classlist=${3:-}
cache=${LAMBDALOGS_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lambdalogs/debs}

missing() {
  dpkg --print-foreign-architectures 2>/dev/null | grep -qx arm64 || echo "the arm64 architecture"
  command -v aarch64-linux-gnu-strip >/dev/null || echo "binutils-aarch64-linux-gnu"
  command -v qemu-aarch64-static >/dev/null || echo "qemu-user-static"
  command -v taskset >/dev/null && command -v chrt >/dev/null || echo "util-linux"
}
if [ -n "$(missing)" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[jre-arm64] installing $(missing | paste -sd, -)" >&2
    dpkg --add-architecture arm64
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static binutils-aarch64-linux-gnu >/dev/null
  else
    echo "[jre-arm64] the arm64 runtimes (the layer's, the aarch64 archive's) need: $(missing | paste -sd, -)." \
      "As root (Debian 12):" >&2
    echo "[jre-arm64]   dpkg --add-architecture arm64 && apt-get update" >&2
    echo "[jre-arm64]   apt-get install qemu-user-static binutils-aarch64-linux-gnu" >&2
    exit 1
  fi
fi

# the packages' versions: pinned, so that two builds make the same runtime. A pinned version leaves
# Debian's mirror at its next point release (OpenJDK's come each quarter): then the build takes the
# mirror's current one and says so, rather than fail; the pin is what to update.
cached() { # package version arch: the folder its .deb is kept in
  echo "$cache/$1_$3_$(echo "$2" | tr ':~+' '---')"
}
pinned() { # package version: the version to build from
  if ls "$(cached "$1" "$2" arm64)"/*.deb >/dev/null 2>&1 \
      || apt-cache madison "$1:arm64" 2>/dev/null | grep -qF " $2 "; then
    echo "$2"
  else
    current=$(apt-cache policy "$1:arm64" 2>/dev/null | awk '/Candidate/ {print $2}')
    echo "[jre-arm64] $1 $2 is no longer on Debian's mirror: building from ${current:-nothing} (update the pin in $0)" >&2
    echo "$current"
  fi
}
jdk_version=$(pinned openjdk-17-jdk-headless 17.0.21.1+2-1~deb12u1)
zlib_version=$(pinned zlib1g 1:1.2.13.dfsg-1)

stamp="$out/.built-from"
still=$(dirname "$0")/../cds/still.sh
want="$jdk_version $zlib_version $(cksum < "$0") $(cksum < "$still") $modules ${classlist:+$(cksum < "$classlist")}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0 # already made by this script from these packages
fi

# the packages, fetched once into a cache
mkdir -p "$cache"
fetch() { # package version arch: prints the .deb's path
  dir=$(cached "$1" "$2" "$3")
  if ! ls "$dir"/*.deb >/dev/null 2>&1; then
    mkdir -p "$dir"
    if ! (cd "$dir" && apt-get download -qq "$1:$3=$2" 2>/dev/null); then
      echo "[jre-arm64] cannot download $1:$3=$2 from Debian's mirror: if it is gone, pin the version" >&2
      echo "[jre-arm64] 'apt-cache madison $1:$3' lists in $0" >&2
      exit 1
    fi
  fi
  ls "$dir"/*.deb
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for arch in arm64 amd64; do
  for package in openjdk-17-jre-headless openjdk-17-jdk-headless; do
    dpkg-deb -x "$(fetch "$package" "$jdk_version" "$arch")" "$work/$arch"
  done
done
dpkg-deb -x "$(fetch zlib1g "$zlib_version" arm64)" "$work/zlib"
jlink="$work/amd64/usr/lib/jvm/java-17-openjdk-amd64/bin/jlink"
jmods="$work/arm64/usr/lib/jvm/java-17-openjdk-arm64/jmods"

rm -rf "$out"
mkdir -p "$(dirname "$out")"
log="$out.log"
if ! "$jlink" --module-path "$jmods" --add-modules "$modules" --output "$out" \
    --strip-java-debug-attributes --strip-native-debug-symbols objcopy=/usr/bin/aarch64-linux-gnu-objcopy \
    --no-header-files --no-man-pages --compress=0 > "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
find "$out" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec aarch64-linux-gnu-strip --strip-unneeded {} +
cp "$work/zlib/lib/aarch64-linux-gnu/libz.so.1.2.13" "$out/lib/libz.so.1"
find "$out/bin" -type f ! -name java -delete # keytool and friends: neither the extension nor the CLI runs them

# the CDS archive, dumped by the arm64 JVM itself, under qemu, against a sysroot of arm64 libraries
# (kept beside the runtime, OUTPUT.sysroot, for the tests that run the arm64 layer here; not in the layer)
sysroot="$out.sysroot"
rm -rf "$sysroot"
for package in libc6 libstdc++6 libgcc-s1; do
  version=$(apt-cache policy "$package:arm64" | awk '/Candidate/ {print $2}')
  dpkg-deb -x "$(fetch "$package" "$version" arm64)" "$sysroot"
done
# a list recorded on Temurin 25: its class names serve Java 17 too, its @-lines are 25's own format
if [ -n "$classlist" ]; then
  grep -v '^@' "$classlist" > "$work/classlist"
else
  cp "$out/lib/classlist" "$work/classlist"
fi
# the dump is held still (../cds/still.sh), and Java 17 writes the absolute paths of its runtime, libraries
# and list into it: so they lie in one fixed folder, held by one build at a time
place=/tmp/lambdalogs-arm64-cds
find "$place.lock" -maxdepth 0 -mmin +10 -exec rm -rf {} \; 2>/dev/null || true # a killed build's
until mkdir "$place.lock" 2>/dev/null; do sleep 1; done
trap 'rm -rf "$work" "$place" "$place.lock"' EXIT
rm -rf "$place"
mkdir "$place"
cp -R "$out" "$place/jre"
cp -R "$sysroot" "$place/sysroot"
cp "$work/classlist" "$place/classlist"
if ! sh "$still" / "$log" qemu-aarch64-static -L "$place/sysroot" "$place/jre/bin/java" -Xint \
    -Xshare:dump -XX:SharedClassListFile="$place/classlist" -XX:+UseSerialGC \
    -XX:SharedArchiveFile="$place/jre/lib/server/classes.jsa"; then
  cat "$log" >&2
  exit 1
fi
cp "$place/jre/lib/server/classes.jsa" "$out/lib/server/classes.jsa"
echo "$want" > "$stamp"
