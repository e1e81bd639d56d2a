//! /manager/send_msg: check order, codes and storage (docs/api.md#send-msg).

mod common;
use common::*;
use serde_json::{json, Value};

fn text_msg() -> Value {
    json!({"operationID": "op1", "sendID": "s", "recvID": "r", "content": {"text": "hello"}, "contentType": 101, "sessionType": 1})
}

fn with_fields(mut v: Value, fields: Value) -> Value {
    for (k, val) in fields.as_object().unwrap() {
        v[k] = val.clone();
    }
    v
}

async fn send(s: &Server, token: Option<&str>, body: Value) -> Resp {
    s.post("/manager/send_msg", token, &body.to_string()).await
}

#[tokio::test]
async fn check_order_bind_then_content_type_then_content_then_token() {
    let s = bare();
    // 1. bind errors come before everything (no token here).
    let r = send(
        &s,
        None,
        json!({"operationID": "o", "sendID": "s", "content": {}, "contentType": 101}),
    )
    .await;
    r.assert(
        400,
        r#"{"errCode":400,"errMsg":"Key: 'ManagementSendMsgReq.SessionType' Error:Field validation for 'SessionType' failed on the 'required' tag"}"#,
    );
    // 2. unsupported contentType, still without a token.
    for ct in [106, 107, 108, 109, 112, 113, 114, 200, 1201, 1501] {
        send(
            &s,
            None,
            with_fields(text_msg(), json!({"contentType": ct})),
        )
        .await
        .assert(400, r#"{"errCode":404,"errMsg":"contentType err"}"#);
    }
    // 3. content that cannot be decoded.
    send(&s, None, with_fields(text_msg(), json!({"content": {"text": [1, 2]}})))
        .await
        .assert(
            400,
            &json!({"errCode": 401, "errMsg": "1 error(s) decoding:\n\n* 'text' expected type 'string', got unconvertible type '[]interface {}', value: '[1 2]'"}).to_string(),
        );
    // 4. content that fails validation.
    send(&s, None, with_fields(text_msg(), json!({"content": {"text": ""}})))
        .await
        .assert(
            400,
            r#"{"errCode":403,"errMsg":"Key: 'TextElem.Text' Error:Field validation for 'Text' failed on the 'required' tag"}"#,
        );
    // 5. only then the token.
    send(&s, None, text_msg()).await.assert(
        400,
        r#"{"MsgID":"","errCode":400,"errMsg":"parse token failed","sendTime":0}"#,
    );
}

#[tokio::test]
async fn recv_and_group_ids_are_checked_after_the_admin_check() {
    let s = bare();
    let t = s.admin().await;
    send(&s, Some(&t), with_fields(text_msg(), json!({"recvID": ""})))
        .await
        .assert(
            400,
            r#"{"MsgID":"","errCode":405,"errMsg":"recvID is a null string","sendTime":0}"#,
        );
    send(
        &s,
        Some(&t),
        with_fields(text_msg(), json!({"sessionType": 2})),
    )
    .await
    .assert(
        400,
        r#"{"MsgID":"","errCode":405,"errMsg":"groupID is a null string","sendTime":0}"#,
    );
}

#[tokio::test]
async fn unknown_session_type_is_203_with_the_client_msg_id() {
    let s = bare();
    let t = s.admin().await;
    for st in [3, 5, -1] {
        let r = send(
            &s,
            Some(&t),
            with_fields(text_msg(), json!({"sessionType": st})),
        )
        .await;
        assert_eq!(r.status, 200);
        let body = r.json();
        assert_eq!(body["errCode"], 203);
        assert_eq!(body["errMsg"], "unkonwn sessionType");
        assert_eq!(body["data"].as_object().unwrap().len(), 1, "{body}");
        assert!(is_hex32(body["data"]["clientMsgID"].as_str().unwrap()));
    }
    assert!(s.state().await["messages"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn blacklisted_sender_gets_600_without_admin_bypass() {
    let s = bare();
    let t = s.admin().await;
    s.post_json(
        "/friend/add_black",
        &t,
        json!({"operationID": "o", "fromUserID": "r", "toUserID": "s"}),
    )
    .await;
    let r = send(&s, Some(&t), text_msg()).await;
    let body = r.json();
    assert_eq!(
        (r.status, body["errCode"].clone(), body["errMsg"].clone()),
        (200, json!(600), json!("in black list"))
    );
    assert_eq!(
        body["data"].as_object().unwrap().keys().collect::<Vec<_>>(),
        vec!["clientMsgID"]
    );
    // Notifications (sessionType 4) are checked too.
    let oa = json!({"operationID": "o", "sendID": "s", "recvID": "r", "contentType": 1400, "sessionType": 1,
        "content": {"notificationName": "n", "notificationFaceURL": "f", "notificationType": 1, "text": "t"}});
    assert_eq!(send(&s, Some(&t), oa).await.json()["errCode"], 600);
    // The other direction is not blocked; groups are not checked.
    let reverse = with_fields(text_msg(), json!({"sendID": "r", "recvID": "s"}));
    assert_eq!(send(&s, Some(&t), reverse).await.json()["errCode"], 0);
    let group = with_fields(text_msg(), json!({"sessionType": 2, "groupID": "g"}));
    assert_eq!(send(&s, Some(&t), group).await.json()["errCode"], 0);
}

#[tokio::test]
async fn notification_forces_session_type_4() {
    let s = bare();
    let t = s.admin().await;
    let oa = json!({"operationID": "o", "sendID": "openIM123456", "recvID": "", "contentType": 1400, "sessionType": 1,
        "content": {"notificationName": "n", "notificationFaceURL": "f", "notificationType": "2", "text": "t",
                    "externalUrl": "https://example.com/<x>", "mixType": 7}});
    let r = send(&s, Some(&t), oa).await;
    assert_eq!(r.json()["errCode"], 0, "{}", r.text());
    let msg = &s.state().await["messages"][0];
    assert_eq!(msg["sessionType"], 4);
    assert_eq!(
        msg["content"],
        r#"{"externalUrl":"https://example.com/\u003cx\u003e","mixType":7,"notificationFaceURL":"f","notificationName":"n","notificationType":"2","text":"t"}"#
    );
    // sessionType is still required by binding.
    let r = send(
        &s,
        Some(&t),
        json!({"operationID": "o", "sendID": "a", "contentType": 1400, "content": {}}),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["errCode"], 400);
}

/// The request's content map reaches the stored message whole: keys the
/// elem struct does not name (externalUrl, ex-style extras), nested objects
/// and the raw types, besides the JSON that becomes `content` (docs/api.md#send-msg-content).
#[tokio::test]
async fn notification_request_content_passes_through_unknown_keys() {
    let s = bare();
    let t = s.admin().await;
    let content = json!({"notificationName": "n", "notificationFaceURL": "f", "notificationType": 1,
        "text": "t", "externalUrl": "https://example.com/a?b=1", "mixType": 1,
        "pictureElem": {"sourcePicture": {"url": "https://example.com/p.png", "width": 10}},
        "campaign": {"id": 42, "tags": ["x"]}});
    let oa = json!({"operationID": "o", "sendID": ADMIN, "recvID": "r", "contentType": 1400,
        "sessionType": 4, "content": content});
    assert_eq!(send(&s, Some(&t), oa).await.json()["errCode"], 0);
    let msg = &s.state().await["messages"][0];
    assert_eq!(msg["requestContent"], content);
    let stored: Value = serde_json::from_str(msg["content"].as_str().unwrap()).unwrap();
    assert_eq!(stored["externalUrl"], "https://example.com/a?b=1");
    assert_eq!(stored["campaign"], json!({"id": 42, "tags": ["x"]}));
}

#[tokio::test]
async fn notification_required_fields() {
    let s = bare();
    let r = send(&s, None, json!({"operationID": "o", "sendID": "a", "contentType": 1400, "sessionType": 4, "content": {"mixType": 1}})).await;
    let lines = [
        "Key: 'OANotificationElem.NotificationName' Error:Field validation for 'NotificationName' failed on the 'required' tag",
        "Key: 'OANotificationElem.NotificationFaceURL' Error:Field validation for 'NotificationFaceURL' failed on the 'required' tag",
        "Key: 'OANotificationElem.NotificationType' Error:Field validation for 'NotificationType' failed on the 'required' tag",
        "Key: 'OANotificationElem.Text' Error:Field validation for 'Text' failed on the 'required' tag",
    ];
    r.assert(
        400,
        &json!({"errCode": 403, "errMsg": lines.join("\n")}).to_string(),
    );
}

#[tokio::test]
async fn custom_and_revoke_required_fields() {
    let s = bare();
    send(&s, None, with_fields(text_msg(), json!({"contentType": 110, "content": {"description": "d"}})))
        .await
        .assert(
            400,
            r#"{"errCode":403,"errMsg":"Key: 'CustomElem.Data' Error:Field validation for 'Data' failed on the 'required' tag"}"#,
        );
    send(&s, None, with_fields(text_msg(), json!({"contentType": 111, "content": {}})))
        .await
        .assert(
            400,
            r#"{"errCode":403,"errMsg":"Key: 'RevokeElem.RevokeMsgClientID' Error:Field validation for 'RevokeMsgClientID' failed on the 'required' tag"}"#,
        );
    // Media types have no required fields.
    let t = s.admin().await;
    for ct in [102, 103, 104, 105] {
        let r = send(
            &s,
            Some(&t),
            with_fields(text_msg(), json!({"contentType": ct, "content": {}})),
        )
        .await;
        assert_eq!(r.json()["errCode"], 0, "{ct}");
    }
}

#[tokio::test]
async fn non_string_text_panics_into_an_empty_500() {
    let s = bare();
    let t = s.admin().await;
    for content in [
        json!({"text": 123}),
        json!({"Text": "hi"}),
        json!({"text": true}),
    ] {
        let r = send(
            &s,
            Some(&t),
            with_fields(text_msg(), json!({"content": content})),
        )
        .await;
        r.assert(500, "");
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
    }
    // The same content from a non-admin stops at the admin check first.
    s.add_users(&["u"]).await;
    let u = s.login("u").await;
    let r = send(
        &s,
        Some(&u),
        with_fields(text_msg(), json!({"content": {"text": 1}})),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(s.state().await["messages"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn success_ids_and_time() {
    let s = bare();
    let t = s.admin().await;
    let before = now_millis();
    let r = send(&s, Some(&t), text_msg()).await;
    let after = now_millis();
    let text = r.text();
    assert!(
        text.starts_with(r#"{"errCode":0,"errMsg":"","data":{"serverMsgID":""#),
        "{text}"
    );
    let data = r.json()["data"].clone();
    assert!(is_hex32(data["serverMsgID"].as_str().unwrap()));
    assert!(is_hex32(data["clientMsgID"].as_str().unwrap()));
    assert_ne!(data["serverMsgID"], data["clientMsgID"]);
    let sent = data["sendTime"].as_i64().unwrap();
    assert!(
        before <= sent && sent <= after,
        "{before} <= {sent} <= {after}"
    );
    // A second send gets new IDs.
    let again = send(&s, Some(&t), text_msg()).await.json()["data"].clone();
    assert_ne!(again["clientMsgID"], data["clientMsgID"]);
}

#[tokio::test]
async fn messages_and_revokes_are_stored_with_all_fields() {
    let s = bare();
    let t = s.admin().await;
    let full = json!({"operationID": "op-full", "sendID": "s", "recvID": "r", "groupID": "ignored",
        "senderNickname": "Sys", "senderFaceURL": "https://f", "senderPlatformID": 5, "forceList": ["x"],
        "content": {"text": "hello"}, "contentType": 101, "sessionType": 1, "isOnlineOnly": true,
        "offlinePushInfo": {"title": "T", "desc": "D", "ex": "E", "iOSPushSound": "default", "iOSBadgeCount": true}});
    let first = send(&s, Some(&t), full).await.json();
    let original = first["data"]["clientMsgID"].as_str().unwrap().to_string();
    let revoke = json!({"operationID": "op-revoke", "sendID": "s", "recvID": "r", "content": {"revokeMsgClientID": original},
        "contentType": 111, "sessionType": 1});
    assert_eq!(send(&s, Some(&t), revoke).await.json()["errCode"], 0);
    let st = s.state().await;
    let msgs = st["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 2);
    let m = &msgs[0];
    assert_eq!(m["serverMsgID"], first["data"]["serverMsgID"]);
    assert_eq!(m["operationID"], "op-full");
    assert_eq!(m["groupID"], "ignored");
    assert_eq!(m["senderNickname"], "Sys");
    assert_eq!(m["senderFaceURL"], "https://f");
    assert_eq!(m["senderPlatformID"], 5);
    assert_eq!(m["forceList"], json!(["x"]));
    assert_eq!(m["msgFrom"], 200);
    assert_eq!(m["content"], "hello");
    assert_eq!(m["requestContent"], json!({"text": "hello"}));
    assert_eq!(m["isOnlineOnly"], true);
    assert_eq!(
        m["options"],
        json!({"history": false, "offlinePush": false, "persistent": false, "senderSync": false})
    );
    assert_eq!(m["offlinePushInfo"]["title"], "T");
    assert_eq!(m["offlinePushInfo"]["iOSBadgeCount"], true);
    assert_eq!(m["deliveredTo"], json!(["r", "s"]));
    let rv = &msgs[1];
    assert_eq!(rv["contentType"], 111);
    assert_eq!(rv["content"], original);
    assert_eq!(
        rv["options"],
        json!({"offlinePush": false, "unreadCount": false})
    );
}

#[tokio::test]
async fn group_send_reaches_current_members_and_unknown_groups_succeed() {
    let s = bare();
    s.add_users(&["o", "m"]).await;
    let t = s.admin().await;
    let gid = s
        .add_group(json!({"ownerUserID": "o", "members": [{"userID": "m"}]}))
        .await;
    let body = with_fields(
        text_msg(),
        json!({"sessionType": 2, "groupID": gid, "recvID": ""}),
    );
    assert_eq!(send(&s, Some(&t), body).await.json()["errCode"], 0);
    let body = with_fields(
        text_msg(),
        json!({"sessionType": 2, "groupID": "nosuchgroup"}),
    );
    assert_eq!(send(&s, Some(&t), body).await.json()["errCode"], 0);
    let st = s.state().await;
    assert_eq!(st["messages"][0]["deliveredTo"], json!(["o", "m"]));
    assert_eq!(st["messages"][1]["deliveredTo"], json!([]));
}

#[tokio::test]
async fn media_content_is_stored_as_sorted_json() {
    let s = bare();
    let t = s.admin().await;
    let body = with_fields(
        text_msg(),
        json!({"contentType": 102, "content": {"sourcePath": "p", "sourcePicture": {"width": 640, "url": "https://x/a.png?a=1&b=2"}}}),
    );
    assert_eq!(send(&s, Some(&t), body).await.json()["errCode"], 0);
    assert_eq!(
        s.state().await["messages"][0]["content"],
        r#"{"sourcePath":"p","sourcePicture":{"url":"https://x/a.png?a=1\u0026b=2","width":640}}"#
    );
}
