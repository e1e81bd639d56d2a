//! The user pages against openim-sim with 100,000 users, in headless
//! Chromium: loading every ID into the lookup page, a full lookup of all of
//! them next to a bare fetch() loop in the same page (and a plain HTTP
//! loop) making the same requests, the directory's first rows and all its
//! profiles after the click, filter keystrokes over the whole directory
//! timed from keydown to the next paint next to a bare input, and memory.
//! A benchmark, run by `scripts/bench.sh`; nothing here asserts a time.
//!
//! `cargo bench --bench users_scale -- [--users N]`; with `PROFILE=1` it
//! also saves Chromium CPU profiles of the lookup, the fetch loop and the
//! keystrokes.

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(not(target_arch = "wasm32"))]
#[path = "common/keys.rs"]
mod keys;

/// Installed before the page's scripts: keeps the wasm memory in reach
/// (for its size) and lets the resource timing buffer hold every request.
/// How long one measured step may take.
#[cfg(not(target_arch = "wasm32"))]
const LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

#[cfg(not(target_arch = "wasm32"))]
const INSTRUMENT: &str = r#"
performance.setResourceTimingBufferSize(100000);
for (const name of ['instantiate', 'instantiateStreaming']) {
  const real = WebAssembly[name];
  WebAssembly[name] = async (...args) => {
    const made = await real(...args);
    window.__wasmMemory = (made.instance || made).exports.memory;
    return made;
  };
}
"#;

/// Resolves (async script) with the time at which `test()` first holds,
/// checked on every DOM change; `start` runs once the observer is in place.
#[cfg(not(target_arch = "wasm32"))]
const WHEN: &str = r#"
const [test, start, done] = [new Function(arguments[0]), new Function(arguments[1]), arguments[arguments.length - 1]];
performance.clearResourceTimings();
const t0 = performance.now();
const check = () => { if (test()) { observer.disconnect(); done({ t0, at: performance.now() }); return true; } return false; };
const observer = new MutationObserver(check);
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
start();
check();
"#;

/// JS heap, wasm memory and DOM nodes, as one line.
#[cfg(not(target_arch = "wasm32"))]
const MEMORY: &str = r#"
return `JS heap ${(performance.memory.usedJSHeapSize / 1e6).toFixed(1)} MB after a GC, ` +
  `wasm memory ${(window.__wasmMemory.buffer.byteLength / 1e6).toFixed(1)} MB, ` +
  `${document.getElementsByTagName('*').length} DOM nodes`;
"#;

/// MEMORY once a garbage collection has run, so the heap figure is what the
/// page holds, not what it has yet to free.
#[cfg(not(target_arch = "wasm32"))]
async fn read_memory(s: &harness::Session) -> serde_json::Value {
    s.cdp("HeapProfiler.collectGarbage", serde_json::json!({}))
        .await;
    s.script(MEMORY, vec![]).await
}

/// Medians over the API requests: time on the wire (start to answer), and
/// the gap between an answer and the next request's start.
#[cfg(not(target_arch = "wasm32"))]
const SPANS: &str = r#"
const api = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch');
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? -1;
const starts = api.map(e => e.startTime).sort((a, b) => a - b);
const gaps = api.map(e => { const next = starts.find(t => t >= e.responseEnd); return next === undefined ? null : next - e.responseEnd; }).filter(g => g !== null);
return { wire: median(api.map(e => e.responseEnd - e.startTime)), gap: median(gaps) };
"#;

/// Sends every [path, body] of `arguments[0]` with three fetch() calls in
/// flight, as the page does but with nothing else to do; resolves with ms.
#[cfg(not(target_arch = "wasm32"))]
const FETCH_LOOP: &str = r#"
const [requests, token, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
let next = 0;
const t0 = performance.now();
const worker = async () => {
  while (next < requests.length) {
    const [path, body] = requests[next++];
    const r = await fetch(path, { method: 'POST', headers: { token, 'Content-Type': 'application/json' }, body });
    await r.text();
  }
};
Promise.all([worker(), worker(), worker()]).then(() => done(performance.now() - t0), e => done(String(e)));
"#;

/// With `on` (PROFILE set), starts Chromium's CPU profiler (`save` None)
/// or stops it and saves the profile as NAME.cpuprofile in the temporary
/// directory, for DevTools' Performance panel.
#[cfg(not(target_arch = "wasm32"))]
async fn profiler(s: &harness::Session, on: bool, save: Option<&str>) {
    use serde_json::json;
    if !on {
        return;
    }
    let Some(name) = save else {
        s.cdp("Profiler.enable", json!({})).await;
        s.cdp("Profiler.start", json!({})).await;
        return;
    };
    let p = s.cdp("Profiler.stop", json!({})).await;
    let dir = std::env::temp_dir().join("openim-admin-profiles");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.cpuprofile"));
    std::fs::write(&file, p["profile"].to_string()).unwrap();
    println!("  CPU profile: {}", file.display());
}

/// When the last answer of get_all_users_uid arrived (ms since navigation).
#[cfg(not(target_arch = "wasm32"))]
async fn ids_arrived(s: &harness::Session) -> f64 {
    ids_call(s).await.1
}

/// When the last get_all_users_uid call started and when its answer
/// arrived (ms since navigation).
#[cfg(not(target_arch = "wasm32"))]
async fn ids_call(s: &harness::Session) -> (f64, f64) {
    const JS: &str = "const e = performance.getEntriesByType('resource')\
         .filter(e => e.name.endsWith('/manager/get_all_users_uid')).pop(); return [e.startTime, e.responseEnd];";
    let v = s.script(JS, vec![]).await;
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

#[cfg(not(target_arch = "wasm32"))]
mod plain {
    //! The same requests as the browser makes, from a plain HTTP/1.1 loop
    //! on keep-alive connections: what the server alone costs.
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::sync::{Arc, Mutex};

    fn exchange(conn: &mut BufReader<TcpStream>, path: &str, token: &str, body: &str) {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\ntoken: {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        conn.get_mut().write_all(request.as_bytes()).unwrap();
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            conn.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap();
                }
            }
        }
        let mut answer = vec![0; length];
        conn.read_exact(&mut answer).unwrap();
        assert!(answer.starts_with(br#"{"errCode":0"#), "{path} failed");
    }

    /// Sends every (path, body) with `workers` requests in flight; seconds.
    pub fn run(port: u16, token: &str, requests: Vec<(String, String)>, workers: usize) -> f64 {
        let queue = Arc::new(Mutex::new(requests));
        let started = std::time::Instant::now();
        let threads: Vec<_> = (0..workers)
            .map(|_| {
                let (queue, token) = (queue.clone(), token.to_string());
                std::thread::spawn(move || {
                    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    stream.set_nodelay(true).unwrap();
                    let mut conn = BufReader::new(stream);
                    while let Some((path, body)) = queue.lock().unwrap().pop() {
                        exchange(&mut conn, &path, &token, &body);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        started.elapsed().as_secs_f64()
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    use serde_json::{json, Value};

    let users = harness::number_arg("--users", 100_000);
    let sim = harness::start_sim(&["--users", &users.to_string(), "--seed", "7"]);
    let port = sim.port;
    let base = format!("http://127.0.0.1:{port}");
    let s = harness::Session::browse("bench-users", &base, vec![sim.process]).await;
    s.on_new_document(INSTRUMENT).await;
    s.open("/login").await;
    s.sign_in("tuoyun", "openIM123456").await;
    s.wait_path("/overview?start").await;
    // Sign-in lands on the overview (the sim serves a CMS): on to the
    // lookup page within the app, as an operator would.
    s.click("nav a[href='/users']").await;
    s.find(".load-all").await;
    let when = |test: &str, start: &str| {
        let args = vec![json!(test), json!(start)];
        let s = &s;
        async move {
            let v: Value = s.script_async(WHEN, args, LIMIT).await;
            (v["t0"].as_f64().unwrap(), v["at"].as_f64().unwrap())
        }
    };

    // 1. Every registered ID into the lookup page's list.
    let (_, listed) = when(
        "return /^[0-9]+ IDs/.test(document.querySelector('.id-count')?.textContent) && !document.querySelector('.id-count').textContent.startsWith('0 ')",
        "document.querySelector('.load-all').click()",
    )
    .await;
    let arrived = ids_arrived(&s).await;
    let count = s.text(".id-count").await;
    let total: usize = count.split(' ').next().unwrap().parse().unwrap();
    println!(
        "load every registered ID ({total}): {:.0} ms after the answer arrived (target <= 300)",
        listed - arrived
    );

    // 2. A full lookup of all of them, then the same requests without a browser.
    let steps = total.div_ceil(100) * 2 + total.div_ceil(200);
    let profile = std::env::var("PROFILE").is_ok();
    profiler(&s, profile, None).await;
    let (t0, looked) = when(
        &format!("return document.querySelector('.progress-label')?.textContent === '{steps} of {steps} requests'"),
        "document.querySelector('.lookup-form button[type=submit]').click()",
    )
    .await;
    let browser_s = (looked - t0) / 1000.0;
    profiler(&s, profile, Some("lookup")).await;
    let memory = read_memory(&s).await;
    // Where a request's time goes: on the wire, or waiting for the page.
    let spans = s.script(SPANS, vec![]).await;

    let token = s
        .script(
            "return JSON.parse(sessionStorage.getItem('openim-admin.session')).token;",
            vec![],
        )
        .await;
    let ids: Vec<String> = s
        .script(
            "return document.getElementById('user-ids').value.split('\\n');",
            vec![],
        )
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let body =
        |field: &str, chunk: &[String]| json!({ "operationID": "bench", field: chunk }).to_string();
    let mut requests = Vec::new();
    for c in ids.chunks(100) {
        requests.push((
            "/manager/account_check".to_string(),
            body("checkUserIDList", c),
        ));
        requests.push(("/user/get_users_info".to_string(), body("userIDList", c)));
    }
    for c in ids.chunks(200) {
        requests.push((
            "/manager/get_users_online_status".to_string(),
            body("userIDList", c),
        ));
    }
    profiler(&s, profile, None).await;
    let in_page_s = s
        .script_async(FETCH_LOOP, vec![json!(requests), token.clone()], LIMIT)
        .await
        .as_f64()
        .unwrap()
        / 1000.0;
    profiler(&s, profile, Some("fetch-loop")).await;
    let plain_s = plain::run(port, token.as_str().unwrap(), requests.clone(), 3);
    println!(
        "full lookup of {total} IDs ({steps} requests, 3 in flight): dashboard {browser_s:.1} s, a bare fetch() loop in the same page {in_page_s:.1} s, ratio {:.2} (target <= 1.2)",
        browser_s / in_page_s
    );
    println!(
        "  the same requests from a plain HTTP loop outside the browser: {plain_s:.1} s (the dashboard takes {:.2} times that)",
        browser_s / plain_s
    );
    println!(
        "  per request: median {:.1} ms from start to answer, median {:.1} ms from an answer to the next request",
        spans["wire"].as_f64().unwrap(),
        spans["gap"].as_f64().unwrap()
    );
    println!(
        "after the lookup: {} (JS heap target <= 50 MB)",
        memory.as_str().unwrap()
    );

    // 3. The directory: its first rows, and every profile, after the click.
    let (clicked, first) = when(
        "return !!document.querySelector('.directory tbody tr[data-user-id]')",
        "document.querySelector(\"nav a[href='/directory']\").click()",
    )
    .await;
    let (asked, arrived) = ids_call(&s).await;
    println!(
        "directory first rows: {:.0} ms after the click (target <= 300), {:.0} ms after the ID list arrived (target <= 100)",
        first - clicked,
        first - arrived
    );
    println!(
        "  where it goes: {:.0} ms from the click to the ID list's request, {:.0} ms for its answer",
        asked - clicked,
        arrived - asked
    );
    let (_, profiled) = when(
        &format!("return document.querySelector('.summary')?.textContent.includes('profiles loaded: {total} of {total}')"),
        "",
    )
    .await;
    println!(
        "directory, every profile loaded: {:.1} s after the click (target <= 3)",
        (profiled - clicked) / 1000.0
    );

    // 4. Filter keystrokes over every row, once all profiles are in, next
    // to the same keys in a bare <input> of the same page.
    s.script(keys::KEY_TIMER, vec![]).await;
    profiler(&s, profile, None).await;
    let times = keys::keystrokes(&s, "#users-filter").await;
    profiler(&s, profile, Some("filter-keystrokes")).await;
    let bare = keys::keystrokes(&s, "#bench-bare-input").await;
    let each: Vec<String> = times.iter().map(|ms| format!("{ms:.0}")).collect();
    println!("  each keystroke in the filter (ms): {}", each.join(", "));
    let ((p75, max), (bare_p75, bare_max)) = (keys::p75_and_max(&times), keys::p75_and_max(&bare));
    println!(
        "filter keystroke over {total} rows, keydown to next paint: p75 {p75:.1} ms (slowest {max:.1}) over {} keys; a bare <input> in the same page: p75 {bare_p75:.1} ms (slowest {bare_max:.1}); difference {:.1} ms (target <= 8)",
        times.len(),
        p75 - bare_p75
    );
    let memory = read_memory(&s).await;
    println!("directory with every profile: {}", memory.as_str().unwrap());
    s.close().await;
}

#[cfg(target_arch = "wasm32")]
fn main() {}
