//! Reaching the CMS from the browser (docs/cms.md): the harmless probes
//! that find it and its generation, and calls with the main API's token.

use wasm_bindgen::JsValue;
use web_sys::{AbortController, AbortSignal, Headers, RequestInit};

use super::cms::{gen_from_probes, read_answer, Cms, CmsRequest, PROBE_A, PROBE_B};
use super::transport::{fetch_text, status_and_text, Scope, TIMEOUT_MS};
use super::{opid, ApiError, ErrorKind};

/// A base that has not answered its probes by then has no CMS to use.
const PROBE_TIMEOUT_MS: u32 = 5_000;

/// A fetch's method, `token` header and body.
fn init(
    post: bool,
    token: Option<&str>,
    body: Option<&str>,
    signal: &AbortSignal,
) -> Result<RequestInit, JsValue> {
    let init = RequestInit::new();
    init.set_method(if post { "POST" } else { "GET" });
    let headers = Headers::new()?;
    if let Some(token) = token {
        headers.set("token", token)?;
    }
    if let Some(body) = body {
        headers.set("content-type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    Ok(init)
}

/// A fetch started now (not when first awaited, as an async fn would).
fn start(url: &str, init: &RequestInit) -> Option<js_sys::Promise> {
    Some(web_sys::window()?.fetch_with_str_and_init(url, init))
}

/// The first of `candidates` where a CMS answers, with its generation: P1,
/// P2 and P3 of docs/cms.md#cms-detection, sent without a token, side by
/// side for each base.
pub fn find(candidates: Vec<String>) -> Boxed<Option<Cms>> {
    Box::pin(find_in(candidates))
}

/// A future of this module, boxed: its state machine is compiled once,
/// not into every page that awaits it.
pub type Boxed<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;

async fn find_in(candidates: Vec<String>) -> Option<Cms> {
    for base in candidates {
        // A base given with its prefix is probed from its root.
        let trimmed = base.trim_end_matches('/');
        let base = (trimmed
            .strip_suffix("/cms")
            .or_else(|| trimmed.strip_suffix("/api")))
        .unwrap_or(trimmed)
        .to_string();
        let Ok(controller) = AbortController::new() else {
            continue;
        };
        let _timer = gloo_timers::callback::Timeout::new(PROBE_TIMEOUT_MS, {
            let controller = controller.clone();
            move || controller.abort()
        });
        let signal = controller.signal();
        let at = |path: &str| format!("{}{path}", base.trim_end_matches('/'));
        let (Ok(get), Ok(post)) = (
            init(false, None, None, &signal),
            init(true, None, Some("{}"), &signal),
        ) else {
            continue;
        };
        // All three are under way before the first is awaited.
        let started = [
            start(&at(PROBE_B), &get),
            start(&at(PROBE_B), &post),
            start(&at(PROBE_A), &get),
        ];
        let mut answers = Vec::with_capacity(3);
        for fetch in started {
            answers.push(status_and_text(fetch).await);
        }
        let [p1, p2, p3] = [0, 1, 2].map(|i| answer(&answers[i]));
        if let Some(gen) = gen_from_probes(p1, p2, p3) {
            return Some(Cms { base, gen });
        }
    }
    None
}

fn answer(p: &Option<(u16, String)>) -> Option<(u16, &str)> {
    p.as_ref().map(|(status, text)| (*status, text.as_str()))
}

/// Sends `req` to `cms` with the main API's `token` (the CMS takes it as
/// it is, docs/cms.md#cms-token-check) and returns the answer's `data`.
pub async fn call(
    cms: &Cms,
    token: &str,
    scope: &Scope,
    req: &CmsRequest,
) -> Result<serde_json::Value, ApiError> {
    let operation_id = opid::next_operation_id();
    let fail = |message: String| ApiError::new(&operation_id, ErrorKind::Network { message });
    let controller =
        AbortController::new().map_err(|_| fail("AbortController unavailable".into()))?;
    // A/B GETs take the operationID nowhere; C's bodies carry one already.
    let init = init(
        req.body.is_some(),
        Some(token),
        req.body.as_deref(),
        &controller.signal(),
    )
    .map_err(|_| fail("the request could not be built".into()))?;
    let (status, text) = fetch_text(
        &cms.url(&req.path),
        &init,
        &controller,
        scope,
        TIMEOUT_MS,
        &operation_id,
    )
    .await?;
    read_answer(cms.gen, status, &text, &operation_id)
}
