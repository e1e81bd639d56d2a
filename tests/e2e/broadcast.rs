//! Broadcasts: a notification to hundreds of users while the server fails
//! and hangs, across a reload and an expired session, and nobody is sent
//! to twice.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use crate::harness::{Session, ONE_AT_A_TIME};
use crate::{api_calls, signed_in, untouched_users, ADMIN, SECRET};

/// Signed in, with a notification composed and `n` recipients pasted.
async fn composed(name: &str, n: usize) -> (Session, Vec<String>) {
    let s = signed_in(name).await;
    s.open("/notifications").await;
    s.compose_notification().await;
    let ids: Vec<String> = (1..=n).map(|i| format!("bc-{i:04}")).collect();
    s.paste_into("#broadcast-ids", &ids.join("\n")).await;
    (s, ids)
}

/// Reviews, types the count and starts.
async fn start(s: &Session, n: usize) {
    s.click(".broadcast .review").await;
    s.wait_text(".broadcast-confirm", &format!("{n} recipients"))
        .await;
    assert!(
        s.find(".start-broadcast")
            .await
            .attr("disabled")
            .await
            .unwrap()
            .is_some(),
        "nothing starts before the count is typed"
    );
    s.type_into("#broadcast-typed", &n.to_string()).await;
    s.click(".start-broadcast").await;
}

/// send_msg calls by recipient, and what the server did with each.
async fn calls_by_recipient(s: &Session) -> HashMap<String, Vec<String>> {
    let mut by: HashMap<String, Vec<String>> = HashMap::new();
    for call in api_calls(&s.requests().await, "/manager/send_msg") {
        let recv = call["body"]["recvID"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let fault = call["fault"].as_str().unwrap_or("ok").to_string();
        by.entry(recv).or_default().push(fault);
    }
    by
}

/// Stored notifications by recipient.
async fn stored_by_recipient(s: &Session) -> HashMap<String, usize> {
    let mut by = HashMap::new();
    for m in s.state().await["messages"].as_array().unwrap() {
        if m["contentType"] == 1400 {
            *by.entry(m["recvID"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    by
}

async fn wait_finished(s: &Session) {
    s.until("the broadcast to finish", || async {
        s.text(".broadcast-status").await.contains("Finished")
    })
    .await;
}

#[tokio::test]
async fn a_broadcast_through_failures_and_hangs_sends_to_nobody_twice() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, ids) = composed("broadcast-faults", 500).await;
    let faults = s
        .server_post(
            "/_sim/faults",
            json!({ "send_msg": { "fail": 0.1, "hang": 0.02 }, "seed": 11, "hangMs": 60000 }),
        )
        .await;
    assert!(faults["send_msg"].is_object(), "{faults}");
    s.type_into("#broadcast-timeout", "2").await;
    start(&s, 500).await;
    s.wait_text(".broadcast-status", "Sending").await;
    s.wait_text(".broadcast .progress-label", "of 500 recipients")
        .await;
    s.screenshot("running").await;
    wait_finished(&s).await;
    s.screenshot("finished").await;

    let calls = calls_by_recipient(&s).await;
    let stored = stored_by_recipient(&s).await;
    let of = |fault: &str| -> HashSet<&String> {
        calls
            .iter()
            .filter(|(_, f)| f[0] == fault)
            .map(|(r, _)| r)
            .collect()
    };
    let (ok, failed, hung) = (of("ok"), of("fail"), of("hang"));
    assert_eq!(ok.len() + failed.len() + hung.len(), 500);
    assert!(
        calls.values().all(|f| f.len() == 1),
        "every recipient called once"
    );
    assert!(
        failed.len() > 20 && !hung.is_empty(),
        "faults happened: {} failed, {} hung",
        failed.len(),
        hung.len()
    );
    // Exactly one stored message per successful recipient (and per hung
    // call, which the server processed but never answered).
    for id in &ids {
        let want = usize::from(ok.contains(id) || hung.contains(id));
        assert_eq!(stored.get(id).copied().unwrap_or(0), want, "{id}");
    }
    let counts = s.text(".broadcast-counts").await;
    assert!(
        counts.contains(&format!(
            "{} sent · {} failed · {} unknown · 0 waiting",
            ok.len(),
            failed.len(),
            hung.len()
        )),
        "{counts}"
    );
    // The failures and unknowns are listed with what the server said.
    let first_failed = ids.iter().find(|id| failed.contains(id)).unwrap();
    let row = format!(".broadcast-problems tr[data-user-id='{first_failed}'] .result");
    s.wait_text(&row, "500 call UserSendMsg").await;
    let first_hung = ids.iter().find(|id| hung.contains(id)).unwrap();
    s.wait_text(
        &format!(".broadcast-problems tr[data-user-id='{first_hung}'] .result"),
        "Unknown",
    )
    .await;

    // Any recipient's result can be looked up: a success names the
    // clientMsgID the server stored.
    let first_ok = ids.iter().find(|id| ok.contains(id)).unwrap();
    s.type_into("#broadcast-find", first_ok).await;
    s.wait_text(".broadcast-found", "Sent · clientMsgID").await;
    let found = s.text(".broadcast-found").await;
    let state = s.state().await;
    let stored_id = state["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["recvID"] == first_ok.as_str())
        .map(|m| m["clientMsgID"].as_str().unwrap().to_string())
        .unwrap();
    assert!(found.ends_with(&stored_id), "{found} / {stored_id}");
    s.type_into("#broadcast-find", first_failed).await;
    s.wait_text(".broadcast-found", "500 call UserSendMsg")
        .await;
    s.type_into("#broadcast-find", "nobody-here").await;
    s.wait_text(".broadcast-found", "Not in this broadcast")
        .await;

    // Retrying the failures sends to exactly those, once more.
    s.server_post("/_sim/faults", json!({})).await;
    assert!(s
        .find(".retry-unknown")
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some());
    s.click(".retry-failed").await;
    wait_finished(&s).await;
    let calls = calls_by_recipient(&s).await;
    let stored = stored_by_recipient(&s).await;
    for id in &ids {
        let n = calls[id].len();
        assert_eq!(n, if failed.contains(id) { 2 } else { 1 }, "{id}");
        assert_eq!(stored.get(id).copied(), Some(1), "{id} stored once");
    }
    s.close().await;
}

/// Slows every send to `ms` (answered, not lost) so a test can act mid-run.
async fn slow(s: &Session, ms: u64) {
    s.server_post(
        "/_sim/faults",
        json!({ "send_msg": { "hang": 1.0 }, "hangMs": ms }),
    )
    .await;
}

async fn stored_count(s: &Session) -> usize {
    stored_by_recipient(s).await.values().sum()
}

/// A broadcast to 120 recipients, each send slowed to 150 ms, caught once
/// 20 have been stored: a test then interrupts it.
async fn mid_broadcast(name: &str) -> (Session, Vec<String>) {
    let (s, ids) = composed(name, 120).await;
    slow(&s, 150).await;
    start(&s, 120).await;
    s.until("some sends", || async { stored_count(&s).await >= 20 })
        .await;
    (s, ids)
}

#[tokio::test]
async fn a_reload_mid_broadcast_resumes_without_a_duplicate() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, ids) = mid_broadcast("broadcast-reload").await;
    s.open("/notifications").await;
    wait_finished(&s).await;
    let calls = calls_by_recipient(&s).await;
    let stored = stored_by_recipient(&s).await;
    // Calls cut off by the reload are reported as unknown, never sent
    // again: the server stored them, or (marked in flight just before the
    // reload, their request never left) it never saw them.
    let mut never_sent = 0;
    for id in &ids {
        let n = calls.get(id).map_or(0, Vec::len);
        assert!(n <= 1, "{id} called {n} times");
        assert_eq!(
            stored.get(id).copied().unwrap_or(0),
            n,
            "{id} stored as called"
        );
        never_sent += usize::from(n == 0);
    }
    let counts = s.text(".broadcast-counts").await;
    let unknown: usize = counts
        .split(" · ")
        .find(|p| p.ends_with("unknown"))
        .and_then(|p| p.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((1..=4).contains(&unknown), "{counts}");
    assert!(never_sent <= unknown, "{never_sent} never sent, {counts}");
    assert!(
        counts.starts_with(&format!("{} sent", 120 - unknown)),
        "everyone else was sent to: {counts}"
    );
    s.close().await;
}

#[tokio::test]
async fn an_expired_session_pauses_the_broadcast_until_the_next_login() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, ids) = mid_broadcast("broadcast-session").await;
    let expired: Value = s.server("POST", "/_sim/expire_tokens").await;
    assert!(!expired.is_string(), "{expired}");
    s.wait_path("/login?next=%2Fnotifications").await;
    let paused_at = stored_count(&s).await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(
        stored_count(&s).await,
        paused_at,
        "nothing is sent while signed out"
    );
    s.sign_in(SECRET, ADMIN).await;
    s.wait_path("/notifications").await;
    wait_finished(&s).await;
    let stored = stored_by_recipient(&s).await;
    for id in &ids {
        assert_eq!(stored.get(id).copied(), Some(1), "{id} stored once");
    }
    let counts = s.text(".broadcast-counts").await;
    assert!(counts.starts_with("120 sent"), "{counts}");
    s.close().await;
}

#[tokio::test]
async fn a_message_goes_to_the_directory_selection_one_by_one() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("broadcast-message").await;
    let users: Vec<String> = untouched_users(&s.state().await, 3);
    // The directory hands its selection to the broadcast.
    s.click("nav a[href='/directory']").await;
    for id in &users {
        s.paste_into("#users-filter", id).await;
        s.wait_text(".rows-shown", "1 of").await;
        s.click(&format!("tr[data-user-id='{id}'] input.pick"))
            .await;
    }
    s.choose("#users-use", "broadcast").await;
    s.wait_path("/notifications").await;
    let listed = s.value("#broadcast-ids").await;
    assert_eq!(listed.lines().collect::<Vec<_>>(), users);

    // The messages page broadcasts what its composer holds, as text to each.
    s.open("/messages").await;
    s.type_into("#msg-sendID", ADMIN).await;
    s.paste_into("#msg-c\\.text", "Hello, one by one").await;
    start(&s, 3).await;
    wait_finished(&s).await;
    let state = s.state().await;
    let texts: Vec<&Value> = state["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["content"] == "Hello, one by one")
        .collect();
    let mut to: Vec<&str> = texts
        .iter()
        .map(|m| m["recvID"].as_str().unwrap())
        .collect();
    to.sort();
    let mut want: Vec<&str> = users.iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(to, want);
    assert!(texts
        .iter()
        .all(|m| m["contentType"] == 101 && m["sessionType"] == 1));
    s.close().await;
}

#[tokio::test]
async fn a_duplicated_tab_never_sends_from_its_copy_of_the_ledger() {
    let _one = ONE_AT_A_TIME.lock().await;
    let (s, ids) = mid_broadcast("broadcast-tabs").await;
    // A tab opened from this one gets a copy of its sessionStorage, as a
    // duplicated tab does: the ledger, and the session.
    let first = s.client.window().await.unwrap();
    s.script("window.open(location.href, '_blank');", vec![])
        .await;
    let windows = s.client.windows().await.unwrap();
    let copy = windows.into_iter().find(|w| *w != first).unwrap();
    s.client.switch_to_window(copy).await.unwrap();
    s.wait_text(".broadcast-status", "Another tab went on")
        .await;
    s.screenshot("duplicate").await;
    assert!(
        !s.exists(".resume-broadcast").await,
        "a stale copy offers no resume"
    );
    s.client.switch_to_window(first).await.unwrap();
    wait_finished(&s).await;
    let calls = calls_by_recipient(&s).await;
    for id in &ids {
        assert_eq!(calls.get(id).map(Vec::len), Some(1), "{id} called once");
    }
    s.close().await;
}
