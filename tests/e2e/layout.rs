//! Pages fit the window: from 1280 px up no page scrolls sideways, every
//! button can be reached and the top bar keeps to one row, with long IDs
//! and long errors on screen.

use serde_json::json;

use crate::harness::{Session, ONE_AT_A_TIME};
use crate::{signed_in, untouched_users};

/// Widths an operator's screen has at the least and commonly.
const WIDTHS: [u32; 2] = [1280, 1920];

/// The longest userID the server takes (64 characters, no break in it).
fn long_id(tag: char) -> String {
    std::iter::repeat_n(tag, 64).collect()
}

/// Fails, naming what sticks out, when the page is wider than the window
/// or a shown button lies outside it or outside the card that holds it.
async fn assert_fits(s: &Session, what: &str) {
    let found = s
        .script(
            "const w = document.documentElement.clientWidth; \
             const out = []; \
             if (document.documentElement.scrollWidth > w) \
               out.push('page ' + document.documentElement.scrollWidth + ' > ' + w); \
             for (const b of document.querySelectorAll('button')) { \
               if (!b.offsetParent) continue; \
               const r = b.getBoundingClientRect(); \
               const card = b.closest('.panel, .table-scroll, .plain-scroll, section'); \
               const c = card ? card.getBoundingClientRect() : { left: 0, right: w }; \
               if (r.left < Math.max(0, c.left) - 1 || r.right > Math.min(w, c.right) + 1) \
                 out.push('button ' + b.textContent.trim() + ' at ' + Math.round(r.left) + '..' + Math.round(r.right)); \
             } \
             const nav = document.querySelector('.topbar nav'); \
             const end = document.querySelector('.topbar-end'); \
             if (nav && end && end.getBoundingClientRect().top >= nav.getBoundingClientRect().bottom) \
               out.push('the top bar wraps to a second row'); \
             return out;",
            vec![],
        )
        .await;
    if found != json!([]) {
        s.screenshot("unfit").await;
    }
    assert_eq!(found, json!([]), "{what}");
}

/// Each width, in English and Chinese, in a window tall enough to show
/// the whole page in one picture.
pub(crate) async fn assert_fits_everywhere(s: &Session, page: &str) {
    for width in WIDTHS {
        s.client.set_window_size(width, 2400).await.unwrap();
        for lang in ["en", "zh-CN"] {
            s.language(lang).await;
            assert_fits(s, &format!("{page} at {width} px in {lang}")).await;
            s.screenshot(&format!("{}-{width}-{lang}", page.trim_start_matches('/')))
                .await;
        }
    }
    s.language("en").await;
}

#[tokio::test]
async fn no_page_scrolls_sideways_from_1280_px_up() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("layout").await;
    let users = untouched_users(&s.state().await, 2);
    s.client.set_window_size(1366, 900).await.unwrap();

    // The history holds a sent message and one the server refused (600),
    // between IDs as long as the server allows.
    crate::block(&s, &users[1], &users[0]).await;
    s.open("/messages").await;
    s.type_into("#msg-sendID", &users[0]).await;
    s.type_into("#msg-target", &long_id('x')).await;
    s.type_into("#msg-c\\.text", &"a long line without a break ".repeat(8))
        .await;
    s.click(".composer .send").await;
    s.wait_text(".sent", "Sent.").await;
    s.type_into("#msg-target", &users[1]).await;
    s.click(".composer .send").await;
    s.wait_text(".error-box", "in black list").await;
    s.until("both sends in the history", || async {
        s.script(
            "return document.querySelectorAll('.history tbody tr').length;",
            vec![],
        )
        .await
            == json!(2)
    })
    .await;
    assert_fits(&s, "/messages at 1366 px").await;
    assert_fits_everywhere(&s, "/messages").await;

    // A lookup of IDs as long as allowed, one with a long error beside.
    s.open("/users").await;
    let ids = [long_id('y'), long_id('z'), users[0].clone()].join("\n");
    s.paste_into("#user-ids", &ids).await;
    s.click(".lookup-form button[type=submit]").await;
    s.wait_text(".summary", "3 users").await;
    assert_fits_everywhere(&s, "/users").await;

    for page in ["/directory", "/groups", "/friends", "/notifications"] {
        s.open(page).await;
        // The boot shell (index.html) has an h1 of its own until the app
        // takes over.
        s.until("the app to replace the boot shell", || async {
            !s.exists("#boot").await
        })
        .await;
        s.find("h1").await;
        assert_fits_everywhere(&s, page).await;
    }
    s.close().await;
}
