#!/usr/bin/env bash
# SQL statements per intake of one node: starts the extracted application (APP holds the extracted jar and its CDS
# archive app.jsa, docs/operations.md, Production start) on a fresh H2 file with the demo users and Spring's
# JdbcTemplate and Camunda's MyBatis mappers logging at DEBUG (each statement the node sends, one line), runs 120
# intakes to warm up, then 120 more (POST /api/complaints as fiona, HTTP Basic, one client, cpu-per-intake.py), and
# prints the statements per intake of the second batch: the intake's transaction, its answer and the request's
# authentication. Deterministic, unlike CPU per intake: compare two builds with it.
#
#   APP=/tmp/app-before docs/bench/statements-per-intake.sh before; APP=/tmp/app-after docs/bench/statements-per-intake.sh after
set -euo pipefail
LABEL=${1:?label}; PORT=${PORT:-8093}; APP=${APP:?directory of the extracted jar}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/node.sh"
start_node --logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG \
  --logging.level.org.camunda.bpm.engine.impl.persistence.entity=DEBUG
# one line per statement: a MyBatis mapper's "Preparing:", JdbcTemplate's statement line
statements() {
  grep -c -E "Preparing:|Executing prepared SQL statement|Executing SQL (query|statement|update) \[" node.log || true
}
python3 "$HERE/cpu-per-intake.py" "$PID" "$PORT" 20 1 >/dev/null  # 100 to warm up and 20
sleep 1
a=$(statements)
python3 "$HERE/cpu-per-intake.py" "$PID" "$PORT" 20 1 >/dev/null  # 120 more
sleep 1
b=$(statements)
echo "$LABEL: $((b - a)) statements in 120 intakes, $(python3 -c "print(round(($b - $a) / 120, 1))") per intake"
