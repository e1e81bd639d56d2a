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
    s.wait_text(".summary", "4 of them admin accounts").await;
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
    }
    s.wait_text(".selected-count", "2 selected").await;
    s.click("button.delete").await;
    s.wait_text("#delete-title", "Delete 1 users?").await;
    assert!(s
        .text(".admins-left-out")
        .await
        .starts_with("1 admin accounts in the selection are left out"));
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
