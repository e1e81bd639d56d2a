//! Users: registration check, profiles, online status, deletion.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetAllUsersUidReq {}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountCheckReq {
    #[serde(rename = "checkUserIDList")]
    pub check_user_id_list: Vec<String>,
}

pub const REGISTERED: &str = "registered";
pub const UNREGISTERED: &str = "unregistered";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountStatus {
    #[serde(rename = "userID", default)]
    pub user_id: String,
    #[serde(rename = "accountStatus", default)]
    pub account_status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeleteUserReq {
    #[serde(rename = "deleteUserIDList")]
    pub delete_user_id_list: Vec<String>,
}

/// `data` of delete_user: the IDs that could NOT be deleted.
pub type DeleteUserFailed = Vec<String>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetUsersInfoReq {
    #[serde(rename = "userIDList")]
    pub user_id_list: Vec<String>,
}

/// A public profile; the server omits zero values (docs/api.md#get-users-info).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    #[serde(rename = "userID", default)]
    pub user_id: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(rename = "faceURL", default)]
    pub face_url: String,
    #[serde(default)]
    pub gender: i32,
    #[serde(default)]
    pub ex: String,
}

pub const GENDER_MALE: i32 = 1;
pub const GENDER_FEMALE: i32 = 2;

/// The server updates only non-zero fields (docs/api.md#update-user-info): an empty string
/// or 0 leaves the stored value as it is. Fields left `None` are not sent
/// at all, so a request says exactly what the operator changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateUserInfoReq {
    #[serde(rename = "userID")]
    pub user_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(rename = "faceURL", skip_serializing_if = "Option::is_none")]
    pub face_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<i32>,
    #[serde(rename = "phoneNumber", skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ex: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetUsersOnlineStatusReq {
    #[serde(rename = "userIDList")]
    pub user_id_list: Vec<String>,
}

pub const ONLINE: &str = "online";
pub const OFFLINE: &str = "offline";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OnlineStatus {
    #[serde(rename = "userID", default)]
    pub user_id: String,
    #[serde(default)]
    pub status: String,
    /// Absent for offline users.
    #[serde(rename = "detailPlatformStatus", default)]
    pub detail_platform_status: Vec<PlatformStatus>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlatformStatus {
    #[serde(default)]
    pub platform: String,
    #[serde(default)]
    pub status: String,
}

/// Platform IDs and names of v2 (docs/api.md#platforms).
pub const PLATFORMS: [(i32, &str); 7] = {
    let mut first = [(0, ""); 7];
    let mut i = 0;
    while i < first.len() {
        first[i] = PLATFORMS_V2_3_2[i];
        i += 1;
    }
    first
};

/// The platforms v2.3.2 and later name: 8 and 9 added.
pub const PLATFORMS_V2_3_2: [(i32, &str); 9] = [
    (1, "IOS"),
    (2, "Android"),
    (3, "Windows"),
    (4, "OSX"),
    (5, "Web"),
    (6, "MiniWeb"),
    (7, "Linux"),
    (8, "APad"),
    (9, "iPad"),
];

/// Only http(s) URLs from data may become an image source or a link.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_safe() {
        assert_eq!(safe_url("https://a/b.png"), Some("https://a/b.png"));
        assert_eq!(safe_url(" HTTP://a "), Some("HTTP://a"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("ic_avatar_05"), None);
        assert_eq!(safe_url("data:image/png;base64,xx"), None);
        assert_eq!(safe_url(""), None);
        assert_eq!(safe_url("http:"), None);
    }

    #[test]
    fn offline_entries_without_details_parse() {
        let s: OnlineStatus = serde_json::from_str(r#"{"userID":"u","status":"offline"}"#).unwrap();
        assert!(s.detail_platform_status.is_empty());
    }

    #[test]
    fn zero_valued_profile_fields_may_be_missing() {
        let u: UserInfo = serde_json::from_str(r#"{"userID":"u1","nickname":"bob"}"#).unwrap();
        assert_eq!((u.gender, u.face_url.as_str()), (0, ""));
    }
}
