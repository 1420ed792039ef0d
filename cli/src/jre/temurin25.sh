# Sourced by the scripts that jlink from Temurin 25: sets jdk to Temurin 25's home (the one given, else
# JAVA_HOME's or /usr/lib/jvm/temurin-25*), or says what to install and exits. Usage: find_temurin25 [JDK] TAG
find_temurin25() {
  jdk=${1:-}
  tag=$2
  is_temurin25() {
    [ -x "$1/bin/jlink" ] && "$1/bin/java" -version 2>&1 | grep -q 'Temurin-25'
  }
  if [ -z "$jdk" ]; then
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25*; do
      if [ -n "$candidate" ] && is_temurin25 "$candidate"; then
        jdk=$candidate
        break
      fi
    done
  fi
  if [ -z "$jdk" ] || ! is_temurin25 "$jdk"; then
    where=${jdk:+"at $jdk (-Djre.jdk)"}
    echo "[$tag] no Temurin 25 JDK ${where:-in JAVA_HOME or /usr/lib/jvm/temurin-25*}: it is what lambdalogs jlinks its runtimes from." >&2
    echo "[$tag] Install it (Debian and Ubuntu: apt-get install temurin-25-jdk, from Adoptium's repository at" >&2
    echo "[$tag] https://packages.adoptium.net/artifactory/deb; elsewhere https://adoptium.net), or pass -Djre.jdk=PATH." >&2
    exit 1
  fi
}
