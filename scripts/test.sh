#!/usr/bin/env bash
# Every test layer: formatting and lints, native tests (API client, stand-in
# server, end-to-end in headless Chromium), and browser component tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p openim-admin --target wasm32-unknown-unknown --all-targets -- -D warnings

step "release build of the dashboard (served by the end-to-end tests)"
trunk build --release --offline
cargo build -p openim-sim

step "native tests: API client, stand-in server, end-to-end"
cargo test --workspace

step "browser tests: components and session storage in headless Chromium"
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo test -p openim-admin --target wasm32-unknown-unknown
