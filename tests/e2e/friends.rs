//! Friend imports (one user, and CSV pairs) and blacklists, driven as an
//! operator would and checked against the server's tables.

use std::collections::HashSet;

use serde_json::Value;

use crate::harness::ONE_AT_A_TIME;
use crate::{api_calls, result_of, signed_in, untouched_users};

/// (owner, other) rows of a pair table.
fn rows(state: &Value, table: &str, other: &str) -> HashSet<(String, String)> {
    state[table]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ownerUserID"].as_str().unwrap().to_string(),
                r[other].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[tokio::test]
async fn friends_are_imported_for_one_user_and_from_csv_pairs() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("friends").await;
    let u = untouched_users(&s.state().await, 6);
    s.click("nav a[href='/friends']").await;

    // u1 becomes a friend of u0 first; importing again answers 0 and changes
    // nothing; an unknown friend ID gets -1.
    s.type_into("#import-from", &u[0]).await;
    s.paste_into("#import-ids", &u[1]).await;
    s.click(".import-form button[type=submit]").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.paste_into("#import-ids", &format!("{}\n{}\nghost-f1", u[1], u[2]))
        .await;
    s.click(".import-form button[type=submit]").await;
    s.wait_text(
        "#results-summary",
        "3 users: 2 succeeded, 1 did not, 0 waiting",
    )
    .await;
    assert!(result_of(&s, &u[1])
        .await
        .contains("already-friends also answer 0"));
    assert!(result_of(&s, "ghost-f1").await.contains("unknown user"));
    s.script(
        "document.getElementById('results-summary').scrollIntoView();",
        vec![],
    )
    .await;
    s.screenshot("import-results").await;
    let friends = rows(&s.state().await, "friends", "friendUserID");
    for (a, b) in [(0, 1), (1, 0), (0, 2), (2, 0)] {
        assert!(friends.contains(&pair(&u[a], &u[b])), "{a} -> {b}");
    }
    assert!(!friends.iter().any(|(_, f)| f == "ghost-f1"));

    // An unknown fromUserID fails the whole call with 802 and no data.
    s.type_into("#import-from", "ghost-from").await;
    s.paste_into("#import-ids", &u[3]).await;
    s.click(".import-form button[type=submit]").await;
    s.wait_text("#results-summary", "1 user: 0 succeeded, 1 did not")
        .await;
    assert!(result_of(&s, &u[3])
        .await
        .contains("fromUserID is not a registered user"));

    // CSV: a bad line is named by its number and nothing is sent.
    let before = api_calls(&s.requests().await, "/friend/import_friend").len();
    let csv = format!(
        "fromUserID,friendUserID\n{},{}\n{} {}\n{},{}\n",
        u[3], u[4], u[3], u[5], u[5], u[4]
    );
    s.paste_into("#pairs", &csv).await;
    s.click(".import-pairs-button").await;
    s.wait_text("#pairs-error", "1 line is not a pair").await;
    assert!(s
        .text(".bad-lines")
        .await
        .contains("Line 3: needs exactly two user IDs"));
    s.screenshot("pairs-bad-line").await;
    assert_eq!(
        api_calls(&s.requests().await, "/friend/import_friend").len(),
        before
    );

    let csv = csv.replace(&format!("{} {}", u[3], u[5]), &format!("{},{}", u[3], u[5]));
    s.paste_into("#pairs", &csv).await;
    s.click(".import-pairs-button").await;
    s.wait_text(
        "#results-summary",
        "3 users: 3 succeeded, 0 did not, 0 waiting",
    )
    .await;
    // Grouped per fromUserID: one call for u3 (two friends), one for u5.
    let requests = s.requests().await;
    let calls = &api_calls(&requests, "/friend/import_friend")[before..];
    let sent: Vec<(String, usize)> = calls
        .iter()
        .map(|c| {
            (
                c["body"]["fromUserID"].as_str().unwrap().to_string(),
                c["body"]["friendUserIDList"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(sent, [(u[3].clone(), 2), (u[5].clone(), 1)]);
    let friends = rows(&s.state().await, "friends", "friendUserID");
    for (a, b) in [(3, 4), (4, 3), (3, 5), (5, 3), (5, 4), (4, 5)] {
        assert!(friends.contains(&pair(&u[a], &u[b])), "{a} -> {b}");
    }
    s.close().await;
}

#[tokio::test]
async fn an_owner_blocks_many_and_a_repeat_is_explained() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("blacklist").await;
    let u = untouched_users(&s.state().await, 3);
    s.open("/friends").await;
    s.type_into("#black-from", &u[0]).await;
    s.paste_into("#black-ids", &format!("{}\nghost-b1", u[1]))
        .await;
    s.click(".black-form button[type=submit]").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    // The server checks no user exists: the ghost is blocked too.
    let blacks = rows(&s.state().await, "blacks", "blockUserID");
    assert!(blacks.contains(&pair(&u[0], &u[1])));
    assert!(blacks.contains(&pair(&u[0], "ghost-b1")));

    s.paste_into("#black-ids", &format!("{}\n{}", u[1], u[2]))
        .await;
    s.click(".black-form button[type=submit]").await;
    s.wait_text(
        "#results-summary",
        "2 users: 1 succeeded, 1 did not, 0 waiting",
    )
    .await;
    assert!(result_of(&s, &u[1])
        .await
        .contains("Most likely blocked already"));
    assert!(result_of(&s, &u[1]).await.contains("802"));
    assert!(result_of(&s, &u[2]).await.contains("Blocked"));
    s.script(
        "document.getElementById('results-summary').scrollIntoView();",
        vec![],
    )
    .await;
    s.screenshot("blacklist-results").await;
    // One call a pair.
    let requests = s.requests().await;
    let calls = api_calls(&requests, "/friend/add_black");
    assert_eq!(calls.len(), 4);
    assert!(calls
        .iter()
        .all(|c| c["body"]["fromUserID"] == u[0].as_str()));
    assert!(rows(&s.state().await, "blacks", "blockUserID").contains(&pair(&u[0], &u[2])));
    s.close().await;
}
