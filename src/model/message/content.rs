//! `content` built from what was typed (numbers as numbers, only what was
//! filled in), with every problem found before sending.

use serde_json::{Map, Value};

use super::schema::{content_groups, path, FieldGroup, Kind};
use crate::api::msg::{ADVANCED_REVOKE, FILE, PICTURE, VIDEO, VOICE};
use crate::api::user::safe_url;

/// For each media element of a content form, the URL fields it can be
/// shown from: it needs one of them (a picture any of its three sizes).
/// The server requires none of them, and stores a picture with no picture
/// (docs/api.md#send-msg-content).
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
    if content_type == ADVANCED_REVOKE {
        // Any fields (docs/releases.md#release-limits): the object as typed.
        let text = value("content");
        let problem = match serde_json::from_str::<Value>(&text) {
            Ok(object @ Value::Object(_)) => return Ok(object),
            _ if text.trim().is_empty() => Problem::Required,
            _ => Problem::NotJson,
        };
        return Err(vec![("content".into(), problem)]);
    }
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

#[cfg(test)]
mod tests {
    use crate::api::msg::*;
    use crate::model::message::tests_support::*;
    use crate::model::message::*;

    #[test]
    fn an_advanced_revoke_is_the_object_as_typed() {
        let typed = |text: &'static str| {
            move |k: &str| {
                if k == "content" {
                    text.to_string()
                } else {
                    String::new()
                }
            }
        };
        let object = message_content(ADVANCED_REVOKE, &typed(r#"{"clientMsgID":"c1","seq":7}"#));
        assert_eq!(
            object,
            Ok(serde_json::json!({"clientMsgID": "c1", "seq": 7}))
        );
        for (text, problem) in [
            ("", Problem::Required),
            ("[1]", Problem::NotJson),
            ("{", Problem::NotJson),
        ] {
            assert_eq!(
                message_content(ADVANCED_REVOKE, &typed(text)),
                Err(vec![("content".to_string(), problem)]),
                "{text:?}"
            );
        }
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
}
