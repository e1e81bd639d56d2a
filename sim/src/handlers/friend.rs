//! The `/friend/*` routes (docs/api.md#import-friend, docs/api.md#add-black,
//! docs/readback.md#readback-friends). Every one but import_friend lets
//! an admin or `fromUserID` itself act.

use super::group_read::Pb;
use super::{bind_or_400, operator_or_token_error, Call};
use crate::gojson::Go;
use crate::release::Release;
use crate::reply::Reply;
use crate::requests::{
    ADD_BLACKLIST_REQ, ADD_FRIEND_REQ, DELETE_FRIEND_REQ, GET_BLACK_LIST_REQ, GET_FRIEND_LIST_REQ,
    IMPORT_FRIEND_REQ, IS_FRIEND_REQ, REMOVE_BLACKLIST_REQ, SET_FRIEND_REMARK_REQ,
    SET_FRIEND_REMARK_REQ_2_3,
};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::State;
use crate::state::{Friend, User};

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

/// A `FriendInfo` (docs/readback.md#get-friend-list): no friend ID at the
/// top, the friend's user record under `friendUser` with its `createTime`
/// and without `birth`. When the friend's user row is gone the copy stops
/// after the friend row's own columns (inferred from the code).
fn friend_record(sim: &Sim, f: &Friend) -> Go {
    let mut pb = Pb::default();
    pb.s("ownerUserID", &f.owner).s("remark", &f.remark);
    match sim.state.user(&f.friend) {
        Some(u) => {
            let user = user_record(u);
            pb.u32("createTime", f.create_time).put("friendUser", user);
        }
        None => {
            pb.put("friendUser", Go::map(vec![]));
        }
    }
    pb.map()
}

/// The friend's `UserInfo` as `FriendDBCopyOpenIM` fills it.
fn user_record(u: &User) -> Go {
    let mut pb = Pb::default();
    pb.s("userID", &u.user_id)
        .s("nickname", &u.nickname)
        .s("faceURL", &u.face_url)
        .i("gender", u.gender as i64)
        .s("phoneNumber", &u.phone_number)
        .s("email", &u.email)
        .s("ex", &u.ex)
        .i("appMangerLevel", u.app_manger_level as i64)
        .u32("createTime", u.create_time);
    pb.map()
}

/// docs/readback.md#get-friend-list: the whole list, in row order.
pub fn get_friend_list(sim: &mut Sim, call: &Call) -> Reply {
    owner_list(sim, call, &GET_FRIEND_LIST_REQ, |sim, from| {
        (sim.state.friends_of(from))
            .map(|f| friend_record(sim, f))
            .collect()
    })
}

/// docs/readback.md#get-black-list: public user records of the blocked
/// users that still exist, not blacklist entries.
pub fn get_black_list(sim: &mut Sim, call: &Call) -> Reply {
    owner_list(sim, call, &GET_BLACK_LIST_REQ, |sim, from| {
        (sim.state.blocked_by(from).iter())
            .filter_map(|id| sim.state.user(id))
            .map(super::user::public_user_info)
            .collect()
    })
}

/// A self-or-admin list of `fromUserID`'s rows; a refusal is 801 with an
/// empty list.
fn owner_list(
    sim: &mut Sim,
    call: &Call,
    def: &'static crate::bind::StructDef,
    items: fn(&Sim, &str) -> Vec<Go>,
) -> Reply {
    let req = bind_or_400!(call, *def);
    let op = operator_or_token_error!(sim, call, req);
    let from = req.str("fromUserID");
    if !sim.check_access(&op, &from) {
        return Reply::with_data(801, "no permission", Go::Arr(vec![]));
    }
    Reply::with_data(0, "", Go::Arr(items(sim, &from)))
}

/// docs/readback.md#remove-black: deletes the entry if there is one; 0 either way.
pub fn remove_black(sim: &mut Sim, call: &Call) -> Reply {
    delete_pair(sim, call, &REMOVE_BLACKLIST_REQ, State::delete_black)
}

/// docs/readback.md#delete-friend: one direction only
/// (docs/readback.md#readback-traps, trap 7); 0 even when there was none.
pub fn delete_friend(sim: &mut Sim, call: &Call) -> Reply {
    delete_pair(sim, call, &DELETE_FRIEND_REQ, State::delete_friend)
}

/// A self-or-admin delete of the row `fromUserID` → `toUserID`.
fn delete_pair(
    sim: &mut Sim,
    call: &Call,
    def: &'static crate::bind::StructDef,
    delete: fn(&mut State, &str, &str) -> bool,
) -> Reply {
    let req = bind_or_400!(call, *def);
    let op = operator_or_token_error!(sim, call, req);
    let from = req.str("fromUserID");
    if !sim.check_access(&op, &from) {
        return Reply::comm(801, "no permission");
    }
    delete(&mut sim.state, &from, &req.str("toUserID"));
    Reply::comm(0, "")
}

/// docs/readback.md#is-friend: whether `toUserID` is on `fromUserID`'s list;
/// the token failure carries errCode 400 from v2.2.0.
pub fn is_friend(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, IS_FRIEND_REQ);
    let op = operator_or_token_error!(sim, call, req, (400, 400));
    let from = req.str("fromUserID");
    let answer = |yes: bool| Go::obj().field("isFriend", Go::Bool(yes)).build();
    if !sim.check_access(&op, &from) {
        return Reply::with_data(801, "no permission", answer(false));
    }
    let yes = sim.state.is_friend(&from, &req.str("toUserID"));
    Reply::with_data(0, "", answer(yes))
}

/// docs/readback.md#add-friend: files (or overwrites) a request; makes no
/// friendship. An unknown `toUserID` is 802; errCode 400 on a token
/// failure from v2.2.0.
pub fn add_friend(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, ADD_FRIEND_REQ);
    let op = operator_or_token_error!(sim, call, req, (400, 400));
    let (from, to) = (req.str("fromUserID"), req.str("toUserID"));
    if !sim.check_access(&op, &from) {
        return Reply::comm(801, "no permission");
    }
    if sim.state.user(&to).is_none() {
        return Reply::comm(802, "db failed");
    }
    sim.state
        .put_friend_request(&from, &to, &req.str("reqMsg"), now_secs());
    Reply::comm(0, "")
}

/// docs/readback.md#set-friend-remark: `remark` is required up to v2.2.0, so
/// it can be cleared only on the 2.3 line; a non-friend is 0 with nothing
/// changed.
pub fn set_friend_remark(sim: &mut Sim, call: &Call) -> Reply {
    let def = if sim.config.release >= Release::V2_3_2 {
        &SET_FRIEND_REMARK_REQ_2_3
    } else {
        &SET_FRIEND_REMARK_REQ
    };
    let req = bind_or_400!(call, *def);
    let op = operator_or_token_error!(sim, call, req);
    let from = req.str("fromUserID");
    if !sim.check_access(&op, &from) {
        return Reply::comm(801, "no permission");
    }
    sim.state
        .set_friend_remark(&from, &req.str("toUserID"), &req.str("remark"));
    Reply::comm(0, "")
}
