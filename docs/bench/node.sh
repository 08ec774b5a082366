# Sourced by the single-node scripts here (one-node.sh, statements-per-intake.sh): start_node starts the extracted
# application (APP holds the extracted jar and its CDS archive app.jsa; docs/operations.md, Production start) with
# the demo users on PORT and a fresh H2 file (URL options OPTIONS) in a temporary directory, passes its own arguments
# on to the application, and returns once the node answers its health check; PID is the node's process. The node is
# stopped and gone (its port free for the next run), and the directory removed, when the script ends.
# The JVM options are the pom's redress.jvm (those of the README's run command and Production start) unless JVM is set.
OPTIONS=${OPTIONS:-;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500;QUERY_CACHE_SIZE=64;RETENTION_TIME=5000}
POM="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/pom.xml"
JVM=${JVM:-$(sed -n 's:.*<redress.jvm>\([^$].*\)</redress.jvm>.*:\1:p' "$POM")}
[ -n "$JVM" ] || { echo "no <redress.jvm> in $POM" >&2; exit 1; }

start_node() {
  DIR=$(mktemp -d); cd "$DIR"
  # shellcheck disable=SC2086 # JVM holds several options
  MALLOC_ARENA_MAX=2 java -XX:SharedArchiveFile="$APP/app.jsa" $JVM -jar "$APP"/redress-*.jar \
    --spring.profiles.active=demo --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:./data/redress$OPTIONS" \
    "$@" > node.log 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
  for _ in $(seq 1 120); do
    kill -0 $PID 2>/dev/null || { echo "the node did not start:" >&2; tail -20 node.log >&2; exit 1; }
    curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the node did not answer its health check in 120 s" >&2
  exit 1
}
