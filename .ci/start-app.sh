# Sourced by the CI checks that need the running application (.ci/browser, .ci/openapi): starts the built jar with the
# demo users on an in-memory database and a free port, stops it when the calling script exits, and sets BASE.
# Usage: source ../start-app.sh <database name>   (from a folder beside this file)
start_app() {
  local jar port
  jar=$(ls ../../target/redress-*.jar | head -1)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo 8093)
  java -jar "$jar" --spring.profiles.active=demo --server.port="$port" \
    --spring.datasource.url="jdbc:h2:mem:$1;DB_CLOSE_DELAY=-1" > app.log 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    if curl -fs "http://localhost:$port/actuator/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 $app 2>/dev/null; then tail -50 app.log; echo "the application did not start" >&2; exit 1; fi
    sleep 1
  done
  if ! curl -fs "http://localhost:$port/actuator/health" >/dev/null 2>&1; then
    tail -50 app.log; echo "the application did not answer within 10 minutes" >&2; exit 1
  fi
  BASE="http://localhost:$port"
}
