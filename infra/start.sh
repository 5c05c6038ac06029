#!/usr/bin/env bash
# `npm start`: Node 24 if needed, then the api with the worker in the same process (and, without
# DATABASE_URL, the embedded database).
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/ensure-node.sh
if [ ! -d node_modules ]; then npm install; fi
if [ -f web/index.html ] && [ ! -f web/dist/index.html ]; then
  echo "telemost: building the web client (first run)…"
  npm run build -w web
fi
# With DATABASE_URL the api alone would leave reminders and rooms undone: `npm start` runs the worker
# in the same process unless WORKER_MODE says otherwise (deployments run `node api/src/main.ts`).
if [ -n "${DATABASE_URL:-}" ] && [ -z "${WORKER_MODE:-}" ]; then
  export WORKER_MODE=embedded
  echo "telemost: DATABASE_URL is set, so the worker runs inside this api process (to run it apart: WORKER_MODE=off npm start, then npm run start:worker)"
fi
exec node api/src/main.ts
