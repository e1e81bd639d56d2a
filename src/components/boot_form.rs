//! The plain-HTML login form of index.html, which boot.js shows a
//! signed-out operator while the app loads. The app removes it before
//! drawing itself, and the login page starts from what was typed there;
//! boot.js then puts the focus back and sends a sign-in already pressed.

use std::cell::RefCell;

use leptos::prelude::document;

/// What the operator typed into the form before the app started.
pub struct Typed {
    pub server: String,
    pub secret: String,
    pub user_id: String,
    pub platform: String,
}

thread_local! {
    static TYPED: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

/// Removes the form from the page, keeping what it held if it was shown,
/// and names the field that had the focus in its `data-focus` for boot.js.
/// The hidden start-up failure notice goes too: the app has started.
/// Called once, as the app starts.
pub fn adopt() {
    let doc = document();
    if let Some(failed) = doc.get_element_by_id("boot-failed") {
        failed.remove();
    }
    let Some(boot) = doc.get_element_by_id("boot") else {
        return;
    };
    if !boot.has_attribute("hidden") {
        // Inputs and selects alike.
        let value = |id: &str| {
            doc.get_element_by_id(id)
                .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok()?.as_string())
                .unwrap_or_default()
        };
        let typed = Typed {
            server: value("boot-server"),
            secret: value("boot-secret"),
            user_id: value("boot-user"),
            platform: value("boot-platform"),
        };
        TYPED.with(|t| *t.borrow_mut() = Some(typed));
        if let Some(focused) = doc.active_element() {
            let _ = boot.set_attribute("data-focus", &focused.id());
        }
    }
    boot.remove();
}

/// What the form held, for the first login page that asks.
pub fn take() -> Option<Typed> {
    TYPED.with(|t| t.borrow_mut().take())
}
