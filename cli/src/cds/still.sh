#!/bin/sh
# Runs a JVM's class-data dump held still, so that it writes the same bytes every time:
#   still.sh FOLDER LOG COMMAND...   (COMMAND runs in FOLDER, its output appended to LOG)
# A dump writes what it loaded in the order its memory lies, and its threads race for that memory
# (JDK-8253495, fixed in 19; Java 25's still depends on where its files and memory are). So: its threads
# first-in first-out on one CPU (SCHED_FIFO: none is preempted for another, so they take turns in the
# same order every time), no address randomization, fixed stack and file limits, an empty environment.
# Paths it is given are written into the archive: the caller keeps them the same (relative, or a fixed
# folder). Without the right to SCHED_FIFO (root, or an rtprio limit) it runs all the same, and says the
# archive will differ from build to build.
set -eu
folder=$1
log=$2
shift 2
fifo="chrt -f 1"
if ! chrt -f 1 true 2>/dev/null; then
  fifo=""
  echo "[cds] warning: may not dump first-in first-out (chrt -f needs root or an rtprio limit): the" \
    "class-data archive of '$*' will differ from build to build" >&2
fi
exec 3>> "$log" # before the cd: LOG may be relative
cd "$folder"
ulimit -s 8192
ulimit -n 1024
# shellcheck disable=SC2086
exec env -i setarch -R $fifo taskset -c 0 "$@" >&3 2>&3 3>&-
