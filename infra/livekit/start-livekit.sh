#!/usr/bin/env bash
# `npm run livekit:start`: the local LiveKit server in the foreground, on loopback, with the dev
# config. `npm start` does this by itself when nothing answers at LIVEKIT_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=".tools/bin/livekit-server"
if [ ! -x "$BIN" ]; then
  echo "No LiveKit server at $BIN. Get it with: npm run livekit:install" >&2
  exit 1
fi
exec "$BIN" --config infra/livekit/livekit.dev.yaml "$@"
