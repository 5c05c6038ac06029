#!/usr/bin/env bash
# `npm start`: Node 24 if needed, then the api (with the embedded worker and database by default).
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/ensure-node.sh
if [ ! -d node_modules ]; then npm install; fi
if [ -f web/index.html ] && [ ! -f web/dist/index.html ]; then
  echo "telemost: building the web client (first run)…"
  npm run build -w web
fi
exec node api/src/main.ts
