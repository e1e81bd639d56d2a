//! Every later v2 release, played by openim-sim: the dashboard finds out
//! which one it is at sign-in, says so, calls each operation where that
//! release has it, and offers nothing the release lacks. The whole suite
//! runs against the reference release; this is a focused walk per release.

use serde_json::Value;

use crate::harness::{start_sim, Session, ONE_AT_A_TIME};
use crate::{api_calls, is_probe, signed_in_to, untouched_users};

/// The paths of `requests`, in order.
fn paths(requests: &[Value]) -> Vec<String> {
    (requests.iter())
        .map(|r| r["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Opens the directory with every registered ID loaded: on its own before
/// v2.3.2, on request from then (the server search comes first).
async fn every_id(s: &Session) {
    s.click("nav a[href='/directory']").await;
    s.find(".reload").await;
    if s.exists(".server-search").await {
        s.wait_text(".reload", "Load every user ID").await;
        s.click(".reload").await;
    }
    let total = s.state().await["users"].as_array().unwrap().len();
    s.wait_text(".rows-shown", &format!("{total} of {total} shown"))
        .await;
}

/// A fresh Chromium at openim-sim playing `release` with `users` demo
/// users (seed 7), not signed in yet.
async fn browse(name: &str, release: &str, users: usize) -> Session {
    let users = users.to_string();
    let sim = start_sim(&["--users", &users, "--seed", "7", "--release", release]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    Session::browse(name, &base, vec![sim.process]).await
}

/// Signs in to openim-sim playing `release`, then looks up users, loads
/// the directory and sends a text, checking where each call went.
async fn walk(release: &str, label: &str, moved: bool) -> Session {
    let s = signed_in_to(browse(&format!("release-{release}"), release, 240).await).await;
    s.wait_text(".api-release", &format!("{label} API")).await;
    let stored = s.stored_session().await;
    assert_eq!(
        stored["release"].as_str().map(|r| format!("v{r}")),
        Some(label.trim_end_matches('+').to_string()),
        "the session keeps the release"
    );

    // A lookup: account_check, get_users_info and online status.
    let users = untouched_users(&s.state().await, 2);
    s.paste_into("#user-ids", &format!("{}\n{}\nghost-1", users[0], users[1]))
        .await;
    s.click(".lookup-form button[type=submit]").await;
    s.wait_text(".summary", "3 users: 2 registered, 1 not registered")
        .await;

    // The directory: every registered ID.
    every_id(&s).await;
    s.screenshot("directory").await;

    // A text from one user to another.
    s.open("/messages").await;
    s.type_into("#msg-sendID", &users[0]).await;
    s.type_into("#msg-target", &users[1]).await;
    s.type_into("#msg-c\\.text", "Hello across releases").await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    let stored = s.state().await["messages"].as_array().unwrap().clone();
    assert_eq!(stored.last().unwrap()["recvID"], users[1].as_str());

    // An OA notification to the same user.
    s.open("/notifications").await;
    s.compose_notification().await;
    s.paste_into("#msg-target", &users[1]).await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    let stored = s.state().await["messages"].as_array().unwrap().clone();
    assert_eq!(stored.last().unwrap()["contentType"], 1400);

    // A profile edit, shown after the save.
    s.open(&format!("/users/{}", users[0])).await;
    s.paste_into("#edit-nickname", "Walked").await;
    s.click(".edit-form button[type=submit]").await;
    s.wait_text(".saved", "Saved.").await;
    s.wait_text(".profile .nickname", "Walked").await;

    // A friendship, then a group of three: one member invited, then kicked.
    let more = untouched_users(&s.state().await, 5);
    s.click("nav a[href='/friends']").await;
    s.type_into("#import-from", &more[0]).await;
    s.paste_into("#import-ids", &more[1]).await;
    s.click(".import-form button[type=submit]").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.click("nav a[href='/groups']").await;
    s.type_into("#group-owner", &more[2]).await;
    s.paste_into("#group-members", &more[3]).await;
    s.click(".add-members").await;
    s.click(".check-create").await;
    s.click(".create-confirm .create").await;
    s.wait_text(".created", "memberCount 2").await;
    let group = s.text(".new-group-id").await;
    let decimal = group.chars().all(|c| c.is_ascii_digit());
    assert_eq!(decimal, release != "2.0.10", "{group}: decimal from v2.1");
    // On the group's page, read back from the server.
    s.click(".created .open-group").await;
    s.wait_text("#members-summary", "2 members").await;
    s.paste_into("#group-user-ids", &more[4]).await;
    s.click(".by-ids .invite").await;
    s.click(".confirm-invite").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.wait_text("#members-summary", "3 members").await;
    s.paste_into("#group-user-ids", &more[4]).await;
    s.click(".by-ids .kick").await;
    s.click(".confirm-kick").await;
    s.wait_text("#results-summary", "1 user: 1 succeeded").await;
    s.wait_text("#members-summary", "2 members").await;
    let members = crate::groups::members_of(&s.state().await, &group);
    assert_eq!(members.len(), 2, "owner and member; the invited one kicked");

    let requests = s.requests().await;
    let moved_paths = [
        ("/manager/account_check", "/user/account_check"),
        ("/manager/get_all_users_uid", "/user/get_all_users_uid"),
        ("/manager/send_msg", "/msg/manage_send_msg"),
    ];
    for (old, new) in moved_paths {
        let (used, unused) = if moved { (new, old) } else { (old, new) };
        assert!(!api_calls(&requests, used).is_empty(), "{used} called");
        assert!(
            api_calls(&requests, unused).is_empty(),
            "{unused} not called"
        );
    }
    let online = if moved {
        "/user/get_users_online_status"
    } else {
        "/manager/get_users_online_status"
    };
    assert!(!api_calls(&requests, online).is_empty(), "{online} called");
    // The dashboard never hit a route the release lacks, apart from the
    // sign-in probes and the CMS's (which find a generation by its 404s).
    let probes = [
        "/manager/account_check",
        "/manager/delete_user",
        "/manager/batch_send_msg",
        "/auth/parse_token",
        "/user/get_users",
        "/group/invite_user_to_group",
    ];
    for r in (requests.iter()).filter(|r| r["status"] == 404 && !crate::is_cms_probe(r)) {
        let path = r["path"].as_str().unwrap();
        assert!(
            probes.contains(&path),
            "{path} answered 404: {:?}",
            paths(&requests)
        );
        assert!(is_probe(r), "a probe sends an empty object without a token");
    }
    // Each probe once, and nothing else sent as one.
    let sent: Vec<&str> = (requests.iter().filter(|r| is_probe(r)))
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(sent.len(), probes.len(), "{sent:?}");
    assert!(probes.iter().all(|p| sent.contains(p)), "{sent:?}");
    s
}

#[tokio::test]
async fn each_later_release_is_detected_and_spoken() {
    let _one = ONE_AT_A_TIME.lock().await;
    for (release, label, moved) in [
        ("2.0.10", "v2.0.10", false),
        ("2.1.0", "v2.1", false),
        ("2.2.0", "v2.2", true),
    ] {
        let s = walk(release, label, moved).await;
        // The header's expiry is the server's own (parse_token, v2.0.10+).
        let requests = s.requests().await;
        let parsed = api_calls(&requests, "/auth/parse_token");
        assert_eq!(parsed.len(), 1, "{release}");
        let stored = s.stored_session().await;
        assert_eq!(
            parsed[0]["response"]["data"]["ExpireTimeSeconds"],
            stored["expiredTime"]
        );
        assert_eq!(parsed[0]["token"], stored["token"]);

        // Force logout from the user's page, where the release has it.
        let user = untouched_users(&s.state().await, 1).remove(0);
        s.open(&format!("/users/{user}")).await;
        s.find(".profile").await;
        if release == "2.0.10" {
            assert!(!s.exists(".force-logout").await);
        } else {
            s.choose("#force-logout-platform", "5").await;
            s.click(".force-logout-button").await;
            s.wait_text(
                ".force-logout-done",
                &format!("{user} was logged out of 5 Web"),
            )
            .await;
            let hint = s.text(".force-logout .hint").await;
            assert_eq!(
                hint.contains("does not revoke"),
                release == "2.1.0",
                "{hint}"
            );
            let requests = s.requests().await;
            let calls = api_calls(&requests, "/auth/force_logout");
            assert_eq!(calls.len(), 1);
            assert_eq!(calls[0]["body"]["platform"], 5);
            assert_eq!(calls[0]["body"]["fromUserID"], user.as_str());
            assert_eq!(calls[0]["response"]["errCode"], 0);
            s.screenshot("force-logout").await;
        }

        // Deleting users is still offered before v2.3.
        every_id(&s).await;
        s.find("tr input.pick").await.click().await.unwrap();
        assert!(s.exists(".selection-bar .delete").await, "{release}");
        assert!(!s.exists(".no-delete").await, "{release}");
        s.close().await;
    }
}

#[tokio::test]
async fn v2_3_offers_no_delete_and_says_why() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = walk("2.3.3", "v2.3.3+", true).await;
    every_id(&s).await;
    s.find("tr input.pick").await.click().await.unwrap();
    s.wait_text(".no-delete", "OpenIM v2.3 removed delete_user")
        .await;
    assert!(!s.exists(".selection-bar .delete").await);
    s.screenshot("no-delete").await;
    // The same in Chinese.
    s.language("zh-CN").await;
    s.wait_text(".no-delete", "delete_user").await;
    s.wait_text(".api-release", "v2.3.3+ 接口").await;
    s.screenshot("no-delete-zh").await;
    s.close().await;
}

#[tokio::test]
async fn a_release_named_at_sign_in_is_used_without_probing() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = browse("release-chosen", "2.2.0", 20).await;
    s.open("/login").await;
    s.click(".advanced summary").await;
    s.choose("#login-release", "2.2").await;
    s.sign_in(crate::SECRET, crate::ADMIN).await;
    s.wait_text(".api-release", "v2.2 API").await;
    let requests = s.requests().await;
    assert!(
        !requests.iter().any(is_probe),
        "no probes: {:?}",
        paths(&requests)
    );
    assert_eq!(api_calls(&requests, "/user/account_check").len(), 1);

    // A wrong choice is the operator's to make, and the error says what
    // the server answered.
    s.click(".logout").await;
    s.open("/login").await;
    s.click(".advanced summary").await;
    s.choose("#login-release", "2.0").await;
    s.sign_in(crate::SECRET, crate::ADMIN).await;
    s.wait_text(".error-box", "404").await;
    s.close().await;
}

#[tokio::test]
async fn v2_3_creates_a_group_of_150_in_calls_of_100_under_a_chosen_id() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_to(browse("release-group", "2.3.3", 240).await).await;
    let users = crate::free_users(&s.state().await, 152);
    let (owner, admin, members) = (&users[0], &users[1], &users[2..]);

    s.click("nav a[href='/groups']").await;
    // A chosen groupID is checked before anything is sent.
    s.type_into("#group-groupID", "night shift").await;
    s.type_into("#group-owner", owner).await;
    s.paste_into("#group-members", &members.join("\n")).await;
    s.click(".add-members").await;
    s.choose("#add-role", "3").await;
    s.paste_into("#group-members", admin).await;
    s.click(".add-members").await;
    s.wait_text("#members-summary", "151 members").await;
    s.click(".check-create").await;
    s.wait_text("#group-groupID-error", "spaces").await;
    assert!(api_calls(&s.requests().await, "/user/account_check").len() == 1);
    s.paste_into("#group-groupID", "night-shift").await;
    s.click(".check-create").await;
    s.wait_text(
        ".create-confirm .in-chunks",
        "the other 51 members are invited",
    )
    .await;
    s.screenshot("create-in-chunks").await;
    s.click(".create-confirm .create").await;
    s.wait_text(".created", "memberCount 101").await;
    assert_eq!(s.text(".new-group-id").await, "night-shift");
    s.wait_text(
        "#created-members-summary",
        "151 users: 151 succeeded, 0 did not, 0 waiting",
    )
    .await;
    s.screenshot("created-in-chunks").await;

    let state = s.state().await;
    let roles = crate::groups::members_of(&state, "night-shift");
    assert_eq!(roles.len(), 152, "the owner and all 151");
    assert_eq!(roles[owner.as_str()], 2);
    assert_eq!(roles[admin.as_str()], 3, "the admin went in with the group");
    let requests = s.requests().await;
    let created = api_calls(&requests, "/group/create_group");
    assert_eq!(created.len(), 1);
    let sent = &created[0]["body"];
    assert_eq!(sent["groupID"], "night-shift");
    assert_eq!(sent["memberList"].as_array().unwrap().len(), 100);
    assert_eq!(sent["memberList"][0]["userID"], admin.as_str());
    let invites = api_calls(&requests, "/group/invite_user_to_group");
    assert_eq!(invites.len(), 1);
    assert_eq!(
        invites[0]["body"]["invitedUserIDList"]
            .as_array()
            .unwrap()
            .len(),
        51
    );
    s.close().await;
}

#[tokio::test]
async fn v2_3_3_sends_a_custom_online_only_message_without_offline_push() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_to(browse("release-send", "2.3.3", 40).await).await;
    let users = untouched_users(&s.state().await, 2);
    s.open("/messages").await;
    s.type_into("#msg-sendID", &users[0]).await;
    s.type_into("#msg-target", &users[1]).await;
    s.choose("#msg-contentType", "120").await;
    s.paste_into("#msg-c\\.data", r#"{"kind":"ping"}"#).await;
    s.click("#msg-notOfflinePush").await;
    s.type_into("#msg-businessOperationID", "biz-7").await;
    s.screenshot("composer-2.3.3").await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    let requests = s.requests().await;
    let sent = api_calls(&requests, "/msg/manage_send_msg");
    let body = &sent.last().unwrap()["body"];
    assert_eq!(body["contentType"], 120);
    assert_eq!(body["notOfflinePush"], true);
    assert_eq!(body["businessOperationID"], "biz-7");
    assert!(
        body["content"]["data"].to_string().contains("ping"),
        "{body}"
    );
    assert_eq!(sent.last().unwrap()["response"]["errCode"], 0);

    // 118 takes any object, sent as typed; what is no object is refused.
    s.choose("#msg-contentType", "118").await;
    s.paste_into("#msg-c\\.content", "[1]").await;
    s.click(".composer .send").await;
    s.wait_text("#msg-c\\.content-error", "Not valid JSON.")
        .await;
    s.paste_into("#msg-c\\.content", r#"{"clientMsgID":"c1","seq":7}"#)
        .await;
    s.click(".composer .send").await;
    s.until("the advanced revoke to be sent", || async {
        let requests = s.requests().await;
        let calls = api_calls(&requests, "/msg/manage_send_msg");
        calls
            .last()
            .is_some_and(|c| c["body"]["contentType"] == 118)
    })
    .await;
    let requests = s.requests().await;
    let last = *api_calls(&requests, "/msg/manage_send_msg").last().unwrap();
    assert_eq!(
        last["body"]["content"],
        serde_json::json!({"clientMsgID": "c1", "seq": 7})
    );
    assert_eq!(last["response"]["errCode"], 0);
    s.close().await;

    // Before 2.3.3 the composer offers neither the types nor the fields.
    let s = signed_in_to(browse("release-send-2.2", "2.2.0", 20).await).await;
    s.open("/messages").await;
    s.find("#msg-contentType").await;
    assert!(!s.exists("#msg-contentType option[value='120']").await);
    assert!(!s.exists("#msg-notOfflinePush").await);
    assert!(!s.exists("#msg-businessOperationID").await);
    s.close().await;
}

#[tokio::test]
async fn from_v2_3_2_the_directory_searches_and_pages_on_the_server() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_to(browse("release-search", "2.3.3", 2000).await).await;
    let state = s.state().await;
    let users = state["users"].as_array().unwrap();
    let total = users.len();
    s.click("nav a[href='/directory']").await;
    s.wait_text(".server-search .page-status", &format!("{total} users"))
        .await;
    let pages = total.div_ceil(50);
    s.wait_text(".page-status", &format!("Page 1 of {pages}"))
        .await;
    assert_eq!(
        s.script(
            "return document.querySelectorAll('.search-results tbody tr').length;",
            vec![]
        )
        .await,
        50
    );
    s.screenshot("search-first-page").await;

    // The next page, then one user by exact userID.
    s.click(".next-page").await;
    s.wait_text(".page-status", &format!("Page 2 of {pages}"))
        .await;
    let wanted = users[1234]["userID"].as_str().unwrap();
    s.paste_into("#search-text", wanted).await;
    s.choose("#search-by", "userID").await;
    s.click(".server-search .search").await;
    s.wait_text(".page-status", "Page 1 of 1 · 1 user").await;
    assert!(
        s.exists(&format!(".search-results tr[data-user-id='{wanted}']"))
            .await
    );

    // Nothing loaded every ID until asked; the calls carried the filters.
    let requests = s.requests().await;
    assert!(api_calls(&requests, "/user/get_all_users_uid").is_empty());
    let searches = api_calls(&requests, "/user/get_users");
    assert_eq!(searches.len(), 3);
    assert_eq!(searches[1]["body"]["pageNumber"], 2);
    assert_eq!(searches[2]["body"]["userID"], wanted);
    assert_eq!(searches[2]["body"]["pageNumber"], 1);
    s.language("zh-CN").await;
    s.wait_text(".page-status", "第 1 页，共 1 页").await;
    s.screenshot("search-one-zh").await;
    s.close().await;
}

#[tokio::test]
async fn a_broadcast_goes_in_batches_where_the_release_has_them() {
    let _one = ONE_AT_A_TIME.lock().await;
    for release in ["2.2.0", "2.3.3"] {
        let s = signed_in_to(browse(&format!("release-batch-{release}"), release, 40).await).await;
        s.open("/notifications").await;
        s.compose_notification().await;
        let ids: Vec<String> = (1..=250).map(|i| format!("bc-{i:04}")).collect();
        s.paste_into("#broadcast-ids", &ids.join("\n")).await;
        s.paste_into("#broadcast-per-call", "100").await;
        s.click(".broadcast .review").await;
        s.wait_text(".batch-estimate", "3 batch_send_msg calls")
            .await;
        s.type_into("#broadcast-typed", "250").await;
        s.click(".start-broadcast").await;
        s.until("the broadcast to finish", || async {
            s.text(".broadcast-status").await.contains("Finished")
        })
        .await;
        s.screenshot("batched").await;

        let requests = s.requests().await;
        let batches = api_calls(&requests, "/msg/batch_send_msg");
        let mut sizes: Vec<usize> = (batches.iter())
            .map(|c| c["body"]["recvIDList"].as_array().unwrap().len())
            .collect();
        sizes.sort_unstable();
        assert_eq!(sizes, [50, 100, 100], "{release}");
        assert!(api_calls(&requests, "/msg/manage_send_msg").is_empty());
        // Everyone once, and the page counts them all as sent.
        let state = s.state().await;
        let mut stored: Vec<&str> = (state["messages"].as_array().unwrap().iter())
            .filter(|m| m["contentType"] == 1400)
            .map(|m| m["recvID"].as_str().unwrap())
            .collect();
        stored.sort_unstable();
        assert_eq!(stored, ids.iter().map(String::as_str).collect::<Vec<_>>());
        s.wait_text(".broadcast .progress-label", "250 of 250 recipients")
            .await;
        assert!(!s.exists(".broadcast-problems").await, "{release}");
        s.close().await;
    }
}
