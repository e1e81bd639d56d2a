//! The overview and the chat-log search of a v2.3.3 server's CMS with
//! 100,000 users and 1,000,000 messages, in headless Chromium: from the
//! click on a range to its first chart and to every panel, for 7 days,
//! 30 days and 12 months; then a day's chat-log search, all of it and one
//! sender's. A benchmark, run by `scripts/bench.sh`; nothing here asserts
//! a time.
//!
//! `cargo bench --bench overview -- [--users N] [--messages N]`

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    let users = harness::number_arg("--users", 100_000).to_string();
    let messages = harness::number_arg("--messages", 1_000_000).to_string();
    let sim = harness::start_sim(&[
        "--users",
        &users,
        "--messages",
        &messages,
        "--seed",
        "7",
        "--release",
        "2.3.3",
    ]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = harness::Session::browse("bench-overview", &base, vec![sim.process]).await;
    s.open("/login").await;
    s.sign_in("tuoyun", "openIM123456").await;
    s.wait_path("/overview?start").await;
    // Every chart drawn, both lists filled, nothing loading.
    let all = "const panels = [...document.querySelectorAll('.charts .chart')]; \
               return panels.length === 8 && document.querySelectorAll('.charts svg').length === 6 \
                 && !panels.some(c => c.querySelector('[role=status]'))";
    s.ms_until(all, "").await;

    // Each range is clicked from another one, so every panel reads again.
    // The drawings are markup inside the panels: removing the last range's
    // lets the next one's first drawing be seen.
    for (from, range, name) in [
        ("30d", "7d", "7 days"),
        ("7d", "30d", "30 days"),
        ("7d", "12m", "12 months"),
    ] {
        s.click(&format!(".range-{from}")).await;
        s.ms_until(all, "").await;
        let click = format!(
            "document.querySelectorAll('.charts svg, .charts ol').forEach(e => e.remove()); \
             document.querySelector('.range-{range}').click()"
        );
        let first = s
            .ms_until(
                "return document.querySelector('.charts svg') !== null",
                &click,
            )
            .await;
        let every = first + s.ms_until(all, "").await;
        println!("overview over {name}: first chart {first:.0} ms after the click, all 8 panels {every:.0} ms");
    }

    // A day's chat logs: the first page of all of them, then one sender's.
    s.open("/messages").await;
    s.find(".chat-logs .cms-at").await;
    let yesterday = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400
        - 1) as i64;
    let day = s
        .script(
            "return new Date(arguments[0] * 86400000).toISOString().slice(0, 10);",
            vec![serde_json::json!(yesterday)],
        )
        .await;
    s.paste_into("#logs-day", day.as_str().unwrap()).await;
    let rows = "return document.querySelectorAll('.logs-table tbody tr').length > 0";
    let search = "document.querySelector('.search-logs').click()";
    let first = s.ms_until(rows, search).await;
    let found = s.text(".chat-logs .page-status").await;
    println!("chat-log search of {day} (every message): first page {first:.0} ms after the click ({found})");
    let sender = s
        .script(
            "return document.querySelector('.logs-table .sender a').textContent;",
            vec![],
        )
        .await;
    s.paste_into("#logs-sender", sender.as_str().unwrap()).await;
    s.script("document.querySelector('.logs-table').remove()", vec![])
        .await;
    let one = s.ms_until(rows, search).await;
    let found = s.text(".chat-logs .page-status").await;
    println!(
        "chat-log search of {day}, one sender: first page {one:.0} ms after the click ({found})"
    );
    s.close().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
