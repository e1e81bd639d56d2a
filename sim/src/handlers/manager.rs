//! The `/manager/*` user routes (docs/api.md#users).

use super::{bind_or_400, operator_or_token_error, Call};
use crate::gojson::Go;
use crate::reply::Reply;
use crate::requests::{
    ACCOUNT_CHECK_REQ, DELETE_USERS_REQ, GET_ALL_USERS_UID_REQ, GET_USERS_ONLINE_STATUS_REQ,
};
use crate::sim::Sim;
use crate::token::platform_name;

/// docs/api.md#get-all-users-uid: every userID, admins included, in table order.
pub fn get_all_users_uid(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_ALL_USERS_UID_REQ);
    let op = operator_or_token_error!(sim, call, req);
    if !sim.is_admin(&op) {
        return Reply::with_data(801, "no permission", Go::Arr(vec![]));
    }
    let ids: Vec<&str> = sim.state.users.iter().map(|u| u.user_id.as_str()).collect();
    Reply::with_data(0, "", Go::strs(&ids))
}

/// docs/api.md#account-check: one entry per requested ID, in request order, duplicates kept.
pub fn account_check(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, ACCOUNT_CHECK_REQ);
    let op = operator_or_token_error!(sim, call, req);
    if !sim.is_admin(&op) {
        return Reply::with_data(801, "no permission", Go::Arr(vec![]));
    }
    let items = req
        .strs("checkUserIDList")
        .iter()
        .map(|id| {
            let status = if sim.state.user(id).is_some() {
                "registered"
            } else {
                "unregistered"
            };
            Go::obj()
                .str_omitempty("userID", id)
                .str_omitempty("accountStatus", status)
                .build()
        })
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}

/// docs/api.md#delete-user: hard delete of the user rows only; `data` lists the IDs that
/// failed (all of them for a non-admin).
pub fn delete_user(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, DELETE_USERS_REQ);
    let op = operator_or_token_error!(sim, call, req);
    let ids = req.strs("deleteUserIDList");
    if !sim.is_admin(&op) {
        return Reply::with_data(801, "no permission", Go::strs(&ids));
    }
    let failed: Vec<String> = ids
        .into_iter()
        .filter(|id| !sim.state.delete_user(id))
        .collect();
    if failed.is_empty() {
        Reply::with_data(0, "", Go::Arr(vec![]))
    } else {
        Reply::with_data(201, "some uid deleted failed", Go::strs(&failed))
    }
}

/// docs/api.md#get-users-online-status: a non-admin gets errCode 0 with everyone
/// offline, because the API drops relay replies whose errCode is not 0.
pub fn get_users_online_status(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_USERS_ONLINE_STATUS_REQ);
    let op = operator_or_token_error!(sim, call, req);
    let admin = sim.is_admin(&op);
    online_status(sim, &req.strs("userIDList"), admin)
}

/// The relay plus the API's merge loop. The relay answers one result per
/// requested ID that is online (duplicates included); the merge then gives
/// each requested ID the details of every matching result, so a duplicated
/// online ID lists its platforms once per occurrence, as v2.0.8 does.
pub fn online_status(sim: &Sim, ids: &[String], relay_accepts: bool) -> Reply {
    let relay: Vec<(&str, Vec<i64>)> = if relay_accepts {
        ids.iter()
            .map(|id| (id.as_str(), sim.state.online_platforms(id)))
            .filter(|(_, p)| !p.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let items = ids
        .iter()
        .map(|id| {
            let details: Vec<Go> = relay
                .iter()
                .filter(|(uid, _)| uid == id)
                .flat_map(|(_, platforms)| platforms.iter())
                .map(|p| {
                    Go::obj()
                        .str_omitempty("platform", platform_name(*p))
                        .field("status", Go::str("online"))
                        .build()
                })
                .collect();
            let status = if details.is_empty() {
                "offline"
            } else {
                "online"
            };
            let mut entry = Go::obj()
                .str_omitempty("userID", id)
                .field("status", Go::str(status));
            if !details.is_empty() {
                entry = entry.field("detailPlatformStatus", Go::Arr(details));
            }
            entry.build()
        })
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}
