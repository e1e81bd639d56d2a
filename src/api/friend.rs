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
