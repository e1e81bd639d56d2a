//! One function per route, shared by every release that has it. Each
//! follows the real handler's order: bind, token, then the RPC's checks
//! (docs/api.md#request-order).

pub mod auth;
pub mod friend;
pub mod group;
pub mod group_read;
pub mod group_write;
pub mod manager;
pub mod msg;
pub mod user;

use crate::faults::endpoint_name;
use crate::release::Release;
use crate::reply::Reply;
use crate::sim::Sim;

/// What a handler gets from the HTTP request.
pub struct Call {
    /// The `token` header; absent reads as "" like Go's `Header.Get`.
    pub token: String,
    pub body: Vec<u8>,
}

pub type Handler = fn(&mut Sim, &Call) -> Reply;

/// A POST route and the releases that have it: from `from` up to, not
/// including, `until` (docs/releases.md#release-routes).
pub struct Route {
    pub path: &'static str,
    pub handler: Handler,
    pub from: Release,
    pub until: Option<Release>,
}

impl Route {
    pub fn in_release(&self, release: Release) -> bool {
        release >= self.from && self.until.is_none_or(|u| release < u)
    }
}

const fn all(path: &'static str, handler: Handler) -> Route {
    since(path, handler, Release::V2_0_8)
}

const fn since(path: &'static str, handler: Handler, from: Release) -> Route {
    Route {
        path,
        handler,
        from,
        until: None,
    }
}

const fn span(path: &'static str, handler: Handler, from: Release, until: Release) -> Route {
    Route {
        path,
        handler,
        from,
        until: Some(until),
    }
}

use Release::{V2_0_10, V2_0_8, V2_1_0, V2_2_0, V2_3_2};

/// Every POST route of `cmd/open_im_api/main.go` that this server has, in
/// every release it plays.
pub const ROUTES: &[Route] = &[
    all("/auth/user_token", auth::user_token),
    since("/auth/parse_token", auth::parse_token, V2_0_10),
    since("/auth/force_logout", auth::force_logout, V2_1_0),
    span(
        "/manager/get_all_users_uid",
        manager::get_all_users_uid,
        V2_0_8,
        V2_2_0,
    ),
    since(
        "/user/get_all_users_uid",
        manager::get_all_users_uid,
        V2_2_0,
    ),
    span(
        "/manager/account_check",
        manager::account_check,
        V2_0_8,
        V2_2_0,
    ),
    since("/user/account_check", manager::account_check, V2_2_0),
    span("/manager/delete_user", manager::delete_user, V2_0_8, V2_3_2),
    span(
        "/manager/get_users_online_status",
        manager::get_users_online_status,
        V2_0_8,
        V2_2_0,
    ),
    span("/manager/send_msg", msg::send_msg, V2_0_8, V2_2_0),
    since("/msg/manage_send_msg", msg::send_msg, V2_2_0),
    span(
        "/manager/batch_send_msg",
        msg::batch_send_msg,
        V2_1_0,
        V2_2_0,
    ),
    since("/msg/batch_send_msg", msg::batch_send_msg, V2_2_0),
    since(
        "/msg/check_msg_is_send_success",
        msg::check_msg_is_send_success,
        V2_3_2,
    ),
    since("/msg/set_msg_min_seq", msg::set_msg_min_seq, V2_3_2),
    all(
        "/user/get_users_online_status",
        user::get_users_online_status,
    ),
    all("/user/get_users_info", user::get_users_info),
    all("/user/update_user_info", user::update_user_info),
    since("/user/get_users", user::get_users, V2_3_2),
    all("/friend/import_friend", friend::import_friend),
    all("/friend/add_black", friend::add_black),
    all("/group/create_group", group::create_group),
    all("/group/invite_user_to_group", group::invite_user_to_group),
    all("/group/kick_group", group::kick_group),
    // Reading back and undoing (docs/readback.md#readback-summary).
    all("/group/get_groups_info", group_read::get_groups_info),
    all(
        "/group/get_group_all_member_list",
        group_read::get_group_all_member_list,
    ),
    all(
        "/group/get_group_members_info",
        group_read::get_group_members_info,
    ),
    span(
        "/group/get_group_member_list",
        group_read::get_group_member_list,
        V2_0_8,
        V2_3_2,
    ),
    all(
        "/group/get_joined_group_list",
        group_read::get_joined_group_list,
    ),
    since(
        "/group/get_group_abstract_info",
        group_read::get_group_abstract_info,
        V2_3_2,
    ),
    all("/group/dismiss_group", group_write::dismiss_group),
    all("/group/set_group_info", group_write::set_group_info),
    all("/group/transfer_group", group_write::transfer_group),
    all("/group/mute_group_member", group_write::mute_group_member),
    all(
        "/group/cancel_mute_group_member",
        group_write::cancel_mute_group_member,
    ),
    all("/group/mute_group", group_write::mute_group),
    all("/group/cancel_mute_group", group_write::cancel_mute_group),
    since(
        "/group/set_group_member_info",
        group_write::set_group_member_info,
        V2_1_0,
    ),
    all("/group/quit_group", group_write::quit_group),
    all("/friend/get_friend_list", friend::get_friend_list),
    all("/friend/get_black_list", friend::get_black_list),
    all("/friend/remove_black", friend::remove_black),
    all("/friend/delete_friend", friend::delete_friend),
    all("/friend/is_friend", friend::is_friend),
    all("/friend/add_friend", friend::add_friend),
    all("/friend/set_friend_remark", friend::set_friend_remark),
    all("/user/get_self_user_info", user::get_self_user_info),
];

/// The handler of `path` in `release`, if that release has the route.
pub fn route(path: &str, release: Release) -> Option<Handler> {
    ROUTES
        .iter()
        .find(|r| r.path == path && r.in_release(release))
        .map(|r| r.handler)
}

/// Whether some route of `release` ends in `name`.
pub fn is_endpoint(name: &str, release: Release) -> bool {
    ROUTES
        .iter()
        .any(|r| r.in_release(release) && endpoint_name(r.path) == name)
}

/// Binds the body or returns the 400 reply.
macro_rules! bind_or_400 {
    ($call:expr, $def:expr) => {
        match crate::bind::bind(&$call.body, &$def) {
            Ok(obj) => obj,
            Err(e) => return crate::reply::Reply::bind_error(e),
        }
    };
}

/// Resolves the operator from the token or returns the token-failure reply
/// (docs/releases.md#release-token-status); `$from_2_2` is the route's
/// (HTTP status, errCode) from v2.2.0, by default 400/500.
macro_rules! operator_or_token_error {
    ($sim:expr, $call:expr, $req:expr) => {
        operator_or_token_error!($sim, $call, $req, crate::reply::TOKEN_400_500)
    };
    ($sim:expr, $call:expr, $req:expr, $from_2_2:expr) => {
        match $sim.operator(&$call.token, &$req.str("operationID"), $from_2_2) {
            Ok(uid) => uid,
            Err(reply) => return reply,
        }
    };
}

/// After the group service has crashed (docs/readback.md#readback-traps, trap 6),
/// every call that reaches it fails as an RPC failure does: HTTP 500,
/// errCode 500 (`Reply::rpc_failed`), after the API's own bind and token
/// checks, until `POST /_sim/restart_group_service`.
macro_rules! group_service_or_500 {
    ($sim:expr, $path:expr) => {
        if $sim.group_service_down {
            return crate::reply::Reply::rpc_failed($path);
        }
    };
}

pub(crate) use bind_or_400;
pub(crate) use group_service_or_500;
pub(crate) use operator_or_token_error;
