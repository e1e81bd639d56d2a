//! Deployment settings from an optional `config.json` beside `index.html`:
//! `{"server": "https://im.example.com"}` presets the server URL;
//! `{"servers": ["https://a", "https://b"]}` restricts the choice to a list;
//! `{"admins": ["id", ...]}` names the server's `manager.appManagerUid`;
//! `{"release": "2.2"}` names the server's release when a proxy hides the
//! routes that tell releases apart.

use serde::Deserialize;

use crate::api::release::Release;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Config {
    /// Preset server URL (empty: same origin).
    #[serde(default)]
    pub server: String,
    /// When non-empty, the only servers an operator may sign in to.
    #[serde(default)]
    pub servers: Vec<String>,
    /// The server's admin accounts (`manager.appManagerUid`); empty means
    /// the ones v2 ships with.
    #[serde(default)]
    pub admins: Vec<String>,
    /// The server's release ([`Release::from_key`]); empty: detect it.
    #[serde(default)]
    pub release: String,
    /// Where the CMS API is (its base URL, with or without its prefix);
    /// empty: look for it (docs/cms.md#cms-detection).
    #[serde(default)]
    pub cms: String,
}

/// `manager.appManagerUid` in v2's shipped config (docs/api.md#admins).
pub const DEFAULT_ADMINS: [&str; 4] = ["openIM123456", "openIM654321", "openIM333", "openIMAdmin"];

impl Config {
    pub fn parse(text: &str) -> Result<Config, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The admin accounts, plus `signed_in` (the server accepted it as one).
    pub fn admin_ids(&self, signed_in: &str) -> Vec<String> {
        let mut ids: Vec<String> = if self.admins.is_empty() {
            DEFAULT_ADMINS.map(String::from).to_vec()
        } else {
            self.admins.clone()
        };
        if !signed_in.is_empty() && !ids.iter().any(|a| a == signed_in) {
            ids.push(signed_in.to_string());
        }
        ids
    }

    /// The release config.json names, if it names one the dashboard knows.
    pub fn release(&self) -> Option<Release> {
        Release::from_key(&self.release)
    }

    pub fn is_restricted(&self) -> bool {
        !self.servers.is_empty()
    }

    /// The server URL the login form starts with.
    pub fn initial_server(&self) -> String {
        if self.is_restricted() && !self.servers.contains(&self.server) {
            self.servers[0].clone()
        } else {
            self.server.clone()
        }
    }

    /// Whether signing in to `server` is allowed.
    pub fn allows(&self, server: &str) -> bool {
        !self.is_restricted() || self.servers.iter().any(|s| s == server)
    }
}

#[cfg(target_arch = "wasm32")]
pub async fn fetch() -> Config {
    // A missing or broken config.json means the defaults: same origin.
    let Ok(resp) = gloo_net::http::Request::get("/config.json").send().await else {
        return Config::default();
    };
    if !resp.ok() {
        return Config::default();
    }
    match resp.text().await {
        Ok(text) => Config::parse(&text).unwrap_or_default(),
        Err(_) => Config::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_same_origin_unrestricted() {
        let c = Config::parse("{}").unwrap();
        assert_eq!(c.initial_server(), "");
        assert!(c.allows("http://anything"));
    }

    #[test]
    fn a_list_restricts_and_presets() {
        let c = Config::parse(r#"{"servers":["https://a","https://b"]}"#).unwrap();
        assert_eq!(c.initial_server(), "https://a");
        assert!(c.allows("https://b"));
        assert!(!c.allows("https://c"));
        assert!(!c.allows(""));
        let c =
            Config::parse(r#"{"server":"https://b","servers":["https://a","https://b"]}"#).unwrap();
        assert_eq!(c.initial_server(), "https://b");
    }

    #[test]
    fn admins_default_to_the_shipped_list_plus_the_signed_in_id() {
        let c = Config::parse("{}").unwrap();
        assert_eq!(c.admin_ids("openIMAdmin"), DEFAULT_ADMINS);
        assert_eq!(c.admin_ids("boss").last().map(String::as_str), Some("boss"));
        let c = Config::parse(r#"{"admins":["root"]}"#).unwrap();
        assert_eq!(c.admin_ids("boss"), ["root", "boss"]);
        assert_eq!(c.admin_ids(""), ["root"]);
    }

    #[test]
    fn a_release_is_named_or_detected() {
        assert_eq!(Config::parse("{}").unwrap().release(), None);
        let c = Config::parse(r#"{"release":"2.2"}"#).unwrap();
        assert_eq!(c.release(), Some(Release::V2_2));
        let c = Config::parse(r#"{"release":"v2.3.3"}"#).unwrap();
        assert_eq!(c.release(), Some(Release::V2_3_3));
        assert_eq!(Config::parse(r#"{"release":"9"}"#).unwrap().release(), None);
    }

    #[test]
    fn a_cms_may_be_named() {
        assert_eq!(Config::parse("{}").unwrap().cms, "");
        let c = Config::parse(r#"{"cms":"https://im.example.com/cms"}"#).unwrap();
        assert_eq!(c.cms, "https://im.example.com/cms");
    }
}
