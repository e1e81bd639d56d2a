//! Messages: a text sent as another user, checked first, then revoked.

use crate::harness::ONE_AT_A_TIME;
use crate::media::{CUSTOM, FILE, PICTURE, SOUND, VIDEO};
use crate::{api_calls, signed_in, untouched_users};

#[tokio::test]
async fn a_text_is_checked_sent_as_another_user_and_revoked() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("messages").await;
    let users = untouched_users(&s.state().await, 2);
    s.open("/messages").await;
    s.type_into("#msg-sendID", &users[0]).await;
    s.click(".composer .send").await;
    s.wait_text("#msg-target-error", "Required").await;
    s.wait_text("#msg-c\\.text-error", "Required").await;
    assert!(api_calls(&s.requests().await, "/manager/send_msg").is_empty());

    s.type_into("#msg-target", &users[1]).await;
    s.type_into("#msg-c\\.text", "Hello from the operator")
        .await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    let client_id = s.text(".sent .client-msg-id").await;
    assert_eq!(client_id.len(), 32);
    s.screenshot("sent").await;
    let state = s.state().await;
    let stored = state["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(stored["sendID"], users[0].as_str());
    assert_eq!(stored["recvID"], users[1].as_str());
    assert_eq!(stored["clientMsgID"], client_id.as_str());

    let row = format!(".history tr[data-client-msg-id='{client_id}']");
    s.click(&format!("{row} .revoke")).await;
    s.click(&format!("{row} .confirm-revoke")).await;
    s.wait_text(&format!("{row} .result"), "Revoked").await;
    let state = s.state().await;
    let revoke = state["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(revoke["contentType"], 111);
    assert_eq!(revoke["sendID"], users[0].as_str());
    assert_eq!(revoke["recvID"], users[1].as_str());
    s.screenshot("revoked").await;

    // A revoke of a message sent elsewhere: the ID is checked first; the
    // server then accepts it whether or not the original exists.
    s.type_into("#msg-revoke\\.sendID", &users[0]).await;
    s.type_into("#msg-revoke\\.target", &users[1]).await;
    s.type_into("#msg-revoke\\.clientMsgID", "not-an-id").await;
    s.click(".manual-revoke-button").await;
    s.wait_text("#revoke-error", "32 hexadecimal").await;
    let before = api_calls(&s.requests().await, "/manager/send_msg").len();
    s.type_into(
        "#msg-revoke\\.clientMsgID",
        "0123456789abcdef0123456789abcdef",
    )
    .await;
    s.click(".manual-revoke-button").await;
    s.until("the manual revoke", || async {
        api_calls(&s.requests().await, "/manager/send_msg").len() == before + 1
    })
    .await;
    let requests = s.requests().await;
    let sent = api_calls(&requests, "/manager/send_msg");
    let body = &sent.last().unwrap()["body"];
    assert_eq!(body["contentType"], 111);
    assert_eq!(
        body["content"]["revokeMsgClientID"],
        "0123456789abcdef0123456789abcdef"
    );
    s.close().await;
}

/// The last message the server stored.
async fn last_stored(s: &crate::harness::Session) -> serde_json::Value {
    s.state().await["messages"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap()
}

/// Signed in on the messages page, composing from one demo user to another.
async fn composing(name: &str) -> (crate::harness::Session, Vec<String>) {
    let s = signed_in(name).await;
    let users = untouched_users(&s.state().await, 3);
    s.open("/messages").await;
    s.type_into("#msg-sendID", &users[0]).await;
    s.type_into("#msg-target", &users[1]).await;
    (s, users)
}

/// Each media type's fields as the spec lists them.
const MEDIA: &[(&str, &[(&str, char)])] = &[
    ("102", PICTURE),
    ("103", SOUND),
    ("104", VIDEO),
    ("105", FILE),
    ("110", CUSTOM),
];

/// CSS for the element of a form path (its dots escaped).
fn field(path: &str) -> String {
    format!("#msg-c\\.{}", path.replace('.', "\\."))
}

#[tokio::test]
async fn every_media_type_is_stored_field_by_field() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, _) = composing("messages-media").await;
    for (n, (content_type, fields)) in MEDIA.iter().enumerate() {
        s.choose("#msg-contentType", content_type).await;
        let mut expected = serde_json::Map::new();
        for (i, (path, kind)) in fields.iter().enumerate() {
            let (typed, value) = match kind {
                'n' => {
                    let v = 1000 + 10 * n as i64 + i as i64;
                    (v.to_string(), serde_json::json!(v))
                }
                'u' => {
                    let v = format!("https://cdn.example/{content_type}/{path}?v={i}");
                    (v.clone(), serde_json::json!(v))
                }
                'j' => {
                    let v = format!(r#"{{"k":{i},"s":"<b>{path}</b>"}}"#);
                    (v.clone(), serde_json::json!(v))
                }
                _ => {
                    let v = format!("{path} {content_type} 值");
                    (v.clone(), serde_json::json!(v))
                }
            };
            s.paste_into(&field(path), &typed).await;
            match path.split_once('.') {
                Some((group, key)) => {
                    let object = expected
                        .entry(group.to_string())
                        .or_insert_with(|| serde_json::json!({}));
                    object[key] = value;
                }
                None => {
                    expected.insert(path.to_string(), value);
                }
            }
        }
        s.screenshot(&format!("type-{content_type}")).await;
        s.click(".composer .send").await;
        s.wait_text(".sent", "Sent.").await;
        let client_id = s.text(".sent .client-msg-id").await;
        let stored = last_stored(&s).await;
        assert_eq!(stored["clientMsgID"], client_id.as_str());
        assert_eq!(stored["contentType"], content_type.parse::<i64>().unwrap());
        assert_eq!(
            stored["requestContent"],
            serde_json::Value::Object(expected),
            "contentType {content_type}"
        );
    }
    s.close().await;
}

#[tokio::test]
async fn media_without_a_url_never_leaves_the_page() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, _) = composing("messages-no-media").await;
    // The sender's face is a URL, but not the media's.
    s.paste_into("#msg-senderFaceURL", "https://cdn.example/face.png")
        .await;
    let cases = [
        ("102", None, "sourcePicture.url"),
        (
            "102",
            Some(("sourcePath", "/tmp/p.png")),
            "sourcePicture.url",
        ),
        ("103", Some(("duration", "3")), "sourceUrl"),
        (
            "104",
            Some(("snapshotUrl", "https://cdn.example/s.png")),
            "videoUrl",
        ),
        ("105", Some(("fileName", "report.pdf")), "sourceUrl"),
    ];
    for (content_type, typed, needed) in cases {
        s.choose("#msg-contentType", content_type).await;
        if let Some((path, value)) = typed {
            s.paste_into(&field(path), value).await;
        }
        s.click(".composer .send").await;
        let error = format!("{}-error", field(needed));
        s.wait_text(&error, "This media needs an http(s) URL.")
            .await;
    }
    s.screenshot("file-without-url").await;
    assert!(api_calls(&s.requests().await, "/manager/send_msg").is_empty());

    // In Chinese too, next to the field.
    s.language("zh-CN").await;
    s.wait_text(
        &format!("{}-error", field("sourceUrl")),
        "此媒体需要一个 http(s) URL。",
    )
    .await;
    s.screenshot("file-without-url-zh").await;

    // With its URL the file goes out, once.
    s.paste_into(&field("sourceUrl"), "https://cdn.example/report.pdf")
        .await;
    s.click(".composer .send").await;
    s.until("the file sent", || async {
        api_calls(&s.requests().await, "/manager/send_msg").len() == 1
    })
    .await;
    let stored = last_stored(&s).await;
    assert_eq!(stored["contentType"], 105);
    assert_eq!(
        stored["requestContent"]["sourceUrl"],
        "https://cdn.example/report.pdf"
    );
    s.close().await;
}

#[tokio::test]
async fn a_custom_message_with_bad_json_never_leaves_the_page() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, _) = composing("messages-custom").await;
    s.choose("#msg-contentType", "110").await;
    s.paste_into(&field("data"), r#"{"order": 12, "items": [1, 2"#)
        .await;
    s.paste_into(&field("extension"), "not json").await;
    s.click(".composer .send").await;
    s.wait_text("#msg-c\\.data-error", "Not valid JSON.").await;
    s.wait_text("#msg-c\\.extension-error", "Not valid JSON.")
        .await;
    assert!(api_calls(&s.requests().await, "/manager/send_msg").is_empty());

    // Fixed, laid out for reading, and sent as the same JSON text.
    s.paste_into(&field("data"), r#"{"order": 12, "items": [1, 2]}"#)
        .await;
    s.paste_into(&field("extension"), "").await;
    s.click(".content-group .format-json").await;
    s.until("the JSON laid out", || async {
        s.value(&field("data")).await.contains("\n  \"order\": 12")
    })
    .await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    let stored = last_stored(&s).await;
    let data = stored["requestContent"]["data"].as_str().unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(data).unwrap(),
        serde_json::json!({"order": 12, "items": [1, 2]})
    );
    assert!(stored["requestContent"].get("extension").is_none());
    s.close().await;
}

#[tokio::test]
async fn a_group_message_and_a_blacklisted_sender() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("messages-group").await;
    let state = s.state().await;
    let group = state["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["memberCount"].as_i64().unwrap_or(0) > 1)
        .expect("a demo group with members")
        .clone();
    let group_id = group["groupID"].as_str().unwrap();
    let sender = state["members"]
        .as_array()
        .map(|m| {
            m.iter()
                .find(|m| m["groupID"] == group_id)
                .map(|m| m["userID"].as_str().unwrap().to_string())
        })
        .unwrap_or_default()
        .unwrap_or_else(|| crate::ADMIN.to_string());
    s.open("/messages").await;
    s.type_into("#msg-sendID", &sender).await;
    s.choose("#msg-sessionType", "2").await;
    s.type_into("#msg-target", group_id).await;
    s.type_into("#msg-c\\.text", "To everyone in the group")
        .await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    s.wait_text(".sent .group-note", "even when the group does not exist")
        .await;
    let stored = last_stored(&s).await;
    assert_eq!(stored["groupID"], group_id);
    assert_eq!(stored["sessionType"], 2);
    assert_eq!(stored["recvID"], "");
    assert_eq!(
        stored["deliveredTo"].as_array().unwrap().len() as i64,
        group["memberCount"].as_i64().unwrap()
    );

    // The receiver blacklists the sender: the server answers 600.
    let users = untouched_users(&s.state().await, 3);
    crate::block(&s, &users[1], &users[0]).await;
    let before = s.state().await["messages"].as_array().unwrap().len();
    s.type_into("#msg-sendID", &users[0]).await;
    s.choose("#msg-sessionType", "1").await;
    s.type_into("#msg-target", &users[1]).await;
    s.click(".composer .send").await;
    s.wait_text(
        ".warning",
        "600 means the receiver has blacklisted the sender",
    )
    .await;
    s.wait_text(".error-box", "in black list").await;
    s.screenshot("blacklisted").await;
    assert_eq!(
        s.state().await["messages"].as_array().unwrap().len(),
        before
    );
    s.close().await;
}

#[tokio::test]
async fn a_draft_outlives_an_expired_session() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, users) = composing("messages-draft").await;
    s.choose("#msg-contentType", "105").await;
    s.paste_into(&field("fileName"), "report 2026.pdf").await;
    s.paste_into(&field("sourceUrl"), "https://cdn.example/r.pdf")
        .await;
    s.paste_into(&field("fileSize"), "52100").await;
    let before = s.state().await["messages"].as_array().unwrap().len();
    s.server("POST", "/_sim/expire_tokens").await;
    s.click(".composer .send").await;
    s.wait_path("/login?next=%2Fmessages").await;
    s.sign_in(crate::SECRET, crate::ADMIN).await;
    s.wait_path("/messages").await;
    for (css, wanted) in [
        ("#msg-sendID".to_string(), users[0].as_str()),
        ("#msg-target".to_string(), users[1].as_str()),
        (field("fileName"), "report 2026.pdf"),
        (field("fileSize"), "52100"),
    ] {
        assert_eq!(s.value(&css).await, wanted, "{css}");
    }
    assert_eq!(
        s.state().await["messages"].as_array().unwrap().len(),
        before,
        "the refused send stored nothing"
    );
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    let stored = last_stored(&s).await;
    assert_eq!(stored["requestContent"]["fileName"], "report 2026.pdf");
    assert_eq!(stored["requestContent"]["fileSize"], 52100);
    s.close().await;
}
