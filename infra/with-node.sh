#!/usr/bin/env bash
# `bash infra/with-node.sh <command…>`: runs the command with Node ≥ 22.12 first on PATH (Node 24 from
# .tools/ when the system Node is older, see ensure-node.sh). The npm scripts go through it, so
# `npm test` works even when npm itself was started by an old system Node.
set -euo pipefail
. "$(dirname "$0")/ensure-node.sh"
exec "$@"
