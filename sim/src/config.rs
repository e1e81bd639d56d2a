//! Server settings: command-line flags with `OPENIM_SIM_*` environment
//! fallbacks. Defaults mirror v2.0.8's `config.yaml` (docs/api.md#admins).

use std::path::PathBuf;

use crate::release::Release;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser};

/// The admin users the real server registers at startup (docs/api.md#admins).
pub const DEFAULT_ADMINS: [&str; 4] = ["openIM123456", "openIM654321", "openIM333", "openIMAdmin"];

/// Defaults of the settings that have one (also the flags' defaults).
const HOST: &str = "127.0.0.1";
const PORT: u16 = 10000;
const SECRET: &str = "tuoyun";
const ACCESS_SECRET: &str = "open_im_server";
const USERS: usize = 240;
const MESSAGES: usize = 2_000;
const SEED: u64 = 20220424;

/// `manager.secrets` of the shipped config, one per default admin: the CMS
/// login's credentials (docs/cms.md#cms-login).
pub const DEFAULT_ADMIN_SECRETS: [&str; 4] = ["openIM1", "openIM2", "openIM333", "openIMAdmin"];

/// Where the CMS API listens (docs/cms.md#cms-deploy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmsPort {
    /// No CMS listener.
    Off,
    /// This port; 0 picks a free one.
    Port(u16),
}

impl std::str::FromStr for CmsPort {
    type Err = String;

    fn from_str(s: &str) -> Result<CmsPort, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "no" | "none" | "false" => Ok(CmsPort::Off),
            n => n
                .parse()
                .map(CmsPort::Port)
                .map_err(|_| format!("expected a port number or `off`, got {s:?}")),
        }
    }
}

/// openim-sim: an in-memory stand-in for the OpenIM v2 admin REST API.
///
/// Every flag can also be set by the environment variable named beside it
/// (switches take 1/0, true/false, yes/no or on/off); a flag given on the
/// command line wins.
#[derive(Clone, Debug, PartialEq, Parser)]
#[command(name = "openim-sim", version)]
pub struct Config {
    /// Address to bind.
    #[arg(long, env = "OPENIM_SIM_HOST", default_value = HOST)]
    pub host: String,
    /// Port to bind; 0 picks a free one.
    #[arg(long, env = "OPENIM_SIM_PORT", default_value_t = PORT)]
    pub port: u16,
    /// The /auth/user_token secret (config `secret`).
    #[arg(long, env = "OPENIM_SIM_SECRET", default_value = SECRET)]
    pub secret: String,
    /// An admin userID (`manager.appManagerUid`); repeat the flag, or give
    /// a comma-separated list. Replaces the default list.
    #[arg(
        long = "admin",
        value_name = "ID",
        env = "OPENIM_SIM_ADMINS",
        value_delimiter = ',',
        value_parser = trimmed,
        default_values = DEFAULT_ADMINS
    )]
    pub admins: Vec<String>,
    /// The server release to play: 2.0.8, 2.0.10, 2.1.0, 2.2.0, 2.3.2 or
    /// 2.3.3 (docs/releases.md#release-routes).
    #[arg(long, env = "OPENIM_SIM_RELEASE", default_value_t = Release::V2_0_8)]
    pub release: Release,
    /// Token lifetime in days (`tokenpolicy.accessExpire`); unset, the
    /// release's default: 3650, or 90 from 2.3.2.
    #[arg(long, env = "OPENIM_SIM_TOKEN_TTL_DAYS")]
    pub token_ttl_days: Option<i64>,
    /// The JWT signing key (`tokenpolicy.accessSecret`).
    #[arg(long, env = "OPENIM_SIM_ACCESS_SECRET", default_value = ACCESS_SECRET)]
    pub access_secret: String,
    /// Demo users to generate; 0 = the admins only.
    #[arg(long, env = "OPENIM_SIM_USERS", default_value_t = USERS)]
    pub users: usize,
    /// Messages of the generated history (about 13 months up to start-up);
    /// none without demo users.
    #[arg(long, env = "OPENIM_SIM_MESSAGES", default_value_t = MESSAGES)]
    pub messages: usize,
    /// Port of the CMS API (`open_im_cms_api`, docs/cms.md#cms-deploy):
    /// a number (0 picks a free one) or `off`. Unset: the release's own,
    /// 8000 for 2.0.8 and 10006 after, skipped with a warning when taken.
    #[arg(long, value_name = "PORT|off", env = "OPENIM_SIM_CMS_PORT")]
    pub cms_port: Option<CmsPort>,
    /// No CMS at all: no listener (as `--cms-port off`), and nothing under
    /// `/cms/` or `/api/` beside the dashboard.
    #[arg(long, env = "OPENIM_SIM_NO_CMS", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub no_cms: bool,
    /// An admin's CMS login secret (`manager.secrets`), in the order of the
    /// admins; repeat the flag, or give a comma-separated list.
    #[arg(
        long = "admin-secret",
        value_name = "SECRET",
        env = "OPENIM_SIM_ADMIN_SECRETS",
        value_delimiter = ',',
        value_parser = trimmed,
        default_values = DEFAULT_ADMIN_SECRETS
    )]
    pub admin_secrets: Vec<String>,
    /// Seed of the demo data (the same seed makes the same data).
    #[arg(long, env = "OPENIM_SIM_SEED", default_value_t = SEED)]
    pub seed: u64,
    /// Serve a built dashboard from this folder for GET and HEAD.
    #[arg(long, value_name = "DIR", env = "OPENIM_SIM_DASHBOARD")]
    pub dashboard: Option<PathBuf>,
    /// Enable the /_sim/ test-control endpoints.
    #[arg(long, env = "OPENIM_SIM_CONTROL", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub control: bool,
    /// No per-request log lines.
    #[arg(long, env = "OPENIM_SIM_QUIET", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub quiet: bool,
}

/// The defaults, as a server embedded in a test starts (the environment is
/// not read: only the command line does that).
impl Default for Config {
    fn default() -> Self {
        Config {
            host: HOST.into(),
            port: PORT,
            secret: SECRET.into(),
            admins: DEFAULT_ADMINS.iter().map(|s| s.to_string()).collect(),
            release: Release::V2_0_8,
            token_ttl_days: None,
            access_secret: ACCESS_SECRET.into(),
            users: USERS,
            messages: MESSAGES,
            cms_port: None,
            no_cms: false,
            admin_secrets: DEFAULT_ADMIN_SECRETS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            seed: SEED,
            dashboard: None,
            control: false,
            quiet: false,
        }
    }
}

impl Config {
    /// The CMS listener's port: `None` when off; `Some((port, explicit))`,
    /// where a port that was not asked for is the release's own
    /// (docs/cms.md#cms-deploy, trap T26 in docs/cms.md#cms-traps).
    pub fn cms_listen_port(&self) -> Option<(u16, bool)> {
        if self.no_cms {
            return None;
        }
        match self.cms_port {
            Some(CmsPort::Off) => None,
            Some(CmsPort::Port(p)) => Some((p, true)),
            None if self.release == Release::V2_0_8 => Some((8000, false)),
            None => Some((10006, false)),
        }
    }

    /// The token lifetime in force: the flag, else the release's default.
    pub fn token_ttl(&self) -> i64 {
        self.token_ttl_days
            .unwrap_or_else(|| self.release.token_ttl_days())
    }
}

/// A listed admin ID without the spaces around it (`OPENIM_SIM_ADMINS="a, b"`).
fn trimmed(id: &str) -> Result<String, String> {
    Ok(id.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        let argv = std::iter::once("openim-sim").chain(args.iter().copied());
        Config::try_parse_from(argv).unwrap()
    }

    #[test]
    fn flags_override_defaults() {
        let c = parse(&[
            "--port",
            "0",
            "--admin=a",
            "--admin",
            "b",
            "--control",
            "--users=3",
        ]);
        assert_eq!(c.port, 0);
        assert_eq!(c.admins, vec!["a", "b"]);
        assert!(c.control);
        assert_eq!(c.users, 3);
        assert_eq!(parse(&["--admin", "x, y"]).admins, vec!["x", "y"]);
        let c = parse(&["--release", "v2.3.3"]);
        assert_eq!((c.release, c.token_ttl()), (Release::V2_3_3, 90));
        let c = parse(&["--release=2.3.3", "--token-ttl-days=7"]);
        assert_eq!(c.token_ttl(), 7);
        assert_eq!(parse(&[]).cms_listen_port(), Some((8000, false)));
        let c = parse(&["--release", "2.1.0"]);
        assert_eq!(c.cms_listen_port(), Some((10006, false)));
        assert_eq!(
            parse(&["--cms-port", "0"]).cms_listen_port(),
            Some((0, true))
        );
        assert_eq!(parse(&["--cms-port", "off"]).cms_listen_port(), None);
        assert_eq!(parse(&["--no-cms"]).cms_listen_port(), None);
        assert_eq!(parse(&["--messages", "7"]).messages, 7);
        assert_eq!(
            parse(&["--admin-secret", "a,b"]).admin_secrets,
            vec!["a", "b"]
        );
        assert_eq!(Config::default().token_ttl(), 3650);
    }

    #[test]
    fn no_flags_is_the_default() {
        // The test environment sets none of the OPENIM_SIM_* variables.
        assert_eq!(parse(&[]), Config::default());
    }

    #[test]
    fn bad_values_and_unknown_flags_are_refused() {
        let argv = |args: &[&str]| {
            let all = std::iter::once("openim-sim").chain(args.iter().copied());
            Config::try_parse_from(all).unwrap_err().to_string()
        };
        assert!(argv(&["--port", "x"]).contains("--port"));
        assert!(argv(&["--nope"]).contains("--nope"));
        assert!(argv(&["--release", "2.4.0"]).contains("2.0.8, 2.0.10"));
        assert!(argv(&["--cms-port", "x"]).contains("port number or `off`"));
    }
}
