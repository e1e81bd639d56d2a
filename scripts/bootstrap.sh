#!/usr/bin/env bash
# Installs what building and testing need, only where it is missing or at the
# wrong version. Safe to run again: a machine that has everything takes ~1 s.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Minifies the JS glue of release builds; pinned, as sizes are a test.
TERSER_VERSION=5.51.4
# The accessibility checker the end-to-end tests run in the page.
AXE_VERSION=4.14.1
# wasm-opt older than this cannot read what current rustc emits.
MIN_WASM_OPT=116

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm-bindgen CLI must match the library exactly; Cargo.lock says which.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

apt_packages=()
command -v chromium >/dev/null || apt_packages+=(chromium)
command -v chromedriver >/dev/null || apt_packages+=(chromium-driver)
command -v npm >/dev/null || apt_packages+=(npm)
# brotli precompresses the release build; nginx (with the brotli static
# module) serves it in the end-to-end test of deploy/nginx.conf.
command -v brotli >/dev/null || apt_packages+=(brotli)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_packages+=(nginx)
[ -e /etc/nginx/modules-enabled/50-mod-http-brotli-static.conf ] || apt_packages+=(libnginx-mod-http-brotli-static)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "installing ${apt_packages[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

wasm_opt_version() { wasm-opt --version 2>/dev/null | sed -n 's/.*version_\([0-9]*\).*/\1/p'; }
if [ "$(wasm_opt_version || echo 0)" -lt "$MIN_WASM_OPT" ] 2>/dev/null || ! command -v wasm-opt >/dev/null; then
  say "installing wasm-opt (npm package binaryen)"
  as_root npm install -g --silent binaryen
fi

if [ "$(terser --version 2>/dev/null)" != "terser $TERSER_VERSION" ]; then
  say "installing terser $TERSER_VERSION (npm)"
  as_root npm install -g --silent "terser@$TERSER_VERSION"
fi

axe_installed() { sed -n 's/^  "version": "\(.*\)",$/\1/p' "$(npm root -g)/axe-core/package.json" 2>/dev/null; }
if [ "$(axe_installed)" != "$AXE_VERSION" ]; then
  say "installing axe-core $AXE_VERSION (npm)"
  as_root npm install -g --silent "axe-core@$AXE_VERSION"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

want=$(wasm_bindgen_version)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $want" ]; then
  say "installing wasm-bindgen-cli $want"
  # Not --locked: one of its pinned dependencies is no longer published.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

say "tools ready: $(trunk --version), wasm-bindgen $want, wasm-opt version_$(wasm_opt_version), $(chromium --version 2>/dev/null | head -n1)"
