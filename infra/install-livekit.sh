#!/usr/bin/env bash
# `npm run livekit:install`: builds the LiveKit server into .tools/bin/livekit-server with Go.
# Idempotent: does nothing when that binary already reports the pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="1.13.5"
BIN_DIR="$PWD/.tools/bin"
TARGET="$BIN_DIR/livekit-server"

if [ -x "$TARGET" ] && "$TARGET" --version 2>/dev/null | grep -q "version $VERSION\$"; then
  echo "livekit-server $VERSION is already installed at $TARGET"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
livekit:install needs Go 1.21 or newer to build the LiveKit server (go then fetches the
Go 1.26 toolchain livekit-server $VERSION requires from the Go module proxy by itself).
  Debian 13 or Ubuntu 24.04+: sudo apt-get install golang-go; older systems: https://go.dev/dl/
Or download the official binary for your platform from
  https://github.com/livekit/livekit/releases/tag/v$VERSION
and put it at $TARGET.
MSG
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "Building livekit-server $VERSION with $(go version | cut -d' ' -f3) (first build takes a few minutes)…"
# `go install` names the binary after its package directory (cmd/server → "server").
GOBIN="$BIN_DIR" go install "github.com/livekit/livekit-server/cmd/server@v$VERSION"
mv -f "$BIN_DIR/server" "$TARGET"
"$TARGET" --version
echo "Installed at $TARGET"
