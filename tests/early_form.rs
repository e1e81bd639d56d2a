//! index.html's early login form speaks with the app's own words: every
//! element marked `data-t="key"` shows that key's English text, and its
//! `data-zh` the Chinese one (boot.js swaps them), so the two cannot drift.
//! Its platform choices are the app's too.
#![cfg(not(target_arch = "wasm32"))]

use openim_admin::api::auth::ADMIN_PLATFORM;
use openim_admin::api::user::PLATFORMS;
use openim_admin::i18n::Locale;
use openim_admin::session::{draft_key, SESSION_KEY};

fn index_html() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("index.html")).unwrap()
}

/// The value of `name="..."` inside one start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// (start tag, text up to the next tag) of every element with `marker`.
fn elements<'a>(html: &'a str, marker: &str) -> Vec<(&'a str, &'a str)> {
    html.match_indices(marker)
        .map(|(at, _)| {
            let open = html[..at + 1].rfind('<').unwrap();
            let close = at + html[at..].find('>').unwrap();
            let text_end = close + html[close..].find('<').unwrap();
            (&html[open..=close], &html[close + 1..text_end])
        })
        .collect()
}

#[test]
fn the_early_form_uses_the_apps_texts_in_both_languages() {
    let html = index_html();
    let en = Locale::En.strings().entries();
    let zh = Locale::Zh.strings().entries();
    let text_of = |table: &[(&str, &'static str)], key: &str| {
        table.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
    };
    let marked = elements(&html, " data-t=\"");
    assert!(marked.len() >= 10, "the form's texts are marked");
    for (tag, text) in marked {
        let key = attribute(tag, "data-t").unwrap();
        let (en_text, zh_text) = (text_of(&en, key), text_of(&zh, key));
        let (Some(en_text), Some(zh_text)) = (en_text, zh_text) else {
            panic!("data-t=\"{key}\" is no key of the app's texts");
        };
        let shown_zh = attribute(tag, "data-zh").unwrap_or_else(|| panic!("{key} has no data-zh"));
        // A choice may put its number first ("8 · ..."), in both languages.
        let prefix = text.strip_suffix(en_text);
        assert!(prefix.is_some(), "{key}: {text:?} is not {en_text:?}");
        assert_eq!(
            shown_zh.strip_suffix(zh_text),
            prefix,
            "{key}: {shown_zh:?} is not {zh_text:?}"
        );
    }
}

#[test]
fn the_early_forms_platforms_are_the_apps() {
    let html = index_html();
    let options: Vec<(&str, &str)> = elements(&html, "<option value=\"")
        .into_iter()
        .filter(|(tag, _)| !tag.contains("\"en\"") && !tag.contains("\"zh-CN\""))
        .map(|(tag, text)| (attribute(tag, "value").unwrap(), text))
        .collect();
    let mut wanted: Vec<(String, String)> = PLATFORMS
        .iter()
        .map(|(id, name)| (id.to_string(), format!("{id} · {name}")))
        .collect();
    wanted.push((
        ADMIN_PLATFORM.to_string(),
        format!("{ADMIN_PLATFORM} · {}", Locale::En.strings().platform_admin),
    ));
    let got: Vec<(String, String)> = (options.iter())
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, wanted);
    let selected = elements(&html, " selected ");
    assert_eq!(selected.len(), 1);
    assert_eq!(
        attribute(selected[0].0, "value"),
        Some("8"),
        "the admin platform"
    );
}

#[test]
fn boot_js_reads_the_session_and_the_admin_id_where_the_app_keeps_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let boot = std::fs::read_to_string(root.join("src/boot.js")).unwrap();
    // The login page's draft of the last admin ID (pages/login.rs).
    for key in [SESSION_KEY.to_string(), draft_key("login.user")] {
        assert!(
            boot.contains(&format!("\"{key}\"")),
            "boot.js does not read {key}"
        );
    }
}
