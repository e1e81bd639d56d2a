//! Groups: creation, membership, and the reads and writes that show and
//! undo them (docs/readback.md#readback-groups).

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

/// A group record; the server omits zero values
/// (docs/readback.md#readback-groups).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
    /// v2.2.0+.
    #[serde(rename = "needVerification")]
    pub need_verification: i32,
    /// The 2.3 line.
    #[serde(rename = "lookMemberInfo")]
    pub look_member_info: i32,
    #[serde(rename = "applyMemberFriend")]
    pub apply_member_friend: i32,
}

/// A record's text and number fields, missing ones as zero.
pub(crate) fn text(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

pub(crate) fn number(v: &serde_json::Value, key: &str) -> i64 {
    v[key].as_i64().unwrap_or_default()
}

impl GroupInfo {
    pub fn from_json(v: &serde_json::Value) -> GroupInfo {
        let n = |key| number(v, key) as i32;
        GroupInfo {
            group_id: text(v, "groupID"),
            group_name: text(v, "groupName"),
            notification: text(v, "notification"),
            introduction: text(v, "introduction"),
            face_url: text(v, "faceURL"),
            owner_user_id: text(v, "ownerUserID"),
            create_time: number(v, "createTime") as u32,
            member_count: number(v, "memberCount") as u32,
            ex: text(v, "ex"),
            status: n("status"),
            creator_user_id: text(v, "creatorUserID"),
            group_type: n("groupType"),
            need_verification: n("needVerification"),
            look_member_info: n("lookMemberInfo"),
            apply_member_friend: n("applyMemberFriend"),
        }
    }
}

/// create_group's answer is read through a JSON value too: records share
/// that decoder, where a derived one per record type costs about 2 KB of
/// wasm. What is missing or of another type reads as its zero value.
impl<'de> Deserialize<'de> for GroupInfo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(|v| GroupInfo::from_json(&v))
    }
}

/// Group status (docs/readback.md#readback-groups); a missing key is 0.
pub const STATUS_NORMAL: i32 = 0;
pub const STATUS_DISMISSED: i32 = 2;
pub const STATUS_MUTED: i32 = 3;

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

/// docs/readback.md#get-groups-info: unknown IDs are dropped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GetGroupsInfoReq {
    #[serde(rename = "groupIDList")]
    pub group_id_list: Vec<String>,
}

/// docs/readback.md#get-group-all-member-list. v2.3.2+ pages with
/// `offset` and `count`; without a count it stops at 1,000 members, so a
/// count is always sent there (docs/readback.md#readback-traps).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GetGroupAllMemberListReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// A member record; the server omits zero values, times are unix seconds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupMember {
    pub user_id: String,
    pub nickname: String,
    pub face_url: String,
    pub role_level: i32,
    pub join_time: i64,
    pub mute_end_time: i64,
}

impl GroupMember {
    pub fn from_json(v: &serde_json::Value) -> GroupMember {
        GroupMember {
            user_id: text(v, "userID"),
            nickname: text(v, "nickname"),
            face_url: text(v, "faceURL"),
            role_level: number(v, "roleLevel") as i32,
            join_time: number(v, "joinTime"),
            mute_end_time: number(v, "muteEndTime"),
        }
    }
}

/// docs/readback.md#get-joined-group-list: groups without an owner are
/// left out by the server.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GetJoinedGroupListReq {
    #[serde(rename = "fromUserID")]
    pub from_user_id: String,
}

/// A request naming only a group: dismiss, mute and unmute everyone.
macro_rules! group_only {
    ($($name:ident),*) => {$(
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct $name {
            #[serde(rename = "groupID")]
            pub group_id: String,
        }
    )*};
}

group_only!(DismissGroupReq, MuteGroupReq, CancelMuteGroupReq);

/// docs/readback.md#set-group-info: an empty field means "unchanged", so
/// only changed fields are sent and none can be cleared.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SetGroupInfoReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "groupName", skip_serializing_if = "String::is_empty")]
    pub group_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notification: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub introduction: String,
    #[serde(rename = "faceURL", skip_serializing_if = "String::is_empty")]
    pub face_url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ex: String,
}

/// docs/readback.md#transfer-group: checks nothing, so the caller names
/// the owner it read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TransferGroupReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "oldOwnerUserID")]
    pub old_owner_user_id: String,
    #[serde(rename = "newOwnerUserID")]
    pub new_owner_user_id: String,
}

/// docs/readback.md#mute-group-member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MuteGroupMemberReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "userID")]
    pub user_id: String,
    #[serde(rename = "mutedSeconds")]
    pub muted_seconds: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CancelMuteGroupMemberReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "userID")]
    pub user_id: String,
}

/// docs/readback.md#set-group-member-info (v2.1.0+): only the role.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetGroupMemberInfoReq {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "userID")]
    pub user_id: String,
    #[serde(rename = "roleLevel")]
    pub role_level: i32,
}
