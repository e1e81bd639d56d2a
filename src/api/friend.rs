//! Friendships and blacklists.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportFriendReq {
    #[serde(rename = "friendUserIDList")]
    pub friend_user_id_list: Vec<String>,
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

/// Per-ID outcome of batch calls: `result` 0 ok, -1 failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserIdResult {
    #[serde(rename = "userID", default)]
    pub user_id: String,
    #[serde(default)]
    pub result: i32,
}

impl UserIdResult {
    pub fn from_json(v: &serde_json::Value) -> UserIdResult {
        UserIdResult {
            user_id: super::group::text(v, "userID"),
            result: super::group::number(v, "result") as i32,
        }
    }

    pub fn ok(&self) -> bool {
        self.result == 0
    }
}

/// `fromUserID` blacklists `toUserID`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddBlackReq {
    #[serde(rename = "toUserID")]
    pub to_user_id: String,
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

/// A friend's or blacklist's owner: get_friend_list, get_black_list
/// (docs/readback.md#readback-friends).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GetFriendListReq {
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GetBlackListReq {
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

/// A friend record: no friend ID at its top, only in `friendUser`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FriendInfo {
    pub remark: String,
    pub create_time: i64,
    pub friend_user: super::user::UserInfo,
}

impl FriendInfo {
    pub fn from_json(v: &serde_json::Value) -> FriendInfo {
        use super::group::{number, text};
        FriendInfo {
            remark: text(v, "remark"),
            create_time: number(v, "createTime"),
            friend_user: super::user::UserInfo::from_json(&v["friendUser"]),
        }
    }
}

/// docs/readback.md#remove-black, docs/readback.md#delete-friend (one
/// direction a call).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RemoveBlackReq {
    #[serde(rename = "toUserID")]
    pub to_user_id: String,
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeleteFriendReq {
    #[serde(rename = "toUserID")]
    pub to_user_id: String,
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}
