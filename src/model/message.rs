//! The send_msg composer as data: which fields each content type has (one
//! list per media element, so the OA notification form reuses them), the
//! request built from what was typed (numbers as numbers, only what was
//! filled in), every problem found before sending, the revoke of a sent
//! message, and the request as a `curl` command.

use serde_json::{Map, Value};

use crate::api::msg::{
    OfflinePushInfo, RevokeContent, SendMsgReq, CUSTOM, FILE, GROUP_CHAT, OA_NOTIFICATION, PICTURE,
    REVOKE, SINGLE_CHAT, TEXT, VIDEO, VOICE,
};
use crate::api::user::safe_url;
use crate::model::text::flat;

/// How a field's text becomes a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Text that must be an http(s) URL.
    Url,
    /// A whole number, sent as a JSON number.
    Int,
    /// Text that must itself parse as JSON (custom messages).
    Json,
}

/// One field of a content form, by its spec name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn f(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: false,
    }
}

const fn required(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: true,
    }
}

pub const TEXT_ELEM: &[Field] = &[required("text", Kind::Text)];
pub const PICTURE_SOURCE: &[Field] = &[f("sourcePath", Kind::Text)];
pub const PICTURE_INFO: &[Field] = &[
    f("uuid", Kind::Text),
    f("type", Kind::Text),
    f("size", Kind::Int),
    f("width", Kind::Int),
    f("height", Kind::Int),
    f("url", Kind::Url),
];
pub const SOUND_ELEM: &[Field] = &[
    f("uuid", Kind::Text),
    f("soundPath", Kind::Text),
    f("sourceUrl", Kind::Url),
    f("dataSize", Kind::Int),
    f("duration", Kind::Int),
];
pub const VIDEO_ELEM: &[Field] = &[
    f("videoPath", Kind::Text),
    f("videoUUID", Kind::Text),
    f("videoUrl", Kind::Url),
    f("videoType", Kind::Text),
    f("videoSize", Kind::Int),
    f("duration", Kind::Int),
    f("snapshotPath", Kind::Text),
    f("snapshotUUID", Kind::Text),
    f("snapshotSize", Kind::Int),
    f("snapshotUrl", Kind::Url),
    f("snapshotWidth", Kind::Int),
    f("snapshotHeight", Kind::Int),
];
pub const FILE_ELEM: &[Field] = &[
    f("filePath", Kind::Text),
    f("uuid", Kind::Text),
    f("sourceUrl", Kind::Url),
    f("fileName", Kind::Text),
    f("fileSize", Kind::Int),
];
pub const CUSTOM_ELEM: &[Field] = &[
    required("data", Kind::Json),
    f("description", Kind::Json),
    f("extension", Kind::Json),
];

/// A group of fields and where it goes in `content`: at the top (""), or
/// as a nested object named by a dotted path (a picture's `bigPicture`, a
/// notification's `pictureElem.bigPicture`).
pub type FieldGroup = (&'static str, &'static [Field]);

/// The content form of each type the composer sends (docs/api.md#send-msg-content).
pub fn content_groups(content_type: i32) -> &'static [FieldGroup] {
    match content_type {
        TEXT => &[("", TEXT_ELEM)],
        PICTURE => &[
            ("", PICTURE_SOURCE),
            ("sourcePicture", PICTURE_INFO),
            ("bigPicture", PICTURE_INFO),
            ("snapshotPicture", PICTURE_INFO),
        ],
        VOICE => &[("", SOUND_ELEM)],
        VIDEO => &[("", VIDEO_ELEM)],
        FILE => &[("", FILE_ELEM)],
        CUSTOM => &[("", CUSTOM_ELEM)],
        _ => &[],
    }
}

/// For each media element of a content form, the URL fields it can be
/// shown from: it needs one of them (a picture any of its three sizes).
/// The server requires none of them, and stores a picture with no picture.
pub type NeededUrls = &'static [&'static [&'static str]];

/// The media URLs a message of `content_type` needs.
pub fn needed_urls(content_type: i32) -> NeededUrls {
    match content_type {
        PICTURE => &[&["sourcePicture.url", "bigPicture.url", "snapshotPicture.url"]],
        VOICE => &[&["sourceUrl"]],
        VIDEO => &[&["videoUrl"]],
        FILE => &[&["sourceUrl"]],
        _ => &[],
    }
}

/// The content of a message of `content_type` as the composer sends it,
/// or every problem with it.
pub fn message_content(
    content_type: i32,
    value: &dyn Fn(&str) -> String,
) -> Result<Value, Problems> {
    checked_content(
        content_groups(content_type),
        needed_urls(content_type),
        value,
        Problems::new(),
    )
}

/// `build_content`, refused also for `extra` problems found beside it and
/// for each media element without a URL (named at its first URL field).
/// One message a field: a field's own problem is said first, and alone.
pub fn checked_content(
    groups: &[FieldGroup],
    needs: NeededUrls,
    value: &dyn Fn(&str) -> String,
    mut extra: Problems,
) -> Result<Value, Problems> {
    for urls in needs {
        if urls.iter().all(|u| value(u).trim().is_empty()) {
            extra.push((urls[0].to_string(), Problem::NeedsUrl));
        }
    }
    match (build_content(groups, value), extra.is_empty()) {
        (Ok(c), true) => Ok(c),
        (Ok(_), false) => Err(extra),
        (Err(mut p), _) => {
            extra.retain(|(k, _)| !p.iter().any(|(pk, _)| pk == k));
            p.append(&mut extra);
            Err(p)
        }
    }
}

/// The content types the composer offers, in the spec's order.
pub const COMPOSED: [i32; 6] = [TEXT, PICTURE, VOICE, VIDEO, FILE, CUSTOM];

/// Where a value lives in the form: `group.key`, or `key` at the top.
pub fn path(group: &str, key: &str) -> String {
    if group.is_empty() {
        key.to_string()
    } else {
        format!("{group}.{key}")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    NotANumber,
    NotHttpUrl,
    NotJson,
    /// A number that must not be 0 (an OA notificationType).
    Zero,
    /// A media element with no http(s) URL to show it from.
    NeedsUrl,
}

/// Problems by form path (`sendID`, `recvID`, `bigPicture.url`, …).
pub type Problems = Vec<(String, Problem)>;

/// `content` from the typed values (`value(path)`): filled fields only,
/// numbers as numbers, a nested group only when one of its fields is
/// filled.
pub fn build_content(
    groups: &[FieldGroup],
    value: &dyn Fn(&str) -> String,
) -> Result<Value, Problems> {
    let mut content = Map::new();
    let mut problems = Problems::new();
    for &(group, fields) in groups {
        let mut object = Map::new();
        for field in fields {
            let at = path(group, field.key);
            let text = value(&at);
            let text = if field.kind == Kind::Text || field.kind == Kind::Json {
                text
            } else {
                text.trim().to_string()
            };
            if text.trim().is_empty() {
                if field.required {
                    problems.push((at, Problem::Required));
                }
                continue;
            }
            let parsed = match field.kind {
                Kind::Text => Ok(Value::String(text)),
                Kind::Url => match safe_url(&text) {
                    Some(url) => Ok(Value::String(url.to_string())),
                    None => Err(Problem::NotHttpUrl),
                },
                Kind::Int => text
                    .parse::<i64>()
                    .map(Value::from)
                    .map_err(|_| Problem::NotANumber),
                Kind::Json => serde_json::from_str::<Value>(&text)
                    .map(|_| Value::String(text))
                    .map_err(|_| Problem::NotJson),
            };
            match parsed {
                Ok(v) => {
                    object.insert(field.key.to_string(), v);
                }
                Err(p) => problems.push((at, p)),
            }
        }
        if !object.is_empty() {
            nested(&mut content, group).extend(object);
        }
    }
    if problems.is_empty() {
        Ok(Value::Object(content))
    } else {
        Err(problems)
    }
}

/// The object at a dotted path below `root`, made where missing.
fn nested<'a>(root: &'a mut Map<String, Value>, group: &str) -> &'a mut Map<String, Value> {
    let mut at = root;
    for name in group.split('.').filter(|n| !n.is_empty()) {
        let entry = at
            .entry(name.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        at = entry.as_object_mut().expect("made an object above");
    }
    at
}

/// Typed values as text that keeps: a line a value, its path, a tab, and
/// the value with backslashes, tabs and line breaks escaped. Empty values
/// are left out.
pub fn encode_values<'a>(values: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    let mut lines: Vec<String> = (values.filter(|(_, v)| !v.is_empty()))
        .map(|(k, v)| {
            let mut line = format!("{k}\t");
            for c in v.chars() {
                match c {
                    '\\' => line.push_str("\\\\"),
                    '\n' => line.push_str("\\n"),
                    '\r' => line.push_str("\\r"),
                    '\t' => line.push_str("\\t"),
                    c => line.push(c),
                }
            }
            line
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// The values `encode_values` wrote.
pub fn decode_values(text: &str) -> Vec<(String, String)> {
    let value = |v: &str| {
        let mut out = String::with_capacity(v.len());
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            out.push(match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some(other) => other,
                    None => break,
                },
                (c, false) => c,
            });
        }
        out
    };
    (text.lines())
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_string(), value(v)))
        .collect()
}

/// JSON text laid out for reading, or None when it does not parse.
pub fn pretty_json(text: &str) -> Option<String> {
    let v: Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&v).ok()
}

/// Who sends, to whom, and how: everything of a send but its content.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Addressing {
    pub send_id: String,
    pub sender_nickname: String,
    pub sender_face_url: String,
    /// 1 iOS … 7 Linux (docs/api.md#platforms).
    pub sender_platform_id: i32,
    /// SINGLE_CHAT (to `target` as recvID) or GROUP_CHAT (`target` is the
    /// groupID).
    pub session_type: i32,
    pub target: String,
    /// The server then stores nothing and pushes nothing offline.
    pub is_online_only: bool,
    /// Sent only when some field of it is filled.
    pub push: OfflinePushInfo,
}

/// The send_msg request, or every problem found in the addressing and the
/// content (the content's own, as `build_content` found them).
pub fn request(
    addressing: &Addressing,
    content_type: i32,
    content: Result<Value, Problems>,
) -> Result<SendMsgReq, Problems> {
    let e = addressing;
    let mut problems = Problems::new();
    if e.send_id.trim().is_empty() {
        problems.push(("sendID".into(), Problem::Required));
    }
    let target_key = if e.session_type == GROUP_CHAT {
        "groupID"
    } else {
        "recvID"
    };
    if e.target.trim().is_empty() {
        problems.push((target_key.into(), Problem::Required));
    }
    if !e.sender_face_url.trim().is_empty() && safe_url(&e.sender_face_url).is_none() {
        problems.push(("senderFaceURL".into(), Problem::NotHttpUrl));
    }
    let content = match content {
        Ok(c) if problems.is_empty() => c,
        Ok(_) => return Err(problems),
        Err(mut p) => {
            problems.append(&mut p);
            return Err(problems);
        }
    };
    let target = e.target.trim().to_string();
    let (recv_id, group_id) = if e.session_type == GROUP_CHAT {
        (String::new(), target)
    } else {
        (target, String::new())
    };
    let push = (e.push != OfflinePushInfo::default()).then(|| e.push.clone());
    Ok(SendMsgReq {
        send_id: e.send_id.trim().to_string(),
        recv_id,
        group_id,
        sender_nickname: e.sender_nickname.clone(),
        sender_face_url: e.sender_face_url.trim().to_string(),
        sender_platform_id: e.sender_platform_id,
        content,
        content_type,
        session_type: if e.session_type == GROUP_CHAT {
            GROUP_CHAT
        } else {
            SINGLE_CHAT
        },
        is_online_only: e.is_online_only,
        offline_push_info: push,
        ..Default::default()
    })
}

/// The revoke of a sent message: the same sender, target and session type,
/// contentType 111 naming its clientMsgID. The server checks neither that
/// the original exists nor who sent it.
pub fn revoke(original: &SendMsgReq, client_msg_id: &str) -> SendMsgReq {
    let content = RevokeContent {
        revoke_msg_client_id: client_msg_id.to_string(),
    };
    SendMsgReq {
        send_id: original.send_id.clone(),
        recv_id: original.recv_id.clone(),
        group_id: original.group_id.clone(),
        sender_platform_id: original.sender_platform_id,
        content: serde_json::to_value(content).unwrap_or_default(),
        content_type: REVOKE,
        session_type: original.session_type,
        ..Default::default()
    }
}

/// A short line saying what a message holds, for the sent history.
pub fn summary(req: &SendMsgReq) -> String {
    const LONGEST: usize = 60;
    let field = |key: &str| req.content.get(key).and_then(Value::as_str).unwrap_or("");
    let text = match req.content_type {
        TEXT => field("text"),
        CUSTOM => field("data"),
        OA_NOTIFICATION => field("notificationName"),
        REVOKE => field("revokeMsgClientID"),
        FILE => field("fileName"),
        VOICE => field("sourceUrl"),
        VIDEO => field("videoUrl"),
        PICTURE => req
            .content
            .pointer("/sourcePicture/url")
            .and_then(Value::as_str)
            .unwrap_or(""),
        _ => "",
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// The request as a `curl` command for `server` (the API's base URL); the
/// token is written as `$TOKEN` unless `token` is given.
pub fn curl(server: &str, token: Option<&str>, body: &str) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let token = token.map_or_else(
        || "\"token: $TOKEN\"".to_string(),
        |t| quote(&format!("token: {t}")),
    );
    format!(
        "curl -X POST {} \\\n  -H 'Content-Type: application/json' \\\n  -H {token} \\\n  --data-raw {}",
        quote(&format!("{}/manager/send_msg", server.trim_end_matches('/'))),
        quote(body)
    )
}

/// Sends kept in the history (sessionStorage), newest last.
pub const HISTORY_MAX: usize = 1_000;

/// What became of a send.
#[derive(Clone, Debug, PartialEq)]
pub enum SendOutcome {
    /// errCode 0: the server's IDs and its sendTime (ms).
    Sent {
        server_msg_id: String,
        client_msg_id: String,
        send_time: i64,
    },
    /// An errCode, as the server gave it.
    Refused {
        err_code: i64,
        err_msg: String,
        operation_id: String,
    },
    /// No answer (timeout, connection lost): it may have been delivered,
    /// so it is never sent again on its own.
    Unknown { operation_id: String },
}

/// One send of this tab: what the history shows, and what a revoke needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// When the operator sent it (ms since the epoch, this machine's clock).
    pub at: i64,
    pub send_id: String,
    pub sender_platform_id: i32,
    pub session_type: i32,
    /// recvID, or the groupID of a group message.
    pub target: String,
    pub content_type: i32,
    /// What it held, in one short line (a revoke: the clientMsgID it names).
    pub summary: String,
    pub outcome: SendOutcome,
    /// A revoke of it was accepted.
    pub revoked: bool,
}

impl Sent {
    pub fn new(at: i64, req: &SendMsgReq, outcome: SendOutcome) -> Self {
        let target = if req.session_type == GROUP_CHAT {
            &req.group_id
        } else {
            &req.recv_id
        };
        Sent {
            at,
            send_id: req.send_id.clone(),
            sender_platform_id: req.sender_platform_id,
            session_type: req.session_type,
            target: target.clone(),
            content_type: req.content_type,
            summary: summary(req),
            outcome,
            revoked: false,
        }
    }

    /// The clientMsgID a revoke names, for sends the server accepted.
    pub fn client_msg_id(&self) -> Option<&str> {
        match &self.outcome {
            SendOutcome::Sent { client_msg_id, .. } => Some(client_msg_id),
            _ => None,
        }
    }

    /// The revoke of this message, if the server accepted it and it is not
    /// a revoke itself.
    pub fn revoke(&self) -> Option<SendMsgReq> {
        let id = self
            .client_msg_id()
            .filter(|_| self.content_type != REVOKE && self.content_type != OA_NOTIFICATION)?;
        let (recv_id, group_id) = if self.session_type == GROUP_CHAT {
            (String::new(), self.target.clone())
        } else {
            (self.target.clone(), String::new())
        };
        let original = SendMsgReq {
            send_id: self.send_id.clone(),
            recv_id,
            group_id,
            sender_platform_id: self.sender_platform_id,
            session_type: self.session_type,
            ..Default::default()
        };
        Some(revoke(&original, id))
    }
}

/// The history as stored: a line a send, fields split by tabs. Lines that
/// do not read are left out.
pub fn parse_history(stored: Option<&str>) -> Vec<Sent> {
    let line = |l: &str| -> Option<Sent> {
        let f: Vec<&str> = l.split('\t').collect();
        let [at, send_id, platform, session, target, kind, summary, state, a, b, c, revoked] =
            f[..]
        else {
            return None;
        };
        let outcome = match state {
            "sent" => SendOutcome::Sent {
                server_msg_id: a.into(),
                client_msg_id: b.into(),
                send_time: c.parse().ok()?,
            },
            "refused" => SendOutcome::Refused {
                err_code: a.parse().ok()?,
                err_msg: b.into(),
                operation_id: c.into(),
            },
            "unknown" => SendOutcome::Unknown {
                operation_id: c.into(),
            },
            _ => return None,
        };
        Some(Sent {
            at: at.parse().ok()?,
            send_id: send_id.into(),
            sender_platform_id: platform.parse().ok()?,
            session_type: session.parse().ok()?,
            target: target.into(),
            content_type: kind.parse().ok()?,
            summary: summary.into(),
            outcome,
            revoked: revoked == "1",
        })
    };
    stored
        .unwrap_or_default()
        .lines()
        .filter_map(line)
        .collect()
}

pub fn store_history(history: &[Sent]) -> String {
    let line = |s: &Sent| {
        let (state, a, b, c) = match &s.outcome {
            SendOutcome::Sent {
                server_msg_id,
                client_msg_id,
                send_time,
            } => (
                "sent",
                server_msg_id.clone(),
                client_msg_id.clone(),
                send_time.to_string(),
            ),
            SendOutcome::Refused {
                err_code,
                err_msg,
                operation_id,
            } => (
                "refused",
                err_code.to_string(),
                err_msg.clone(),
                operation_id.clone(),
            ),
            SendOutcome::Unknown { operation_id } => (
                "unknown",
                String::new(),
                String::new(),
                operation_id.clone(),
            ),
        };
        [
            s.at.to_string(),
            flat(&s.send_id),
            s.sender_platform_id.to_string(),
            s.session_type.to_string(),
            flat(&s.target),
            s.content_type.to_string(),
            flat(&s.summary),
            state.to_string(),
            flat(&a),
            flat(&b),
            flat(&c),
            if s.revoked { "1" } else { "0" }.to_string(),
        ]
        .join("\t")
    };
    history.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// Adds a send, keeping the last HISTORY_MAX. A revoke that went through
/// marks the message it names as revoked.
pub fn remember(history: &mut Vec<Sent>, sent: Sent) {
    if sent.content_type == REVOKE && matches!(sent.outcome, SendOutcome::Sent { .. }) {
        let named = Some(sent.summary.as_str());
        if let Some(original) = history.iter_mut().find(|h| h.client_msg_id() == named) {
            original.revoked = true;
        }
    }
    history.push(sent);
    if history.len() > HISTORY_MAX {
        history.drain(..history.len() - HISTORY_MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn values(list: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: HashMap<String, String> = list
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k: &str| map.get(k).cloned().unwrap_or_default()
    }

    fn single() -> Addressing {
        Addressing {
            send_id: "openIM123456".into(),
            sender_platform_id: 5,
            session_type: SINGLE_CHAT,
            target: "u1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn typed_values_survive_being_stored() {
        let typed: Vec<(String, String)> = vec![
            ("c.data".into(), "{\"a\":\"x\\ny\"}\n\tsecond line\\".into()),
            ("c.text".into(), "línea\r\nzwei 行".into()),
            ("empty".into(), String::new()),
        ];
        let stored = encode_values(typed.iter().map(|(k, v)| (k, v)));
        assert_eq!(stored.lines().count(), 2);
        assert_eq!(decode_values(&stored), typed[..2].to_vec());
    }

    #[test]
    fn media_messages_need_a_url_to_be_shown_from() {
        let problems = |ct: i32, list: &[(&str, &str)]| match message_content(ct, &values(list)) {
            Ok(_) => Vec::new(),
            Err(p) => p,
        };
        let needs = |at: &str| vec![(at.to_string(), Problem::NeedsUrl)];
        // Every field empty, or only what is no URL filled: refused.
        assert_eq!(problems(PICTURE, &[]), needs("sourcePicture.url"));
        let no_url = [("sourcePath", "/tmp/a.png"), ("bigPicture.width", "640")];
        assert_eq!(problems(PICTURE, &no_url), needs("sourcePicture.url"));
        assert_eq!(problems(VOICE, &[("duration", "3")]), needs("sourceUrl"));
        let snapshot_only = [("snapshotUrl", "https://c/s.png")];
        assert_eq!(problems(VIDEO, &snapshot_only), needs("videoUrl"));
        assert_eq!(problems(FILE, &[("fileName", "a.pdf")]), needs("sourceUrl"));
        // Any one of a picture's three sizes shows it.
        for size in ["sourcePicture", "bigPicture", "snapshotPicture"] {
            let at = format!("{size}.url");
            assert!(problems(PICTURE, &[(&at, "https://c/p.png")]).is_empty());
        }
        assert!(problems(VOICE, &[("sourceUrl", "https://c/a.mp3")]).is_empty());
        assert!(problems(VIDEO, &[("videoUrl", "https://c/v.mp4")]).is_empty());
        assert!(problems(FILE, &[("sourceUrl", "http://c/f.pdf")]).is_empty());
        // A URL that is no http(s) one is named once, as such.
        let ftp = problems(FILE, &[("sourceUrl", "ftp://c/f.pdf")]);
        assert_eq!(ftp, [("sourceUrl".to_string(), Problem::NotHttpUrl)]);
        // Types without media need none.
        assert!(problems(TEXT, &[("text", "hi")]).is_empty());
        assert!(problems(CUSTOM, &[("data", "{}")]).is_empty());
    }

    #[test]
    fn a_text_needs_its_text_and_a_target() {
        let empty = build_content(content_groups(TEXT), &values(&[]));
        assert_eq!(empty, Err(vec![("text".to_string(), Problem::Required)]));
        let no_target = Addressing {
            target: " ".into(),
            ..single()
        };
        let problems = request(&no_target, TEXT, empty).unwrap_err();
        assert_eq!(
            problems,
            [
                ("recvID".to_string(), Problem::Required),
                ("text".to_string(), Problem::Required)
            ]
        );
        let group = Addressing {
            session_type: GROUP_CHAT,
            target: String::new(),
            ..single()
        };
        let content = build_content(content_groups(TEXT), &values(&[("text", "hi")]));
        assert_eq!(
            request(&group, TEXT, content).unwrap_err(),
            [("groupID".to_string(), Problem::Required)]
        );
    }

    #[test]
    fn a_text_request_is_what_the_spec_shows() {
        let content = build_content(content_groups(TEXT), &values(&[("text", " hello ")]));
        let req = request(&single(), TEXT, content).unwrap();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"sendID":"openIM123456","recvID":"u1","senderPlatformID":5,"content":{"text":" hello "},"contentType":101,"sessionType":1,"isOnlineOnly":false}"#
        );
    }

    #[test]
    fn media_fields_send_numbers_as_numbers_and_only_what_is_filled() {
        let v = values(&[
            ("sourcePath", "/tmp/a.png"),
            ("sourcePicture.url", "https://cdn.example/a.png"),
            ("sourcePicture.width", " 640 "),
            ("sourcePicture.size", "1024"),
            ("bigPicture.url", ""),
        ]);
        let content = build_content(content_groups(PICTURE), &v).unwrap();
        assert_eq!(
            content,
            serde_json::json!({
                "sourcePath": "/tmp/a.png",
                "sourcePicture": { "url": "https://cdn.example/a.png", "width": 640, "size": 1024 }
            })
        );
        let bad = values(&[
            ("sourcePicture.width", "wide"),
            ("snapshotPicture.url", "javascript:alert(1)"),
        ]);
        assert_eq!(
            build_content(content_groups(PICTURE), &bad).unwrap_err(),
            [
                ("sourcePicture.width".to_string(), Problem::NotANumber),
                ("snapshotPicture.url".to_string(), Problem::NotHttpUrl),
            ]
        );
        let video = build_content(
            content_groups(VIDEO),
            &values(&[("duration", "12"), ("videoUrl", "http://v/x.mp4")]),
        );
        assert_eq!(
            video.unwrap(),
            serde_json::json!({ "videoUrl": "http://v/x.mp4", "duration": 12 })
        );
    }

    #[test]
    fn custom_fields_must_each_be_json() {
        let ok = build_content(
            content_groups(CUSTOM),
            &values(&[("data", r#"{"a": 1}"#), ("extension", "[1, 2]")]),
        );
        assert_eq!(
            ok.unwrap(),
            serde_json::json!({ "data": r#"{"a": 1}"#, "extension": "[1, 2]" })
        );
        let bad = build_content(
            content_groups(CUSTOM),
            &values(&[("description", "{not json")]),
        );
        assert_eq!(
            bad.unwrap_err(),
            [
                ("data".to_string(), Problem::Required),
                ("description".to_string(), Problem::NotJson),
            ]
        );
        assert_eq!(
            pretty_json(r#"{"a":[1]}"#).unwrap(),
            "{\n  \"a\": [\n    1\n  ]\n}"
        );
        assert_eq!(pretty_json("{"), None);
    }

    #[test]
    fn every_composed_type_has_a_form_and_revoke_has_none() {
        for t in COMPOSED {
            assert!(!content_groups(t).is_empty(), "{t}");
        }
        assert!(content_groups(REVOKE).is_empty());
        assert!(content_groups(106).is_empty());
    }

    #[test]
    fn a_revoke_goes_the_way_the_original_went() {
        let group = Addressing {
            session_type: GROUP_CHAT,
            target: "g1".into(),
            ..single()
        };
        let content = build_content(content_groups(TEXT), &values(&[("text", "oops")]));
        let original = request(&group, TEXT, content).unwrap();
        let r = revoke(&original, "8aadc098d05bab86a142727fd8a2ce9d");
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"sendID":"openIM123456","groupID":"g1","senderPlatformID":5,"content":{"revokeMsgClientID":"8aadc098d05bab86a142727fd8a2ce9d"},"contentType":111,"sessionType":2,"isOnlineOnly":false}"#
        );
        assert_eq!(summary(&r), "8aadc098d05bab86a142727fd8a2ce9d");
    }

    #[test]
    fn push_info_and_sender_face_are_checked_and_sent_when_filled() {
        let e = Addressing {
            sender_face_url: "ic_avatar_01".into(),
            ..single()
        };
        let content = || build_content(content_groups(TEXT), &values(&[("text", "x")]));
        assert_eq!(
            request(&e, TEXT, content()).unwrap_err(),
            [("senderFaceURL".to_string(), Problem::NotHttpUrl)]
        );
        let e = Addressing {
            is_online_only: true,
            push: OfflinePushInfo {
                title: "New".into(),
                ..Default::default()
            },
            ..single()
        };
        let req = request(&e, TEXT, content()).unwrap();
        assert!(req.is_online_only);
        assert_eq!(req.offline_push_info.unwrap().title, "New");
        assert_eq!(
            request(&single(), TEXT, content())
                .unwrap()
                .offline_push_info,
            None
        );
    }

    #[test]
    fn summaries_are_one_short_line() {
        let long = "word ".repeat(30);
        let content = build_content(
            content_groups(TEXT),
            &values(&[("text", &format!("a\nb\t{long}"))]),
        );
        let s = summary(&request(&single(), TEXT, content).unwrap());
        assert!(s.starts_with("a b word"));
        assert_eq!(s.chars().count(), 61);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn curl_masks_the_token_unless_revealed_and_quotes_the_body() {
        let body = r#"{"text":"it's"}"#;
        let masked = curl("http://im.example.com:10002/", None, body);
        assert_eq!(
            masked,
            "curl -X POST 'http://im.example.com:10002/manager/send_msg' \\\n  -H 'Content-Type: application/json' \\\n  -H \"token: $TOKEN\" \\\n  --data-raw '{\"text\":\"it'\\''s\"}'"
        );
        assert!(curl("", Some("tok'en"), "{}").contains(r"-H 'token: tok'\''en'"));
    }

    fn sent(n: usize, req: SendMsgReq) -> Sent {
        let outcome = SendOutcome::Sent {
            server_msg_id: format!("s{n:031}"),
            client_msg_id: format!("c{n:031}"),
            send_time: 1_700_000_000_000 + n as i64,
        };
        Sent::new(n as i64, &req, outcome)
    }

    #[test]
    fn the_history_keeps_the_last_thousand_and_marks_revoked_messages() {
        let text = |t: &str| {
            let content = build_content(content_groups(TEXT), &values(&[("text", t)]));
            request(&single(), TEXT, content).unwrap()
        };
        let mut history = Vec::new();
        for n in 0..1_005 {
            remember(&mut history, sent(n, text("x")));
        }
        assert_eq!(history.len(), HISTORY_MAX);
        assert_eq!(history[0].at, 5);
        let target = history[10].clone();
        let id = target.client_msg_id().unwrap().to_string();
        let undo = target.revoke().unwrap();
        assert_eq!(
            serde_json::to_string(&undo).unwrap(),
            format!(
                r#"{{"sendID":"openIM123456","recvID":"u1","senderPlatformID":5,"content":{{"revokeMsgClientID":"{id}"}},"contentType":111,"sessionType":1,"isOnlineOnly":false}}"#
            )
        );
        // A refused revoke changes nothing; an accepted one marks it.
        let mut refused = sent(2_000, undo.clone());
        refused.outcome = SendOutcome::Refused {
            err_code: 600,
            err_msg: "in black list".into(),
            operation_id: "op".into(),
        };
        remember(&mut history, refused);
        assert!(!history.iter().any(|h| h.revoked));
        let accepted = sent(2_001, undo);
        assert!(accepted.revoke().is_none(), "a revoke is not revoked");
        remember(&mut history, accepted);
        assert!(
            history
                .iter()
                .find(|h| h.client_msg_id() == Some(id.as_str()))
                .unwrap()
                .revoked
        );
        assert_eq!(history.len(), HISTORY_MAX);

        let mut odd = sent(3_000, text("tab\there"));
        odd.outcome = SendOutcome::Unknown {
            operation_id: "op-7".into(),
        };
        remember(&mut history, odd.clone());
        let back = parse_history(Some(&store_history(&history)));
        assert_eq!(back.len(), history.len());
        assert_eq!(back[..back.len() - 1], history[..history.len() - 1]);
        assert_eq!(back.last().unwrap().summary, "tab here");
        assert!(odd.client_msg_id().is_none() && odd.revoke().is_none());
        assert!(parse_history(Some("not\ta\thistory")).is_empty());
    }
}
