//! One error type for every call, so each page can tell the operator exactly
//! what happened and hand them the operationID to look up in server logs.

#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The operationID sent with the failed call (always present).
    pub operation_id: String,
    pub kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    /// The server answered with `errCode` != 0 (business error). `data` is kept
    /// as JSON text because some failures carry results (delete_user's
    /// failed IDs, send_msg's clientMsgID); the caller decodes it into its
    /// own type.
    Server {
        err_code: i64,
        err_msg: String,
        data: Option<String>,
    },
    /// HTTP 400 with errCode 400: the server refused the request body.
    Rejected { err_msg: String },
    /// The token was refused (HTTP 500 `GetUserIDFromToken failed`, or
    /// send_msg's HTTP 400 `parse token failed`): log in again.
    Session { err_msg: String },
    /// send_msg's HTTP 400 `not authorized`: the token is not an admin's.
    NotAdmin { err_msg: String },
    /// The request never got an answer (server down, CORS, DNS).
    Network { message: String },
    /// No answer within the time limit; the outcome is unknown.
    Timeout { after_ms: u32 },
    /// The answer is not JSON at all, e.g. a proxy's HTML error page.
    NotJson { status: u16, snippet: String },
    /// JSON, but not in the shape the API documents.
    Shape { status: u16, detail: String },
    /// The page that asked for it went away before the answer came.
    Aborted,
    /// The server's release has no such operation (docs/releases.md#release-routes);
    /// nothing was sent.
    Unavailable { path: &'static str },
}

impl ApiError {
    pub fn new(operation_id: impl Into<String>, kind: ErrorKind) -> Self {
        Self {
            operation_id: operation_id.into(),
            kind,
        }
    }

    /// True when the operator must log in again.
    pub fn is_session(&self) -> bool {
        matches!(self.kind, ErrorKind::Session { .. })
    }

    /// The server's errCode, where the server gave one.
    pub fn err_code(&self) -> Option<i64> {
        match &self.kind {
            ErrorKind::Server { err_code, .. } => Some(*err_code),
            ErrorKind::Rejected { .. } | ErrorKind::NotAdmin { .. } => Some(400),
            _ => None,
        }
    }

    /// The server's errMsg, where the server gave one.
    pub fn err_msg(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Server { err_msg, .. }
            | ErrorKind::Rejected { err_msg }
            | ErrorKind::Session { err_msg }
            | ErrorKind::NotAdmin { err_msg } => Some(err_msg),
            _ => None,
        }
    }

    /// True when the request may have reached the server and done its work:
    /// such calls are reported, never repeated automatically.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Timeout { .. } | ErrorKind::Network { .. } | ErrorKind::Aborted
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            ErrorKind::Server {
                err_code, err_msg, ..
            } => write!(f, "errCode {err_code}: {err_msg}")?,
            ErrorKind::Rejected { err_msg } => write!(f, "request refused (400): {err_msg}")?,
            ErrorKind::Session { err_msg } => write!(f, "session refused: {err_msg}")?,
            ErrorKind::NotAdmin { err_msg } => write!(f, "not an admin: {err_msg}")?,
            ErrorKind::Network { message } => write!(f, "network error: {message}")?,
            ErrorKind::Timeout { after_ms } => write!(f, "no answer after {after_ms} ms")?,
            ErrorKind::NotJson { status, snippet } => {
                write!(f, "HTTP {status}, not JSON: {snippet}")?
            }
            ErrorKind::Shape { status, detail } => {
                write!(f, "HTTP {status}, unexpected: {detail}")?
            }
            ErrorKind::Aborted => write!(f, "cancelled")?,
            ErrorKind::Unavailable { path } => write!(f, "this server's release has no {path}")?,
        }
        write!(f, " (operationID {})", self.operation_id)
    }
}
