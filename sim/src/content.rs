//! send_msg `content` checks (docs/api.md#send-msg-checks, docs/api.md#send-msg-content).
//!
//! The API runs `mapstructure.WeakDecode(params.Content, &elem)` and then
//! `validator.Struct(elem)`. Weak decoding converts loosely (`"1"` → 1,
//! 123 → `"123"`, true → `"1"`), matches keys case-insensitively, and collects
//! every failure into one sorted message:
//! `1 error(s) decoding:\n\n* 'text' expected type 'string', got unconvertible type ...`.
//! Validation then reports `Key: 'TextElem.Text' Error:Field validation for
//! 'Text' failed on the 'required' tag` lines.

use crate::godecode::JVal;
use crate::gojson::go_exponent;
use crate::release::Release;

#[derive(Clone, Copy)]
pub enum ETy {
    Str,
    I32,
    I64,
    Struct(&'static Elem),
}

pub struct EField {
    go: &'static str,
    key: &'static str,
    ty: ETy,
    required: bool,
}

pub struct Elem {
    pub name: &'static str,
    fields: &'static [EField],
}

const fn f(go: &'static str, key: &'static str, ty: ETy) -> EField {
    EField {
        go,
        key,
        ty,
        required: false,
    }
}

const fn req(go: &'static str, key: &'static str, ty: ETy) -> EField {
    EField {
        go,
        key,
        ty,
        required: true,
    }
}

pub static TEXT_ELEM: Elem = Elem {
    name: "TextElem",
    fields: &[req("Text", "text", ETy::Str)],
};

static PICTURE_BASE_INFO: Elem = Elem {
    name: "PictureBaseInfo",
    fields: &[
        f("UUID", "uuid", ETy::Str),
        f("Type", "type", ETy::Str),
        f("Size", "size", ETy::I64),
        f("Width", "width", ETy::I32),
        f("Height", "height", ETy::I32),
        f("Url", "url", ETy::Str),
    ],
};

pub static PICTURE_ELEM: Elem = Elem {
    name: "PictureElem",
    fields: &[
        f("SourcePath", "sourcePath", ETy::Str),
        f(
            "SourcePicture",
            "sourcePicture",
            ETy::Struct(&PICTURE_BASE_INFO),
        ),
        f("BigPicture", "bigPicture", ETy::Struct(&PICTURE_BASE_INFO)),
        f(
            "SnapshotPicture",
            "snapshotPicture",
            ETy::Struct(&PICTURE_BASE_INFO),
        ),
    ],
};

pub static SOUND_ELEM: Elem = Elem {
    name: "SoundElem",
    fields: &[
        f("UUID", "uuid", ETy::Str),
        f("SoundPath", "soundPath", ETy::Str),
        f("SourceURL", "sourceUrl", ETy::Str),
        f("DataSize", "dataSize", ETy::I64),
        f("Duration", "duration", ETy::I64),
    ],
};

pub static VIDEO_ELEM: Elem = Elem {
    name: "VideoElem",
    fields: &[
        f("VideoPath", "videoPath", ETy::Str),
        f("VideoUUID", "videoUUID", ETy::Str),
        f("VideoURL", "videoUrl", ETy::Str),
        f("VideoType", "videoType", ETy::Str),
        f("VideoSize", "videoSize", ETy::I64),
        f("Duration", "duration", ETy::I64),
        f("SnapshotPath", "snapshotPath", ETy::Str),
        f("SnapshotUUID", "snapshotUUID", ETy::Str),
        f("SnapshotSize", "snapshotSize", ETy::I64),
        f("SnapshotURL", "snapshotUrl", ETy::Str),
        f("SnapshotWidth", "snapshotWidth", ETy::I32),
        f("SnapshotHeight", "snapshotHeight", ETy::I32),
    ],
};

pub static FILE_ELEM: Elem = Elem {
    name: "FileElem",
    fields: &[
        f("FilePath", "filePath", ETy::Str),
        f("UUID", "uuid", ETy::Str),
        f("SourceURL", "sourceUrl", ETy::Str),
        f("FileName", "fileName", ETy::Str),
        f("FileSize", "fileSize", ETy::I64),
    ],
};

pub static CUSTOM_ELEM: Elem = Elem {
    name: "CustomElem",
    fields: &[
        req("Data", "data", ETy::Str),
        f("Description", "description", ETy::Str),
        f("Extension", "extension", ETy::Str),
    ],
};

pub static REVOKE_ELEM: Elem = Elem {
    name: "RevokeElem",
    fields: &[req("RevokeMsgClientID", "revokeMsgClientID", ETy::Str)],
};

pub static OA_NOTIFICATION_ELEM: Elem = Elem {
    name: "OANotificationElem",
    fields: &[
        req("NotificationName", "notificationName", ETy::Str),
        req("NotificationFaceURL", "notificationFaceURL", ETy::Str),
        req("NotificationType", "notificationType", ETy::I32),
        req("Text", "text", ETy::Str),
        f("Url", "url", ETy::Str),
        f("MixType", "mixType", ETy::I32),
        f("PictureElem", "pictureElem", ETy::Struct(&PICTURE_ELEM)),
        f("SoundElem", "soundElem", ETy::Struct(&SOUND_ELEM)),
        f("VideoElem", "videoElem", ETy::Struct(&VIDEO_ELEM)),
        f("FileElem", "fileElem", ETy::Struct(&FILE_ELEM)),
        f("Ex", "ex", ETy::Str),
    ],
};

/// 118 (AdvancedRevoke) content: the revoke record; nothing is required.
pub static ADVANCED_REVOKE_ELEM: Elem = Elem {
    name: "MessageRevoked",
    fields: &[
        f("RevokerID", "revokerID", ETy::Str),
        f("RevokerRole", "revokerRole", ETy::I32),
        f("ClientMsgID", "clientMsgID", ETy::Str),
        f("RevokerNickname", "revokerNickname", ETy::Str),
        f("RevokeTime", "revokeTime", ETy::I64),
        f("SourceMessageSendTime", "sourceMessageSendTime", ETy::I64),
        f("SourceMessageSendID", "sourceMessageSendID", ETy::Str),
        f(
            "SourceMessageSenderNickname",
            "sourceMessageSenderNickname",
            ETy::Str,
        ),
        f("SessionType", "sessionType", ETy::I32),
        f("Seq", "seq", ETy::I64),
        f("Ex", "ex", ETy::Str),
    ],
};

/// `elem_for` plus the types v2.3.3 added: 118 AdvancedRevoke, and 119/120
/// (custom messages that update no conversation, or go online only), whose
/// content is a custom element (docs/releases.md#release-limits).
pub fn elem_for_release(content_type: i64, release: Release) -> Option<&'static Elem> {
    match content_type {
        118 if release >= Release::V2_3_3 => Some(&ADVANCED_REVOKE_ELEM),
        119 | 120 if release >= Release::V2_3_3 => Some(&CUSTOM_ELEM),
        _ => elem_for(content_type),
    }
}

/// The element struct for an accepted contentType (docs/api.md#send-msg-checks); `None`
/// means `404 contentType err`.
pub fn elem_for(content_type: i64) -> Option<&'static Elem> {
    Some(match content_type {
        101 => &TEXT_ELEM,
        102 => &PICTURE_ELEM,
        103 => &SOUND_ELEM,
        104 => &VIDEO_ELEM,
        105 => &FILE_ELEM,
        110 => &CUSTOM_ELEM,
        111 => &REVOKE_ELEM,
        1400 => &OA_NOTIFICATION_ELEM,
        _ => return None,
    })
}

/// A decoded scalar of an element field (only what validation needs).
#[derive(Clone, Debug, PartialEq)]
enum Scalar {
    Str(String),
    Int(i64),
}

/// Steps 3 and 4: `Err((401, msg))` or `Err((403, msg))`.
pub fn check(content: &[(String, JVal)], elem: &'static Elem) -> Result<(), (i64, String)> {
    let mut errors = Vec::new();
    let values = decode_struct("", content, elem, &mut errors);
    if !errors.is_empty() {
        let mut points: Vec<String> = errors.iter().map(|e| format!("* {e}")).collect();
        points.sort();
        return Err((
            401,
            format!(
                "{} error(s) decoding:\n\n{}",
                errors.len(),
                points.join("\n")
            ),
        ));
    }
    let mut failures = Vec::new();
    for (field, value) in elem.fields.iter().zip(values) {
        let zero = match value {
            Some(Scalar::Str(s)) => s.is_empty(),
            Some(Scalar::Int(i)) => i == 0,
            None => true,
        };
        if field.required && zero {
            failures.push(format!(
                "Key: '{}.{}' Error:Field validation for '{}' failed on the 'required' tag",
                elem.name, field.go, field.go
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err((403, failures.join("\n")))
    }
}

/// mapstructure's `decodeStructFromMap`: exact key first, then a
/// case-insensitive match; missing keys keep the zero value.
fn decode_struct(
    prefix: &str,
    map: &[(String, JVal)],
    elem: &'static Elem,
    errors: &mut Vec<String>,
) -> Vec<Option<Scalar>> {
    let mut out = Vec::with_capacity(elem.fields.len());
    for field in elem.fields {
        let name = if prefix.is_empty() {
            field.key.to_string()
        } else {
            format!("{prefix}.{}", field.key)
        };
        let found = map
            .iter()
            .rev()
            .find(|(k, _)| k == field.key)
            .or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(field.key)))
            .map(|(_, v)| v);
        let value = match found {
            None | Some(JVal::Null) => None,
            Some(v) => decode_field(&name, v, field.ty, errors),
        };
        out.push(value);
    }
    out
}

fn decode_field(name: &str, v: &JVal, ty: ETy, errors: &mut Vec<String>) -> Option<Scalar> {
    match ty {
        ETy::Str => match v {
            JVal::Str(s) => Some(Scalar::Str(s.clone())),
            JVal::Bool(b) => Some(Scalar::Str(if *b { "1" } else { "0" }.into())),
            JVal::Num(lit) => Some(Scalar::Str(format_f(num(lit)))),
            other => {
                errors.push(unconvertible(name, "string", other));
                None
            }
        },
        ETy::I32 | ETy::I64 => {
            let bits = if matches!(ty, ETy::I32) { 32 } else { 64 };
            match v {
                JVal::Num(lit) => Some(Scalar::Int(truncate(num(lit) as i64, bits))),
                JVal::Bool(b) => Some(Scalar::Int(*b as i64)),
                JVal::Str(s) => {
                    let s = if s.is_empty() { "0" } else { s.as_str() };
                    match parse_int_base0(s, bits) {
                        Ok(n) => Some(Scalar::Int(n)),
                        Err(reason) => {
                            errors.push(format!(
                                "cannot parse '{name}' as int: strconv.ParseInt: parsing {}: {reason}",
                                go_quote(s)
                            ));
                            None
                        }
                    }
                }
                other => {
                    let t = if bits == 32 { "int32" } else { "int64" };
                    errors.push(unconvertible(name, t, other));
                    None
                }
            }
        }
        ETy::Struct(inner) => match v {
            JVal::Obj(map) => {
                decode_struct(name, map, inner, errors);
                None
            }
            other => {
                errors.push(format!("'{name}' expected a map, got '{}'", go_kind(other)));
                None
            }
        },
    }
}

fn truncate(n: i64, bits: u32) -> i64 {
    if bits == 32 {
        n as i32 as i64
    } else {
        n
    }
}

fn num(lit: &str) -> f64 {
    lit.parse().unwrap_or(0.0)
}

fn unconvertible(name: &str, want: &str, v: &JVal) -> String {
    format!(
        "'{name}' expected type '{want}', got unconvertible type '{}', value: '{}'",
        go_type(v),
        go_v(v)
    )
}

/// The Go type `encoding/json` gives a value inside `interface{}`.
fn go_type(v: &JVal) -> &'static str {
    match v {
        JVal::Null => "<nil>",
        JVal::Bool(_) => "bool",
        JVal::Num(_) => "float64",
        JVal::Str(_) => "string",
        JVal::Arr(_) => "[]interface {}",
        JVal::Obj(_) => "map[string]interface {}",
    }
}

fn go_kind(v: &JVal) -> &'static str {
    match v {
        JVal::Null => "invalid",
        JVal::Bool(_) => "bool",
        JVal::Num(_) => "float64",
        JVal::Str(_) => "string",
        JVal::Arr(_) => "slice",
        JVal::Obj(_) => "map",
    }
}

/// `fmt`'s `%v` of a decoded JSON value.
fn go_v(v: &JVal) -> String {
    match v {
        JVal::Null => "<nil>".into(),
        JVal::Bool(b) => b.to_string(),
        JVal::Num(lit) => format_g(num(lit)),
        JVal::Str(s) => s.clone(),
        JVal::Arr(items) => format!("[{}]", items.iter().map(go_v).collect::<Vec<_>>().join(" ")),
        JVal::Obj(fields) => {
            let mut kv: Vec<(&String, &JVal)> = fields.iter().map(|(k, v)| (k, v)).collect();
            kv.sort_by(|a, b| a.0.cmp(b.0));
            kv.dedup_by(|a, b| a.0 == b.0);
            let parts: Vec<String> = kv.iter().map(|(k, v)| format!("{k}:{}", go_v(v))).collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

/// `strconv.FormatFloat(f, 'f', -1, 64)`.
fn format_f(f: f64) -> String {
    format!("{f}")
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`, which `%v` uses: exponent form
/// when the decimal exponent is below -4 or at least 6.
fn format_g(f: f64) -> String {
    let e = format!("{f:e}");
    let exp: i32 = e
        .split_once('e')
        .and_then(|(_, x)| x.parse().ok())
        .unwrap_or(0);
    if f != 0.0 && !(-4..6).contains(&exp) {
        go_exponent(&e)
    } else {
        format!("{f}")
    }
}

/// `strconv.ParseInt(s, 0, bits)`.
fn parse_int_base0(s: &str, bits: u32) -> Result<i64, &'static str> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r.to_string())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string())
    } else {
        (10, lower.clone())
    };
    // Base 0 allows "_" between digits.
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err("invalid syntax");
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let mag = u128::from_str_radix(&clean, radix).map_err(|e| match e.kind() {
        std::num::IntErrorKind::PosOverflow => "value out of range",
        _ => "invalid syntax",
    })?;
    let limit: u128 = 1u128 << (bits - 1);
    if (!neg && mag >= limit) || (neg && mag > limit) {
        return Err("value out of range");
    }
    let v = mag as i128;
    Ok(if neg { -v } else { v } as i64)
}

/// `strconv.Quote` for the common cases.
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::godecode::decode_first;

    fn content(s: &str) -> Vec<(String, JVal)> {
        match decode_first(s.as_bytes()).unwrap() {
            JVal::Obj(f) => f,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn text_required() {
        assert_eq!(
            check(&content(r#"{"text":""}"#), &TEXT_ELEM),
            Err((
                403,
                "Key: 'TextElem.Text' Error:Field validation for 'Text' failed on the 'required' tag".into()
            ))
        );
        assert_eq!(check(&content(r#"{"text":123}"#), &TEXT_ELEM), Ok(()));
        assert_eq!(check(&content(r#"{"TEXT":"hi"}"#), &TEXT_ELEM), Ok(()));
    }

    #[test]
    fn weak_decode_errors_are_sorted_and_counted() {
        let e = check(
            &content(r#"{"notificationType":"abc","text":{"a":1},"notificationName":"n","notificationFaceURL":"f"}"#),
            &OA_NOTIFICATION_ELEM,
        )
        .unwrap_err();
        assert_eq!(e.0, 401);
        assert_eq!(
            e.1,
            "2 error(s) decoding:\n\n\
             * 'text' expected type 'string', got unconvertible type 'map[string]interface {}', value: 'map[a:1]'\n\
             * cannot parse 'notificationType' as int: strconv.ParseInt: parsing \"abc\": invalid syntax"
        );
    }

    #[test]
    fn oa_numbers_from_strings() {
        let ok = content(
            r#"{"notificationType":"1","text":"t","notificationName":"n","notificationFaceURL":"f","pictureElem":{"sourcePicture":{"size":"12"}}}"#,
        );
        assert_eq!(check(&ok, &OA_NOTIFICATION_ELEM), Ok(()));
        let bad = content(
            r#"{"notificationType":0,"text":"t","notificationName":"n","notificationFaceURL":"f","pictureElem":"x"}"#,
        );
        assert_eq!(
            check(&bad, &OA_NOTIFICATION_ELEM),
            Err((
                401,
                "1 error(s) decoding:\n\n* 'pictureElem' expected a map, got 'string'".into()
            ))
        );
    }

    #[test]
    fn parse_int_base0_cases() {
        assert_eq!(parse_int_base0("0x10", 32), Ok(16));
        assert_eq!(parse_int_base0("010", 32), Ok(8));
        assert_eq!(parse_int_base0("-5", 32), Ok(-5));
        assert_eq!(
            parse_int_base0("99999999999", 32),
            Err("value out of range")
        );
        assert_eq!(parse_int_base0("1.5", 32), Err("invalid syntax"));
    }
}
