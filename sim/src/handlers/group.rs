//! The `/group/*` routes (docs/api.md#groups).

use super::{bind_or_400, operator_or_500, Call};
use crate::gojson::Go;
use crate::reply::{gin_h, Reply};
use crate::requests::{CREATE_GROUP_REQ, INVITE_USER_TO_GROUP_REQ, KICK_GROUP_MEMBER_REQ};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::Group;

const OWNER: i32 = 2;

/// docs/api.md#create-group. The group row is written before the owner is looked up, so an
/// unknown owner leaves a half-created group behind.
pub fn create_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, CREATE_GROUP_REQ);
    let op = operator_or_500!(sim, call);
    let owner = req.str("ownerUserID");
    if !sim.check_access(&op, &owner) {
        return Reply::with_data(801, "no permission", Go::Null);
    }
    let now = now_secs();
    let group_id = sim.new_group_id();
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
    };
    sim.state.put_group(group.clone());
    if sim.state.user(&owner).is_none() {
        // The RPC returns a gRPC error; the API reports the transport failure.
        return Reply::json(500, gin_h(500, "call  rpc server failed", vec![]));
    }
    sim.state.insert_member(&group_id, &owner, OWNER, now);
    for m in req.structs("memberList").into_iter().flatten() {
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

/// docs/api.md#invite-user-to-group. `data` is null whenever there are no per-user results.
pub fn invite_user_to_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, INVITE_USER_TO_GROUP_REQ);
    let op = operator_or_500!(sim, call);
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

/// docs/api.md#kick-group (v2.0.0–v2.0.10 semantics): owner/admins or an app manager may
/// kick; the owner can never be kicked; deleting a non-member "succeeds".
pub fn kick_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, KICK_GROUP_MEMBER_REQ);
    let op = operator_or_500!(sim, call);
    let group_id = req.str("groupID");
    let managers: Vec<(String, i32)> = sim
        .state
        .members_of(&group_id)
        .filter(|m| m.role_level > 1)
        .map(|m| (m.user_id.clone(), m.role_level))
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
    let mut results = Vec::new();
    for uid in kicked {
        if uid == owner {
            results.push(user_id_result(&uid, -1));
            continue;
        }
        sim.state.delete_member(&group_id, &uid);
        results.push(user_id_result(&uid, 0));
    }
    Reply::with_data(0, "", Go::Arr(results))
}

fn user_id_result(uid: &str, result: i64) -> Go {
    Go::obj()
        .field("userID", Go::str(uid))
        .field("result", Go::Int(result))
        .build()
}
