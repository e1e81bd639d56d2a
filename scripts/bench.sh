#!/usr/bin/env bash
# Benchmarks (not tests: times vary with the machine). Builds what it needs
# and prints one figure a line:
#   - dist sizes: every file raw, gzip and brotli, and the totals;
#   - cold loads in headless Chromium served by openim-sim (compression on):
#     median time to a visible, typeable login input, where it goes, and
#     the bytes transferred;
#   - openim-sim at scale: start-up with 100,000 users, the median 100-ID
#     account_check and get_users_info call, inviting and kicking 500
#     users in a 10,000-member group, and 10,000 text send_msg calls at
#     concurrency 4 (seconds and calls/s);
#   - the user pages at 100,000 users: loading every ID, a full lookup
#     against a bare fetch() loop in the same page (and a plain HTTP loop),
#     the directory's first rows and every profile after the click, filter
#     keystrokes from keydown to the next paint next to a bare <input>, JS
#     heap, wasm memory and DOM nodes;
#   - the directory of a v2.3.3 server with 1,000,000 users: the first
#     screen after the click, the next page, and a search by exact userID
#     and by a name fragment (server-side, /user/get_users);
#   - a group of 100,000 members on a v2.3.3 server: its page's first
#     screen of members and every member read after the click, and filter
#     keystrokes over them next to a bare <input>;
#   - the overview of a v2.3.3 server's CMS with 100,000 users and
#     1,000,000 messages: the first chart and every panel after the click
#     on 7 days, 30 days and 12 months; a day's chat-log search, all of it
#     and one sender's;
#   - a broadcast of 10,000 OA notifications from the notifications page at
#     concurrency 4 (openim-sim as v2.1.0): one send_msg each, then by
#     batch_send_msg of 100: seconds, sends/s, and the ledger's
#     sessionStorage size.
# LOADS=N sets the number of cold loads (default 9); PROFILE=1 also saves
# Chromium CPU profiles of the user-page steps (their paths are printed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh >/dev/null

trunk build --release --offline >/dev/null 2>&1 || trunk build --release --offline
cargo build --release -q -p openim-sim

echo "== dist sizes"
scripts/sizes.sh

echo "== cold loads"
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
OPENIM_SIM_BIN="$target_dir/release/openim-sim" \
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo bench -q --bench load -- --loads "${LOADS:-9}"

echo "== openim-sim at scale"
OPENIM_SIM_BIN="$target_dir/release/openim-sim" cargo bench -q --bench sim_calls -- --users 100000

echo "== user pages at 100,000 users"
OPENIM_SIM_BIN="$target_dir/release/openim-sim" \
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo bench -q --bench users_scale -- --users 100000

echo "== the directory of a v2.3.3 server at 1,000,000 users"
OPENIM_SIM_BIN="$target_dir/release/openim-sim" \
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo bench -q --bench directory_search -- --users "${SEARCH_USERS:-1000000}"

echo "== a group of 100,000 members (v2.3.3)"
OPENIM_SIM_BIN="$target_dir/release/openim-sim" \
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo bench -q --bench group_members -- --members "${GROUP_MEMBERS:-100000}"

echo "== the overview at 100,000 users and 1,000,000 messages (v2.3.3)"
OPENIM_SIM_BIN="$target_dir/release/openim-sim" \
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo bench -q --bench overview -- --users "${OVERVIEW_USERS:-100000}" --messages "${OVERVIEW_MESSAGES:-1000000}"

echo "== broadcast from the page"
OPENIM_SIM_BIN="$target_dir/release/openim-sim" \
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} \
  cargo bench -q --bench broadcast -- --recipients "${RECIPIENTS:-10000}"
