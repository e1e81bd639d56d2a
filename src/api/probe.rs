//! Telling the server's release apart at sign-in, from which of a few
//! routes it has (docs/releases.md#release-detection).

use web_sys::AbortController;

use super::endpoints;
use super::release::{Probe, Probes, Release};
use super::transport::{request_init, status_and_text};

/// The probes run side by side; a server that has not answered them all
/// by then is not one the dashboard can tell apart.
const PROBE_TIMEOUT_MS: u32 = 5_000;

/// The release `server` runs, or None when its answers fit no v2 release.
pub async fn detect(server: &str) -> Option<Release> {
    let window = web_sys::window()?;
    let controller = AbortController::new().ok()?;
    let _timer = gloo_timers::callback::Timeout::new(PROBE_TIMEOUT_MS, {
        let controller = controller.clone();
        move || controller.abort()
    });
    // Every fetch starts before the first is awaited.
    let pending: Vec<_> = (Probes::PATHS.iter())
        .map(|path| {
            let init = request_init(None, "{}", &controller.signal()).ok()?;
            Some(window.fetch_with_str_and_init(&endpoints::url(server, path), &init))
        })
        .collect();
    let mut found = [Probe::Unclear; Probes::PATHS.len()];
    for (slot, fetch) in found.iter_mut().zip(pending) {
        *slot = match status_and_text(fetch).await {
            Some((status, body)) => Probe::read(status, &body),
            None => Probe::Unclear,
        };
    }
    Release::detect(&Probes::from_list(found))
}
