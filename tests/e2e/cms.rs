//! The server's CMS API: found after sign-in on the dashboard's own origin
//! in each generation, and its list of every group checked against what
//! openim-sim holds (docs/cms.md#cms-get-groups).

use serde_json::Value;

use crate::harness::{start_sim, Session, ONE_AT_A_TIME};
use crate::signed_in_to;

/// Groups of the server's tables: (groupID, name, status, has an owner).
fn groups(state: &Value) -> Vec<(String, String, i64, bool)> {
    let owners: std::collections::HashSet<&str> = (state["members"].as_array().unwrap().iter())
        .filter(|m| m["roleLevel"] == 2)
        .filter_map(|m| m["groupID"].as_str())
        .collect();
    (state["groups"].as_array().unwrap().iter())
        .map(|g| {
            let id = g["groupID"].as_str().unwrap().to_string();
            let owned = owners.contains(id.as_str());
            (
                id,
                g["groupName"].as_str().unwrap_or_default().to_string(),
                g["status"].as_i64().unwrap_or(0),
                owned,
            )
        })
        .collect()
}

/// Signs in to openim-sim playing `release`, then opens the groups page.
async fn groups_page_of(release: &str) -> Session {
    let sim = start_sim(&["--users", "300", "--seed", "7", "--release", release]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s =
        signed_in_to(Session::browse(&format!("cms-{release}"), &base, vec![sim.process]).await)
            .await;
    s.open("/groups").await;
    s
}

/// The directory of every group in generation `gen`: the total and rows
/// the server holds, a name search, a next page, links to group pages.
async fn directory(release: &str, gen: &str) {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = groups_page_of(release).await;
    // More groups than a page holds, each with an owner.
    let users = crate::free_users(&s.state().await, 25);
    let made: Vec<Value> = (users.iter().enumerate())
        .map(|(i, u)| serde_json::json!({ "groupID": format!("cms-g{i:02}"), "groupName": format!("Shift {i:02}"), "ownerUserID": u }))
        .collect();
    s.server_post("/_sim/groups", serde_json::json!({ "groups": made }))
        .await;
    s.open("/groups").await;
    s.wait_text(".cms-at", &format!("generation {gen}")).await;
    let all = groups(&s.state().await);
    // A/B count every row; C (v2.3.3) what it lists: no dismissed group,
    // none without an owner.
    let expected = if gen == "C" {
        all.iter().filter(|g| g.2 != 2 && g.3).count()
    } else {
        all.len()
    };
    let noun = if expected == 1 { "group" } else { "groups" };
    s.wait_text(".cms-groups .page-status", &format!(" {expected} {noun}"))
        .await;
    let shown = s
        .script(
            "return document.querySelectorAll('.all-groups tbody tr').length;",
            vec![],
        )
        .await;
    assert!(
        shown.as_u64().unwrap() > 0 && shown.as_u64().unwrap() <= 20,
        "{shown}"
    );
    s.screenshot("all-groups").await;
    s.click(".cms-groups .next-page").await;
    s.wait_text(".cms-groups .page-status", "Page 2 of").await;

    // A name search finds a group the server holds, linked to its page.
    let (id, name, _, _) = all
        .iter()
        .find(|g| g.2 != 2 && g.3 && !g.1.is_empty())
        .unwrap()
        .clone();
    let part: String = name.chars().take(4).collect();
    s.type_into("#group-search", &part).await;
    s.click(".search-groups").await;
    s.wait_text(&format!(".all-groups tr[data-group-id='{id}']"), &name)
        .await;
    s.click(&format!(".all-groups tr[data-group-id='{id}'] a"))
        .await;
    s.wait_path(&format!("/groups/{id}")).await;
    s.wait_text(".group-name", &name).await;
    if gen == "C" {
        // By exact ID, on the generation that has it.
        s.open("/groups").await;
        s.wait_text(".cms-at", "generation C").await;
        s.choose("#group-search-by", "groupID").await;
        s.type_into("#group-search", &id).await;
        s.click(".search-groups").await;
        s.wait_text(".cms-groups .page-status", " 1 group").await;
    } else {
        // A/B paste the name into SQL: a quote is refused before sending.
        s.open("/groups").await;
        s.wait_text(".cms-at", &format!("generation {gen}")).await;
        s.type_into("#group-search", "x' OR 1=1").await;
        s.click(".search-groups").await;
        s.wait_text("#group-search-error", "SQL").await;
    }
    s.close().await;
}

#[tokio::test]
async fn generation_a_lists_every_group_on_v2_0_8() {
    directory("2.0.8", "A").await;
}

#[tokio::test]
async fn generation_b_lists_every_group_on_v2_2_0() {
    directory("2.2.0", "B").await;
}

#[tokio::test]
async fn generation_c_lists_and_searches_groups_on_v2_3_3() {
    directory("2.3.3", "C").await;
}
