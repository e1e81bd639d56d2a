//! Every route the dashboard calls, as the reference release (v2.0.8) has
//! it; `Release::route` says where a later release has each.

pub const USER_TOKEN: &str = "/auth/user_token";
/// v2.0.10+.
pub const PARSE_TOKEN: &str = "/auth/parse_token";
/// v2.1+.
pub const FORCE_LOGOUT: &str = "/auth/force_logout";

pub const GET_ALL_USERS_UID: &str = "/manager/get_all_users_uid";
pub const ACCOUNT_CHECK: &str = "/manager/account_check";
pub const DELETE_USER: &str = "/manager/delete_user";
pub const GET_USERS_ONLINE_STATUS: &str = "/manager/get_users_online_status";
pub const SEND_MSG: &str = "/manager/send_msg";
/// v2.1 only here; `/msg/` from v2.2 (docs/releases.md#batch-send-msg).
pub const BATCH_SEND_MSG: &str = "/manager/batch_send_msg";

pub const GET_USERS_INFO: &str = "/user/get_users_info";
/// v2.3.2+.
pub const GET_USERS: &str = "/user/get_users";
pub const UPDATE_USER_INFO: &str = "/user/update_user_info";

pub const IMPORT_FRIEND: &str = "/friend/import_friend";
pub const ADD_BLACK: &str = "/friend/add_black";

pub const CREATE_GROUP: &str = "/group/create_group";
pub const INVITE_USER_TO_GROUP: &str = "/group/invite_user_to_group";
pub const KICK_GROUP: &str = "/group/kick_group";
pub const GET_GROUPS_INFO: &str = "/group/get_groups_info";
pub const GET_GROUP_ALL_MEMBER_LIST: &str = "/group/get_group_all_member_list";
pub const GET_JOINED_GROUP_LIST: &str = "/group/get_joined_group_list";
pub const DISMISS_GROUP: &str = "/group/dismiss_group";
pub const SET_GROUP_INFO: &str = "/group/set_group_info";
pub const TRANSFER_GROUP: &str = "/group/transfer_group";
pub const MUTE_GROUP_MEMBER: &str = "/group/mute_group_member";
pub const CANCEL_MUTE_GROUP_MEMBER: &str = "/group/cancel_mute_group_member";
pub const MUTE_GROUP: &str = "/group/mute_group";
pub const CANCEL_MUTE_GROUP: &str = "/group/cancel_mute_group";
/// v2.1+.
pub const SET_GROUP_MEMBER_INFO: &str = "/group/set_group_member_info";

pub const GET_FRIEND_LIST: &str = "/friend/get_friend_list";
pub const GET_BLACK_LIST: &str = "/friend/get_black_list";
pub const REMOVE_BLACK: &str = "/friend/remove_black";
pub const DELETE_FRIEND: &str = "/friend/delete_friend";

/// A request of the admin API: the route it is posted to and the type its
/// answer's `data` decodes to. Pages send a request value and get that
/// type back; no page names a route.
pub trait Endpoint: serde::Serialize {
    const PATH: &'static str;
    type Resp: serde::de::DeserializeOwned + Default;
}

macro_rules! endpoints {
    ($($req:ty => $path:ident, $resp:ty;)*) => {
        $(impl Endpoint for $req {
            const PATH: &'static str = $path;
            type Resp = $resp;
        })*
    };
}

use super::{auth, friend, group, msg, user};

// Answers are mostly read as JSON values and then by each type's
// `from_json`: one decoder for all of them costs less than one per type.
endpoints! {
    auth::UserTokenReq => USER_TOKEN, serde_json::Value;
    auth::ParseTokenReq => PARSE_TOKEN, serde_json::Value;
    auth::ForceLogoutReq => FORCE_LOGOUT, ();
    user::GetAllUsersUidReq => GET_ALL_USERS_UID, Vec<String>;
    user::AccountCheckReq => ACCOUNT_CHECK, Vec<serde_json::Value>;
    // errCode 201 carries the IDs not deleted (docs/api.md#delete-user).
    user::DeleteUserReq => DELETE_USER, user::DeleteUserFailed;
    user::GetUsersOnlineStatusReq => GET_USERS_ONLINE_STATUS, Vec<serde_json::Value>;
    user::GetUsersInfoReq => GET_USERS_INFO, Vec<serde_json::Value>;
    user::GetUsersReq => GET_USERS, serde_json::Value;
    user::UpdateUserInfoReq => UPDATE_USER_INFO, ();
    friend::ImportFriendReq => IMPORT_FRIEND, Option<Vec<friend::UserIdResult>>;
    // add_black answers without `data` (docs/api.md#add-black).
    friend::AddBlackReq => ADD_BLACK, ();
    group::CreateGroupReq => CREATE_GROUP, serde_json::Value;
    group::InviteUserToGroupReq => INVITE_USER_TO_GROUP, Option<Vec<friend::UserIdResult>>;
    group::KickGroupReq => KICK_GROUP, Option<Vec<friend::UserIdResult>>;
    msg::SendMsgReq => SEND_MSG, serde_json::Value;
    // Records are read as JSON values (one decoder for all of them).
    group::GetGroupsInfoReq => GET_GROUPS_INFO, Vec<serde_json::Value>;
    group::GetGroupAllMemberListReq => GET_GROUP_ALL_MEMBER_LIST, Vec<serde_json::Value>;
    group::GetJoinedGroupListReq => GET_JOINED_GROUP_LIST, Vec<serde_json::Value>;
    group::DismissGroupReq => DISMISS_GROUP, ();
    group::SetGroupInfoReq => SET_GROUP_INFO, ();
    group::TransferGroupReq => TRANSFER_GROUP, ();
    group::MuteGroupMemberReq => MUTE_GROUP_MEMBER, ();
    group::CancelMuteGroupMemberReq => CANCEL_MUTE_GROUP_MEMBER, ();
    group::MuteGroupReq => MUTE_GROUP, ();
    group::CancelMuteGroupReq => CANCEL_MUTE_GROUP, ();
    group::SetGroupMemberInfoReq => SET_GROUP_MEMBER_INFO, ();
    friend::GetFriendListReq => GET_FRIEND_LIST, Vec<serde_json::Value>;
    // Public profiles, not blacklist rows (docs/readback.md#get-black-list).
    friend::GetBlackListReq => GET_BLACK_LIST, Vec<serde_json::Value>;
    friend::RemoveBlackReq => REMOVE_BLACK, ();
    friend::DeleteFriendReq => DELETE_FRIEND, ();
}

/// A request as its route and JSON body, ready to send: code that sends
/// many kinds of request is compiled once, not once per kind.
pub type Encoded = (&'static str, Result<String, serde_json::Error>);

pub fn encode<E: Endpoint>(req: &E) -> Encoded {
    (E::PATH, serde_json::to_string(req))
}

/// Server-side list caps (docs/api.md#account-check and
/// docs/api.md#get-users-online-status): larger lists are refused with HTTP
/// 400, so the client splits them.
pub const ACCOUNT_CHECK_MAX: usize = 100;
pub const ONLINE_STATUS_MAX: usize = 200;

/// Joins a server base URL (may be empty for same-origin, may end in `/`)
/// with an endpoint path.
pub fn url(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_joins_without_double_slash() {
        assert_eq!(url("", ACCOUNT_CHECK), "/manager/account_check");
        assert_eq!(
            url("http://im.example:10000/", USER_TOKEN),
            "http://im.example:10000/auth/user_token"
        );
        assert_eq!(
            url("https://a/b", KICK_GROUP),
            "https://a/b/group/kick_group"
        );
    }
}
