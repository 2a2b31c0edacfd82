#!/usr/bin/env bash
# Development aid: (re)builds the app and (re)starts the e2e server on 127.0.0.1:${E2E_PORT:-4317} in the
# background, so several Playwright runs can reuse one server (playwright.config.ts reuses it outside CI).
# Serialized with flock: concurrent callers wait for each other.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${E2E_PORT:-4317}
exec 9>/tmp/roster-e2e-server.lock
flock 9
pkill -f "roster-e2e-server-$PORT" 2>/dev/null || true
npm run build --silent >/tmp/roster-e2e-build.log 2>&1 || { tail -30 /tmp/roster-e2e-build.log; exit 1; }
HOST=127.0.0.1 PORT=$PORT CLIENTS_API_URL= BLUEDOLPHIN_API_URL= DEMO_LATENCY_MS=0 LOG_LEVEL=silent \
  nohup node dist-server/main.js "roster-e2e-server-$PORT" >/tmp/roster-e2e-server.log 2>&1 9>&- &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && { echo "e2e server ready on $PORT"; exit 0; }; sleep 0.2; done
echo "e2e server did not start"; cat /tmp/roster-e2e-server.log; exit 1
