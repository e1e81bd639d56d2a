//! The user directory and deleting users, driven as an operator would.

use std::collections::HashSet;

use serde_json::Value;

use crate::harness::{start_sim, Session, ONE_AT_A_TIME};
use crate::{api_calls, signed_in, signed_in_to};

fn ids_of(state: &Value, key: &str) -> Vec<String> {
    state[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().or(u["userID"].as_str()).unwrap().to_string())
        .collect()
}

/// The server's users that are not admin accounts, in its order.
fn non_admins(state: &Value) -> Vec<String> {
    let admins: HashSet<String> = ids_of(state, "admins").into_iter().collect();
    ids_of(state, "users")
        .into_iter()
        .filter(|id| !admins.contains(id))
        .collect()
}

/// The row checkbox of one user.
fn pick(id: &str) -> String {
    format!("tr[data-user-id='{id}'] input.pick")
}

async fn filter(s: &Session, text: &str) {
    s.paste_into("#users-filter", text).await;
}

#[tokio::test]
async fn the_directory_finds_one_user_among_10000_and_checks_a_selected_range() {
    let _one = ONE_AT_A_TIME.lock().await;
    let sim = start_sim(&["--users", "10000", "--seed", "11"]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = signed_in_to(Session::browse("directory", &base, vec![sim.process]).await).await;
    let state = s.state().await;
    let mut all = ids_of(&state, "users");
    let total = all.len();
    assert!(total >= 10_004, "10,000 demo users and the 4 admins");
    let online: HashSet<String> = ids_of(&state, "online").into_iter().collect();

    s.click("nav a[href='/directory']").await;
    s.wait_text(".rows-shown", &format!("{total} of {total} shown"))
        .await;
    s.wait_text(".summary", "admin accounts: 4").await;
    s.screenshot("directory").await;

    // One user among all, by a userID fragment no other ID contains.
    let target = all[total / 2].clone();
    filter(&s, &target).await;
    s.wait_text(".rows-shown", &format!("1 of {total} shown"))
        .await;
    assert!(s.exists(&format!("tr[data-user-id='{target}']")).await);
    filter(&s, "").await;
    s.wait_text(".rows-shown", &format!("{total} of {total} shown"))
        .await;

    // Sorted by userID, the first ten rows are the ten smallest IDs: a click
    // on the first and a shift-click on the tenth select all ten.
    all.sort();
    let first_ten = &all[..10];
    s.choose("#users-sort", "userID").await;
    s.click(&pick(&first_ten[0])).await;
    s.shift_click(&pick(&first_ten[9])).await;
    s.wait_text(".selected-count", "10 selected").await;
    s.click(".check-online").await;
    let online_among = first_ten.iter().filter(|id| online.contains(*id)).count();
    s.choose("#users-show", "offline").await;
    s.wait_text(
        ".rows-shown",
        &format!("{} of {total} shown", 10 - online_among),
    )
    .await;
    s.choose("#users-show", "online").await;
    s.wait_text(".rows-shown", &format!("{online_among} of {total} shown"))
        .await;
    s.screenshot("directory-online").await;

    // Exactly those ten were asked about, in one request.
    let requests = s.requests().await;
    let asked = api_calls(&requests, "/manager/get_users_online_status");
    assert_eq!(asked.len(), 1);
    let mut sent: Vec<String> = asked[0]["body"]["userIDList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    sent.sort();
    assert_eq!(sent, first_ten);
    // Profiles went in batches of 100, every ID once.
    let infos = api_calls(&requests, "/user/get_users_info");
    assert!(infos
        .iter()
        .all(|r| r["body"]["userIDList"].as_array().unwrap().len() <= 100));
    s.close().await;
}

#[tokio::test]
async fn deleting_three_users_of_whom_one_is_unknown_reports_that_one() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("delete").await;
    let doomed = non_admins(&s.state().await)[..2].to_vec();
    let pasted = format!("{}\n{}\nghost-404", doomed[0], doomed[1]);
    s.paste_into("#user-ids", &pasted).await;
    s.click(".lookup-form button[type=submit]").await;
    s.wait_text(".summary", "3 users: 2 registered, 1 not registered")
        .await;

    s.click(".select-shown").await;
    s.wait_text(".selected-count", "3 selected").await;
    s.click("button.delete").await;
    s.wait_text("#delete-title", "Delete 3 users?").await;
    assert!(s.text(".confirm .warning").await.contains("tokens"));
    s.type_into("#delete-typed", "3").await;
    s.screenshot("delete-confirm").await;
    s.click(".confirm-delete").await;

    s.wait_text(".deleted-count", "Deleted: 2.").await;
    assert_eq!(s.text(".not-deleted").await, "ghost-404");
    s.wait_text(".summary", "3 users: 0 registered, 3 not registered")
        .await;
    s.screenshot("delete-report").await;

    let left: HashSet<String> = ids_of(&s.state().await, "users").into_iter().collect();
    assert!(doomed.iter().all(|id| !left.contains(id)), "both are gone");
    let requests = s.requests().await;
    let calls = api_calls(&requests, "/manager/delete_user");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["response"]["errCode"], 201);
    assert_eq!(
        calls[0]["response"]["data"],
        serde_json::json!(["ghost-404"])
    );
    s.close().await;
}

#[tokio::test]
async fn an_admin_account_cannot_be_deleted_from_the_directory() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("delete-admin").await;
    let state = s.state().await;
    let user = non_admins(&state).swap_remove(0);
    let total = ids_of(&state, "users").len();

    s.click("nav a[href='/directory']").await;
    s.wait_text(".rows-shown", &format!("{total} of {total} shown"))
        .await;
    for id in ["openIM333", user.as_str()] {
        filter(&s, id).await;
        s.wait_text(".rows-shown", &format!("1 of {total} shown"))
            .await;
        s.click(&pick(id)).await;
        if id == "openIM333" {
            // Only an admin selected: nothing to confirm, no delete button.
            s.click("button.delete").await;
            s.wait_text("#delete-title", "Nothing to delete").await;
            assert_eq!(
                s.text(".admins-left-out").await,
                "1 selected user is an admin account, which cannot be deleted from here."
            );
            assert!(!s.exists(".confirm-delete").await);
            assert!(!s.exists("#delete-typed").await);
            s.click(".confirm button.secondary").await;
            s.until("the notice closed", || async {
                !s.exists("#delete-title").await
            })
            .await;
        }
    }
    s.wait_text(".selected-count", "2 selected").await;
    s.click("button.delete").await;
    s.wait_text("#delete-title", "Delete 1 user?").await;
    assert!(s
        .text(".admins-left-out")
        .await
        .starts_with("1 admin account in the selection is left out"));
    s.type_into("#delete-typed", "1").await;
    s.click(".confirm-delete").await;
    s.wait_text(".deleted-count", "Deleted: 1.").await;

    // The user left the directory without a reload; the admin stayed.
    s.wait_text(".rows-shown", &format!("0 of {} shown", total - 1))
        .await;
    let left: HashSet<String> = ids_of(&s.state().await, "users").into_iter().collect();
    assert!(!left.contains(&user));
    assert!(left.contains("openIM333"));
    let requests = s.requests().await;
    let calls = api_calls(&requests, "/manager/delete_user");
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0]["body"]["deleteUserIDList"],
        serde_json::json!([user])
    );
    s.close().await;
}

#[tokio::test]
async fn editing_a_nickname_shows_the_new_value_after_a_reload() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("edit").await;
    let state = s.state().await;
    let admins: HashSet<String> = ids_of(&state, "admins").into_iter().collect();
    let user = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| !admins.contains(u["userID"].as_str().unwrap()))
        .unwrap()
        .clone();
    let id = user["userID"].as_str().unwrap();
    let old = user["nickname"].as_str().unwrap();
    let page = format!("/users/{id}");
    s.open(&page).await;
    s.wait_text(".profile .nickname", old).await;
    s.screenshot("user-detail").await;

    // Too long for the server: refused next to the field, nothing sent.
    s.type_into("#edit-nickname", &"n".repeat(65)).await;
    s.click(".edit-form button[type=submit]").await;
    s.wait_text("#edit-nickname-error", "at most 64 characters")
        .await;
    assert!(api_calls(&s.requests().await, "/user/update_user_info").is_empty());

    s.type_into("#edit-nickname", "Renamed by the operator")
        .await;
    s.click(".edit-form button[type=submit]").await;
    s.wait_text(".saved", "Saved.").await;
    s.wait_text(".profile .nickname", "Renamed by the operator")
        .await;
    let requests = s.requests().await;
    let sent = api_calls(&requests, "/user/update_user_info");
    assert_eq!(sent.len(), 1);
    let mut body = sent[0]["body"].clone();
    body.as_object_mut().unwrap().remove("operationID");
    assert_eq!(
        body,
        serde_json::json!({ "userID": id, "nickname": "Renamed by the operator" }),
        "only the changed field is sent"
    );

    s.open(&page).await;
    s.wait_text(".profile .nickname", "Renamed by the operator")
        .await;
    assert_eq!(
        s.script(
            "return document.getElementById('edit-nickname').value;",
            vec![]
        )
        .await,
        "Renamed by the operator"
    );
    let stored = s.state().await["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userID"] == id)
        .unwrap()["nickname"]
        .clone();
    assert_eq!(stored, "Renamed by the operator");

    // An ID that is not registered gets a clear page, not a form.
    s.open("/users/nobody-here").await;
    s.wait_text(".not-registered", "not registered").await;
    assert!(!s.exists(".edit-form").await);
    s.close().await;
}

/// Connects users on the given platform IDs (none: offline).
async fn put_online(s: &Session, users: &[(&str, &[i64])]) {
    let online: Vec<Value> = (users.iter())
        .map(|(id, platforms)| serde_json::json!({ "userID": id, "platforms": platforms }))
        .collect();
    let answer = s
        .server_post("/_sim/online", serde_json::json!(online))
        .await;
    assert_eq!(answer["updated"], users.len(), "{answer}");
}

fn online_checks(requests: &[Value]) -> usize {
    api_calls(requests, "/manager/get_users_online_status").len()
}

#[tokio::test]
async fn the_online_board_counts_platforms_and_refreshes_only_while_visible() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("online-board").await;
    let users = non_admins(&s.state().await);
    let (a, b, c) = (users[0].as_str(), users[1].as_str(), users[2].as_str());
    put_online(&s, &[(a, &[1, 5]), (b, &[]), (c, &[2])]).await;

    s.paste_into("#user-ids", &format!("{a}\n{b}\n{c}")).await;
    s.click(".lookup-form button[type=submit]").await;
    s.wait_text(
        ".summary",
        "3 users: 3 registered, 0 not registered, 2 online",
    )
    .await;
    let counts = s.text(".by-platform").await;
    for wanted in ["IOS 1", "Android 1", "Web 1", "Linux 0", "OSX 0"] {
        assert!(counts.contains(wanted), "{wanted} in {counts}");
    }
    let badges = s
        .text(&format!("tr[data-user-id='{a}'] td.platforms"))
        .await;
    assert_eq!(
        badges.split_whitespace().collect::<Vec<_>>(),
        ["IOS", "Web"]
    );

    // Every 10 s the board asks again, and sees b come online on Linux.
    s.choose("#refresh-online", "10").await;
    put_online(&s, &[(b, &[7])]).await;
    s.wait_text(".summary", "3 online").await;
    s.wait_text(".by-platform", "Linux 1").await;
    s.screenshot("online-board").await;

    // A hidden page asks nothing: a changes, the board does not.
    s.script(
        "Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });",
        vec![],
    )
    .await;
    // A tick already on its way is let through before counting.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let before = online_checks(&s.requests().await);
    put_online(&s, &[(a, &[])]).await;
    tokio::time::sleep(std::time::Duration::from_secs(12)).await;
    assert_eq!(
        online_checks(&s.requests().await),
        before,
        "no ticks while hidden"
    );
    assert!(s.text(".summary").await.contains("3 online"));

    // Visible again, the next tick catches up; online/offline filters work.
    s.script("delete document.hidden;", vec![]).await;
    s.wait_text(".summary", "2 online").await;
    s.choose("#users-show", "offline").await;
    s.wait_text(".rows-shown", "1 of 3 shown").await;
    assert!(s.exists(&format!("tr[data-user-id='{a}']")).await);

    // Off means off.
    s.choose("#refresh-online", "0").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let settled = online_checks(&s.requests().await);
    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
    assert_eq!(online_checks(&s.requests().await), settled);
    s.close().await;
}
