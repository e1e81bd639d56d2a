//! A group of 100,000 members on a v2.3.3 server, in headless Chromium:
//! from the click that opens its page to the first screen of members, and
//! to every member read (pages of 1,000, docs/readback.md#readback-traps),
//! then filter keystrokes over all of them, timed from keydown to the next
//! paint next to a bare input. A benchmark, run by `scripts/bench.sh`;
//! nothing here asserts a time.
//!
//! `cargo bench --bench group_members -- [--members N]`

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
#[path = "common/keys.rs"]
mod keys;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    use serde_json::json;

    let members = harness::number_arg("--members", 100_000);
    let sim = harness::start_sim(&["--users", "1000", "--seed", "7", "--release", "2.3.3"]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = harness::Session::browse("bench-group", &base, vec![sim.process]).await;
    s.open("/login").await;
    let filled = s
        .server_post(
            "/_sim/fill_group",
            json!({ "groupID": "big", "members": members }),
        )
        .await;
    assert_eq!(filled["memberCount"], members, "{filled}");
    s.sign_in("tuoyun", "openIM123456").await;
    s.wait_path("/overview?start").await;

    // Each measure opens the page afresh from the groups page.
    let open = "document.getElementById('open-group-id').value = 'big'; \
                document.getElementById('open-group-id').dispatchEvent(new Event('input', { bubbles: true })); \
                document.querySelector('.open-group-button').click();";
    let rows = "document.querySelectorAll('#members-table tbody tr[data-user-id]').length";
    let all = format!(
        "return !document.querySelector('.members-reading') && \
         (document.getElementById('members-summary')?.textContent ?? '').startsWith('{members} ')"
    );
    s.open("/groups").await;
    s.find("#open-group-id").await;
    let first = s.ms_until(&format!("return {rows} > 0"), open).await;
    println!("group of {members}: first screen of members {first:.0} ms after the click");
    s.open("/groups").await;
    s.find("#open-group-id").await;
    let whole = s.ms_until(&all, open).await;
    let pages = members.div_ceil(1000);
    println!("all {members} members read ({pages} pages of 1,000): {whole:.0} ms after the click");

    s.script(keys::KEY_TIMER, vec![]).await;
    let times = keys::keystrokes(&s, "#members-filter").await;
    let bare = keys::keystrokes(&s, "#bench-bare-input").await;
    let ((p75, max), (bare_p75, bare_max)) = (keys::p75_and_max(&times), keys::p75_and_max(&bare));
    println!(
        "filter keystroke over {members} members, keydown to next paint: p75 {p75:.1} ms (slowest {max:.1}); a bare <input>: p75 {bare_p75:.1} ms (slowest {bare_max:.1}); difference {:.1} ms",
        p75 - bare_p75
    );
    s.close().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
