#!/usr/bin/env bash
# Run by scripts/precompress.sh (Trunk post-build hook): in release builds,
# minifies the JS with terser: our boot.js (copied as it is), and the glue
# that wasm-bindgen writes (Trunk's own JS minifier cannot parse it and
# leaves it as it is), whose new hash then goes into index.html's integrity
# attribute. The file keeps Trunk's name: the name is still
# derived from the glue alone, and terser's output is deterministic.
set -euo pipefail
[ "${TRUNK_PROFILE:-release}" = release ] || exit 0
dir=${TRUNK_STAGING_DIR:?run by trunk build}

sri() {
  node -e 'const c = require("crypto"), f = require("fs");
           process.stdout.write("sha384-" + c.createHash("sha384").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

for js in "$dir"/*.js; do
  before=$(sri "$js")
  terser "$js" --module --compress --mangle --output "$js.min"
  mv "$js.min" "$js"
  # index.html names boot.js without a hash or an integrity attribute.
  [ "$(basename "$js")" = boot.js ] && continue
  after=$(sri "$js")
  grep -q "$before" "$dir/index.html" || { echo "minify-glue: no integrity for $js in index.html" >&2; exit 1; }
  sed -i "s|$before|$after|" "$dir/index.html"
done
