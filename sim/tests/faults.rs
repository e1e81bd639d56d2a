//! /_sim/faults: endpoints that fail or hang on purpose, through the whole
//! HTTP layer.

mod common;
use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn text_to(recv_id: &str) -> Value {
    json!({"operationID": "op", "sendID": ADMIN, "recvID": recv_id, "content": {"text": "hi"}, "contentType": 101, "sessionType": 1})
}

async fn send(s: &Server, token: &str, recv_id: &str) -> Resp {
    s.post_json("/manager/send_msg", token, text_to(recv_id))
        .await
}

async fn set_faults(s: &Server, body: Value) -> Value {
    s.control("/_sim/faults", body).await
}

async fn message_count(s: &Server) -> usize {
    s.state().await["messages"].as_array().unwrap().len()
}

/// The `fault` marks of the request log, one a request (null = none).
async fn fault_marks(s: &Server) -> Vec<Value> {
    let log = s.call("GET", "/_sim/requests", None, "").await.json();
    log.as_array()
        .unwrap()
        .iter()
        .map(|r| r["fault"].clone())
        .collect()
}

#[tokio::test]
async fn settings_are_answered_listed_and_cleared() {
    let s = bare();
    let asked = json!({"send_msg": {"fail": 0.1, "hang": 0.02}, "seed": 7, "hangMs": 600000});
    assert_eq!(set_faults(&s, asked.clone()).await, asked);
    let listed = s.call("GET", "/_sim/faults", None, "").await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json(), asked);
    assert_eq!(set_faults(&s, json!({})).await, json!({"hangMs": 600000}));
    set_faults(&s, json!({"send_msg": {"fail": 1}})).await;
    s.post("/_sim/faults", None, "")
        .await
        .assert(200, r#"{"hangMs":600000}"#);
    let t = s.admin().await;
    assert_eq!(send(&s, &t, "r").await.status, 200, "faults cleared");
}

#[tokio::test]
async fn bad_settings_are_refused_and_change_nothing() {
    let s = bare();
    set_faults(&s, json!({"send_msg": {"fail": 1}})).await;
    for (body, names) in [
        (json!({"send_message": {"fail": 0.1}}), "send_message"),
        (json!({"send_msg": {"fail": 0.8, "hang": 0.3}}), "send_msg"),
        (json!({"send_msg": {"hang": 2}}), "send_msg"),
    ] {
        let r = s.post("/_sim/faults", None, &body.to_string()).await;
        assert_eq!(r.status, 400, "{body}");
        let error = r.json()["error"].as_str().unwrap_or_default().to_string();
        assert!(error.contains(names), "{body}: {error}");
    }
    assert_eq!(s.post("/_sim/faults", None, "nope").await.status, 400);
    let listed = s.call("GET", "/_sim/faults", None, "").await.json();
    assert_eq!(listed["send_msg"]["fail"], 1.0);
}

#[tokio::test]
async fn a_failed_call_answers_as_a_failed_rpc_and_stores_nothing() {
    let s = bare();
    let t = s.admin().await;
    set_faults(
        &s,
        json!({"send_msg": {"fail": 1}, "create_group": {"fail": 1}, "account_check": {"fail": 1}}),
    )
    .await;
    send(&s, &t, "r").await.assert(
        500,
        r#"{"errCode":500,"errMsg":"call UserSendMsg  rpc server failed"}"#,
    );
    assert_eq!(message_count(&s).await, 0);
    let group = json!({"operationID": "o", "ownerUserID": ADMIN, "memberList": []});
    s.post_json("/group/create_group", &t, group)
        .await
        .assert(500, r#"{"errCode":500,"errMsg":"call  rpc server failed"}"#);
    assert_eq!(s.state().await["groups"], json!([]));
    let check = json!({"operationID": "o", "checkUserIDList": [ADMIN]});
    s.post_json("/manager/account_check", &t, check)
        .await
        .assert(500, r#"{"errCode":500,"errMsg":"rpc failed"}"#);
    // Login is not faulted; the three faulted calls are marked.
    assert_eq!(
        fault_marks(&s).await,
        vec![Value::Null, json!("fail"), json!("fail"), json!("fail")]
    );
}

/// Sends `n` messages to `r` under the given faults (hangs held 0 ms) and
/// returns each call's fault mark.
async fn marks_of_sends(faults: Value, n: usize) -> (Server, Vec<Value>) {
    let s = bare();
    let t = s.admin().await;
    set_faults(&s, faults).await;
    s.post("/_sim/reset_requests", None, "").await;
    for _ in 0..n {
        send(&s, &t, "r").await;
    }
    let marks = fault_marks(&s).await;
    (s, marks)
}

#[tokio::test]
async fn seeded_faults_keep_their_shares_and_repeat() {
    let faults = json!({"send_msg": {"fail": 0.1, "hang": 0.05}, "seed": 7, "hangMs": 0});
    let (s, first) = marks_of_sends(faults.clone(), 2_000).await;
    let count = |name: &str| first.iter().filter(|m| *m == name).count();
    let (fails, hangs) = (count("fail"), count("hang"));
    assert!((160..=240).contains(&fails), "{fails} fails of 2,000");
    assert!((70..=130).contains(&hangs), "{hangs} hangs of 2,000");
    // Every call but the failed ones stored its message, hung ones too.
    assert_eq!(message_count(&s).await, 2_000 - fails);
    let (_, again) = marks_of_sends(faults, 2_000).await;
    assert_eq!(first, again, "same seed, same faults");
}

#[tokio::test]
async fn a_hung_call_is_stored_at_once_and_answered_late_while_others_go_on() {
    let s = bare();
    let t = s.admin().await;
    let hang = Duration::from_millis(1_000);
    set_faults(&s, json!({"send_msg": {"hang": 1}, "hangMs": 1_000})).await;
    let started = Instant::now();
    let spawn_send = |recv_id: &'static str| {
        let (s, t) = (
            Server {
                router: s.router.clone(),
            },
            t.clone(),
        );
        tokio::spawn(async move { send(&s, &t, recv_id).await })
    };
    let hung = [spawn_send("r1"), spawn_send("r2")];
    // Both messages are stored while their answers are still held back,
    // and other calls are answered meanwhile.
    let stored = loop {
        let st = s.state().await;
        if st["messages"].as_array().unwrap().len() == 2 {
            break st["messages"].clone();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let check = json!({"operationID": "o", "checkUserIDList": [ADMIN]});
    assert_eq!(
        s.post_json("/manager/account_check", &t, check)
            .await
            .status,
        200
    );
    assert!(started.elapsed() < hang, "others waited for the hung call");
    assert!(hung.iter().all(|h| !h.is_finished()), "answered too early");
    let mut answers = Vec::new();
    for h in hung {
        answers.push(h.await.unwrap());
    }
    let waited = started.elapsed();
    assert!(waited >= hang, "answered after {waited:?}");
    assert!(
        waited < hang * 2,
        "the hangs ran one after the other: {waited:?}"
    );
    for (answer, recv_id) in answers.iter().zip(["r1", "r2"]) {
        assert_eq!(answer.status, 200);
        let body = answer.json();
        assert_eq!(body["errCode"], 0);
        let msg = stored
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["recvID"] == recv_id)
            .unwrap();
        assert_eq!(msg["clientMsgID"], body["data"]["clientMsgID"]);
    }
    let marks = fault_marks(&s).await;
    assert_eq!(marks.iter().filter(|m| *m == "hang").count(), 2);
}
