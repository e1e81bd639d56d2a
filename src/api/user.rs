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

impl AccountStatus {
    pub fn from_json(v: &serde_json::Value) -> AccountStatus {
        AccountStatus {
            user_id: super::group::text(v, "userID"),
            account_status: super::group::text(v, "accountStatus"),
        }
    }
}

impl OnlineStatus {
    /// Offline users come without `detailPlatformStatus`.
    pub fn from_json(v: &serde_json::Value) -> OnlineStatus {
        use super::group::text;
        OnlineStatus {
            user_id: text(v, "userID"),
            status: text(v, "status"),
            detail_platform_status: (v["detailPlatformStatus"].as_array().into_iter().flatten())
                .map(|p| PlatformStatus {
                    platform: text(p, "platform"),
                    status: text(p, "status"),
                })
                .collect(),
        }
    }
}

impl UserInfo {
    /// A public profile read as a JSON value (a blacklist entry, a friend).
    pub fn from_json(v: &serde_json::Value) -> UserInfo {
        use super::group::{number, text};
        UserInfo {
            user_id: text(v, "userID"),
            nickname: text(v, "nickname"),
            face_url: text(v, "faceURL"),
            gender: number(v, "gender") as i32,
            ex: text(v, "ex"),
        }
    }
}

/// `/user/get_users` (v2.3.2+, docs/releases.md#get-users): a page of
/// users, filtered by the first of `user_id` (exact), `user_name` (in the
/// nickname) or `content` (either) that is not empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GetUsersReq {
    #[serde(rename = "pageNumber")]
    pub page_number: u32,
    #[serde(rename = "showNumber")]
    pub show_number: u32,
    #[serde(rename = "userID", skip_serializing_if = "String::is_empty")]
    pub user_id: String,
    #[serde(rename = "userName", skip_serializing_if = "String::is_empty")]
    pub user_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub content: String,
}

/// Which filter of get_users a search text goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchBy {
    /// `content`: the userID exactly, or in the nickname.
    Any,
    UserId,
    /// `userName`: in the nickname.
    Name,
}

impl GetUsersReq {
    /// Page `page` of the users `text` finds; nothing typed lists everyone.
    pub fn search(text: &str, by: SearchBy, page: u32, per_page: u32) -> GetUsersReq {
        let text = text.trim().to_string();
        let mut req = GetUsersReq {
            page_number: page,
            show_number: per_page,
            ..Default::default()
        };
        match by {
            SearchBy::Any => req.content = text,
            SearchBy::UserId => req.user_id = text,
            SearchBy::Name => req.user_name = text,
        }
        req
    }
}

/// The users are kept as JSON and read by [`FullUserInfo::from_json`]:
/// serde's derived decoder for a list of them would cost 6 KB of wasm,
/// where JSON values decode with code the dashboard already has.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct GetUsersResp {
    /// A list, or `null` for an empty page.
    #[serde(rename = "userList")]
    pub user_list: serde_json::Value,
    /// Every match, not only this page.
    #[serde(rename = "totalNum")]
    pub total_num: u64,
}

impl GetUsersResp {
    pub fn from_json(v: &serde_json::Value) -> GetUsersResp {
        GetUsersResp {
            user_list: v["userList"].clone(),
            total_num: super::group::number(v, "totalNum").max(0) as u64,
        }
    }

    pub fn users(&self) -> Vec<FullUserInfo> {
        (self.user_list.as_array().into_iter().flatten())
            .map(FullUserInfo::from_json)
            .collect()
    }
}

/// The fuller profile get_users returns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FullUserInfo {
    pub user_id: String,
    pub nickname: String,
    pub face_url: String,
    pub gender: i64,
    pub phone_number: String,
    pub email: String,
    /// Unix seconds.
    pub create_time: i64,
}

impl FullUserInfo {
    /// One user of `userList`; what is missing reads as its zero value.
    pub fn from_json(user: &serde_json::Value) -> FullUserInfo {
        let text = |key: &str| user[key].as_str().unwrap_or_default().to_string();
        let number = |key: &str| user[key].as_i64().unwrap_or_default();
        FullUserInfo {
            user_id: text("userID"),
            nickname: text("nickname"),
            face_url: text("faceURL"),
            gender: number("gender"),
            phone_number: text("phoneNumber"),
            email: text("email"),
            create_time: number("createTime"),
        }
    }
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

    #[test]
    fn get_users_sends_only_its_filter_and_reads_the_documented_answer() {
        let req = GetUsersReq {
            page_number: 2,
            show_number: 50,
            content: "bob".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"pageNumber":2,"showNumber":50,"content":"bob"}"#
        );
        let answer = r#"{"userList":[{"userID":"u2","nickname":"bob","faceURL":"","gender":0,"phoneNumber":"+100","birth":0,"email":"","ex":"","createIp":"","createTime":1667200000,"LastLoginIp":"","LastLoginTime":0,"appMangerLevel":1,"globalRecvMsgOpt":0,"isBlock":false}],"totalNum":1,"currentPage":1,"showNumber":20}"#;
        let resp: GetUsersResp = serde_json::from_str(answer).unwrap();
        assert_eq!(resp.total_num, 1);
        let users = resp.users();
        assert_eq!(
            (
                users[0].user_id.as_str(),
                users[0].phone_number.as_str(),
                users[0].create_time
            ),
            ("u2", "+100", 1_667_200_000)
        );
        let empty: GetUsersResp =
            serde_json::from_str(r#"{"userList":null,"totalNum":0}"#).unwrap();
        assert!(empty.users().is_empty());
    }

    #[test]
    fn a_search_fills_only_the_chosen_filter() {
        let r = GetUsersReq::search(" bob ", SearchBy::Any, 3, 50);
        assert_eq!(
            (r.page_number, r.show_number, r.content.as_str()),
            (3, 50, "bob")
        );
        assert!(r.user_id.is_empty() && r.user_name.is_empty());
        assert_eq!(
            GetUsersReq::search("u1", SearchBy::UserId, 1, 20).user_id,
            "u1"
        );
        assert_eq!(
            GetUsersReq::search("al", SearchBy::Name, 1, 20).user_name,
            "al"
        );
        let everyone = GetUsersReq::search("  ", SearchBy::Any, 1, 20);
        assert_eq!(
            serde_json::to_string(&everyone).unwrap(),
            r#"{"pageNumber":1,"showNumber":20}"#
        );
    }
}
