use leptos::prelude::*;

use crate::api::{ApiError, ErrorKind};
use crate::i18n::{fill, Strings};
use crate::state::{tr, use_app};

/// The operator-facing sentence for an error, in the current language.
pub fn describe(t: &Strings, e: &ApiError) -> String {
    match &e.kind {
        ErrorKind::Server { .. } => t.err_server.to_string(),
        ErrorKind::Rejected { .. } => t.err_rejected.to_string(),
        ErrorKind::Session { .. } => t.err_session.to_string(),
        ErrorKind::NotAdmin { .. } => t.err_not_admin_call.to_string(),
        ErrorKind::Network { message } => fill(t.err_network, &[("detail", message)]),
        ErrorKind::Timeout { after_ms } => fill(t.err_timeout, &[("seconds", &(after_ms / 1000))]),
        ErrorKind::NotJson { status, .. } => fill(t.err_not_json, &[("status", status)]),
        ErrorKind::Shape { detail, .. } => fill(t.err_shape, &[("detail", detail)]),
        ErrorKind::Aborted => t.err_aborted.to_string(),
        ErrorKind::Unavailable { path } => fill(t.err_unavailable, &[("path", path)]),
    }
}

/// A failed call, shown honestly: what it means, the server's errCode and
/// errMsg as sent, and the operationID to find it in the server's logs.
#[component]
pub fn ErrorBox(error: ApiError) -> impl IntoView {
    let app = use_app();
    let code = error.err_code();
    let msg = error.err_msg().map(str::to_string).or(match &error.kind {
        ErrorKind::NotJson { snippet, .. } => Some(snippet.clone()),
        _ => None,
    });
    let op = error.operation_id.clone();
    view! {
        <div class="error-box" role="alert">
            <p class="error-title">
                <strong>{tr(|t| t.err_title)}</strong>
                ": "
                {
                    let error = error.clone();
                    move || describe(app.t(), &error)
                }
            </p>
            <dl class="error-details">
                {code.map(|c| view! {
                    <dt>{tr(|t| t.err_code_label)}</dt>
                    <dd class="err-code">{c}</dd>
                })}
                {msg.map(|m| view! {
                    <dt>{tr(|t| t.err_msg_label)}</dt>
                    <dd class="err-msg">{m}</dd>
                })}
                {(!op.is_empty()).then(|| view! {
                    <dt>{tr(|t| t.operation_id_label)}</dt>
                    <dd class="operation-id"><code>{op}</code></dd>
                })}
            </dl>
        </div>
    }
}
