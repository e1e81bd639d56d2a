#!/usr/bin/env bash
# Trunk post-build hook: in release builds, leaves a brotli (.br) and a gzip
# (.gz) copy beside every wasm, js, css and svg file, so servers can send
# them precompressed (openim-sim does; nginx with brotli_static/gzip_static).
# Both encoders are deterministic here (gzip -n stores no name or time).
set -euo pipefail
[ "${TRUNK_PROFILE:-release}" = release ] || exit 0
dir=${TRUNK_STAGING_DIR:?run by trunk build}
# Trunk starts the hooks of one stage together, so the glue is minified
# from here, before anything is compressed.
bash "$(dirname "$0")/minify-glue.sh"
find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) |
  while read -r f; do
    brotli --best --force --keep --output="$f.br" "$f"
    gzip -9 --no-name --force --keep "$f"
  done
