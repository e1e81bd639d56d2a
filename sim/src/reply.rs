//! The bodies gin writes for the API (docs/api.md#envelope, docs/api.md#token-check).

use crate::gojson::{Go, ObjBuilder};
use crate::release::Release;
use crate::token::TokenError;

/// An API answer: HTTP status and the exact body bytes.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, value: Go) -> Reply {
        Reply {
            status,
            body: value.encode(),
        }
    }

    /// gin's Recovery after a handler panic: 500 with no body.
    pub fn panic() -> Reply {
        Reply {
            status: 500,
            body: Vec::new(),
        }
    }

    /// `c.JSON(400, gin.H{"errCode": 400, "errMsg": err.Error()})` after a
    /// failed `BindJSON` (docs/api.md#binding).
    pub fn bind_error(msg: String) -> Reply {
        Reply::json(400, gin_h(400, &msg, vec![]))
    }

    /// Token failure on every endpoint except user_token and the send
    /// routes (docs/api.md#token-check, docs/releases.md#release-token-status).
    /// `from_2_2` is the route's (HTTP status, errCode) from v2.2.0 on; before,
    /// every route answers 500/500.
    pub fn token_error(release: Release, failure: &TokenFailure, from_2_2: (u16, i64)) -> Reply {
        let (status, code) = if release >= Release::V2_2_0 {
            from_2_2
        } else {
            (500, 500)
        };
        let msg = if release == Release::V2_0_8 {
            "GetUserIDFromToken failed".to_string()
        } else {
            failure.message("GetUserIDFromToken", true)
        };
        Reply::json(status, gin_h(code, &msg, vec![]))
    }

    /// The API's answer when its gRPC call fails: HTTP 500, errCode 500
    /// (docs/api.md#request-order). The text is the route's own where the reference
    /// records it: send_msg (docs/api.md#send-msg-checks, step 8), create_group
    /// (docs/api.md#create-group). It records no text for the other routes, so they
    /// say "rpc failed".
    pub fn rpc_failed(path: &str) -> Reply {
        let msg = match path {
            "/manager/send_msg" | "/msg/manage_send_msg" => "call UserSendMsg  rpc server failed",
            "/group/create_group" => "call  rpc server failed",
            _ => "rpc failed",
        };
        Reply::json(500, gin_h(500, msg, vec![]))
    }

    /// `{errCode, errMsg}` of a `CommResp`, HTTP 200.
    pub fn comm(code: i64, msg: &str) -> Reply {
        Reply::json(200, comm(code, msg).build())
    }

    /// `{errCode, errMsg, data}`, HTTP 200.
    pub fn with_data(code: i64, msg: &str, data: Go) -> Reply {
        Reply::json(200, comm(code, msg).field("data", data).build())
    }
}

/// The start of a response struct that embeds `CommResp`.
pub fn comm(code: i64, msg: &str) -> ObjBuilder {
    Go::obj()
        .field("errCode", Go::Int(code))
        .field("errMsg", Go::str(msg))
}

/// A `gin.H` literal: a Go map, so its keys come out sorted (which puts an
/// upper-case `MsgID` first).
pub fn gin_h(code: i64, msg: &str, extra: Vec<(&str, Go)>) -> Go {
    let mut fields = vec![
        ("errCode".to_string(), Go::Int(code)),
        ("errMsg".to_string(), Go::str(msg)),
    ];
    fields.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v)));
    Go::map(fields)
}

/// The (HTTP status, errCode) of most routes' token failure from v2.2.0.
pub const TOKEN_400_500: (u16, i64) = (400, 500);

/// A refused token, with what later releases echo back about it.
pub struct TokenFailure<'a> {
    pub operation_id: &'a str,
    pub token: &'a str,
    pub cause: TokenError,
}

impl TokenFailure<'_> {
    /// `"<operationID> <function> failed <cause>"`, plus `" token:<token>"`
    /// where the release echoes the token (docs/releases.md#release-token-status).
    pub fn message(&self, function: &str, echo_token: bool) -> String {
        let mut msg = format!(
            "{} {function} failed {}",
            self.operation_id,
            self.cause.text()
        );
        if echo_token {
            msg.push_str(" token:");
            msg.push_str(self.token);
        }
        msg
    }
}
