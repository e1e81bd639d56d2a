#!/usr/bin/env bash
# Builds the dashboard for release and serves it with the stand-in OpenIM
# server and demo data at http://127.0.0.1:10000/ (override with PORT=...).
# Extra arguments go to openim-sim, e.g. `scripts/run.sh --users 5000`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

PORT=${PORT:-10000}
trunk build --release --offline
cargo build --release -p openim-sim

cat <<INFO

  OpenIM Admin:   http://127.0.0.1:${PORT}/
  Secret:         tuoyun
  Admin userID:   openIM123456   (also openIM654321, openIM333, openIMAdmin)

  Stop with Ctrl-C.

INFO
exec target/release/openim-sim --port "$PORT" --dashboard dist "$@"
