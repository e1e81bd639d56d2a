//! The `/friend/*` routes (docs/api.md#import-friend, docs/api.md#add-black).

use super::{bind_or_400, operator_or_token_error, Call};
use crate::gojson::Go;
use crate::reply::Reply;
use crate::requests::{ADD_BLACKLIST_REQ, IMPORT_FRIEND_REQ};
use crate::rng::now_secs;
use crate::sim::Sim;

/// docs/api.md#import-friend: admins only (no "self" exception). On any top-level
/// error the API drops the per-item list, so `data` is `[]`.
pub fn import_friend(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, IMPORT_FRIEND_REQ);
    let op = operator_or_token_error!(sim, call, req);
    if !sim.is_admin(&op) {
        return Reply::with_data(801, "no permission", Go::Arr(vec![]));
    }
    let from = req.str("fromUserID");
    if sim.state.user(&from).is_none() {
        return Reply::with_data(
            802,
            "this user not exists,cant not add friend",
            Go::Arr(vec![]),
        );
    }
    let now = now_secs();
    let mut results = Vec::new();
    for id in req.strs("friendUserIDList") {
        let result = if sim.state.user(&id).is_none() {
            -1
        } else if sim.state.is_friend(&from, &id) {
            // Already friends: nothing changes, a missing reverse row is
            // not repaired.
            0
        } else if !sim.state.insert_friend(&from, &id, now) {
            -1
        } else if !sim.state.insert_friend(&id, &from, now) {
            // The reverse row already existed (or this is a self-import,
            // whose single row was just inserted): the second INSERT fails.
            -1
        } else {
            0
        };
        results.push(
            Go::obj()
                .field("userID", Go::str(&id))
                .field("result", Go::Int(result))
                .build(),
        );
    }
    Reply::with_data(0, "", Go::Arr(results))
}

/// docs/api.md#add-black: admin or the blocking user; duplicates hit the primary key (802);
/// neither user has to exist.
pub fn add_black(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, ADD_BLACKLIST_REQ);
    let op = operator_or_token_error!(sim, call, req);
    let from = req.str("fromUserID");
    if !sim.check_access(&op, &from) {
        return Reply::comm(801, "no permission");
    }
    if !sim
        .state
        .insert_black(&from, &req.str("toUserID"), now_secs())
    {
        return Reply::comm(802, "db failed");
    }
    Reply::comm(0, "")
}
