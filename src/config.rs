//! Deployment settings from an optional `config.json` beside `index.html`:
//! `{"server": "https://im.example.com"}` presets the server URL;
//! `{"servers": ["https://a", "https://b"]}` restricts the choice to a list.

use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Config {
    /// Preset server URL (empty: same origin).
    #[serde(default)]
    pub server: String,
    /// When non-empty, the only servers an operator may sign in to.
    #[serde(default)]
    pub servers: Vec<String>,
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, serde_json::Error> {
        serde_json::from_str(text)
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
}
