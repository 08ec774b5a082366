#!/usr/bin/env bash
# Lints the complaint API's contract as the running application serves it (/v3/api-docs): Redocly CLI's
# `recommended` ruleset and Spectral's `spectral:oas`, 0 errors and 0 warnings. Starts the built jar (demo users,
# an in-memory database, a free port) unless BASE names a running application.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${BASE:-}" ]; then
  jar=$(ls ../../target/redress-*.jar | head -1)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 8094)
  java -jar "$jar" --spring.profiles.active=demo --server.port="$port" \
    --spring.datasource.url="jdbc:h2:mem:openapi-check;DB_CLOSE_DELAY=-1" > app.log 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do
    if curl -fs "http://localhost:$port/actuator/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 $app 2>/dev/null; then tail -50 app.log; echo "the application did not start" >&2; exit 1; fi
    sleep 1
  done
  BASE="http://localhost:$port"
fi
curl -fsS -u fiona:demo "$BASE/v3/api-docs" -o openapi.json
status=0
# Redocly fails only on errors by itself: its JSON report also counts the warnings
npx --no-install redocly lint openapi.json --config redocly.yaml --format=json > redocly-report.json 2>redocly.log || true
node -e '
  const r = JSON.parse(require("fs").readFileSync("redocly-report.json", "utf8"));
  const t = r.totals || {};
  for (const p of r.problems || []) {
    console.log(`redocly ${p.severity} ${p.ruleId}: ${p.message} (${(p.location || []).map(l => l.pointer).join(", ")})`);
  }
  console.log(`redocly recommended: ${t.errors || 0} error(s), ${t.warnings || 0} warning(s)`);
  process.exit((t.errors || 0) + (t.warnings || 0) === 0 ? 0 : 1);
' || status=1
npx --no-install spectral lint openapi.json --ruleset .spectral.yaml --fail-severity=hint --display-only-failures \
  || status=1
if [ $status -eq 0 ]; then echo "OpenAPI contract: 0 errors, 0 warnings (Redocly recommended, Spectral spectral:oas)"; fi
exit $status
