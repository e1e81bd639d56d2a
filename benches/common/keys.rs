//! Keystrokes timed from keydown to the next paint, for the benches that
//! type into a table's filter.

/// Times each key pressed from then on as the Event Timing API (and so
/// INP) does: from the keydown event's time stamp to the next paint after
/// its handlers ran (the task after that frame's animation callbacks).
/// Event Timing itself leaves out events under 16 ms, so the page keeps
/// its own list; `window.__keyTimes` collects them.
pub const KEY_TIMER: &str = r#"
window.__keyTimes = [];
document.addEventListener('keydown', (e) => {
  const start = e.timeStamp;
  requestAnimationFrame(() => {
    const c = new MessageChannel();
    c.port1.onmessage = () => window.__keyTimes.push(performance.now() - start);
    c.port2.postMessage(0);
  });
}, true);
const bare = document.createElement('input');
bare.id = 'bench-bare-input';
document.body.append(bare);
"#;

/// The keys typed into a filter: digits, then letters, each text built up
/// and erased again (14 keystrokes).
const TYPED: [&str; 14] = [
    "1", "3", "9", "6", "\u{e003}", "\u{e003}", "\u{e003}", "\u{e003}", "a", "n", "n", "\u{e003}",
    "\u{e003}", "\u{e003}",
];

/// Presses TYPED's keys one at a time in `css`, through the browser's own
/// input pipeline, and returns each key's time (ms, keydown to paint).
pub async fn keystrokes(s: &super::harness::Session, css: &str) -> Vec<f64> {
    s.script("window.__keyTimes = [];", vec![]).await;
    let input = s.find(css).await;
    for key in TYPED {
        input.send_keys(key).await.unwrap();
        // Let the key's frame go by before the next one.
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    let times = s.script("return window.__keyTimes;", vec![]).await;
    (times.as_array().unwrap().iter())
        .map(|v| v.as_f64().unwrap())
        .collect()
}

/// The 75th percentile (as INP reports) and the slowest of `times`.
pub fn p75_and_max(times: &[f64]) -> (f64, f64) {
    let mut sorted = times.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let p75 = sorted[(sorted.len() * 3).div_ceil(4).saturating_sub(1)];
    (p75, sorted[sorted.len() - 1])
}
