//! Messages: a text sent as another user, checked first, then revoked.

use crate::harness::ONE_AT_A_TIME;
use crate::{api_calls, signed_in};

#[tokio::test]
async fn a_text_is_checked_sent_as_another_user_and_revoked() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("messages").await;
    let users: Vec<String> = s.state().await["users"]
        .as_array()
        .unwrap()
        .iter()
        .skip(5)
        .take(2)
        .map(|u| u["userID"].as_str().unwrap().to_string())
        .collect();
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
