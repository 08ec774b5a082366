#!/usr/bin/env bash
# An escalation storm on one node: starts the extracted application (APP holds the extracted jar and its CDS archive
# app.jsa, docs/operations.md, Production start) on a fresh H2 file with the demo users, the job executor looking for
# due jobs every second; takes N complaints in (N=1500 unless set; cpu-per-intake.py); makes all their classification
# deadlines due at once with one UPDATE through H2's own shell (the file opened with AUTO_SERVER, which H2 refuses
# beside DB_CLOSE_ON_EXIT=FALSE); counts the *Handle escalation* tasks every second over HTTP (as admin); and prints
# the time until each case has its one, and the node's CPU per escalation (/proc/<pid>/stat). The benchmark
# (RedressBenchmark, *Deadlines*) does the same with seeded copies; this compares two builds in a few minutes.
#
#   APP=/tmp/app-before docs/bench/escalations.sh before; APP=/tmp/app-after docs/bench/escalations.sh after
set -euo pipefail
LABEL=${1:?label}; PORT=${PORT:-8095}; APP=${APP:?directory of the extracted jar}; N=${N:-1500}
HERE=$(cd "$(dirname "$0")" && pwd)
OPTIONS=";WRITE_DELAY=500;QUERY_CACHE_SIZE=64;RETENTION_TIME=5000;AUTO_SERVER=TRUE"
. "$HERE/node.sh"
start_node --camunda.bpm.job-execution.wait-time-in-millis=1000 --camunda.bpm.job-execution.max-wait=1000
python3 "$HERE/cpu-per-intake.py" "$PID" "$PORT" "$((N - 100))" 8 >/dev/null  # N complaints (100 of them to warm up)
H2=$(ls "$APP"/lib/h2-*.jar)
escalations() {  # the Handle escalation tasks, as the administrator counts them (cheaper to ask than a JVM of H2)
  curl -sf -u admin:demo "localhost:$PORT/engine-rest/task/count?taskDefinitionKey=handleEscalation" | grep -o '[0-9]*'
}
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
before=$(escalations)
c0=$(cpu); t0=$(date +%s.%N)
made=$(java -cp "$H2" org.h2.tools.Shell -url "jdbc:h2:file:$DIR/data/redress$OPTIONS" -user sa -sql \
  "UPDATE act_ru_job SET duedate_ = DATEADD('SECOND', -1, CURRENT_TIMESTAMP) WHERE type_ = 'timer' AND job_def_id_ IN
   (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = 'Timer_ClassifyOverdue')" | grep -o 'Update count: [0-9]*' | grep -o '[0-9]*$')
while :; do
  now=$(escalations)
  [ "$((now - before))" -ge "$made" ] && break
  [ "$(echo "$(date +%s.%N) - $t0 > 900" | bc)" = 1 ] && { echo "$LABEL: only $((now - before)) of $made escalated in 15 minutes"; exit 1; }
  sleep 1
done
t1=$(date +%s.%N); c1=$(cpu)
tick=$(getconf CLK_TCK)
python3 -c "m=$made; s=$t1-$t0; c=($c1-$c0)/$tick
print(f'$LABEL: {m} deadlines due at once, all escalated in {s:.1f} s ({m/s:.1f} a second), {c*1000/m:.1f} ms application CPU each')"
