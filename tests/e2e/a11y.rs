//! axe-core, run in the page, finds nothing on the pages fed by the CMS
//! API: the overview with its charts, the group list, the chat-log search
//! with results, the block list; in English and Chinese, light and dark.

use serde_json::{json, Value};

use crate::harness::{Session, ONE_AT_A_TIME};

/// axe-core as installed by scripts/bootstrap.sh (npm, globally).
fn axe_source() -> String {
    let root = std::process::Command::new("npm")
        .args(["root", "-g"])
        .output()
        .expect("npm (scripts/bootstrap.sh installs it)");
    let root = String::from_utf8(root.stdout).unwrap();
    let path = std::path::Path::new(root.trim()).join("axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (scripts/bootstrap.sh installs axe-core)",
            path.display()
        )
    })
}

/// The violations axe finds in `context` (a CSS selector), one line each:
/// the rule and the elements.
async fn violations(s: &Session, axe: &str, context: &str) -> Vec<String> {
    s.script(axe, vec![]).await;
    let found = s
        .script_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(arguments[0], { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => \
               v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
            vec![json!(context)],
            std::time::Duration::from_secs(60),
        )
        .await;
    serde_json::from_value(found).unwrap()
}

/// Each language and theme: what axe finds in `context`, labelled.
async fn check_everywhere(s: &Session, axe: &str, context: &str, what: &str) -> Vec<String> {
    let mut all = Vec::new();
    for scheme in ["light", "dark"] {
        s.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
        for lang in ["en", "zh-CN"] {
            s.language(lang).await;
            for v in violations(s, axe, context).await {
                all.push(format!("{what} ({scheme}, {lang}): {v}"));
            }
        }
    }
    s.language("en").await;
    all
}

#[tokio::test]
async fn axe_finds_nothing_on_the_cms_pages() {
    let _one = ONE_AT_A_TIME.lock().await;
    let axe = axe_source();
    let s = crate::overview::signed_in_on("2.2.0", "axe").await;
    crate::overview::plant(&s).await;
    s.server_post(
        "/_sim/cms_blocks",
        json!({ "blocks": [{ "userID": "ov-3", "endDisableTime": 1_740_787_200 }, { "userID": "ov-4", "endDisableTime": 4_102_444_800_i64 }] }),
    )
    .await;
    let mut found = Vec::new();

    // The overview, every panel drawn, the numbers of one chart open.
    s.until("the overview's panels", || async {
        let loading: Value = s
            .script(
                "return document.querySelectorAll('.charts [role=status]').length;",
                vec![],
            )
            .await;
        loading == json!(0)
            && s.exists(".chart-top-groups ol, .chart-top-groups p.muted")
                .await
    })
    .await;
    s.script(
        "document.querySelector('.chart-messages details').open = true",
        vec![],
    )
    .await;
    found.extend(check_everywhere(&s, &axe, "main", "overview").await);

    // The group list.
    s.open("/groups").await;
    s.find(".all-groups tbody tr").await;
    found.extend(check_everywhere(&s, &axe, ".cms-groups", "group list").await);

    // Chat logs with results, and a refused field.
    s.open("/messages").await;
    s.find(".chat-logs .cms-at").await;
    s.choose("#logs-session", "1").await;
    s.paste_into("#logs-sender", "ov-1").await;
    s.paste_into("#logs-day", "2025-03-02").await;
    s.click(".search-logs").await;
    s.find(".logs-table tbody tr").await;
    found.extend(check_everywhere(&s, &axe, ".chat-logs", "chat logs").await);
    s.choose("#logs-session", "0").await;
    s.click(".search-logs").await;
    s.find("#logs-sender-error").await;
    found.extend(violations(&s, &axe, ".chat-logs").await);

    // The block list, one block expired and one not, and the confirmation.
    s.open("/users").await;
    s.find(".blocks-table tbody tr").await;
    found.extend(check_everywhere(&s, &axe, ".blocks", "blocks").await);
    s.click(".unblock-one").await;
    s.find(".unblock-go").await;
    found.extend(violations(&s, &axe, ".blocks").await);

    assert!(found.is_empty(), "{found:#?}");
    s.close().await;
}
