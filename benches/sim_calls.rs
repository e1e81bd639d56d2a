//! openim-sim at scale: the median time of 100-ID account_check and
//! get_users_info calls for the last IDs of a 100,000-user table, over 100
//! calls each, of inviting and kicking 500 users in a 10,000-member group,
//! and the throughput of 10,000 text send_msg calls at concurrency 4. A
//! benchmark, run by `scripts/bench.sh`; nothing asserts a time.
//!
//! `cargo bench --bench sim_calls -- [--users N] [--calls N] [--sends N]`

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

/// One POST with the token; the answer's body.
#[cfg(not(target_arch = "wasm32"))]
fn post(port: u16, path: &str, token: &str, body: &str) -> Vec<u8> {
    let headers = [("token", token), ("Content-Type", "application/json")];
    harness::http(port, "POST", path, &headers, body).body
}

/// Parallel callers in the send_msg figure, as a bulk send would run them.
#[cfg(not(target_arch = "wasm32"))]
const SENDERS: usize = 4;

/// `sends` text messages (101) from the admin to `recipients` in turn,
/// split over `SENDERS` threads, each call on its own connection; the
/// seconds they took in all.
#[cfg(not(target_arch = "wasm32"))]
fn send_texts(port: u16, token: &str, recipients: &[serde_json::Value], sends: usize) -> f64 {
    use serde_json::json;
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        for sender in 0..SENDERS {
            scope.spawn(move || {
                for i in (sender..sends).step_by(SENDERS) {
                    let body = json!({"operationID": format!("bench-{i}"), "sendID": "openIM123456",
                        "recvID": recipients[i % recipients.len()], "senderPlatformID": 8,
                        "content": {"text": format!("bench {i}")}, "contentType": 101, "sessionType": 1});
                    let answer = post(port, "/manager/send_msg", token, &body.to_string());
                    assert!(answer.starts_with(br#"{"errCode":0"#), "send_msg failed");
                }
            });
        }
    });
    started.elapsed().as_secs_f64()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use serde_json::{json, Value};
    use std::time::Instant;

    let users = harness::number_arg("--users", 100_000);
    let calls = harness::number_arg("--calls", 100);
    let sends = harness::number_arg("--sends", 10_000);
    let started = Instant::now();
    let sim = harness::start_sim(&["--users", &users.to_string()]);
    let login = json!({"secret": "tuoyun", "platform": 8, "userID": "openIM123456", "operationID": "bench"});
    // The sim builds its tables once listening; the first answer waits for them.
    let token: Value =
        serde_json::from_slice(&post(sim.port, "/auth/user_token", "", &login.to_string()))
            .unwrap();
    println!(
        "openim-sim with {users} demo users answering after {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let token = token["data"]["token"].as_str().unwrap().to_string();
    let all: Value = serde_json::from_slice(&post(
        sim.port,
        "/manager/get_all_users_uid",
        &token,
        r#"{"operationID":"bench"}"#,
    ))
    .unwrap();
    let ids: Vec<Value> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .take(100)
        .cloned()
        .collect();
    for (path, field) in [
        ("/manager/account_check", "checkUserIDList"),
        ("/user/get_users_info", "userIDList"),
    ] {
        let body = json!({ "operationID": "bench", field: ids }).to_string();
        let mut times: Vec<f64> = (0..calls)
            .map(|_| {
                let t = Instant::now();
                let answer = post(sim.port, path, &token, &body);
                assert!(answer.starts_with(br#"{"errCode":0"#), "{path} failed");
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{path} with 100 IDs at {users} users: median {:.2} ms over {calls} calls (p90 {:.2} ms)",
            times[calls / 2],
            times[calls * 9 / 10]
        );
    }

    // A 10,000-member group: 500 others invited, then kicked, in turn.
    let all = all["data"].as_array().unwrap();
    let members: Vec<Value> = (all.iter().skip(1).take(10_000))
        .map(|id| json!({ "userID": id }))
        .collect();
    let group = json!({ "groups": [{ "groupID": "bench-10k", "ownerUserID": all[0], "members": members }] });
    let made = harness::http(sim.port, "POST", "/_sim/groups", &[], &group.to_string());
    assert_eq!(made.status, 200, "a 10,000-member group");
    let others: Vec<&Value> = all.iter().skip(10_001).take(500).collect();
    let body = |field: &str| {
        json!({ "operationID": "bench", "groupID": "bench-10k", field: others, "reason": "" })
            .to_string()
    };
    let steps = [
        ("/group/invite_user_to_group", body("invitedUserIDList")),
        ("/group/kick_group", body("kickedUserIDList")),
    ];
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..calls.min(50) {
        for (i, (path, body)) in steps.iter().enumerate() {
            let t = Instant::now();
            let answer = post(sim.port, path, &token, body);
            assert!(answer.starts_with(br#"{"errCode":0"#), "{path} failed");
            times[i].push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    for ((path, _), mut t) in steps.iter().zip(times) {
        t.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{path} of 500 users in a 10,000-member group: median {:.2} ms over {} calls",
            t[t.len() / 2],
            t.len()
        );
    }

    let secs = send_texts(sim.port, &token, &all[1..], sends);
    println!(
        "/manager/send_msg text to existing users, {SENDERS} at a time: {sends} calls in {secs:.2} s ({:.0} calls/s)",
        sends as f64 / secs
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
