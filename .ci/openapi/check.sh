#!/usr/bin/env bash
# Lints the complaint API's contract as the running application serves it (/v3/api-docs): Redocly CLI's
# `recommended` ruleset and Spectral's `spectral:oas`, 0 errors and 0 warnings. Starts the built jar (demo users,
# an in-memory database, a free port) unless BASE names a running application.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${BASE:-}" ]; then
  source ../start-app.sh
  start_app openapi-check
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
