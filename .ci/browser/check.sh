#!/usr/bin/env bash
# Starts the built application (demo users, an in-memory database, a free port) and runs the browser checks:
# customer text shown as text in Tasklist, and the whole lifecycle of two complaints through Tasklist.
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls ../../target/redress-*.jar | head -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 8093)
java -jar "$jar" --spring.profiles.active=demo --server.port="$port" \
  --spring.datasource.url="jdbc:h2:mem:browser-check;DB_CLOSE_DELAY=-1" > app.log 2>&1 &
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
BASE="http://localhost:$port" node tasklist-markup.mjs
# every role's step of two complaints only through Tasklist, then Cockpit and Admin; screenshots of every step in
# target/browser-screenshots/, the README's Tasklist pictures (English, Chinese) in docs/screenshots/
BASE="http://localhost:$port" node tasklist-lifecycle.mjs
# a login throttled after failures: Tasklist's login page says when to try again (last: it throttles)
BASE="http://localhost:$port" node login-throttle.mjs
