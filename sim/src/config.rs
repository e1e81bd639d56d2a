//! Server settings: command-line flags with `OPENIM_SIM_*` environment
//! fallbacks. Defaults mirror v2.0.8's `config.yaml` (docs/api.md#admins).

use std::path::PathBuf;

/// The admin users the real server registers at startup (docs/api.md#admins).
pub const DEFAULT_ADMINS: [&str; 4] = ["openIM123456", "openIM654321", "openIM333", "openIMAdmin"];

#[derive(Clone, Debug)]
pub struct Config {
    /// Address to bind (`--host`).
    pub host: String,
    /// Port to bind (`--port`); 0 picks a free one.
    pub port: u16,
    /// Shared secret for `/auth/user_token` (`--secret`, config `secret`).
    pub secret: String,
    /// `manager.appManagerUid` (`--admin`, repeatable).
    pub admins: Vec<String>,
    /// `tokenpolicy.accessExpire`, in days (`--token-ttl-days`).
    pub token_ttl_days: i64,
    /// `tokenpolicy.accessSecret`, the JWT signing key (`--access-secret`).
    pub access_secret: String,
    /// Number of generated demo users (`--users`); 0 = admins only.
    pub users: usize,
    /// Seed for the demo data (`--seed`).
    pub seed: u64,
    /// Directory of a built dashboard to serve for GET/HEAD (`--dashboard`).
    pub dashboard: Option<PathBuf>,
    /// Enables the `/_sim/` test-control endpoints (`--control`).
    pub control: bool,
    /// No per-request log lines (`--quiet`).
    pub quiet: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 10000,
            secret: "tuoyun".into(),
            admins: DEFAULT_ADMINS.iter().map(|s| s.to_string()).collect(),
            token_ttl_days: 3650,
            access_secret: "open_im_server".into(),
            users: 240,
            seed: 20220424,
            dashboard: None,
            control: false,
            quiet: false,
        }
    }
}

pub const USAGE: &str = "\
openim-sim: in-memory stand-in for the OpenIM v2.0.8 admin REST API

USAGE: openim-sim [FLAGS]

  --host ADDR            address to bind               (OPENIM_SIM_HOST, default 127.0.0.1)
  --port N               port to bind, 0 = any free    (OPENIM_SIM_PORT, default 10000)
  --secret S             /auth/user_token secret       (OPENIM_SIM_SECRET, default tuoyun)
  --admin ID             admin userID, repeatable; replaces the default list
                         (OPENIM_SIM_ADMINS, comma-separated;
                          default openIM123456,openIM654321,openIM333,openIMAdmin)
  --token-ttl-days N     token lifetime in days        (OPENIM_SIM_TOKEN_TTL_DAYS, default 3650)
  --access-secret S      JWT signing key               (OPENIM_SIM_ACCESS_SECRET, default open_im_server)
  --users N              demo users to generate, 0 = admins only (OPENIM_SIM_USERS, default 240)
  --seed N               demo data seed                (OPENIM_SIM_SEED, default 20220424)
  --dashboard DIR        serve a built dashboard from DIR for GET/HEAD (OPENIM_SIM_DASHBOARD)
  --control              enable the /_sim/ test-control endpoints (OPENIM_SIM_CONTROL=1)
  --quiet                no per-request log lines      (OPENIM_SIM_QUIET=1)
  -h, --help             print this help
";

/// What the command line asked for.
pub enum Parsed {
    Run(Config),
    Help,
}

impl Config {
    /// Builds a config from `OPENIM_SIM_*` variables, then the flags.
    pub fn from_args<I: IntoIterator<Item = String>>(
        args: I,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Parsed, String> {
        let mut c = Config::default();
        if let Some(v) = env("OPENIM_SIM_HOST") {
            c.host = v;
        }
        if let Some(v) = env("OPENIM_SIM_PORT") {
            c.port = number("OPENIM_SIM_PORT", &v)?;
        }
        if let Some(v) = env("OPENIM_SIM_SECRET") {
            c.secret = v;
        }
        if let Some(v) = env("OPENIM_SIM_ADMINS") {
            c.admins = v
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        }
        if let Some(v) = env("OPENIM_SIM_TOKEN_TTL_DAYS") {
            c.token_ttl_days = number("OPENIM_SIM_TOKEN_TTL_DAYS", &v)?;
        }
        if let Some(v) = env("OPENIM_SIM_ACCESS_SECRET") {
            c.access_secret = v;
        }
        if let Some(v) = env("OPENIM_SIM_USERS") {
            c.users = number("OPENIM_SIM_USERS", &v)?;
        }
        if let Some(v) = env("OPENIM_SIM_SEED") {
            c.seed = number("OPENIM_SIM_SEED", &v)?;
        }
        if let Some(v) = env("OPENIM_SIM_DASHBOARD") {
            if !v.is_empty() {
                c.dashboard = Some(PathBuf::from(v));
            }
        }
        if let Some(v) = env("OPENIM_SIM_CONTROL") {
            c.control = truthy(&v);
        }
        if let Some(v) = env("OPENIM_SIM_QUIET") {
            c.quiet = truthy(&v);
        }

        let mut admins_from_flags: Vec<String> = Vec::new();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let value = |it: &mut I::IntoIter| -> Result<String, String> {
                match &inline {
                    Some(v) => Ok(v.clone()),
                    None => it.next().ok_or_else(|| format!("{name} needs a value")),
                }
            };
            match name.as_str() {
                "-h" | "--help" => return Ok(Parsed::Help),
                "--host" => c.host = value(&mut it)?,
                "--port" => c.port = number(&name, &value(&mut it)?)?,
                "--secret" => c.secret = value(&mut it)?,
                "--admin" => admins_from_flags.push(value(&mut it)?),
                "--token-ttl-days" => c.token_ttl_days = number(&name, &value(&mut it)?)?,
                "--access-secret" => c.access_secret = value(&mut it)?,
                "--users" => c.users = number(&name, &value(&mut it)?)?,
                "--seed" => c.seed = number(&name, &value(&mut it)?)?,
                "--dashboard" => c.dashboard = Some(PathBuf::from(value(&mut it)?)),
                "--control" => c.control = true,
                "--quiet" => c.quiet = true,
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        if !admins_from_flags.is_empty() {
            c.admins = admins_from_flags;
        }
        Ok(Parsed::Run(c))
    }
}

fn number<T: std::str::FromStr>(name: &str, v: &str) -> Result<T, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{name}: not a valid number: {v}"))
}

fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        match Config::from_args(args.iter().map(|s| s.to_string()), |_| None).unwrap() {
            Parsed::Run(c) => c,
            Parsed::Help => panic!("help"),
        }
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
        assert_eq!(parse(&[]).admins.len(), 4);
    }

    #[test]
    fn env_is_a_fallback() {
        let env = |k: &str| match k {
            "OPENIM_SIM_PORT" => Some("1234".to_string()),
            "OPENIM_SIM_ADMINS" => Some("x, y".to_string()),
            _ => None,
        };
        let Parsed::Run(c) =
            Config::from_args(vec!["--port".to_string(), "5".to_string()], env).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.port, 5);
        assert_eq!(c.admins, vec!["x", "y"]);
    }
}
