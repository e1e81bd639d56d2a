//! The `/group/*` routes (docs/api.md#groups).

use super::{bind_or_400, group_service_or_500, operator_or_token_error, Call};
use crate::bind::{Obj, StructDef};
use crate::gojson::Go;
use crate::release::Release;
use crate::reply::{gin_h, Reply};
use crate::requests::{
    CREATE_GROUP_REQ, CREATE_GROUP_REQ_2_0_10, CREATE_GROUP_REQ_2_3, INVITE_USER_TO_GROUP_REQ,
    KICK_GROUP_MEMBER_REQ,
};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::Group;

const OWNER: i32 = 2;
const GROUP_ADMIN: i32 = 3;

/// At most this many users per create/invite/kick call from v2.3
/// (docs/releases.md#release-limits).
const MAX_MEMBERS: usize = 100;

/// The v2.3 answer to a list over `MAX_MEMBERS`: HTTP 200, errCode 400.
fn too_many(sim: &Sim, op_id: &str, n: usize) -> Option<Reply> {
    (sim.config.release.is_2_3() && n > MAX_MEMBERS).then(|| {
        Reply::json(
            200,
            gin_h(400, &format!("{op_id} too many members {n}"), vec![]),
        )
    })
}

/// docs/api.md#create-group, docs/releases.md#release-create-group. The group row is written
/// before the owner is looked up, so an unknown owner leaves a half-created group behind.
pub fn create_group(sim: &mut Sim, call: &Call) -> Reply {
    let release = sim.config.release;
    let def = match release {
        Release::V2_0_8 => &CREATE_GROUP_REQ,
        r if r.is_2_3() => &CREATE_GROUP_REQ_2_3,
        _ => &CREATE_GROUP_REQ_2_0_10,
    };
    let req = bind_or_400!(call, *def);
    let members = req.structs("memberList");
    if let Some(reply) = too_many(sim, &req.str("operationID"), members.len()) {
        return reply;
    }
    let op = operator_or_token_error!(sim, call, req, (400, 400));
    group_service_or_500!(sim, "/group/create_group");
    let owner = req.str("ownerUserID");
    if !sim.check_access(&op, &owner) {
        return Reply::with_data(801, "no permission", Go::Null);
    }
    let now = now_secs();
    let chosen = req.str("groupID");
    let group_id = if chosen.is_empty() {
        sim.new_group_id()
    } else if sim.state.group(&chosen).is_some() {
        // The insert hits the primary key.
        return Reply::with_data(802, "db failed", Go::Null);
    } else {
        chosen
    };
    let name = req.str("groupName");
    let group = Group {
        group_id: group_id.clone(),
        group_name: if name.is_empty() {
            "Group Chat".into()
        } else {
            name
        },
        notification: req.str("notification"),
        introduction: req.str("introduction"),
        face_url: req.str("faceURL"),
        create_time: now,
        ex: req.str("ex"),
        status: 0,
        creator_user_id: op.clone(),
        group_type: req.int("groupType") as i32,
        ..Group::default()
    };
    sim.state.put_group(group.clone());
    // From v2.0.10 an admin may create a group without an owner row.
    if !owner.is_empty() || release == Release::V2_0_8 {
        if sim.state.user(&owner).is_none() {
            // The RPC returns a gRPC error; the API reports the transport failure.
            return Reply::json(500, gin_h(500, "call  rpc server failed", vec![]));
        }
        sim.state.insert_member(&group_id, &owner, OWNER, now);
    }
    for m in members.into_iter().flatten() {
        let (uid, role) = (m.str("userID"), m.int("roleLevel") as i32);
        if role == OWNER || sim.state.user(&uid).is_none() {
            continue; // "only one owner"; unknown users are skipped
        }
        sim.state.insert_member(&group_id, &uid, role, now);
    }
    let count = sim.state.member_count(&group_id) as i64;
    Reply::with_data(0, "", group_info(&group, &owner, count))
}

/// `GroupInfo` through jsonpb: sorted keys, zero values omitted. createTime
/// is lost in the copy from `time.Time` and never appears.
fn group_info(g: &Group, owner: &str, member_count: i64) -> Go {
    let mut fields: Vec<(String, Go)> = Vec::new();
    let mut s = |k: &str, v: &str| {
        if !v.is_empty() {
            fields.push((k.to_string(), Go::str(v)));
        }
    };
    s("groupID", &g.group_id);
    s("groupName", &g.group_name);
    s("notification", &g.notification);
    s("introduction", &g.introduction);
    s("faceURL", &g.face_url);
    s("ownerUserID", owner);
    s("ex", &g.ex);
    s("creatorUserID", &g.creator_user_id);
    for (k, v) in [
        ("memberCount", member_count),
        ("status", g.status as i64),
        ("groupType", g.group_type as i64),
    ] {
        if v != 0 {
            fields.push((k.to_string(), Go::Int(v)));
        }
    }
    Go::map(fields)
}

/// docs/api.md#invite-user-to-group; v2.3.2's binding panics on every call
/// (docs/releases.md#release-limits). `data` is null whenever there are no per-user results.
pub fn invite_user_to_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = match bind_member_list(sim, call, &INVITE_USER_TO_GROUP_REQ, "invitedUserIDList") {
        Ok(req) => req,
        Err(reply) => return reply,
    };
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, "/group/invite_user_to_group");
    let group_id = req.str("groupID");
    if sim.state.member(&group_id, &op).is_none() && !sim.is_admin(&op) {
        return Reply::with_data(801, "no permission", Go::Null);
    }
    let Some(group) = sim.state.group(&group_id) else {
        return Reply::with_data(802, "db failed", Go::Null);
    };
    if group.status == 2 {
        return Reply::with_data(804, " group status is dismissed ", Go::Null);
    }
    let now = now_secs();
    let mut results = Vec::new();
    for uid in req.strs("invitedUserIDList") {
        let ok = sim.state.user(&uid).is_some() && sim.state.insert_member(&group_id, &uid, 1, now);
        results.push(user_id_result(&uid, if ok { 0 } else { -1 }));
    }
    let data = if results.is_empty() {
        Go::Null
    } else {
        Go::Arr(results)
    };
    Reply::with_data(0, "", data)
}

/// docs/api.md#kick-group: owner/admins or an app manager may kick; before 2.3.3 the owner
/// can never be kicked; deleting a non-member "succeeds".
pub fn kick_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = match bind_member_list(sim, call, &KICK_GROUP_MEMBER_REQ, "kickedUserIDList") {
        Ok(req) => req,
        Err(reply) => return reply,
    };
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, "/group/kick_group");
    let group_id = req.str("groupID");
    // Members whose role is above 1, from the index rather than a scan.
    let managers: Vec<(String, i32)> = sim
        .state
        .special_members(&group_id)
        .into_iter()
        .filter(|(_, role)| *role > 1)
        .collect();
    if !managers.iter().any(|(uid, _)| *uid == op) && !sim.is_admin(&op) {
        return Reply::with_data(801, "no permission", Go::Arr(vec![]));
    }
    let kicked = req.strs("kickedUserIDList");
    if kicked.is_empty() {
        return Reply::with_data(803, "args failed", Go::Arr(vec![]));
    }
    let owner = managers
        .iter()
        .find(|(_, role)| *role == OWNER)
        .map(|(uid, _)| uid.clone())
        .unwrap_or_default();
    // 2.3.3 lets an app manager kick anyone, the owner included, and stops
    // a group admin from kicking another (docs/releases.md#release-limits).
    let v2_3_3 = sim.config.release >= Release::V2_3_3;
    let app_manager = sim.is_admin(&op);
    let role_of = |uid: &str| managers.iter().find(|(m, _)| m == uid).map(|(_, r)| *r);
    let op_is_group_admin = role_of(&op) == Some(GROUP_ADMIN);
    let mut results = Vec::new();
    for uid in kicked {
        let refused = match (v2_3_3, app_manager) {
            (true, true) => false,
            (true, false) => {
                uid == owner || (op_is_group_admin && role_of(&uid) == Some(GROUP_ADMIN))
            }
            (false, _) => uid == owner,
        };
        if refused {
            results.push(user_id_result(&uid, -1));
            continue;
        }
        sim.state.delete_member(&group_id, &uid);
        results.push(user_id_result(&uid, 0));
    }
    Reply::with_data(0, "", Go::Arr(results))
}

/// Binds an invite or kick request and applies the v2.3 cap on its `list`.
/// v2.3.2's tags name a validator that does not exist, so once the body
/// decodes, validation panics and gin's recovery answers 500 with no body
/// (docs/releases.md#release-limits).
fn bind_member_list(
    sim: &Sim,
    call: &Call,
    def: &'static StructDef,
    list: &str,
) -> Result<Obj, Reply> {
    let broken = sim.config.release == Release::V2_3_2;
    let req = match crate::bind::bind(&call.body, def) {
        Ok(_) if broken => return Err(Reply::panic()),
        Err(e) if broken && e.starts_with("Key: '") => return Err(Reply::panic()),
        Ok(req) => req,
        Err(e) => return Err(Reply::bind_error(e)),
    };
    match too_many(sim, &req.str("operationID"), req.strs(list).len()) {
        Some(reply) => Err(reply),
        None => Ok(req),
    }
}

fn user_id_result(uid: &str, result: i64) -> Go {
    Go::obj()
        .field("userID", Go::str(uid))
        .field("result", Go::Int(result))
        .build()
}
