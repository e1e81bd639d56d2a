#!/usr/bin/env bash
# Trunk pre-build hook: joins the stylesheets, one file per concern in
# style/, into the one file index.html links (target/style/app.css), so a
# browser makes one request for them and compression sees them together.
# The order is the cascade's: later files refine earlier ones.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/style
out=target/style/app.css
{
  printf '/* Made from style/*.css by scripts/bundle-css.sh: edit those. */\n'
  cat style/base.css style/layout.css style/forms.css style/table.css
} > "$out.tmp"
# Unchanged content keeps its file time, so `trunk serve` sees no change.
if cmp -s "$out.tmp" "$out"; then rm "$out.tmp"; else mv "$out.tmp" "$out"; fi
