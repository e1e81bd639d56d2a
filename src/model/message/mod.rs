//! The send_msg composer as data: which fields each content type has (one
//! list per media element, so the OA notification form reuses them), the
//! request built from what was typed (numbers as numbers, only what was
//! filled in), every problem found before sending, the revoke of a sent
//! message, and the request as a `curl` command.

mod content;
mod history;
mod request;
mod schema;
mod values;

pub use content::*;
pub use history::*;
pub use request::*;
pub use schema::*;
pub use values::*;

/// What the tests of several parts use.
#[cfg(test)]
mod tests_support {
    use super::Addressing;
    use crate::api::msg::SINGLE_CHAT;
    use std::collections::HashMap;

    pub fn values(list: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: HashMap<String, String> = list
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k: &str| map.get(k).cloned().unwrap_or_default()
    }

    pub fn single() -> Addressing {
        Addressing {
            send_id: "openIM123456".into(),
            sender_platform_id: 5,
            session_type: SINGLE_CHAT,
            target: "u1".into(),
            ..Default::default()
        }
    }
}
