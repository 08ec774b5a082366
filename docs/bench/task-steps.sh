#!/usr/bin/env bash
# CPU and SQL statements per claim and per completion of *Classify complaint* on one node (task-steps.py): starts the
# extracted application (APP holds the extracted jar and its CDS archive app.jsa, docs/operations.md, Production
# start) on a fresh H2 file with the demo users, runs a round to warm up, then a measured one. STATEMENTS=1 logs
# each SQL statement (JdbcTemplate's and Camunda's MyBatis mappers' DEBUG lines) and prints the statements per step;
# the logging costs CPU, so compare CPU figures only from runs without it.
#
#   APP=/tmp/app-before docs/bench/task-steps.sh before; STATEMENTS=1 APP=/tmp/app-before docs/bench/task-steps.sh before
set -euo pipefail
LABEL=${1:?label}; PORT=${PORT:-8094}; APP=${APP:?directory of the extracted jar}; N=${N:-200}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/node.sh"
LOG=()
if [ "${STATEMENTS:-}" = 1 ]; then
  start_node --logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG \
    --logging.level.org.camunda.bpm.engine.impl.persistence.entity=DEBUG
  LOG=("$DIR/node.log")
else
  start_node
fi
python3 "$HERE/task-steps.py" "$PID" "$PORT" 100 8 >/dev/null  # to warm up
python3 "$HERE/task-steps.py" "$PID" "$PORT" "$N" 8 "${LOG[@]}" | sed "s/^/$LABEL /"
