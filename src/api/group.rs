//! Groups: creation and membership.

use serde::{Deserialize, Serialize};

pub use super::friend::UserIdResult;

/// Group roles (docs/api.md#group-roles).
pub const ROLE_ORDINARY: i32 = 1;
pub const ROLE_OWNER: i32 = 2;
pub const ROLE_ADMIN: i32 = 3;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupAddMemberInfo {
    #[serde(rename = "userID")]
    pub user_id: String,
    #[serde(rename = "roleLevel")]
    pub role_level: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateGroupReq {
    #[serde(rename = "ownerUserID")]
    pub owner_user_id: String,
    #[serde(rename = "groupType")]
    pub group_type: i32,
    #[serde(rename = "groupName")]
    pub group_name: String,
    pub notification: String,
    pub introduction: String,
    #[serde(rename = "faceURL")]
    pub face_url: String,
    pub ex: String,
    #[serde(rename = "memberList")]
    pub member_list: Vec<GroupAddMemberInfo>,
    /// An ID of the operator's choosing (v2.0.10+,
    /// docs/releases.md#release-create-group); empty: the server picks one.
    #[serde(rename = "groupID", default, skip_serializing_if = "String::is_empty")]
    pub group_id: String,
}

/// The created group; zero values are omitted by the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupInfo {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "groupName")]
    pub group_name: String,
    pub notification: String,
    pub introduction: String,
    #[serde(rename = "faceURL")]
    pub face_url: String,
    #[serde(rename = "ownerUserID")]
    pub owner_user_id: String,
    #[serde(rename = "createTime")]
    pub create_time: u32,
    #[serde(rename = "memberCount")]
    pub member_count: u32,
    pub ex: String,
    pub status: i32,
    #[serde(rename = "creatorUserID")]
    pub creator_user_id: String,
    #[serde(rename = "groupType")]
    pub group_type: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteUserToGroupReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "invitedUserIDList")]
    pub invited_user_id_list: Vec<String>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KickGroupReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "kickedUserIDList")]
    pub kicked_user_id_list: Vec<String>,
    pub reason: String,
}
