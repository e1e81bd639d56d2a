//! The directory of a v2.3.3 server with 1,000,000 users, in headless
//! Chromium: from the click on "Directory" to the first page of users
//! searched on the server (/user/get_users), and from a search's click to
//! its result, by exact userID and by a name fragment. A benchmark, run
//! by `scripts/bench.sh`; nothing here asserts a time.
//!
//! `cargo bench --bench directory_search -- [--users N]`

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

/// Types `arguments[1]` into the element `arguments[0]` names, as input.
#[cfg(not(target_arch = "wasm32"))]
const SET: &str = r#"
const el = document.querySelector(arguments[0]);
el.value = arguments[1];
el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
"#;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    use serde_json::json;

    let users = harness::number_arg("--users", 1_000_000);
    let sim = harness::start_sim(&[
        "--users",
        &users.to_string(),
        "--seed",
        "7",
        "--release",
        "2.3.3",
    ]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = harness::Session::browse("bench-search", &base, vec![sim.process]).await;
    s.open("/login").await;
    s.sign_in("tuoyun", "openIM123456").await;
    s.wait_path("/overview?start").await;
    let when = |test: &str, start: &str| {
        let (test, start, s) = (test.to_string(), start.to_string(), &s);
        async move { s.ms_until(&test, &start).await }
    };
    let rows = "document.querySelectorAll('.search-results tbody tr').length";
    let status = "(document.querySelector('.page-status')?.textContent ?? '')";

    let first = when(
        &format!("return {rows} > 0"),
        "document.querySelector(\"nav a[href='/directory']\").click()",
    )
    .await;
    let shown = s.text(".page-status").await;
    println!("directory first screen (server search, 50 a page): {first:.0} ms after the click ({shown})");

    // An ID to search for: the last of the second page.
    let next = when(
        &format!("return {status}.startsWith('Page 2 ')"),
        "document.querySelector('.next-page').click()",
    )
    .await;
    println!("next page: {next:.0} ms after the click");
    let wanted = s
        .script(
            "return document.querySelector('.search-results tbody tr:last-child').dataset.userId;",
            vec![],
        )
        .await;
    let wanted = wanted.as_str().unwrap_or_default().to_string();
    s.script(SET, vec![json!("#search-text"), json!(wanted)])
        .await;
    s.script(SET, vec![json!("#search-by"), json!("userID")])
        .await;
    let exact = when(
        &format!("return {status}.startsWith('Page 1 of 1 ') && {rows} === 1"),
        "document.querySelector('.server-search .search').click()",
    )
    .await;
    println!("search by exact userID: {exact:.0} ms from the click to the result");

    let nickname = s
        .script(
            "return document.querySelector('.search-results tbody tr .nickname').textContent;",
            vec![],
        )
        .await;
    let fragment: String = nickname.as_str().unwrap_or("a").chars().take(3).collect();
    s.script(SET, vec![json!("#search-text"), json!(fragment)])
        .await;
    s.script(SET, vec![json!("#search-by"), json!("userName")])
        .await;
    let before = s.text(".page-status").await;
    let by_name = when(
        &format!("return {status} !== {before:?} && {rows} > 0"),
        "document.querySelector('.server-search .search').click()",
    )
    .await;
    let found = s.text(".page-status").await;
    println!(
        "search by name {fragment:?} (openim-sim reads every user once): {by_name:.0} ms from the click ({found})"
    );
    s.close().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
