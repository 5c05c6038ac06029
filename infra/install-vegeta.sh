#!/usr/bin/env bash
# `npm run loadgen:install`: builds vegeta (github.com/tsenart/vegeta, MIT), the open-loop
# constant-rate HTTP load tool `npm run bench:load` drives, into .tools/bin/vegeta with Go.
# Idempotent: does nothing when that binary is already the pinned version. bench:load runs this
# by itself when the binary is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="12.13.0"
BIN_DIR="$PWD/.tools/bin"
TARGET="$BIN_DIR/vegeta"

# `go install` leaves vegeta's -version at "unknown" (its Makefile sets it with -ldflags), so the
# module version recorded in the binary is what tells the versions apart.
vegeta_ok() {
  [ -x "$TARGET" ] || return 1
  if command -v go >/dev/null 2>&1; then
    go version -m "$TARGET" 2>/dev/null | grep -q "github.com/tsenart/vegeta/v12[[:space:]]*v$VERSION"
  else
    true # an official release binary put there by hand
  fi
}

if vegeta_ok; then
  echo "vegeta $VERSION is already installed at $TARGET"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "loadgen:install needs Go 1.22+ to build vegeta $VERSION: apt-get install golang-go (Debian 13 / Ubuntu 24.04+) or https://go.dev/dl/; or put the release binary from https://github.com/tsenart/vegeta/releases/tag/v$VERSION at $TARGET" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "Building vegeta $VERSION with $(go version | cut -d' ' -f3)…"
GOBIN="$BIN_DIR" go install "github.com/tsenart/vegeta/v12@v$VERSION"
echo "Installed at $TARGET"
