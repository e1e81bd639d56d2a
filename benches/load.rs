//! Cold loads of the dashboard in headless Chromium, served by openim-sim
//! with compression on: the time until the login form's secret field is
//! visible and typeable, where that time goes, and the bytes transferred.
//! A benchmark, run by `scripts/bench.sh`; nothing here asserts a time.
//!
//! `cargo bench --bench load -- [--loads N]`

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

/// Installed before the page's own scripts: records when a secret field
/// can be typed into (attached, laid out with a size, enabled): first
/// index.html's early form or the app's, then the app's own, and when the
/// wasm module starts compiling and is instantiated.
#[cfg(not(target_arch = "wasm32"))]
const WATCH_LOGIN: &str = r#"
// Found by id on each DOM change (cheap), then timed by an
// IntersectionObserver, which reports from the browser's own rendering
// step: the measurement forces no extra layout.
const watch = (id, key) => {
  let seen = null;
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting && !e.target.disabled && window[key] === undefined) {
        window[key] = e.time;
        io.disconnect();
      }
    }
  });
  new MutationObserver((_, mo) => {
    const input = document.getElementById(id);
    if (input && input !== seen) { seen = input; io.observe(input); }
    if (window[key] !== undefined) mo.disconnect();
  }).observe(document, { childList: true, subtree: true });
};
watch('boot-secret', '__bootReady');
watch('login-secret', '__appReady');
for (const name of ['instantiate', 'instantiateStreaming']) {
  const real = WebAssembly[name];
  WebAssembly[name] = async (...args) => {
    window.__wasmStart = performance.now();
    const made = await real(...args);
    window.__wasmReady = performance.now();
    return made;
  };
}
"#;

/// Milestones of the load (ms after navigation start) and its bytes.
#[cfg(not(target_arch = "wasm32"))]
const READ_TIMINGS: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const res = performance.getEntriesByType('resource');
const last = (test) => Math.max(-1, ...res
  .filter(e => test(new URL(e.name).pathname)).map(e => e.responseEnd));
return {
  ready: Math.min(window.__bootReady ?? Infinity, window.__appReady ?? Infinity),
  app: window.__appReady ?? -1,
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
  compiling: window.__wasmStart ?? -1,
  instantiated: window.__wasmReady ?? -1,
  html: nav.responseEnd,
  boot: last(p => p.endsWith('/boot.js')),
  js: last(p => p.endsWith('.js') && !p.endsWith('/boot.js')),
  wasm: last(p => p.endsWith('.wasm')),
  css: last(p => p.endsWith('.css')),
  bytes: nav.transferSize + res.reduce((s, e) => s + e.transferSize, 0),
  decoded: nav.decodedBodySize + res.reduce((s, e) => s + e.decodedBodySize, 0),
};
"#;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    use std::time::Duration;

    let loads = harness::number_arg("--loads", 9);
    let sim = harness::start_sim(&["--users", "240"]);
    let base = format!("http://127.0.0.1:{}", sim.port);

    let keys = [
        "ready",
        "app",
        "html",
        "boot",
        "js",
        "compiling",
        "wasm",
        "instantiated",
        "css",
        "bytes",
        "decoded",
        "fcp",
    ];
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); keys.len()];
    for i in 0..loads {
        let s = harness::Session::browse("bench", &base, Vec::new()).await;
        s.on_new_document(WATCH_LOGIN).await;
        s.open("/login").await;
        let mut t = serde_json::Value::Null;
        for _ in 0..200 {
            t = s.script(READ_TIMINGS, vec![]).await;
            if t["app"].as_f64().unwrap_or(-1.0) >= 0.0 && t["fcp"].as_f64().unwrap_or(-1.0) >= 0.0
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let row: Vec<f64> = keys.iter().map(|k| t[k].as_f64().unwrap_or(-1.0)).collect();
        eprintln!(
            "load {}: login input {:.0} ms, app's form {:.0} ms (html {:.0}, boot.js {:.0}, js {:.0}, \
             compiling {:.0}, wasm {:.0}, instantiated {:.0}, css {:.0}, first paint {:.0}), {} B",
            i + 1, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[11], row[9]
        );
        for (k, v) in row.into_iter().enumerate() {
            samples[k].push(v);
        }
        s.close().await;
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let mut ready = samples[0].clone();
    let (min, max) = (
        ready.iter().cloned().fold(f64::INFINITY, f64::min),
        ready.iter().cloned().fold(0.0, f64::max),
    );
    println!(
        "login input visible, median of {loads} cold loads: {:.0} ms (min {min:.0}, max {max:.0})",
        median(&mut ready)
    );
    for (k, label) in [
        (2, "html received"),
        (3, "boot.js received"),
        (8, "last css received"),
        (4, "wasm-bindgen js received"),
        (5, "wasm compiling from"),
        (6, "wasm received"),
        (7, "wasm instantiated"),
        (11, "first contentful paint"),
        (1, "the app's own form visible"),
    ] {
        println!("  {label}: {:.0} ms (median)", median(&mut samples[k]));
    }
    println!(
        "cold load transferred: {:.0} B ({:.0} B decoded)",
        median(&mut samples[9]),
        median(&mut samples[10])
    );
    drop(sim);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
