#!/usr/bin/env bash
# Starts the built application (demo users, an in-memory database, a free port) and runs the browser checks.
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls ../../target/redress-*.jar | head -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 8093)
java -jar "$jar" --spring.profiles.active=demo --server.port="$port" \
  --spring.datasource.url="jdbc:h2:mem:browser-check;DB_CLOSE_DELAY=-1" > app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  if curl -fs "http://localhost:$port/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $app 2>/dev/null; then tail -50 app.log; echo "the application did not start" >&2; exit 1; fi
  sleep 1
done
BASE="http://localhost:$port" node tasklist-markup.mjs
BASE="http://localhost:$port" node login-throttle.mjs
