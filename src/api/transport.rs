//! The one way the dashboard talks to the server: POST JSON with the
//! `token` header, a fresh operationID, a time limit, and cancellation
//! when the page that asked goes away.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{select, Either};
use gloo_net::http::Request;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::AbortController;

use super::{endpoints, envelope, opid, ApiError, ErrorKind};

/// Long enough for a slow server under load, short enough that an operator
/// is told something is wrong while they still remember what they did.
pub const TIMEOUT_MS: u32 = 30_000;

/// Where to send calls and with which token.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    /// Base URL of the server; empty means the dashboard's own origin.
    pub server: String,
    pub token: Option<String>,
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
        let mut live = self.0.borrow_mut();
        live.retain(|c| !c.signal().aborted());
        live.push(c.clone());
    }
}

/// Posts `body` (plus a new operationID) to `path` and decodes `data`.
/// Only the JSON conversions depend on the types; the exchange itself is
/// one function for every endpoint.
pub async fn post<Req, Resp>(
    conn: &Connection,
    scope: &Scope,
    path: &str,
    body: &Req,
) -> Result<Resp, ApiError>
where
    Req: Serialize,
    Resp: DeserializeOwned + Default,
{
    let body = serde_json::to_string(body);
    let (data, operation_id) = post_json(conn, scope, path, body).await?;
    envelope::data_as(data.as_deref(), &operation_id)
}

/// The exchange behind [`post`]: adds the operationID to the JSON object
/// `body`, sends, waits at most [`TIMEOUT_MS`], and returns the answer's
/// `data` (as JSON text) with the operationID.
async fn post_json(
    conn: &Connection,
    scope: &Scope,
    path: &str,
    body: Result<String, serde_json::Error>,
) -> Result<(Option<String>, String), ApiError> {
    let operation_id = opid::next_operation_id();
    let fail = |message: String| ApiError::new(&operation_id, ErrorKind::Network { message });
    let fields = match &body {
        Ok(json) => json
            .strip_prefix('{')
            .ok_or("request body is not an object"),
        Err(_) => Err("request body cannot be written as JSON"),
    }
    .map_err(|m| fail(m.into()))?;
    let separator = if fields.starts_with('}') { "" } else { "," };
    // operationIDs are letters, digits and dashes: nothing to escape.
    let body = format!("{{\"operationID\":\"{operation_id}\"{separator}{fields}");
    let controller =
        AbortController::new().map_err(|_| fail("AbortController unavailable".into()))?;
    scope.track(&controller);

    let mut request =
        Request::post(&endpoints::url(&conn.server, path)).abort_signal(Some(&controller.signal()));
    if let Some(token) = &conn.token {
        request = request.header("token", token);
    }
    let request = request
        .header("content-type", "application/json")
        .body(body)
        .map_err(|e| fail(e.to_string()))?;

    let exchange = Box::pin(async move {
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        Ok::<_, gloo_net::Error>((status, text))
    });
    let timer = Box::pin(gloo_timers::future::TimeoutFuture::new(TIMEOUT_MS));
    let outcome = match select(exchange, timer).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(_) => {
            controller.abort();
            return Err(ApiError::new(
                &operation_id,
                ErrorKind::Timeout {
                    after_ms: TIMEOUT_MS,
                },
            ));
        }
    };
    match outcome {
        Ok((status, text)) => {
            envelope::data(status, &text, &operation_id).map(|data| (data, operation_id))
        }
        Err(_) if controller.signal().aborted() => {
            Err(ApiError::new(&operation_id, ErrorKind::Aborted))
        }
        Err(e) => Err(fail(e.to_string())),
    }
}
