//! Reading back and undoing: a group's page with its members and every
//! group action, a user's groups, friends and blacklist, and the undo
//! after a bulk run, each checked against what the server stored
//! (docs/readback.md).

use serde_json::{json, Value};

use crate::groups::{api, members_of};
use crate::harness::{start_sim, Session, ONE_AT_A_TIME};
use crate::{api_calls, result_of, signed_in, signed_in_to, untouched_users};

/// A member row of the server's table.
fn member(state: &Value, group_id: &str, user_id: &str) -> Option<Value> {
    (state["members"].as_array().unwrap().iter())
        .find(|m| m["groupID"] == group_id && m["userID"] == user_id)
        .cloned()
}

fn group(state: &Value, group_id: &str) -> Value {
    (state["groups"].as_array().unwrap().iter())
        .find(|g| g["groupID"] == group_id)
        .cloned()
        .unwrap()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// "Team": `users[0]` owns it, `users[1]` is a group admin, the rest are
/// members; `muted` are muted for two hours.
async fn team(s: &Session, group_id: &str, users: &[String], muted: &[&String]) {
    let members: Vec<Value> = (users[1..].iter().enumerate())
        .map(|(i, u)| {
            let until = if muted.contains(&u) { now() + 7200 } else { 0 };
            json!({ "userID": u, "roleLevel": if i == 0 { 3 } else { 1 }, "muteEndTime": until })
        })
        .collect();
    s.server_post(
        "/_sim/groups",
        json!({ "groups": [{ "groupID": group_id, "groupName": "Team", "ownerUserID": users[0],
                             "notification": "Standup at nine", "members": members }] }),
    )
    .await;
}

async fn pick(s: &Session, table: &str, user_id: &str) {
    s.click(&format!(
        "#{table}-table tr[data-user-id='{user_id}'] input.pick"
    ))
    .await;
}

/// A fresh Chromium signed in to openim-sim playing `release`.
async fn signed_in_at(name: &str, release: &str) -> Session {
    let sim = start_sim(&["--users", "60", "--seed", "7", "--release", release]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    signed_in_to(Session::browse(name, &base, vec![sim.process]).await).await
}

#[tokio::test]
async fn a_groups_page_reads_back_every_change_on_v2_0_8() {
    let _one = ONE_AT_A_TIME.lock().await;
    every_group_action(signed_in("group-page").await, false).await;
}

#[tokio::test]
async fn a_groups_page_reads_back_every_change_on_v2_3_3() {
    let _one = ONE_AT_A_TIME.lock().await;
    every_group_action(signed_in_at("group-page-2.3.3-walk", "2.3.3").await, true).await;
}

/// Every action of a group's page, each checked against the server's
/// tables; `roles`: the release sets roles (v2.1+).
async fn every_group_action(s: Session, roles: bool) {
    let users = untouched_users(&s.state().await, 4);
    let (owner, admin, a, b) = (&users[0], &users[1], &users[2], &users[3]);
    team(&s, "rb-team", &users, &[]).await;

    // Opened by its ID from the groups page.
    s.open("/groups").await;
    s.type_into("#open-group-id", "rb-team").await;
    s.click(".open-group-button").await;
    s.wait_path("/groups/rb-team").await;
    s.wait_text("#members-summary", "4 members").await;
    assert_eq!(s.text(".group-info dd.owner").await, owner.as_str());
    // To the owner's page and straight back: the group as just read, with
    // no read again; Refresh reads it anew.
    let reads = |r: &[Value]| api_calls(r, "/group/get_group_all_member_list").len();
    let before = reads(&s.requests().await);
    s.click(".group-info dd.owner a").await;
    s.wait_path(&format!("/users/{owner}")).await;
    s.client.back().await.unwrap();
    s.wait_text("#members-summary", "4 members").await;
    assert_eq!(reads(&s.requests().await), before, "kept, not read again");
    s.click(".refresh-group").await;
    s.until("a fresh read", || async {
        reads(&s.requests().await) == before + 1
    })
    .await;
    assert_eq!(
        s.text(".group-info dd.notification").await,
        "Standup at nine"
    );
    assert_eq!(s.text(".group-status").await, "Normal");
    let role = |who: &str| format!("#members-table tr[data-user-id='{who}'] td.group-role");
    assert_eq!(s.text(&role(owner)).await, "Owner (2)");
    assert_eq!(s.text(&role(admin)).await, "Admin (3)");
    assert_eq!(s.text(&role(a)).await, "Member (1)");
    // v2.0.8 has no route that sets a role, and the page says so.
    assert_eq!(s.exists(".admin-selected").await, roles);
    if !roles {
        s.wait_text(".member-actions", "from v2.1").await;
    }

    // Mute a and b for a day: confirmed first, then read back.
    pick(&s, "members", a).await;
    pick(&s, "members", b).await;
    s.choose("#mute-for", "86400").await;
    s.click(".mute-selected").await;
    s.wait_text("#confirm-title", "Mute 2 members for 1 day?")
        .await;
    assert!(api_calls(&s.requests().await, "/group/mute_group_member").is_empty());
    s.click(".confirm-mute").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    let state = s.state().await;
    for who in [a, b] {
        let end = member(&state, "rb-team", who).unwrap()["muteEndTime"]
            .as_i64()
            .unwrap();
        assert!(
            (end - (now() + 86_400)).abs() <= 120,
            "{who} muted until {end}"
        );
    }
    s.wait_text(
        &format!("#members-table tr[data-user-id='{a}'] td.muted-until"),
        "20",
    )
    .await;
    s.screenshot("members-muted").await;

    // Unmute a; the selection survives the read-back.
    pick(&s, "members", b).await;
    s.click(".unmute-selected").await;
    s.click(".confirm-unmute").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.until("a's mute gone from the table", || async {
        s.text(&format!(
            "#members-table tr[data-user-id='{a}'] td.muted-until"
        ))
        .await
        .is_empty()
    })
    .await;
    let state = s.state().await;
    assert_eq!(member(&state, "rb-team", a).unwrap()["muteEndTime"], 0);
    assert!(
        member(&state, "rb-team", b).unwrap()["muteEndTime"]
            .as_i64()
            .unwrap()
            > now()
    );

    // The owner is left out of a kick, and the page says why.
    s.click(".clear-selection").await;
    pick(&s, "members", a).await;
    pick(&s, "members", owner).await;
    s.click(".kick-selected").await;
    s.wait_text(".selection-refused", owner).await;
    s.wait_text("#confirm-title", "Kick 1 user").await;
    s.click("form.confirm button.secondary").await;

    // Hand the group to the admin: typed confirmation, current owner named.
    s.click(".clear-selection").await;
    pick(&s, "members", admin).await;
    s.click(".owner-selected").await;
    s.wait_text("form.confirm", "checks nothing").await;
    assert!(s.text("form.confirm").await.contains(owner.as_str()));
    assert!(s
        .find(".confirm-owner")
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some());
    s.type_into("#confirm-typed", admin).await;
    s.click(".confirm-owner").await;
    s.wait_text(".write-done", "Done").await;
    let sent = api_calls(&s.requests().await, "/group/transfer_group")[0]["body"].clone();
    assert_eq!(sent["oldOwnerUserID"], owner.as_str());
    assert_eq!(sent["newOwnerUserID"], admin.as_str());
    let roles = members_of(&s.state().await, "rb-team");
    assert_eq!((roles[admin], roles[owner]), (2, 1));
    s.wait_text(".group-info dd.owner", admin).await;
    s.wait_text(&role(owner), "Member (1)").await;

    // The settings: only what changed is sent; a field cannot be cleared.
    s.type_into("#group-edit-groupName", "Team B").await;
    s.paste_into("#group-edit-notification", "").await;
    s.click(".save-group").await;
    s.wait_text("#group-edit-notification-error", "cannot clear")
        .await;
    assert!(api_calls(&s.requests().await, "/group/set_group_info").is_empty());
    s.type_into("#group-edit-notification", "Standup at ten")
        .await;
    s.click(".save-group").await;
    s.wait_text(".group-name", "Team B").await;
    let sent = api_calls(&s.requests().await, "/group/set_group_info")[0]["body"].clone();
    assert_eq!(sent["groupName"], "Team B");
    assert!(
        sent.get("introduction").is_none(),
        "unchanged fields are not sent: {sent}"
    );
    assert_eq!(
        group(&s.state().await, "rb-team")["notification"],
        "Standup at ten"
    );

    // Everyone muted, then unmuted; each offered only where the status allows.
    assert!(!s.exists(".unmute-group").await);
    s.click(".mute-group").await;
    s.click(".confirm-mute-group").await;
    s.wait_text(".group-status", "Everyone muted").await;
    assert_eq!(group(&s.state().await, "rb-team")["status"], 3);
    assert!(!s.exists(".mute-group").await);
    s.click(".unmute-group").await;
    s.click(".confirm-unmute-group").await;
    s.wait_text(".group-status", "Normal").await;
    assert_eq!(group(&s.state().await, "rb-team")["status"], 0);
    s.screenshot("group-page").await;

    // Dismissed: the typed name, then no member and nothing left to change.
    s.click(".dismiss-group").await;
    s.wait_text("form.confirm", "cannot be undone").await;
    s.type_into("#confirm-typed", "Team").await;
    assert!(s
        .find(".confirm-dismiss")
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some());
    s.type_into("#confirm-typed", "Team B").await;
    s.click(".confirm-dismiss").await;
    s.wait_text(".group-status", "Dismissed").await;
    s.wait_text(".no-members", "0 members").await;
    let state = s.state().await;
    assert_eq!(group(&state, "rb-team")["status"], 2);
    assert!(members_of(&state, "rb-team").is_empty());
    for absent in [".mute-group", ".unmute-group", ".dismiss-group", ".by-ids"] {
        assert!(!s.exists(absent).await, "{absent} on a dismissed group");
    }
    s.close().await;
}

#[tokio::test]
async fn on_v2_3_3_roles_are_set_an_ownerless_group_is_fixed_and_1500_members_all_show() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_at("group-page-2.3.3", "2.3.3").await;
    let filled = s
        .server_post(
            "/_sim/fill_group",
            json!({ "groupID": "big", "members": 1500 }),
        )
        .await;
    assert_eq!(filled["memberCount"], 1500, "{filled}");
    let owner = filled["ownerUserID"].as_str().unwrap().to_string();

    s.open("/groups/big").await;
    s.wait_text("#members-summary", "1500 members").await;
    // Read in pages with a count, never without one (the 1,000 cap).
    let requests = s.requests().await;
    let pages = api_calls(&requests, "/group/get_group_all_member_list");
    let asked: Vec<(i64, i64)> = (pages.iter())
        .map(|p| {
            (
                p["body"]["offset"].as_i64().unwrap(),
                p["body"]["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(asked, [(0, 1000), (1000, 1000)]);
    let last = (s.state().await["members"].as_array().unwrap().iter())
        .rfind(|m| m["groupID"] == "big")
        .unwrap()["userID"]
        .as_str()
        .unwrap()
        .to_string();
    s.paste_into("#members-filter", &last).await;
    s.wait_text("#members-table", &last).await;

    // A role (v2.1+): the last member becomes a group admin.
    pick(&s, "members", &last).await;
    s.click(".admin-selected").await;
    s.click(".confirm-role").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.wait_text(
        &format!("#members-table tr[data-user-id='{last}'] td.group-role"),
        "Admin",
    )
    .await;
    assert_eq!(members_of(&s.state().await, "big")[&last], 3);

    // The owner demoted behind the page's back: the group has none.
    let answer = api(
        &s,
        "/group/set_group_member_info",
        json!({ "operationID": "t1", "groupID": "big", "userID": owner, "roleLevel": 1 }),
    )
    .await;
    assert_eq!(answer["errCode"], 0, "{answer}");
    s.click(".refresh-group").await;
    s.wait_text(".owner-problem", "no owner").await;
    s.screenshot("ownerless").await;
    // Made whole again: no owner to hand over from, so the role is set.
    s.click(".clear-selection").await;
    pick(&s, "members", &last).await;
    s.click(".owner-selected").await;
    s.wait_text("form.confirm", "set_group_member_info").await;
    s.type_into("#confirm-typed", &last).await;
    s.click(".confirm-owner").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.until("the ownerless warning gone", || async {
        !s.exists(".owner-problem").await
    })
    .await;
    assert_eq!(members_of(&s.state().await, "big")[&last], 2);
    s.close().await;
}

#[tokio::test]
async fn a_users_friends_and_blacklist_are_listed_and_undone_both_ways() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("relations").await;
    let users = untouched_users(&s.state().await, 5);
    let (me, f1, f2, x, y) = (&users[0], &users[1], &users[2], &users[3], &users[4]);
    for (friend, remark) in [(f1, "Sales lead"), (f2, "")] {
        s.server_post(
            "/_sim/friends",
            json!({ "ownerUserID": me, "friendUserID": friend, "remark": remark, "both": true }),
        )
        .await;
    }
    crate::block(&s, me, x).await;
    crate::block(&s, me, y).await;
    team(&s, "rb-joined", &[x.clone(), me.clone()], &[]).await;

    s.open(&format!("/users/{me}")).await;
    s.wait_text(".joined-groups tr[data-group-id='rb-joined']", "Team")
        .await;
    s.wait_text("#friends-summary", "2 users").await;
    s.wait_text(
        &format!("#friends-table tr[data-user-id='{f1}'] td.remark"),
        "Sales lead",
    )
    .await;
    s.wait_text("#blacks-summary", "2 users").await;
    s.wait_text(".blocked-by-note", "cannot list who has blocked")
        .await;
    s.screenshot("relations").await;

    // A friendship removed: two calls, one per direction, both reported.
    pick(&s, "friends", f1).await;
    s.click(".undo-friends").await;
    s.wait_text("#confirm-title", "1 friendship in both directions")
        .await;
    s.click(".confirm-unfriend").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    let sent: Vec<(String, String)> = (api_calls(&s.requests().await, "/friend/delete_friend")
        .iter())
    .map(|r| {
        let b = &r["body"];
        (
            b["fromUserID"].as_str().unwrap().into(),
            b["toUserID"].as_str().unwrap().into(),
        )
    })
    .collect();
    let both: std::collections::HashSet<_> = sent.into_iter().collect();
    assert_eq!(
        both,
        [(me.clone(), f1.clone()), (f1.clone(), me.clone())].into()
    );
    let state = s.state().await;
    let friends = state["friends"].as_array().unwrap();
    let linked = |a: &str, b: &str| {
        friends
            .iter()
            .any(|f| f["ownerUserID"] == a && f["friendUserID"] == b)
    };
    assert!(!linked(me, f1) && !linked(f1, me), "both directions gone");
    assert!(
        linked(me, f2) && linked(f2, me),
        "the other friendship stays"
    );
    s.wait_text("#friends-summary", "1 user").await;

    // One block lifted; the other stays.
    pick(&s, "blacks", x).await;
    s.click(".undo-blacks").await;
    s.click(".confirm-unblock").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.wait_text("#blacks-summary", "1 user").await;
    let blacks = s.state().await["blacks"].as_array().unwrap().clone();
    let blocked = |b: &str| {
        blacks
            .iter()
            .any(|r| r["ownerUserID"] == me.as_str() && r["blockUserID"] == b)
    };
    assert!(!blocked(x) && blocked(y));
    s.close().await;
}

#[tokio::test]
async fn each_bulk_run_offers_its_undo() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("undo").await;
    let users = untouched_users(&s.state().await, 4);
    let (me, x, y, p) = (&users[0], &users[1], &users[2], &users[3]);

    // Two blocks, then "Unblock these".
    s.open("/friends").await;
    s.type_into("#black-from", me).await;
    s.paste_into("#black-ids", &format!("{x}\n{y}")).await;
    s.click(".black-form button[type=submit]").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    s.click(".undo-unblock").await;
    s.wait_text("#confirm-title", "Unblock 2 users?").await;
    s.click(".confirm-undo").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    assert!(result_of(&s, x).await.contains("Not blocked now"));
    let blacks = s.state().await["blacks"].as_array().unwrap().clone();
    assert!(!blacks.iter().any(|r| r["ownerUserID"] == me.as_str()));

    // An import, then "Remove these friendships": both directions.
    s.type_into("#import-from", me).await;
    s.paste_into("#import-ids", p).await;
    s.click(".import-form button[type=submit]").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.click(".undo-unfriend").await;
    s.click(".confirm-undo").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    let friends = s.state().await["friends"].as_array().unwrap().clone();
    assert!(!friends
        .iter()
        .any(|f| f["ownerUserID"] == me.as_str() || f["ownerUserID"] == p.as_str()));

    // An invite on a group's page, then "Kick these again".
    team(&s, "rb-undo", &[me.clone(), x.clone()], &[]).await;
    s.open("/groups/rb-undo").await;
    s.wait_text("#members-summary", "2 members").await;
    s.paste_into("#group-user-ids", &format!("{y}\n{p}")).await;
    s.click(".by-ids .invite").await;
    s.click(".confirm-invite").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    s.wait_text("#members-summary", "4 members").await;
    s.click(".undo-kick").await;
    s.click(".confirm-undo").await;
    s.wait_text("#results-summary", "2 users: 2 succeeded")
        .await;
    s.wait_text("#members-summary", "2 members").await;
    let members = members_of(&s.state().await, "rb-undo");
    assert_eq!(members.len(), 2);
    assert!(!members.contains_key(y) && !members.contains_key(p));
    s.close().await;
}

/// Light and dark, each width, English and Chinese: for a person to look at.
pub(crate) async fn shots(s: &Session, page: &str) {
    for scheme in ["light", "dark"] {
        s.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
        crate::layout::assert_fits_everywhere(s, &format!("{page}-{scheme}")).await;
    }
}

#[tokio::test]
async fn the_group_and_user_pages_fit_in_both_languages_and_themes() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("readback-look").await;
    let users = untouched_users(&s.state().await, 6);
    team(&s, "rb-look", &users, &[&users[3]]).await;
    s.server_post(
        "/_sim/friends",
        json!({ "ownerUserID": users[0], "friendUserID": users[1], "remark": "Night shift lead", "both": true }),
    )
    .await;
    crate::block(&s, &users[0], &users[2]).await;
    s.open("/groups/rb-look").await;
    s.wait_text("#members-summary", "6 members").await;
    pick(&s, "members", &users[4]).await;
    shots(&s, "group").await;
    s.open(&format!("/users/{}", users[0])).await;
    s.wait_text("#friends-summary", "1 user").await;
    shots(&s, "user").await;
    s.close().await;
}
