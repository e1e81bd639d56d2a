//! Groups: create one, invite and kick in bulk, the half-made group,
//! driven as an operator would and checked against the server's tables.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use crate::harness::{Session, ONE_AT_A_TIME};
use crate::{api_calls, free_users, result_of, signed_in};

/// userID -> role_level of a group's members, from the server's tables.
pub(crate) fn members_of(state: &Value, group_id: &str) -> HashMap<String, i64> {
    state["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["groupID"] == group_id)
        .map(|m| {
            (
                m["userID"].as_str().unwrap().to_string(),
                m["roleLevel"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn group_row(state: &Value, group_id: &str) -> Option<Value> {
    state["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["groupID"] == group_id)
        .cloned()
}

/// Calls the API as the signed-in admin, from the page.
pub(crate) async fn api(s: &Session, path: &str, body: Value) -> Value {
    s.script_async(
        "const [path, body, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]]; \
         const token = JSON.parse(sessionStorage.getItem('openim-admin.session')).token; \
         fetch(path, { method: 'POST', headers: { token }, body: JSON.stringify(body) }) \
           .then(r => r.json()).then(done, e => done(String(e)));",
        vec![json!(path), body],
        std::time::Duration::from_secs(20),
    )
    .await
}

#[tokio::test]
async fn a_group_is_created_checked_then_members_invited_and_kicked() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("groups").await;
    let users = free_users(&s.state().await, 6);
    let (owner, a, b, c, d) = (&users[0], &users[1], &users[2], &users[3], &users[4]);

    // a comes from the directory's selection.
    s.click("nav a[href='/directory']").await;
    s.paste_into("#users-filter", a).await;
    s.wait_text(".rows-shown", "1 of").await;
    s.click(&format!("tr[data-user-id='{a}'] input.pick")).await;
    s.choose("#users-use", "new-group").await;
    s.wait_path("/groups").await;
    s.wait_text(".recent-groups .none-yet", "No groups yet")
        .await;
    let pasted = s
        .script(
            "return document.getElementById('group-members').value;",
            vec![],
        )
        .await;
    assert_eq!(pasted, a.as_str());
    s.type_into("#group-owner", owner).await;
    s.type_into("#group-name", "Night shift").await;
    // a as a member, b as an admin, plus an unknown ID and the owner again.
    s.paste_into("#group-members", &format!("{a}\nghost-77\n{owner}"))
        .await;
    s.click(".add-members").await;
    s.choose("#add-role", "3").await;
    s.paste_into("#group-members", b).await;
    s.click(".add-members").await;
    s.wait_text("#members-table", b).await;
    s.screenshot("create-group").await;

    s.click(".check-create").await;
    s.wait_text(
        ".create-confirm",
        "2 members will be in it; admins among them: 1",
    )
    .await;
    let skipped = s.text(".create-confirm .skipped").await;
    assert!(skipped.contains("ghost-77") && skipped.contains(owner.as_str()));
    s.wait_text("#members-summary", "4 members: 3 registered, 1 unknown")
        .await;
    s.script(
        "document.querySelector('.create-confirm').scrollIntoView();",
        vec![],
    )
    .await;
    s.screenshot("create-confirm").await;
    assert!(
        api_calls(&s.requests().await, "/group/create_group").is_empty(),
        "nothing is created before the operator confirms"
    );

    s.click(".create-confirm .create").await;
    s.wait_text(".created", "memberCount 3").await;
    let group_id = s.text(".new-group-id").await;
    assert_eq!(group_id.len(), 32, "v2.0.x groupIDs are 32 hex characters");
    assert!(group_id.chars().all(|c| c.is_ascii_hexdigit()));
    s.script(
        "document.querySelector('.created').scrollIntoView();",
        vec![],
    )
    .await;
    s.screenshot("group-created").await;

    let state = s.state().await;
    let members = members_of(&state, &group_id);
    let want: HashMap<String, i64> = [(owner.clone(), 2), (a.clone(), 1), (b.clone(), 3)]
        .into_iter()
        .collect();
    assert_eq!(members, want, "owner 2, member 1, admin 3; unknown skipped");
    assert_eq!(
        group_row(&state, &group_id).unwrap()["groupName"],
        "Night shift"
    );
    // Every member was sent, as asked; the server skipped whom it skips.
    let requests = s.requests().await;
    let sent = &api_calls(&requests, "/group/create_group")[0]["body"];
    assert_eq!(sent["memberList"].as_array().unwrap().len(), 4);

    // The new group is now recent, and its page lists what the server holds.
    s.wait_text(
        &format!(".recent-groups tr[data-group-id='{group_id}'] .count"),
        "3",
    )
    .await;
    s.click(".created .open-group").await;
    s.wait_path(&format!("/groups/{group_id}")).await;
    s.wait_text("#members-summary", "3 members").await;

    // Invite: c joins; a (a member) and an unknown ID both get -1.
    s.paste_into("#group-user-ids", &format!("{c}\n{a}\nghost-88"))
        .await;
    s.click(".by-ids .invite").await;
    s.wait_text("#confirm-title", "Invite 3 users to Night shift?")
        .await;
    assert!(
        api_calls(&s.requests().await, "/group/invite_user_to_group").is_empty(),
        "nothing is sent before the operator confirms"
    );
    s.click(".confirm-invite").await;
    s.wait_text(
        "#results-summary",
        "3 users: 1 succeeded, 2 did not, 0 waiting",
    )
    .await;
    assert!(result_of(&s, c).await.contains("Invited"));
    for who in [a.as_str(), "ghost-88"] {
        assert!(result_of(&s, who).await.contains("already a member"));
    }
    // The members are read back after the run.
    s.wait_text("#members-summary", "4 members").await;
    s.script(
        "document.getElementById('results-summary').scrollIntoView();",
        vec![],
    )
    .await;
    s.screenshot("invite-results").await;

    // Kick: c goes; d was never a member, yet 0; the owner is left out
    // before anything is sent, and the page says so.
    s.paste_into("#group-user-ids", &format!("{c}\n{d}\n{owner}"))
        .await;
    s.click(".by-ids .kick").await;
    s.wait_text("#confirm-title", "Kick 2 users from the group?")
        .await;
    assert!(s.text(".selection-refused").await.contains(owner.as_str()));
    s.click(".confirm-kick").await;
    s.wait_text(
        "#results-summary",
        "2 users: 2 succeeded, 0 did not, 0 waiting",
    )
    .await;
    assert!(result_of(&s, c).await.contains("Not in the group now"));
    assert!(result_of(&s, d).await.contains("Was not a member"));
    let requests = s.requests().await;
    let kicks = api_calls(&requests, "/group/kick_group");
    assert_eq!(
        kicks.last().unwrap()["body"]["kickedUserIDList"],
        json!([c, d]),
        "the owner is not sent"
    );
    s.wait_text("#members-summary", "3 members").await;
    let members = members_of(&s.state().await, &group_id);
    assert_eq!(
        members.keys().cloned().collect::<HashSet<_>>(),
        HashSet::from([owner.clone(), a.clone(), b.clone()])
    );
    s.open("/groups").await;
    s.wait_text(
        &format!(".recent-groups tr[data-group-id='{group_id}'] .count"),
        "3",
    )
    .await;

    // An unknown group: the page says so, and an invite gets 802 for every
    // user (v2.0.8 lists its members as none).
    s.open("/groups/no-such-group").await;
    s.wait_text(".group-not-found", "no group with this ID")
        .await;
    s.paste_into("#group-user-ids", a).await;
    s.click(".by-ids .invite").await;
    s.click(".confirm-invite").await;
    s.wait_text("#results-summary", "1 user: 0 succeeded, 1 did not")
        .await;
    assert!(result_of(&s, a).await.contains("No such group (802)"));
    assert!(s.text(".failures").await.contains("802"));

    // A dismissed group offers nothing to change: no mute, no invite.
    let put =
        json!({ "groups": [{ "groupID": "dismissed-1", "status": 2, "ownerUserID": owner }] });
    s.server_post("/_sim/groups", put).await;
    s.open("/groups/dismissed-1").await;
    s.wait_text(".group-status", "Dismissed").await;
    s.wait_text(".dismissed-note", "dismissed").await;
    for absent in [
        ".mute-group",
        ".unmute-group",
        ".dismiss-group",
        ".by-ids",
        ".kick-selected",
        ".group-edit",
    ] {
        assert!(!s.exists(absent).await, "{absent} on a dismissed group");
    }
    s.close().await;
}

#[tokio::test]
async fn an_owner_lost_between_check_and_create_leaves_a_half_made_group() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("half-made").await;
    let users = free_users(&s.state().await, 2);
    let (owner, a) = (&users[0], &users[1]);
    s.open("/groups").await;

    // An unknown owner is refused next to the field; nothing is created.
    s.type_into("#group-owner", "ghost-owner").await;
    s.click(".check-create").await;
    s.wait_text("#group-owner-error", "Not a registered user")
        .await;
    assert!(api_calls(&s.requests().await, "/group/create_group").is_empty());

    s.type_into("#group-owner", owner).await;
    s.paste_into("#group-members", a).await;
    s.click(".add-members").await;
    s.click(".check-create").await;
    s.wait_text(".create-confirm", "1 member will be in it")
        .await;
    // The owner is deleted after the check, before the operator confirms.
    let gone = api(
        &s,
        "/manager/delete_user",
        json!({ "operationID": "t1", "deleteUserIDList": [owner] }),
    )
    .await;
    assert_eq!(gone["errCode"], 0, "{gone}");
    let groups_before = s.state().await["groups"].as_array().unwrap().len();

    s.click(".create-confirm .create").await;
    s.wait_text(".half-made", "half-made group").await;
    assert!(s
        .text(".error-box")
        .await
        .contains("call  rpc server failed"));
    s.screenshot("half-made").await;
    let state = s.state().await;
    let groups = state["groups"].as_array().unwrap();
    assert_eq!(groups.len(), groups_before + 1, "the group row was stored");
    let made = groups.last().unwrap();
    assert_eq!(made["memberCount"], 0);
    assert!(members_of(&state, made["groupID"].as_str().unwrap()).is_empty());
    // What the operator typed is still there.
    let typed = s
        .script(
            "return document.getElementById('group-owner').value;",
            vec![],
        )
        .await;
    assert_eq!(typed, owner.as_str());
    s.close().await;
}
