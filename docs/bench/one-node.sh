#!/usr/bin/env bash
# CPU per intake of one node on a fresh H2 file: starts the extracted application (docs/operations.md, Production
# start: APP holds the extracted jar and its CDS archive app.jsa) with the demo users on PORT, runs 100 intakes to
# warm up and N more at 8 clients (cpu-per-intake.py), waits 60 s idle, and prints the node's CPU per intake under
# load and with the idle minute, the size of its H2 file and the process's RSS high-water mark (VmHWM). Alternate two builds to compare them:
#
#   APP=/tmp/app-before docs/bench/one-node.sh before; APP=/tmp/app-after docs/bench/one-node.sh after; ...
set -euo pipefail
LABEL=${1:?label}; N=${N:-2900}; PORT=${PORT:-8091}; APP=${APP:?directory of the extracted jar}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/node.sh"
start_node
TICK=$(getconf CLK_TCK)
cpu() { awk -v t="$TICK" '{print ($14+$15)/t}' /proc/$PID/stat; }
c0=$(cpu)
RESULT=$(python3 "$HERE/cpu-per-intake.py" "$PID" "$PORT" "$N" 8)
c1=$(cpu); s1=$(du -m data/redress.mv.db | cut -f1)
hwm=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$PID/status)
sleep 60
c2=$(cpu); s2=$(du -m data/redress.mv.db | cut -f1)
per() { python3 -c "print(round(($1 - $c0) * 1000 / ($N + 100), 1))"; }
echo "$LABEL: $RESULT | CPU per intake with the warm-up $(per "$c1") ms, with the idle minute $(per "$c2") ms;" \
  "H2 file ${s1} MB after the load, ${s2} MB after 60 s idle; RSS high-water ${hwm} MB"
