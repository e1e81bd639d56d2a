//! The send_msg request from an addressing and a content, the revoke of a
//! sent message, a one-line summary, and the request as a `curl` command.

use serde_json::Value;

use super::content::{Problem, Problems};
use crate::api::msg::{
    OfflinePushInfo, RevokeContent, SendMsgReq, CUSTOM, FILE, GROUP_CHAT, OA_NOTIFICATION, PICTURE,
    REVOKE, SINGLE_CHAT, TEXT, VIDEO, VOICE,
};
use crate::api::user::safe_url;

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
    /// v2.3+ fields, sent only when set.
    pub not_offline_push: bool,
    pub business_operation_id: String,
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
        not_offline_push: e.not_offline_push,
        business_operation_id: e.business_operation_id.trim().to_string(),
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
/// `path` is where the server's release takes send_msg.
pub fn curl(server: &str, path: &str, token: Option<&str>, body: &str) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let token = token.map_or_else(
        || "\"token: $TOKEN\"".to_string(),
        |t| quote(&format!("token: {t}")),
    );
    format!(
        "curl -X POST {} \\\n  -H 'Content-Type: application/json' \\\n  -H {token} \\\n  --data-raw {}",
        quote(&format!("{}{path}", server.trim_end_matches('/'))),
        quote(body)
    )
}

#[cfg(test)]
mod tests {
    use crate::api::msg::*;
    use crate::model::message::tests_support::*;
    use crate::model::message::*;

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
        let masked = curl(
            "http://im.example.com:10002/",
            "/manager/send_msg",
            None,
            body,
        );
        assert_eq!(
            masked,
            "curl -X POST 'http://im.example.com:10002/manager/send_msg' \\\n  -H 'Content-Type: application/json' \\\n  -H \"token: $TOKEN\" \\\n  --data-raw '{\"text\":\"it'\\''s\"}'"
        );
        assert!(curl("", "/x", Some("tok'en"), "{}").contains(r"-H 'token: tok'\''en'"));
        assert!(curl("http://a/", "/msg/manage_send_msg", None, "{}")
            .starts_with("curl -X POST 'http://a/msg/manage_send_msg'"));
    }
}
