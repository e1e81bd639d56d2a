//! Turns an HTTP status and body into `data` or an [`ApiError`], following
//! how the v2 server really answers (docs/api.md#envelope, docs/api.md#token-check).

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{ApiError, ErrorKind};

/// Longest piece of a non-JSON body kept for the operator to read.
const SNIPPET_CHARS: usize = 160;

/// Decodes a response body. `data` that is absent or `null` becomes
/// `T::default()` (invite answers `null` when it has no results).
pub fn decode<T: DeserializeOwned + Default>(
    status: u16,
    body: &str,
    operation_id: &str,
) -> Result<T, ApiError> {
    data_as(data(status, body, operation_id)?.as_deref(), operation_id)
}

/// The fields every answer has; `data` is kept as its JSON text, to be
/// decoded once into the endpoint's own type.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "errCode")]
    err_code: Option<i64>,
    #[serde(rename = "errMsg", default)]
    err_msg: Option<String>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// The answer's `data` as JSON text (`None` when absent or `null`), or the
/// error the status and errCode mean. Not generic: one copy serves every
/// endpoint.
pub fn data(status: u16, body: &str, operation_id: &str) -> Result<Option<String>, ApiError> {
    let fail = |kind| Err(ApiError::new(operation_id, kind));
    let not_json = || {
        fail(ErrorKind::NotJson {
            status,
            snippet: snippet(body),
        })
    };
    let envelope: Envelope = match serde_json::from_str(body) {
        Ok(e) => e,
        Err(e) if e.is_syntax() || e.is_eof() => return not_json(),
        // Valid JSON of another shape (an array, a string errCode) is
        // reported as such; text that merely starts like JSON is not JSON.
        Err(_) if serde_json::from_str::<IgnoredAny>(body).is_err() => return not_json(),
        Err(_) => Envelope {
            err_code: None,
            err_msg: None,
            data: None,
        },
    };
    let Some(err_code) = envelope.err_code else {
        return fail(ErrorKind::Shape {
            status,
            detail: format!("no errCode in {}", snippet(body)),
        });
    };
    let err_msg = envelope.err_msg.unwrap_or_default();

    // Read from errCode and errMsg: the HTTP status of a refused token
    // moved from 500 to 400 in v2.2, and create_group's errCode is 400
    // there (docs/releases.md#release-token-status).
    if matches!(err_code, 400 | 500) && err_msg.contains("GetUserIDFromToken") {
        return fail(ErrorKind::Session { err_msg });
    }
    if status == 400 && err_code == 400 {
        return fail(match err_msg.as_str() {
            "parse token failed" => ErrorKind::Session { err_msg },
            "not authorized" => ErrorKind::NotAdmin { err_msg },
            _ => ErrorKind::Rejected { err_msg },
        });
    }
    let data = envelope.data.map(RawValue::get).filter(|d| *d != "null");
    if err_code != 0 || !(200..300).contains(&status) {
        return fail(ErrorKind::Server {
            err_code,
            err_msg,
            data: data.map(str::to_string),
        });
    }
    Ok(data.map(str::to_owned))
}

/// What a call gives back: its answer's `data` as JSON text (`None` when
/// absent or `null`) with the operationID it was sent with, or the error.
pub type Answer = Result<(Option<String>, String), ApiError>;

/// An answer's `data` as `T`.
pub fn answer_as<T: DeserializeOwned + Default>(answer: Answer) -> Result<T, ApiError> {
    answer.and_then(|(data, operation_id)| data_as(data.as_deref(), &operation_id))
}

/// `data` as the endpoint's answer type; absent is the type's default.
pub fn data_as<T: DeserializeOwned + Default>(
    data: Option<&str>,
    operation_id: &str,
) -> Result<T, ApiError> {
    let Some(data) = data else {
        return Ok(T::default());
    };
    serde_json::from_str(data).map_err(|e| {
        ApiError::new(
            operation_id,
            ErrorKind::Shape {
                status: 200,
                detail: e.to_string(),
            },
        )
    })
}

fn snippet(body: &str) -> String {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return "(empty body)".into();
    }
    let mut s: String = trimmed.chars().take(SNIPPET_CHARS).collect();
    if trimmed.chars().count() > SNIPPET_CHARS {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind<T: DeserializeOwned + Default + std::fmt::Debug>(s: u16, b: &str) -> ErrorKind {
        decode::<T>(s, b, "op1").unwrap_err().kind
    }

    #[test]
    fn success_returns_data() {
        let v: Vec<String> =
            decode(200, r#"{"errCode":0,"errMsg":"","data":["a","b"]}"#, "o").unwrap();
        assert_eq!(v, ["a", "b"]);
    }

    #[test]
    fn absent_or_null_data_is_default() {
        let v: Vec<String> = decode(200, r#"{"errCode":0,"errMsg":"","data":null}"#, "o").unwrap();
        assert!(v.is_empty());
        decode::<()>(200, r#"{"errCode":0,"errMsg":""}"#, "o").unwrap();
    }

    #[test]
    fn business_error_keeps_code_message_data_and_operation_id() {
        let e = decode::<Vec<String>>(
            200,
            r#"{"errCode":201,"errMsg":"some uid deleted failed","data":["ghost"]}"#,
            "op-9",
        )
        .unwrap_err();
        assert_eq!(e.operation_id, "op-9");
        assert_eq!(
            e.kind,
            ErrorKind::Server {
                err_code: 201,
                err_msg: "some uid deleted failed".into(),
                data: Some(r#"["ghost"]"#.into()),
            }
        );
        assert!(e.to_string().contains("op-9"));
    }

    #[test]
    fn token_failures_are_session_errors() {
        let k = kind::<()>(
            500,
            r#"{"errCode":500,"errMsg":"GetUserIDFromToken failed"}"#,
        );
        assert!(matches!(k, ErrorKind::Session { .. }));
        // v2.0.10+ prefixes the operationID and appends the cause.
        let k = kind::<()>(
            500,
            r#"{"errCode":500,"errMsg":"op GetUserIDFromToken failed ==> x: token is timed out"}"#,
        );
        assert!(matches!(k, ErrorKind::Session { .. }));
        let k = kind::<()>(
            400,
            r#"{"errCode":400,"errMsg":"parse token failed","sendTime":0,"MsgID":""}"#,
        );
        assert!(matches!(k, ErrorKind::Session { .. }));
        // v2.2+: HTTP 400 with errCode 500, and create_group's errCode 400.
        for body in [
            r#"{"errCode":500,"errMsg":"op GetUserIDFromToken failed token:x"}"#,
            r#"{"errCode":400,"errMsg":"op GetUserIDFromToken failed token:x"}"#,
        ] {
            assert!(
                matches!(kind::<()>(400, body), ErrorKind::Session { .. }),
                "{body}"
            );
        }
        // The text alone is not enough: a business error may quote it.
        let k = kind::<()>(200, r#"{"errCode":801,"errMsg":"GetUserIDFromToken"}"#);
        assert!(matches!(k, ErrorKind::Server { err_code: 801, .. }));
    }

    #[test]
    fn other_500_is_a_server_error_not_a_session_error() {
        let k = kind::<()>(500, r#"{"errCode":500,"errMsg":"call  rpc server failed"}"#);
        assert!(matches!(k, ErrorKind::Server { err_code: 500, .. }));
    }

    #[test]
    fn bind_errors_and_not_authorized() {
        let k = kind::<()>(400, r#"{"errCode":400,"errMsg":"EOF"}"#);
        assert_eq!(
            k,
            ErrorKind::Rejected {
                err_msg: "EOF".into()
            }
        );
        let k = kind::<()>(
            400,
            r#"{"errCode":400,"errMsg":"not authorized","sendTime":0,"MsgID":""}"#,
        );
        assert!(matches!(k, ErrorKind::NotAdmin { .. }));
        // Wrong secret is HTTP 400 but errCode 401: a business error.
        let k = kind::<()>(400, r#"{"errCode":401,"errMsg":"not authorized"}"#);
        assert!(matches!(k, ErrorKind::Server { err_code: 401, .. }));
    }

    #[test]
    fn html_and_empty_bodies_are_not_json() {
        let k = kind::<()>(502, "<html><body>502 Bad Gateway</body></html>");
        assert!(
            matches!(k, ErrorKind::NotJson { status: 502, ref snippet } if snippet.contains("502 Bad Gateway"))
        );
        let k = kind::<()>(500, "");
        assert_eq!(
            k,
            ErrorKind::NotJson {
                status: 500,
                snippet: "(empty body)".into()
            }
        );
        let k = kind::<()>(404, "404 page not found");
        assert!(matches!(k, ErrorKind::NotJson { status: 404, .. }));
    }

    #[test]
    fn long_bodies_are_cut() {
        let body = "x".repeat(1000);
        let ErrorKind::NotJson { snippet, .. } = kind::<()>(502, &body) else {
            panic!()
        };
        assert_eq!(snippet.chars().count(), SNIPPET_CHARS + 1);
    }

    #[test]
    fn wrong_shape_is_reported() {
        let k = kind::<Vec<String>>(200, r#"{"errCode":0,"errMsg":"","data":{"a":1}}"#);
        assert!(matches!(k, ErrorKind::Shape { status: 200, .. }));
        let k = kind::<()>(200, r#"{"hello":1}"#);
        assert!(matches!(k, ErrorKind::Shape { .. }));
    }
}
