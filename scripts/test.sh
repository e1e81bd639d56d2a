#!/usr/bin/env bash
# Every test layer: formatting and lints, native tests (API client, stand-in
# server, end-to-end in headless Chromium), and browser component tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p openim-admin --target wasm32-unknown-unknown --all-targets -- -D warnings

step "release build of the dashboard (served by the end-to-end tests)"
trunk build --release --offline
cargo build -p openim-sim

step "size budget of the release build"
scripts/sizes.sh

step "native tests: API client, stand-in server, end-to-end"
cargo test --workspace 2>&1 | tee -a "$results"

step "browser tests: components and session storage in headless Chromium"
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo test -p openim-admin --target wasm32-unknown-unknown --test browser --test browser_transport 2>&1 | tee -a "$results"

# One line for all layers together (a failed layer has stopped the script already).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "\ntotal: %d passed, %d failed\n", p, f }' "$results"
