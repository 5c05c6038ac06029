#!/usr/bin/env bash
# `npm run validators:install`: the offline checkers of the deploy files, built with Go into .tools/:
#   .tools/bin/kubeconform      Kubernetes manifests against the API schemas (github.com/yannh/kubeconform)
#   .tools/k8s-schemas/<ver>/   those schemas, made from the Kubernetes API's own OpenAPI document in the
#                               Go module k8s.io/kubernetes (so nothing is fetched at validation time)
#   .tools/bin/compose-check    the compose file through compose-go, Docker Compose's own parser
# Idempotent: does nothing when all three are there. Also run by `npm test` (infra/test/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

KUBECONFORM_VERSION="v0.8.0"
KUBERNETES_VERSION="v1.36.3"
BIN_DIR="$PWD/.tools/bin"
SCHEMA_DIR="$PWD/.tools/k8s-schemas/$KUBERNETES_VERSION"
COMPOSE_SRC="$PWD/infra/validate/compose-check"

kubeconform_ok() { [ -x "$BIN_DIR/kubeconform" ] && go version -m "$BIN_DIR/kubeconform" 2>/dev/null | grep -q "kubeconform[[:space:]]*$KUBECONFORM_VERSION"; }
compose_ok() { [ -x "$BIN_DIR/compose-check" ] && [ "$BIN_DIR/compose-check" -nt "$COMPOSE_SRC/main.go" ] && [ "$BIN_DIR/compose-check" -nt "$COMPOSE_SRC/go.sum" ]; }

if ! command -v go >/dev/null 2>&1; then
  if [ -x "$BIN_DIR/kubeconform" ] && [ -f "$SCHEMA_DIR/.complete" ] && [ -x "$BIN_DIR/compose-check" ]; then exit 0; fi
  echo "validators:install needs Go 1.24+ to build kubeconform and compose-check: apt-get install golang-go (Debian 13 / Ubuntu 24.04+) or https://go.dev/dl/" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
if ! kubeconform_ok; then
  echo "Building kubeconform $KUBECONFORM_VERSION…"
  GOBIN="$BIN_DIR" go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
fi
if ! compose_ok; then
  echo "Building compose-check (compose-go)…"
  (cd "$COMPOSE_SRC" && GOBIN="$BIN_DIR" go install .)
fi
if [ ! -f "$SCHEMA_DIR/.complete" ]; then
  echo "Making the Kubernetes $KUBERNETES_VERSION JSON schemas from k8s.io/kubernetes…"
  module_dir="$(cd "$(mktemp -d)" && go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  rm -rf "$SCHEMA_DIR"
  node infra/validate/k8s-schemas.ts "$module_dir/api/openapi-spec/swagger.json" "$SCHEMA_DIR"
  touch "$SCHEMA_DIR/.complete"
fi
