//! `/auth/user_token`: exchanging the shared secret for an admin token.

use serde::{Deserialize, Serialize};

/// Platform the docs tell admins to use; v2 has no admin platform
/// (docs/api.md#admins), any of 1..=8 works.
pub const ADMIN_PLATFORM: i32 = 8;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserTokenReq {
    pub secret: String,
    pub platform: i32,
    #[serde(rename = "userID")]
    pub user_id: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserTokenResp {
    #[serde(rename = "userID", default)]
    pub user_id: String,
    #[serde(default)]
    pub token: String,
    /// Absolute Unix seconds (docs/api.md#token-lifetime), not a duration.
    #[serde(rename = "expiredTime", default)]
    pub expired_time: i64,
}

impl UserTokenResp {
    pub fn from_json(v: &serde_json::Value) -> UserTokenResp {
        use super::group::{number, text};
        UserTokenResp {
            user_id: text(v, "userID"),
            token: text(v, "token"),
            expired_time: number(v, "expiredTime"),
        }
    }
}

/// `/auth/parse_token` (v2.0.10+): the expiry of the token in the header
/// (docs/releases.md#parse-token).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ParseTokenReq {}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ParseTokenResp {
    /// Absolute Unix seconds; the server spells the key with capitals.
    #[serde(rename = "ExpireTimeSeconds", default)]
    pub expire_time_seconds: i64,
}

/// `/auth/force_logout` (v2.1+): ends one user's connection on one
/// platform (docs/releases.md#force-logout).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForceLogoutReq {
    pub platform: i32,
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

/// What the login form checks before anything is sent, mirroring the
/// server's binding (`secret` max 32, `userID` 1..=64, `platform` 1..=8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginProblem {
    SecretMissing,
    SecretTooLong,
    UserIdMissing,
    UserIdTooLong,
    PlatformOutOfRange,
    ServerUrlInvalid,
}

pub fn check_login(server: &str, secret: &str, user_id: &str, platform: i32) -> Vec<LoginProblem> {
    let mut problems = Vec::new();
    let server = server.trim();
    if !server.is_empty() && super::user::safe_url(server).is_none() {
        problems.push(LoginProblem::ServerUrlInvalid);
    }
    if secret.is_empty() {
        problems.push(LoginProblem::SecretMissing);
    } else if secret.chars().count() > 32 {
        problems.push(LoginProblem::SecretTooLong);
    }
    let user_id = user_id.trim();
    if user_id.is_empty() {
        problems.push(LoginProblem::UserIdMissing);
    } else if user_id.chars().count() > 64 {
        problems.push(LoginProblem::UserIdTooLong);
    }
    if !(1..=8).contains(&platform) {
        problems.push(LoginProblem::PlatformOutOfRange);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use LoginProblem::*;

    #[test]
    fn parse_token_and_force_logout_use_the_servers_names() {
        let resp: ParseTokenResp =
            serde_json::from_str(r#"{"ExpireTimeSeconds":1982649600}"#).unwrap();
        assert_eq!(resp.expire_time_seconds, 1_982_649_600);
        assert_eq!(serde_json::to_string(&ParseTokenReq {}).unwrap(), "{}");
        let req = ForceLogoutReq {
            platform: 1,
            from_user_id: "u2".into(),
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"platform":1,"fromUserID":"u2"}"#
        );
    }

    #[test]
    fn a_good_login_has_no_problems() {
        assert!(check_login("", "tuoyun", "openIM123456", 8).is_empty());
        assert!(check_login("https://im.example.com", "s", "a", 1).is_empty());
    }

    #[test]
    fn each_field_is_checked() {
        assert_eq!(
            check_login("", "", "", 0),
            [SecretMissing, UserIdMissing, PlatformOutOfRange]
        );
        assert_eq!(
            check_login("ftp://x", &"s".repeat(33), &"u".repeat(65), 9),
            [
                ServerUrlInvalid,
                SecretTooLong,
                UserIdTooLong,
                PlatformOutOfRange
            ]
        );
        assert_eq!(check_login("", "s", "   ", 8), [UserIdMissing]);
    }
}
