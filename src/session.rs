//! The signed-in session, kept in sessionStorage only (one tab, gone when
//! the tab closes). The secret is never part of it.

use serde::{Deserialize, Serialize};

use crate::api::release::Release;

/// Key prefix for everything this dashboard keeps in web storage.
pub const PREFIX: &str = "openim-admin.";
pub const SESSION_KEY: &str = "openim-admin.session";
const DRAFT_PREFIX: &str = "openim-admin.draft.";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Base URL of the server; empty for the dashboard's own origin.
    pub server: String,
    #[serde(rename = "userID")]
    pub user_id: String,
    pub token: String,
    /// Absolute Unix seconds.
    #[serde(rename = "expiredTime")]
    pub expired_time: i64,
    /// The server's release family ([`Release::key`]), found at sign-in.
    #[serde(default)]
    pub release: String,
    /// Where the CMS answered, as [`Cms::store`] writes it; empty until
    /// it is found (docs/cms.md#cms-detection).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cms: String,
}

impl Session {
    /// The release to speak to; a session from before releases were told
    /// apart speaks the reference release, as it did then.
    pub fn release(&self) -> Release {
        Release::from_key(&self.release).unwrap_or_default()
    }

    pub fn cms(&self) -> Option<crate::api::cms::Cms> {
        crate::api::cms::Cms::parse(&self.cms)
    }

    pub fn is_expired(&self, now_secs: i64) -> bool {
        self.expired_time <= now_secs
    }
}

pub fn draft_key(name: &str) -> String {
    format!("{DRAFT_PREFIX}{name}")
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use web_sys::Storage;

    fn storage() -> Option<Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    pub fn load() -> Option<Session> {
        let raw = storage()?.get_item(SESSION_KEY).ok()??;
        serde_json::from_str(&raw).ok()
    }

    pub fn save(session: &Session) {
        if let (Some(s), Ok(raw)) = (storage(), serde_json::to_string(session)) {
            let _ = s.set_item(SESSION_KEY, &raw);
        }
    }

    /// Forgets the token but keeps drafts: used when the server refuses the
    /// token, so the operator's unsent input survives the new login.
    pub fn end_keeping_drafts() {
        if let Some(s) = storage() {
            let _ = s.remove_item(SESSION_KEY);
        }
    }

    /// Logout: nothing of this tab's work stays behind.
    pub fn clear_all() {
        if let Some(s) = storage() {
            let _ = s.clear();
        }
    }

    pub fn draft(name: &str) -> Option<String> {
        storage()?.get_item(&draft_key(name)).ok()?
    }

    /// Forgets every draft whose name starts with `prefix`.
    pub fn remove_drafts(prefix: &str) {
        let Some(s) = storage() else { return };
        let prefix = draft_key(prefix);
        let keys: Vec<String> = (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix))
            .collect();
        for k in keys {
            let _ = s.remove_item(&k);
        }
    }

    /// Keeps `value` (none when empty); false when the browser would not
    /// store it (storage full or off).
    pub fn set_draft(name: &str, value: &str) -> bool {
        let Some(s) = storage() else {
            return false;
        };
        if value.is_empty() {
            s.remove_item(&draft_key(name)).is_ok()
        } else {
            s.set_item(&draft_key(name), value).is_ok()
        }
    }

    pub fn now_secs() -> i64 {
        (js_sys::Date::now() / 1000.0) as i64
    }

    /// Today as a day number (days since 1970-01-01, UTC): the day the
    /// CMS's statistics and chat logs go by.
    pub fn today() -> i64 {
        now_secs().div_euclid(86_400)
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_absolute_seconds() {
        let s = Session {
            server: String::new(),
            user_id: "openIM123456".into(),
            token: "t".into(),
            expired_time: 1_000,
            release: String::new(),
            cms: String::new(),
        };
        assert!(!s.is_expired(999));
        assert!(s.is_expired(1_000));
    }

    #[test]
    fn session_json_uses_api_names_and_no_secret() {
        let s = Session {
            server: "http://x".into(),
            user_id: "u".into(),
            token: "t".into(),
            expired_time: 5,
            release: "2.2".into(),
            cms: String::new(),
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"server":"http://x","userID":"u","token":"t","expiredTime":5,"release":"2.2"}"#
        );
        assert!(!json.contains("secret"));
        assert_eq!(s.release(), Release::V2_2);
        // A session stored before releases were told apart.
        let old: Session =
            serde_json::from_str(r#"{"server":"","userID":"u","token":"t","expiredTime":5}"#)
                .unwrap();
        assert_eq!(old.release(), Release::V2_0);
    }
}
