//! A broadcast from the notifications page in headless Chromium against
//! openim-sim playing v2.1.0: N recipients (default 10,000) at concurrency
//! 4, timed from the start button to "Finished", one send_msg each and
//! then by batch_send_msg of 100, with the ledger's sessionStorage size.
//! A benchmark, run by `scripts/bench.sh`; nothing here asserts a time.
//!
//! `cargo bench --bench broadcast -- [--recipients N]`

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
use std::time::{Duration, Instant};

/// Broadcasts the composed notification to `n` new recipients named after
/// `prefix`, `per_call` a call; seconds from the start button to the end.
#[cfg(not(target_arch = "wasm32"))]
async fn broadcast(s: &harness::Session, n: usize, prefix: &str, per_call: usize) -> f64 {
    let ids: Vec<String> = (1..=n).map(|i| format!("{prefix}-{i:06}")).collect();
    s.paste_into("#broadcast-ids", &ids.join("\n")).await;
    s.paste_into("#broadcast-per-call", &per_call.to_string())
        .await;
    s.click(".broadcast .review").await;
    s.type_into("#broadcast-typed", &n.to_string()).await;
    let started = Instant::now();
    s.click(".start-broadcast").await;
    loop {
        let status = s.text(".broadcast-status").await;
        if status.contains("Finished") {
            break;
        }
        if started.elapsed() > Duration::from_secs(600) {
            panic!("the broadcast did not finish in 10 minutes: {status}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    started.elapsed().as_secs_f64()
}

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    let n = harness::number_arg("--recipients", 10_000);
    let sim = harness::start_sim(&["--users", "240", "--seed", "7", "--release", "2.1.0"]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = harness::Session::browse("bench-broadcast", &base, vec![sim.process]).await;
    s.open("/notifications").await;
    s.wait_path("/login?next=%2Fnotifications").await;
    s.sign_in("tuoyun", "openIM123456").await;
    s.wait_path("/notifications").await;
    s.compose_notification().await;
    let secs = broadcast(&s, n, "bench", 1).await;
    let counts = s.text(".broadcast-counts").await;
    let storage = s
        .script(
            "let n = 0; for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); n += k.length + sessionStorage.getItem(k).length; } return n;",
            vec![],
        )
        .await;
    let heap = s
        .script("return performance.memory.usedJSHeapSize / 1e6;", vec![])
        .await;
    println!(
        "broadcast of {n} notifications, 4 at a time, from the page: {secs:.1} s ({:.0} sends/s); {counts}",
        n as f64 / secs
    );
    println!(
        "  sessionStorage after: {:.2} M characters; JS heap {:.1} MB",
        storage.as_f64().unwrap_or(0.0) / 1e6,
        heap.as_f64().unwrap_or(0.0)
    );
    // The same calls from a bare fetch() loop in the same page: what the
    // browser and the server alone cost.
    let bare = s
        .script_async(
            r#"const [n, done] = [arguments[0], arguments[arguments.length - 1]];
const token = JSON.parse(sessionStorage.getItem('openim-admin.session')).token;
let next = 0;
const t0 = performance.now();
const worker = async () => {
  while (next < n) {
    const i = next++;
    const body = JSON.stringify({ operationID: `bare-${i}`, sendID: 'openIM123456', recvID: `bare-${i}`,
      senderNickname: 'Ops team', contentType: 1400, sessionType: 4, isOnlineOnly: false,
      content: { notificationName: 'Maintenance', notificationFaceURL: 'https://cdn.example/oa.png',
                 notificationType: 1, text: 'Tonight at 22:00.', mixType: 0 } });
    const r = await fetch('/manager/send_msg', { method: 'POST', headers: { token, 'Content-Type': 'application/json' }, body });
    await r.text();
  }
};
Promise.all([worker(), worker(), worker(), worker()]).then(() => done(performance.now() - t0), e => done(String(e)));"#,
            vec![serde_json::json!(n)],
            Duration::from_secs(600),
        )
        .await;
    let bare = bare.as_f64().unwrap_or(f64::NAN) / 1000.0;
    println!(
        "  the same {n} calls from a bare fetch() loop in the page: {bare:.1} s ({:.0} sends/s); the page takes {:.2}x that",
        n as f64 / bare,
        secs / bare
    );

    // The same broadcast by batch_send_msg, 100 recipients a call.
    s.click(".new-broadcast").await;
    let batched = broadcast(&s, n, "batch", 100).await;
    let counts = s.text(".broadcast-counts").await;
    println!(
        "the same broadcast by batch_send_msg, 100 a call, 4 calls at a time: {batched:.1} s ({:.0} recipients/s, {:.1}x one call each); {counts}",
        n as f64 / batched,
        secs / batched
    );
    s.close().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
