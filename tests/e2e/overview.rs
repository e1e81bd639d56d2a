//! The pages fed by the CMS API beyond the group list, in each generation:
//! the overview's charts against counts of openim-sim's own tables, the
//! chat-log search with each filter, and blocks (docs/cms.md).

use serde_json::{json, Value};

use crate::harness::{start_sim, Session, ONE_AT_A_TIME};

const DAY: i64 = 86_400;
/// 2025-03-01 00:00 UTC: a week before the demo history begins.
const MARCH_1: i64 = 1_740_787_200;

/// Signs in to openim-sim playing `release`, landing on the overview.
pub(crate) async fn signed_in_on(release: &str, name: &str) -> Session {
    let sim = start_sim(&["--users", "300", "--seed", "7", "--release", release]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = Session::browse(&format!("{name}-{release}"), &base, vec![sim.process]).await;
    s.open("/login").await;
    s.sign_in(crate::SECRET, crate::ADMIN).await;
    s.wait_path("/overview?start").await;
    s
}

/// Users, a group and messages in the first days of March 2025, where
/// nothing else is: 3 users on the 2nd and one on the 4th; 4 single-chat
/// messages on the 2nd (one of them a picture), 2 group messages and the
/// group on the 3rd, and a message whose text is markup.
pub(crate) async fn plant(s: &Session) {
    let at = |day: i64, hour: i64| MARCH_1 + day * DAY + hour * 3600;
    let users: Vec<Value> = [
        ("ov-1", "Ov One", at(1, 12)),
        ("ov-2", "Ov Two", at(1, 12)),
        ("ov-3", "Ov Three", at(1, 13)),
        ("ov-4", "Ov Four", at(3, 8)),
    ]
    .iter()
    .map(|(id, name, t)| json!({ "userID": id, "nickname": name, "createTime": t }))
    .collect();
    s.server_post("/_sim/users", json!({ "users": users }))
        .await;
    s.server_post(
        "/_sim/groups",
        json!({ "groups": [{ "groupID": "ov-g", "groupName": "Ov group", "ownerUserID": "ov-1",
            "createTime": at(2, 8), "members": [{ "userID": "ov-3" }] }] }),
    )
    .await;
    let ms = |t: i64| t * 1000;
    let mut messages: Vec<Value> = (0..3)
        .map(|i| json!({ "sendID": "ov-1", "recvID": "ov-2", "content": format!("hello {i}"), "sendTime": ms(at(1, 10) + i) }))
        .collect();
    messages.push(json!({ "sendID": "ov-1", "recvID": "ov-2", "contentType": 102,
        "content": "{\"sourcePicture\":{\"url\":\"https://cdn.example/p.png\"}}", "sendTime": ms(at(1, 11)) }));
    for i in 0..2 {
        messages.push(json!({ "sendID": "ov-3", "groupID": "ov-g", "content": format!("needle {i} <img src=x onerror=alert(1)>"), "sendTime": ms(at(2, 9) + i) }));
    }
    s.server_post("/_sim/messages", json!({ "messages": messages }))
        .await;
}

/// A chart's table: a row per bucket, its cells as text.
async fn numbers(s: &Session, chart: &str) -> Vec<Vec<String>> {
    let rows = s
        .script(
            "return [...document.querySelectorAll(`.chart-${arguments[0]} tbody tr`)]\
               .map(r => [...r.cells].map(c => c.textContent));",
            vec![json!(chart)],
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Column `col` (1: the first series) of a chart's table as numbers.
async fn column(s: &Session, chart: &str, col: usize) -> Vec<u64> {
    (numbers(s, chart).await.iter())
        .map(|r| r[col].parse().unwrap())
        .collect()
}

/// Rows of `table` whose `time` (seconds) falls in each day from `from`,
/// both ends included as the server counts them.
fn per_day(from: i64, days: i64, times: impl Iterator<Item = i64> + Clone) -> Vec<u64> {
    (0..days)
        .map(|d| {
            let start = (from + d) * DAY;
            times
                .clone()
                .filter(|t| (start..=start + DAY).contains(t))
                .count() as u64
        })
        .collect()
}

/// The overview in generation `gen`: the last 7 days against the sim's
/// demo tables, then a custom range over planted rows, bad input refused.
async fn overview(release: &str, gen: &str) {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_on(release, "overview").await;
    s.wait_text(".cms-at", &format!("generation {gen}")).await;
    s.wait_text(".buckets", "A bar a day").await;
    s.find(".chart-messages tbody tr").await;
    s.find(".chart-new-groups tbody tr").await;

    // The last 7 days, counted from the sim's tables.
    let state = s.state().await;
    let today = crate::now_secs() / DAY;
    let users = state["users"].as_array().unwrap();
    let created = users.iter().map(|u| u["createTime"].as_i64().unwrap());
    assert_eq!(
        column(&s, "new-users", 1).await,
        per_day(today - 6, 7, created)
    );
    assert_eq!(
        s.text(".chart-total-users .chart-total").await,
        users.len().to_string()
    );
    let stamp = if gen == "C" { "sendTime" } else { "createTime" };
    let messages = state["messages"].as_array().unwrap();
    let of_type = |t: i64| {
        (messages.iter())
            .filter(move |m| m["sessionType"] == t)
            .map(move |m| m[stamp].as_i64().unwrap().div_euclid(1000))
    };
    let private = per_day(today - 6, 7, of_type(1));
    let group = per_day(today - 6, 7, of_type(2));
    assert_eq!(column(&s, "messages", 1).await, private);
    assert_eq!(column(&s, "messages", 2).await, group);
    assert!(
        private.iter().sum::<u64>() > 0,
        "the demo history has messages"
    );
    let groups = state["groups"].as_array().unwrap();
    let made = groups.iter().map(|g| g["createTime"].as_i64().unwrap());
    assert_eq!(
        column(&s, "new-groups", 1).await,
        per_day(today - 6, 7, made)
    );
    s.screenshot("overview-7d").await;

    // A custom range over planted rows.
    plant(&s).await;
    s.click(".range-custom").await;
    s.paste_into("#range-from", "2025-03-05").await;
    s.paste_into("#range-to", "2025-03-01").await;
    let asked = s.requests().await.len();
    s.click(".show-range").await;
    s.wait_text("#range-to-error", "The end is before the start.")
        .await;
    assert_eq!(s.requests().await.len(), asked, "nothing was sent");
    s.paste_into("#range-from", "2025-03-01").await;
    s.paste_into("#range-to", "2025-03-05").await;
    s.click(".show-range").await;
    s.wait_text(".buckets", "2025-03-01 to 2025-03-05").await;
    s.until("the planted range's charts", || async {
        numbers(&s, "new-users").await.len() == 5
            && numbers(&s, "messages").await.first().map(|r| r[0].as_str()) == Some("2025-03-01")
            && !s.text(".chart-top-groups").await.contains("Loading")
    })
    .await;
    assert_eq!(column(&s, "new-users", 1).await, [0, 3, 0, 1, 0]);
    assert_eq!(column(&s, "messages", 1).await, [0, 4, 0, 0, 0]);
    assert_eq!(column(&s, "messages", 2).await, [0, 0, 2, 0, 0]);
    assert_eq!(column(&s, "active-users", 1).await, [0, 1, 1, 0, 0]);
    assert_eq!(column(&s, "new-groups", 1).await, [0, 0, 1, 0, 0]);
    assert_eq!(s.text(".chart-new-users .chart-total").await, "4");
    assert_eq!(
        s.text(".chart-messages .chart-total").await,
        "Single chats 4 · Groups 2"
    );
    let top_user = s.text(".chart-top-users li").await;
    assert!(
        top_user.starts_with("Ov One") && top_user.ends_with("4 messages"),
        "{top_user}"
    );
    let user_links = s
        .script(
            "return document.querySelectorAll('.chart-top-users a').length;",
            vec![],
        )
        .await;
    // C loses the users' IDs (T13): names only, no links.
    assert_eq!(user_links, json!(if gen == "C" { 0 } else { 1 }));
    assert_eq!(s.text(".chart-top-groups li").await, "Ov group 2 messages");
    let to_group = s
        .find(".chart-top-groups a")
        .await
        .attr("href")
        .await
        .unwrap();
    assert_eq!(to_group.as_deref(), Some("/groups/ov-g"));

    // The server was asked for exactly that range on each route.
    let asked: Vec<Value> = (s.requests().await.into_iter())
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap_or_default()
                .contains("/statistics/")
        })
        .collect();
    let last = asked.last().unwrap();
    match gen {
        "C" => assert_eq!(
            (last["body"]["from"].as_str(), last["body"]["to"].as_str()),
            (Some("2025-03-01"), Some("2025-03-05"))
        ),
        _ => assert_eq!(last["query"], "from=2025-03-01&to=2025-03-05", "{last}"),
    }
    s.screenshot("overview-custom").await;

    // Twelve months: monthly bars, whole months, the current one last.
    s.click(".range-12m").await;
    s.wait_text(".buckets", "A bar a month").await;
    s.until("twelve monthly buckets", || async {
        numbers(&s, "new-users").await.len() == 12
    })
    .await;
    let months = numbers(&s, "total-users").await;
    assert!(months.iter().all(|r| r[0].ends_with("-01")), "{months:?}");
    s.close().await;
}

#[tokio::test]
async fn overview_counts_match_the_server_on_generation_a() {
    overview("2.0.8", "A").await;
}

#[tokio::test]
async fn overview_counts_match_the_server_on_generation_b() {
    overview("2.2.0", "B").await;
}

#[tokio::test]
async fn overview_counts_match_the_server_on_generation_c() {
    overview("2.3.3", "C").await;
}

/// The rows the chat-log search shows: (sender, receiver, content) text.
async fn log_rows(s: &Session) -> Vec<Vec<String>> {
    let rows = s
        .script(
            "return [...document.querySelectorAll('.logs-table tbody tr')]\
               .map(r => [1, 2, 4].map(i => r.cells[i].textContent));",
            vec![],
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Sets the search's fields (session type, sender, receiver, content,
/// content type, day) and searches.
async fn search(s: &Session, fields: [&str; 6]) {
    let ids = [
        "logs-session",
        "logs-sender",
        "logs-receiver",
        "logs-content",
        "logs-contentType",
        "logs-day",
    ];
    for (id, value) in ids.iter().zip(fields) {
        if id.ends_with("session") || id.ends_with("Type") {
            s.choose(&format!("#{id}"), value).await;
        } else {
            s.paste_into(&format!("#{id}"), value).await;
        }
    }
    s.click(".search-logs").await;
}

/// Waits for the search to show `n` messages, then returns the rows.
async fn found(s: &Session, n: usize) -> Vec<Vec<String>> {
    let noun = if n == 1 { "message" } else { "messages" };
    s.wait_text(".chat-logs .page-status", &format!(" {n} {noun}"))
        .await;
    s.until("the rows", || async { log_rows(s).await.len() == n })
        .await;
    log_rows(s).await
}

/// Chat-log search with each filter, what a generation ignores refused
/// beside its field, and rows shown as text with their links.
async fn chat_logs(release: &str, gen: &str) {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_on(release, "chat-logs").await;
    plant(&s).await;
    s.open("/messages").await;
    s.wait_text(".chat-logs .cms-at", &format!("generation {gen}"))
        .await;

    // Sender, in single chats, on a day.
    search(&s, ["1", "ov-1", "", "", "", "2025-03-02"]).await;
    let rows = found(&s, 4).await;
    assert!(
        rows.iter()
            .all(|r| r[0].starts_with("ov-1") && r[1].starts_with("ov-2")),
        "{rows:?}"
    );
    // C sends the receiver's nickname as the sender's (T12): not shown.
    assert!(!rows[0][0].contains("Ov Two"));
    let sender = s
        .find(".logs-table .sender a")
        .await
        .attr("href")
        .await
        .unwrap();
    assert_eq!(sender.as_deref(), Some("/users/ov-1"));
    // The picture's https address is offered as a link.
    let media = s
        .script(
            "return [...document.querySelectorAll('.logs-table .content a')].map(a => a.href);",
            vec![],
        )
        .await;
    assert_eq!(media, json!(["https://cdn.example/p.png"]));

    // Content type.
    search(&s, ["1", "ov-1", "", "", "102", "2025-03-02"]).await;
    found(&s, 1).await;

    // The group, its messages as text, the markup in them inert.
    search(&s, ["2", "", "ov-g", "", "", "2025-03-03"]).await;
    let rows = found(&s, 2).await;
    assert!(
        rows.iter()
            .all(|r| r[1].starts_with("ov-g") && r[2].contains("<img src=x")),
        "{rows:?}"
    );
    let images = s
        .script(
            "return document.querySelectorAll('.logs-table img').length;",
            vec![],
        )
        .await;
    assert_eq!(images, json!(0));
    let group = s
        .find(".logs-table .receiver a")
        .await
        .attr("href")
        .await
        .unwrap();
    assert_eq!(group.as_deref(), Some("/groups/ov-g"));

    // Content, in group chats.
    search(&s, ["2", "", "ov-g", "needle 1", "", "2025-03-03"]).await;
    found(&s, 1).await;
    if gen == "C" {
        revoke_from_the_log(&s).await;
    } else {
        // A/B name no message a revoke could point to.
        assert!(!s.exists(".revoke-log").await);
    }

    s.script(
        "document.querySelector('.chat-logs').scrollIntoView()",
        vec![],
    )
    .await;
    s.screenshot("chat-logs").await;

    // The page saved as CSV, with the server's values.
    s.script(
        "window.__csv = null; const real = URL.createObjectURL; \
         URL.createObjectURL = (blob) => { blob.text().then(t => window.__csv = t); return real(blob); };",
        vec![],
    )
    .await;
    s.click(".export-logs").await;
    s.until("the CSV export", || async {
        s.script("return window.__csv;", vec![]).await.is_string()
    })
    .await;
    let csv = s.script("return window.__csv;", vec![]).await;
    let lines: Vec<&str> = (csv
        .as_str()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split("\r\n"))
    .filter(|l| !l.is_empty())
    .collect();
    // The page shown: the one message with "needle 1".
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("time,sessionType,sendID"));
    assert!(
        lines[1].contains(",2,ov-3,")
            && lines[1].contains(",ov-g,")
            && lines[1].contains("needle 1"),
        "{lines:?}"
    );

    // The day: nothing on the 4th.
    search(&s, ["1", "ov-1", "", "", "", "2025-03-04"]).await;
    found(&s, 0).await;

    // What this generation would ignore is refused, nothing sent.
    let asked = s.requests().await.len();
    if gen == "C" {
        search(&s, ["0", "", "", "", "", ""]).await;
        s.wait_text("#logs-day-error", "Required.").await;
    } else {
        search(&s, ["0", "ov-1", "", "", "", "2025-03-02"]).await;
        s.wait_text("#logs-sender-error", "ignores it").await;
        search(&s, ["1", "", "ov-2", "", "", "2025-03-02"]).await;
        s.wait_text("#logs-receiver-error", "cannot search single chats")
            .await;
        search(&s, ["2", "", "ov-g", "100%", "", "2025-03-03"]).await;
        s.wait_text("#logs-content-error", "SQL").await;
    }
    let sent: Vec<Value> = (s.requests().await.into_iter().skip(asked))
        .filter(|r| r["path"].as_str().unwrap_or_default().contains("chat_logs"))
        .collect();
    assert!(sent.is_empty(), "{sent:?}");
    s.close().await;
}

/// The one row found (ov-3's "needle 1" in ov-g) handed to the revoke
/// form, which says what it will send and sends it when asked.
async fn revoke_from_the_log(s: &Session) {
    let state = s.state().await;
    let stored = (state["messages"].as_array().unwrap().iter())
        .find(|m| {
            m["content"]
                .as_str()
                .unwrap_or_default()
                .contains("needle 1")
        })
        .unwrap();
    let id = stored["clientMsgID"].as_str().unwrap().to_string();
    s.click(".logs-table .revoke-log").await;
    s.until("the revoke form filled", || async {
        s.value("#msg-revoke\\.clientMsgID").await == id
    })
    .await;
    assert_eq!(s.value("#msg-revoke\\.sendID").await, "ov-3");
    assert_eq!(s.value("#msg-revoke\\.sessionType").await, "2");
    assert_eq!(s.value("#msg-revoke\\.target").await, "ov-g");
    // The focus is on the form's heading; nothing is sent until the
    // operator presses its button.
    let focused = s.script("return document.activeElement.id;", vec![]).await;
    assert_eq!(focused, "revoke-title");
    // send_msg is /msg/manage_send_msg on this release.
    let sends = |requests: Vec<Value>| -> Vec<Value> {
        (requests.into_iter())
            .filter(|r| r["path"] == "/msg/manage_send_msg")
            .collect()
    };
    assert!(sends(s.requests().await).is_empty());
    s.screenshot("revoke-from-log").await;
    s.click(".manual-revoke-button").await;
    s.until("the revoke", || async {
        !sends(s.requests().await).is_empty()
    })
    .await;
    let sent = sends(s.requests().await);
    let body = &sent[0]["body"];
    assert_eq!(body["contentType"], 111);
    assert_eq!(body["sendID"], "ov-3");
    assert_eq!(body["groupID"], "ov-g");
    assert_eq!(body["sessionType"], 2);
    assert_eq!(body["content"]["revokeMsgClientID"], id.as_str());
}

/// A token that lapsed, met first by the CMS: its refusal is checked once
/// with the main API, which ends the session; signed in again, the
/// operator is back at the search as typed.
async fn lapsed_at_the_cms(release: &str) {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_on(release, "cms-lapsed").await;
    s.open("/messages").await;
    s.wait_text(".chat-logs .cms-at", "generation").await;
    s.choose("#logs-session", "1").await;
    s.paste_into("#logs-sender", "ov-1").await;
    let before = s.requests().await.len();
    s.server("POST", "/_sim/expire_tokens").await;
    s.click(".search-logs").await;
    s.wait_path("/login?next=%2Fmessages").await;
    s.wait_text(".notice", "Your session ended").await;
    let after: Vec<Value> = s.requests().await.into_iter().skip(before).collect();
    let paths: Vec<&str> = (after.iter())
        .filter_map(|r| r["path"].as_str())
        .filter(|p| !p.starts_with("/_sim"))
        .collect();
    assert!(
        paths.len() == 2
            && paths[0].contains("/message/get_chat_logs")
            && paths[1].ends_with("/account_check"),
        "{paths:?}"
    );
    s.sign_in(crate::SECRET, crate::ADMIN).await;
    s.wait_path("/messages").await;
    s.wait_text(".chat-logs .cms-at", "generation").await;
    assert_eq!(s.value("#logs-sender").await, "ov-1");
    assert_eq!(s.value("#logs-session").await, "1");
    s.close().await;
}

#[tokio::test]
async fn a_token_lapsed_at_the_cms_ends_the_session_on_generation_a() {
    lapsed_at_the_cms("2.0.8").await;
}

#[tokio::test]
async fn a_token_lapsed_at_the_cms_ends_the_session_on_generation_c() {
    lapsed_at_the_cms("2.3.3").await;
}

#[tokio::test]
async fn chat_logs_are_searched_by_each_filter_on_generation_a() {
    chat_logs("2.0.8", "A").await;
}

#[tokio::test]
async fn chat_logs_are_searched_by_each_filter_on_generation_b() {
    chat_logs("2.2.0", "B").await;
}

#[tokio::test]
async fn chat_logs_are_searched_by_each_filter_on_generation_c() {
    chat_logs("2.3.3", "C").await;
}

/// The block list's rows: userID and state.
async fn block_rows(s: &Session) -> Vec<(String, String)> {
    let rows = s
        .script(
            "return [...document.querySelectorAll('.blocks-table tbody tr')]\
               .map(r => [r.dataset.userId, r.querySelector('.badge').textContent]);",
            vec![],
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Blocks in generation `gen`: the enforcement sentence, a refused past
/// end, a block until a moment read back from the server, an expired
/// block marked, and an unblock.
async fn blocks(release: &str, gen: &str) {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_on(release, "blocks").await;
    plant(&s).await;
    s.server_post(
        "/_sim/cms_blocks",
        json!({ "blocks": [{ "userID": "ov-3", "beginDisableTime": MARCH_1, "endDisableTime": MARCH_1 + DAY }] }),
    )
    .await;
    s.open("/users").await;
    let enforced = if gen == "C" {
        "Only the demo app's sign-in"
    } else {
        "enforces these blocks nowhere"
    };
    s.wait_text(".blocks-enforced", enforced).await;
    s.until("the planted block", || async {
        !block_rows(&s).await.is_empty()
    })
    .await;
    // Listed as blocked on C (T15), marked expired here.
    assert_eq!(
        block_rows(&s).await,
        [("ov-3".to_string(), "expired".to_string())]
    );

    // Bad input stays on the page.
    s.paste_into("#block-user", "ov-4").await;
    s.paste_into("#block-until", "2025-03-01T00:00").await;
    s.click(".block-button").await;
    s.wait_text("#block-until-error", "in the future").await;
    assert!(!s.exists(".block-go").await);

    // Until a moment two days on, in the browser's zone (UTC here).
    let end = crate::now_secs() / 60 * 60 + 2 * DAY;
    let local = s
        .script(
            "const d = new Date(arguments[0] * 1000); const p = n => String(n).padStart(2, '0'); \
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;",
            vec![json!(end)],
        )
        .await;
    s.paste_into("#block-until", local.as_str().unwrap()).await;
    s.click(".block-button").await;
    s.click(".block-go").await;
    s.wait_text(".blocks .write-done", "Done").await;
    s.until("ov-4 listed", || async { block_rows(&s).await.len() == 2 })
        .await;
    let rows = block_rows(&s).await;
    assert!(
        rows.contains(&("ov-4".to_string(), "blocked".to_string())),
        "{rows:?}"
    );
    let stored = s.state().await["cmsBlocks"].clone();
    let ov4 = (stored.as_array().unwrap().iter())
        .find(|b| b["userID"] == "ov-4")
        .cloned()
        .unwrap();
    assert_eq!(ov4["endDisableTime"].as_i64(), Some(end));
    s.script("document.querySelector('.blocks').scrollIntoView()", vec![])
        .await;
    s.screenshot("blocks").await;

    // Unblock.
    s.click(".unblock-one[data-user='ov-4']").await;
    s.click(".unblock-go").await;
    s.until("ov-4 gone", || async { block_rows(&s).await.len() == 1 })
        .await;
    let stored = s.state().await["cmsBlocks"].clone();
    assert!(!stored.to_string().contains("ov-4"), "{stored}");
    s.close().await;
}

#[tokio::test]
async fn blocks_are_set_listed_and_lifted_on_generation_a() {
    blocks("2.0.8", "A").await;
}

#[tokio::test]
async fn blocks_are_set_listed_and_lifted_on_generation_b() {
    blocks("2.2.0", "B").await;
}

#[tokio::test]
async fn blocks_are_set_listed_and_lifted_on_generation_c() {
    blocks("2.3.3", "C").await;
}

/// The overview in both languages and themes, at 1280 and 1920 px, over 7
/// days, 30 days and 12 months: for a person to look at.
#[tokio::test]
async fn the_overview_fits_in_both_languages_and_themes() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in_on("2.3.3", "overview-look").await;
    for (range, buckets) in [("7d", 7), ("30d", 30), ("12m", 12)] {
        s.click(&format!(".range-{range}")).await;
        s.until("the range's charts", || async {
            numbers(&s, "total-users").await.len() == buckets
                && !s.text(".charts").await.contains("Loading")
        })
        .await;
        crate::readback::shots(&s, &format!("overview-{range}")).await;
    }
    s.close().await;
}

/// Without a CMS, sign-in lands on the user pages and the overview says
/// what to deploy.
#[tokio::test]
async fn without_a_cms_sign_in_lands_on_the_user_pages() {
    let _one = ONE_AT_A_TIME.lock().await;
    let sim = start_sim(&["--users", "50", "--seed", "7", "--no-cms"]);
    let base = format!("http://127.0.0.1:{}", sim.port);
    let s = Session::browse("no-cms", &base, vec![sim.process]).await;
    s.open("/login").await;
    s.sign_in(crate::SECRET, crate::ADMIN).await;
    s.wait_path("/users").await;
    s.open("/overview").await;
    s.wait_text(".cms-none", "No CMS API answered").await;
    assert_eq!(s.path().await, "/overview");
    s.close().await;
}
