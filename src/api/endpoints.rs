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

endpoints! {
    auth::UserTokenReq => USER_TOKEN, auth::UserTokenResp;
    auth::ParseTokenReq => PARSE_TOKEN, auth::ParseTokenResp;
    auth::ForceLogoutReq => FORCE_LOGOUT, ();
    user::GetAllUsersUidReq => GET_ALL_USERS_UID, Vec<String>;
    user::AccountCheckReq => ACCOUNT_CHECK, Vec<user::AccountStatus>;
    // errCode 201 carries the IDs not deleted (docs/api.md#delete-user).
    user::DeleteUserReq => DELETE_USER, user::DeleteUserFailed;
    user::GetUsersOnlineStatusReq => GET_USERS_ONLINE_STATUS, Vec<user::OnlineStatus>;
    user::GetUsersInfoReq => GET_USERS_INFO, Vec<user::UserInfo>;
    user::GetUsersReq => GET_USERS, user::GetUsersResp;
    user::UpdateUserInfoReq => UPDATE_USER_INFO, ();
    friend::ImportFriendReq => IMPORT_FRIEND, Option<Vec<friend::UserIdResult>>;
    // add_black answers without `data` (docs/api.md#add-black).
    friend::AddBlackReq => ADD_BLACK, ();
    group::CreateGroupReq => CREATE_GROUP, group::GroupInfo;
    group::InviteUserToGroupReq => INVITE_USER_TO_GROUP, Option<Vec<friend::UserIdResult>>;
    group::KickGroupReq => KICK_GROUP, Option<Vec<friend::UserIdResult>>;
    msg::SendMsgReq => SEND_MSG, msg::SendMsgResp;
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
