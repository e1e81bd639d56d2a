//! The one way the dashboard talks to the server: POST JSON with the
//! `token` header, a fresh operationID, a time limit, and cancellation
//! when the page that asked goes away.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Response;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{window, AbortController, AbortSignal, Headers, RequestInit};

pub use super::envelope::Answer;
use super::release::Release;
use super::{body, endpoints, envelope, opid, ApiError, Endpoint, ErrorKind};

/// Long enough for a slow server under load, short enough that an operator
/// is told something is wrong while they still remember what they did.
pub const TIMEOUT_MS: u32 = 30_000;

/// Where to send calls and with which token.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    /// Base URL of the server; empty means the dashboard's own origin.
    pub server: String,
    pub token: Option<String>,
    /// Which release's routes to call.
    pub release: Release,
}

/// The calls a page has in flight; dropping the page aborts them. Wrapped
/// so views (which Leptos wants `Send`) can hold it; it never leaves the
/// browser's one thread.
#[derive(Clone)]
pub struct Scope(SendWrapper<Rc<RefCell<Vec<AbortController>>>>);

impl Default for Scope {
    fn default() -> Self {
        Self(SendWrapper::new(Rc::default()))
    }
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn abort_all(&self) {
        for c in self.0.borrow_mut().drain(..) {
            c.abort();
        }
    }

    fn track(&self, c: &AbortController) {
        self.0.borrow_mut().push(c.clone());
    }

    /// A call that has ended needs no aborting (a page may make thousands).
    fn forget(&self, c: &AbortController) {
        self.0.borrow_mut().retain(|live| live != c);
    }
}

/// Sends `req` (plus a new operationID) to its route and decodes its
/// answer. Only the JSON conversions depend on the type: the exchange is
/// one boxed future for every endpoint, so each endpoint adds a small
/// wrapper rather than a copy of the whole request.
pub fn call<E: Endpoint>(
    conn: &Connection,
    scope: &Scope,
    req: &E,
) -> impl std::future::Future<Output = Result<E::Resp, ApiError>> {
    let exchange = post_text(conn, scope, E::PATH, serde_json::to_string(req));
    async move { envelope::answer_as(exchange.await) }
}

/// The exchange of [`call`] for a body already written as JSON, for
/// callers that decode `data` themselves.
pub fn post_text(
    conn: &Connection,
    scope: &Scope,
    path: &'static str,
    body: Result<String, serde_json::Error>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Answer>>> {
    post_text_within(conn, scope, path, body, TIMEOUT_MS)
}

/// [`post_text`] with its own time limit (a broadcast lets the operator
/// choose how long a call may take before it counts as unknown).
pub fn post_text_within(
    conn: &Connection,
    scope: &Scope,
    path: &'static str,
    body: Result<String, serde_json::Error>,
    timeout_ms: u32,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Answer>>> {
    Box::pin(post_json(
        conn.clone(),
        scope.clone(),
        path,
        body,
        timeout_ms,
    ))
}

/// The exchange behind [`call`]: adds the operationID to the JSON object
/// `body`, sends it to where the server's release has the operation of
/// `path` (a reference-release path), waits at most `timeout_ms`, and
/// returns the answer's `data` (as JSON text) with the operationID.
async fn post_json(
    conn: Connection,
    scope: Scope,
    path: &'static str,
    body: Result<String, serde_json::Error>,
    timeout_ms: u32,
) -> Answer {
    let operation_id = opid::next_operation_id();
    let fail = |message: String| ApiError::new(&operation_id, ErrorKind::Network { message });
    // operationIDs are letters, digits and dashes: nothing to escape.
    let body = match &body {
        Ok(json) => body::with_first_field(json, "operationID", &format!("\"{operation_id}\""))
            .ok_or("request body is not an object"),
        Err(_) => Err("request body cannot be written as JSON"),
    }
    .map_err(|m| fail(m.into()))?;
    let Some(path) = conn.release.route(path) else {
        return Err(ApiError::new(
            &operation_id,
            ErrorKind::Unavailable { path },
        ));
    };
    let controller =
        AbortController::new().map_err(|_| fail("AbortController unavailable".into()))?;
    let request = request_init(conn.token.as_deref(), &body, &controller.signal())
        .map_err(|_| fail("the request could not be built".into()))?;
    let url = endpoints::url(&conn.server, path);
    let (status, text) = fetch_text(
        &url,
        &request,
        &controller,
        &scope,
        timeout_ms,
        &operation_id,
    )
    .await?;
    envelope::data(status, &text, &operation_id).map(|data| (data, operation_id))
}

/// Fetches `url` with `init` (whose signal is `controller`'s), in flight
/// in `scope` and aborted after `timeout_ms`: the answer's status and
/// text, or the failure told apart as timeout, cancellation or network
/// error. Every call to the main API and the CMS goes through it.
pub(super) async fn fetch_text(
    url: &str,
    init: &RequestInit,
    controller: &AbortController,
    scope: &Scope,
    timeout_ms: u32,
    operation_id: &str,
) -> Result<(u16, String), ApiError> {
    let fail = |message: String| ApiError::new(operation_id, ErrorKind::Network { message });
    let window = window().ok_or_else(|| fail("no window to fetch from".into()))?;
    scope.track(controller);
    // Past the time limit the request is aborted like a cancelled one; the
    // flag tells the two apart. Dropping the timer (on any answer) clears it.
    let timed_out = Rc::new(std::cell::Cell::new(false));
    let _timer = gloo_timers::callback::Timeout::new(timeout_ms, {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        move || {
            timed_out.set(true);
            controller.abort();
        }
    });
    let outcome = async {
        let response = JsFuture::from(window.fetch_with_str_and_init(url, init))
            .await
            .map_err(js_message)?;
        let response = Response::from(web_sys::Response::from(response));
        let text = response.text().await.map_err(|e| e.to_string())?;
        Ok::<_, String>((response.status(), text))
    }
    .await;
    scope.forget(controller);
    match outcome {
        Ok(answer) => Ok(answer),
        Err(_) if timed_out.get() => Err(ApiError::new(
            operation_id,
            ErrorKind::Timeout {
                after_ms: timeout_ms,
            },
        )),
        Err(_) if controller.signal().aborted() => {
            Err(ApiError::new(operation_id, ErrorKind::Aborted))
        }
        Err(message) => Err(fail(message)),
    }
}

/// Status and text of a fetch already started, or None when nothing came
/// back (the probes, which read any answer and need no error).
pub(super) async fn status_and_text(fetch: Option<js_sys::Promise>) -> Option<(u16, String)> {
    let response: web_sys::Response = JsFuture::from(fetch?).await.ok()?.dyn_into().ok()?;
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Some((response.status(), text))
}

/// The POST's method, headers, body and abort signal. `fetch(url, init)`
/// is called with them directly: building a `Request` object first (as a
/// request builder does, twice) costs the browser about 0.15 ms a call,
/// 5% of a 100,000-user lookup.
pub(super) fn request_init(
    token: Option<&str>,
    body: &str,
    signal: &AbortSignal,
) -> Result<RequestInit, JsValue> {
    let headers = Headers::new()?;
    if let Some(token) = token {
        headers.set("token", token)?;
    }
    headers.set("content-type", "application/json")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    init.set_signal(Some(signal));
    Ok(init)
}

/// What a rejected `fetch` says, as the browser writes it ("TypeError:
/// Failed to fetch").
fn js_message(error: JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.to_string().into(),
        None => error.as_string().unwrap_or_else(|| "fetch failed".into()),
    }
}
