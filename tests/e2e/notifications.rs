//! OA notifications: every mixType stored as typed, and a preview that
//! renders hostile input as text.

use serde_json::{json, Map, Value};

use crate::harness::{Session, ONE_AT_A_TIME};
use crate::media::{FILE, PICTURE, SOUND, VIDEO};
use crate::{api_calls, signed_in, untouched_users};

/// The media elements of each mixType.
fn media(mix_type: u32) -> Vec<(&'static str, &'static [(&'static str, char)])> {
    match mix_type {
        1 => vec![("pictureElem", PICTURE)],
        2 => vec![("videoElem", VIDEO)],
        3 => vec![("fileElem", FILE)],
        4 => vec![("soundElem", SOUND)],
        5 => vec![("soundElem", SOUND), ("pictureElem", PICTURE)],
        _ => vec![],
    }
}

/// CSS for the content field at `path` (dots escaped).
fn field(path: &str) -> String {
    format!("#msg-n\\.{}", path.replace('.', "\\."))
}

/// Sets `value` at a dotted `path` inside `object`.
fn put(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = object.entry(head.to_string()).or_insert_with(|| json!({}));
            put(inner.as_object_mut().unwrap(), rest, value);
        }
    }
}

async fn signed_in_on_notifications(name: &str) -> (Session, Vec<String>) {
    let s = signed_in(name).await;
    let users: Vec<String> = untouched_users(&s.state().await, 3);
    s.open("/notifications").await;
    (s, users)
}

#[tokio::test]
async fn every_mix_type_is_stored_as_typed() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, users) = signed_in_on_notifications("oa-mix").await;
    s.type_into("#msg-senderNickname", "Ops team").await;
    s.type_into("#msg-target", &users[0]).await;
    for mix_type in 0..=5u32 {
        s.choose("#msg-mixType", &mix_type.to_string()).await;
        let mut expected = Map::new();
        let top = [
            ("notificationName", json!(format!("Notice {mix_type}"))),
            ("notificationFaceURL", json!("https://cdn.example/oa.png")),
            ("notificationType", json!(7 + mix_type)),
            (
                "text",
                json!(format!("Body of {mix_type}\nsecond line 第二行")),
            ),
            (
                "externalUrl",
                json!(format!("https://status.example/{mix_type}")),
            ),
            ("ex", json!(format!("{{\"mix\":{mix_type}}}"))),
        ];
        for (key, value) in top {
            let typed = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            s.paste_into(&field(key), &typed).await;
            expected.insert(key.to_string(), value);
        }
        expected.insert("mixType".into(), json!(mix_type));
        for (element, fields) in media(mix_type) {
            for (i, (path, kind)) in fields.iter().enumerate() {
                let at = format!("{element}.{path}");
                let value = match kind {
                    'n' => json!(100 * mix_type as i64 + i as i64),
                    'u' => json!(format!("https://cdn.example/{mix_type}/{at}")),
                    _ => json!(format!("{at} {mix_type}")),
                };
                let typed = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                s.paste_into(&field(&at), &typed).await;
                put(&mut expected, &at, value);
            }
        }
        s.click(".composer .send").await;
        s.wait_text(".sent", "Sent.").await;
        let client_id = s.text(".sent .client-msg-id").await;
        let stored = s.state().await["messages"]
            .as_array()
            .unwrap()
            .last()
            .cloned()
            .unwrap();
        assert_eq!(stored["clientMsgID"], client_id.as_str());
        assert_eq!(stored["contentType"], 1400);
        assert_eq!(stored["sessionType"], 4);
        assert_eq!(stored["recvID"], users[0].as_str());
        assert_eq!(stored["senderNickname"], "Ops team");
        assert_eq!(
            stored["requestContent"],
            Value::Object(expected),
            "mixType {mix_type}"
        );
        s.screenshot(&format!("mix-{mix_type}")).await;
    }
    // They join the sent history of the messages page.
    s.open("/messages").await;
    s.wait_text(".history", "Notice 5").await;
    s.close().await;
}

#[tokio::test]
async fn hostile_input_previews_as_text_and_is_refused_before_sending() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, users) = signed_in_on_notifications("oa-xss").await;
    let payload = r#"<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>"#;
    s.paste_into("#msg-senderNickname", payload).await;
    s.paste_into("#msg-target", &users[0]).await;
    s.choose("#msg-mixType", "1").await;
    s.paste_into(&field("notificationName"), payload).await;
    s.paste_into(&field("text"), payload).await;
    s.paste_into(&field("notificationFaceURL"), "javascript:alert(1)")
        .await;
    s.paste_into(&field("externalUrl"), "javascript:alert(document.domain)")
        .await;
    s.paste_into(&field("pictureElem.bigPicture.url"), "javascript:alert(2)")
        .await;
    s.wait_text(".oa-card .oa-text", "onerror").await;
    let card = s
        .script(
            "const c = document.querySelector('.oa-card'); \
             return { text: c.querySelector('.oa-text').textContent, \
                      name: c.querySelector('.oa-name').textContent, \
                      from: c.querySelector('.oa-from').textContent, \
                      elements: c.querySelectorAll('img, script, a, video, audio').length, \
                      pwned: window.pwned === undefined ? null : window.pwned };",
            vec![],
        )
        .await;
    assert_eq!(card["text"], payload);
    assert_eq!(card["name"], payload);
    assert_eq!(card["from"], payload);
    assert_eq!(
        card["elements"], 0,
        "no image, script or link from a payload: {card}"
    );
    assert_eq!(card["pwned"], Value::Null);
    s.screenshot("hostile-preview").await;

    s.click(".composer .send").await;
    s.wait_text("#msg-n\\.externalUrl-error", "http").await;
    s.wait_text("#msg-n\\.notificationFaceURL-error", "http")
        .await;
    s.wait_text("#msg-n\\.pictureElem\\.bigPicture\\.url-error", "http")
        .await;
    assert!(api_calls(&s.requests().await, "/manager/send_msg").is_empty());

    // With http(s) URLs the same card shows the face, picture and link.
    s.paste_into(
        &field("notificationFaceURL"),
        "https://cdn.example/face.png",
    )
    .await;
    s.paste_into(&field("externalUrl"), "https://status.example/")
        .await;
    s.paste_into(
        &field("pictureElem.bigPicture.url"),
        "https://cdn.example/big.png",
    )
    .await;
    s.until("the media appear", || async {
        s.exists(".oa-card img.oa-face").await
            && s.exists(".oa-card img.oa-picture").await
            && s.exists(".oa-card a.oa-link").await
    })
    .await;
    let href = s
        .script(
            "const a = document.querySelector('.oa-card a.oa-link'); return [a.href, a.rel, document.querySelector('.oa-picture').src];",
            vec![],
        )
        .await;
    assert_eq!(
        href,
        json!([
            "https://status.example/",
            "noopener noreferrer",
            "https://cdn.example/big.png"
        ])
    );
    // Those hosts do not exist: the images that fail are left out, not
    // shown broken.
    s.until("the broken images hidden", || async {
        s.script(
            "return [...document.querySelectorAll('.oa-card img')].every(i => i.hidden);",
            vec![],
        )
        .await
            == json!(true)
    })
    .await;
    // The preview speaks the UI's language.
    s.language("zh-CN").await;
    s.wait_text(".oa-card .oa-link", "打开链接").await;
    s.close().await;
}

#[tokio::test]
async fn a_template_keeps_the_notification_but_not_its_recipient() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, users) = signed_in_on_notifications("oa-templates").await;
    s.paste_into("#msg-target", &users[0]).await;
    s.choose("#msg-mixType", "3").await;
    s.paste_into(&field("notificationName"), "Release notes")
        .await;
    s.paste_into(&field("fileElem.fileName"), "notes.pdf").await;
    s.click(".save-template").await;
    s.wait_text("#template-name-error", "Name the template")
        .await;
    s.type_into("#template-name", "Weekly release").await;
    s.click(".save-template").await;
    s.wait_text(".template-list", "Weekly release").await;

    s.choose("#msg-mixType", "0").await;
    s.paste_into(&field("notificationName"), "Something else")
        .await;
    s.paste_into("#msg-target", &users[1]).await;
    s.click("li[data-template='Weekly release'] .use-template")
        .await;
    s.until("the template applied", || async {
        s.value(&field("fileElem.fileName")).await == "notes.pdf"
    })
    .await;
    assert_eq!(s.value(&field("notificationName")).await, "Release notes");
    assert_eq!(s.value("#msg-mixType").await, "3");
    assert_eq!(
        s.value("#msg-target").await,
        users[1],
        "the recipient stays"
    );

    // Templates live in localStorage: they outlive the tab's session.
    s.open("/notifications").await;
    s.wait_text(".template-list", "Weekly release").await;
    s.click("li[data-template='Weekly release'] .delete-template")
        .await;
    s.wait_text(".templates", "No templates yet").await;
    s.close().await;
}
