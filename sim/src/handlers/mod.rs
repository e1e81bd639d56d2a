//! One function per v2.0.8 route. Each follows the real handler's order:
//! bind, token, then the RPC's checks (docs/api.md#request-order).

pub mod auth;
pub mod friend;
pub mod group;
pub mod manager;
pub mod msg;
pub mod user;

use crate::faults::endpoint_name;
use crate::reply::Reply;
use crate::sim::Sim;

/// What a handler gets from the HTTP request.
pub struct Call {
    /// The `token` header; absent reads as "" like Go's `Header.Get`.
    pub token: String,
    pub body: Vec<u8>,
}

pub type Handler = fn(&mut Sim, &Call) -> Reply;

/// The POST routes of `cmd/open_im_api/main.go@v2.0.8` that this server has.
pub const ROUTES: [(&str, Handler); 14] = [
    ("/auth/user_token", auth::user_token),
    ("/manager/get_all_users_uid", manager::get_all_users_uid),
    ("/manager/account_check", manager::account_check),
    ("/manager/delete_user", manager::delete_user),
    (
        "/manager/get_users_online_status",
        manager::get_users_online_status,
    ),
    ("/manager/send_msg", msg::send_msg),
    (
        "/user/get_users_online_status",
        user::get_users_online_status,
    ),
    ("/user/get_users_info", user::get_users_info),
    ("/user/update_user_info", user::update_user_info),
    ("/friend/import_friend", friend::import_friend),
    ("/friend/add_black", friend::add_black),
    ("/group/create_group", group::create_group),
    ("/group/invite_user_to_group", group::invite_user_to_group),
    ("/group/kick_group", group::kick_group),
];

pub fn route(path: &str) -> Option<Handler> {
    ROUTES.iter().find(|(p, _)| *p == path).map(|(_, h)| *h)
}

/// Whether some route ends in `name`.
pub fn is_endpoint(name: &str) -> bool {
    ROUTES.iter().any(|(p, _)| endpoint_name(p) == name)
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

/// Resolves the operator from the token or returns the 500 reply.
macro_rules! operator_or_500 {
    ($sim:expr, $call:expr) => {
        match $sim.user_id_from_token(&$call.token) {
            Some(uid) => uid,
            None => return crate::reply::Reply::token_error(),
        }
    };
}

pub(crate) use bind_or_400;
pub(crate) use operator_or_500;
