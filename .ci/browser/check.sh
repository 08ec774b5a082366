#!/usr/bin/env bash
# Starts the built application (demo users, an in-memory database, a free port) and runs the browser checks:
# customer text shown as text in Tasklist, the webapps' date pickers and shortcuts in the browser's language, and the
# whole lifecycle of two complaints through Tasklist, and the reports dashboard.
set -euo pipefail
cd "$(dirname "$0")"
source ../start-app.sh
start_app browser-check
BASE="$BASE" node tasklist-markup.mjs
# the date pickers' month and day names and Tasklist's shortcut descriptions in the browser's language (zh-CN, en-US)
BASE="$BASE" node webapp-locale.mjs
# every role's step of two complaints only through Tasklist, then Cockpit and Admin; screenshots of every step in
# target/browser-screenshots/, the README's Tasklist pictures (English, Chinese) in docs/screenshots/
BASE="$BASE" node tasklist-lifecycle.mjs
# the reports dashboard (/reports): charts and KPIs as the reports API says, for maria (session) and sam (Basic), each
# chart's CSV, fiona and hank refused; its picture in docs/screenshots/reports-en.png
BASE="$BASE" node reports-dashboard.mjs
# the customers' status page on a phone's width in English and Chinese: the public form, a message, a look-up; the
# README's pictures (track-en.png, track-zh.png) in docs/screenshots/
BASE="$BASE" node track.mjs
# a login throttled after failures: Tasklist's login page says when to try again (last: it throttles)
BASE="$BASE" node login-throttle.mjs
