//! The group changes a dashboard makes and takes back (docs/readback.md#readback-undo):
//! dismissal, settings, the owner, roles, mutes, and leaving.

use super::{bind_or_400, group_service_or_500, operator_or_token_error, Call};
use crate::release::Release;
use crate::reply::{gin_h, Reply, TOKEN_400_500};
use crate::requests::{
    CANCEL_MUTE_GROUP_MEMBER_REQ, CANCEL_MUTE_GROUP_REQ, DISMISS_GROUP_REQ, MUTE_GROUP_MEMBER_REQ,
    MUTE_GROUP_REQ, QUIT_GROUP_REQ, SET_GROUP_INFO_REQ, SET_GROUP_INFO_REQ_2_2,
    SET_GROUP_INFO_REQ_2_3, SET_GROUP_MEMBER_INFO_REQ, TRANSFER_GROUP_OWNER_REQ,
};
use crate::rng::now_secs;
use crate::sim::Sim;

const ORDINARY: i32 = 1;
const OWNER: i32 = 2;
const GROUP_ADMIN: i32 = 3;
const DISMISSED: i32 = 2;
const MUTED: i32 = 3;

fn no_permission() -> Reply {
    Reply::comm(801, "no permission")
}

fn dismissed() -> Reply {
    Reply::comm(804, " group status is dismissed ")
}

fn ok() -> Reply {
    Reply::comm(0, "")
}

/// `IsManagerUserID || IsGroupOwnerAdmin`: an admin, or a member whose role
/// is above 1 (docs/readback.md#readback-rules).
fn is_group_manager(sim: &Sim, group_id: &str, op: &str) -> bool {
    sim.is_admin(op)
        || sim
            .state
            .member(group_id, op)
            .is_some_and(|m| m.role_level > ORDINARY)
}

/// `getGroupUserLevel` (v2.1.0 and later): 1 for an admin account, 2 for
/// the owner, 0 for an ordinary member, 3 for any other role; a non-member
/// is refused with the wrapped "record not found", an ordinary member with
/// `opFlag == 0` (docs/readback.md#mute-group-member).
fn caller_level(sim: &Sim, op_id: &str, group_id: &str, op: &str) -> Result<i32, Reply> {
    if sim.is_admin(op) {
        return Ok(1);
    }
    let level = match sim.state.member(group_id, op) {
        None => {
            let msg = format!("{op_id} getGroupUserLevel failed {group_id}{op}: record not found");
            return Err(Reply::comm(801, &msg));
        }
        Some(m) if m.role_level == ORDINARY => 0,
        Some(m) if m.role_level == OWNER => 2,
        Some(_) => 3,
    };
    if level == 0 {
        return Err(Reply::comm(
            801,
            &format!("{op_id}opFlag == 0  {group_id}{op}"),
        ));
    }
    Ok(level)
}

/// Who may mute or unmute a group or a member: a group manager up to
/// v2.0.10, the caller level from v2.1.0; `target` adds the member checks
/// of docs/readback.md#mute-group-member. `Ok(false)`: allowed, but the
/// target is no member, so nothing changes (v2.0.8 and v2.0.10).
fn may_mute(
    sim: &Sim,
    op_id: &str,
    group_id: &str,
    op: &str,
    target: Option<&str>,
) -> Result<bool, Reply> {
    if sim.config.release < Release::V2_1_0 {
        if !is_group_manager(sim, group_id, op) {
            return Err(no_permission());
        }
        return Ok(target.is_none_or(|t| sim.state.member(group_id, t).is_some()));
    }
    let level = caller_level(sim, op_id, group_id, op)?;
    let Some(target) = target else {
        return Ok(true);
    };
    let Some(member) = sim.state.member(group_id, target) else {
        let msg = format!(
            "{op_id} GetGroupMemberInfoByGroupIDAndUserID failed {group_id}{target}record not found"
        );
        return Err(Reply::comm(801, &msg));
    };
    let refused = match member.role_level {
        OWNER if level != 1 => Some("constant.GroupOwner"),
        GROUP_ADMIN if level == 3 => Some("constant.GroupAdmin"),
        _ => None,
    };
    if let Some(constant) = refused {
        let msg = format!("{op_id} mutedInfo.RoleLevel == {constant} {group_id}{target}");
        return Err(Reply::comm(801, &msg));
    }
    Ok(true)
}

const DISMISS_GROUP: &str = "/group/dismiss_group";

/// docs/readback.md#dismiss-group: a group manager (a group admin too) sets
/// status 2 and every member row is deleted; no undo. An unknown group is
/// success up to v2.0.10, 802 from v2.1.0; a second dismissal is success.
pub fn dismiss_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, DISMISS_GROUP_REQ);
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, DISMISS_GROUP);
    let group_id = req.str("groupID");
    if !is_group_manager(sim, &group_id, &op) {
        return no_permission();
    }
    let release = sim.config.release;
    let count = sim.state.member_count(&group_id) as i64;
    let Some(group) = sim.state.group_mut(&group_id) else {
        return if release >= Release::V2_1_0 {
            Reply::comm(802, "db failed")
        } else {
            ok()
        };
    };
    group.status = DISMISSED;
    if release.is_2_3() && group.cached_member_count.is_none() {
        // The member-count cache is not cleared (docs/readback.md#readback-traps, trap 17).
        group.cached_member_count = Some((count, now_secs()));
    }
    let ids: Vec<String> = sim
        .state
        .member_ids(&group_id)
        .map(str::to_string)
        .collect();
    for uid in ids {
        sim.state.delete_member(&group_id, &uid);
    }
    ok()
}

const SET_GROUP_INFO: &str = "/group/set_group_info";

/// docs/readback.md#set-group-info: a group manager; an empty text means
/// "unchanged"; the number flags the release has are written when sent,
/// 0 included. On the 2.3 line a notification also records who and when.
pub fn set_group_info(sim: &mut Sim, call: &Call) -> Reply {
    let release = sim.config.release;
    let def = match release {
        r if r.is_2_3() => &SET_GROUP_INFO_REQ_2_3,
        r if r >= Release::V2_2_0 => &SET_GROUP_INFO_REQ_2_2,
        _ => &SET_GROUP_INFO_REQ,
    };
    let req = bind_or_400!(call, *def);
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, SET_GROUP_INFO);
    let group_id = req.str("groupID");
    if !is_group_manager(sim, &group_id, &op) {
        return no_permission();
    }
    let Some(group) = sim.state.group_mut(&group_id) else {
        return if release.is_2_3() {
            // The wrong text is the server's (docs/readback.md#readback-traps, trap 16).
            Reply::comm(802, "no permission")
        } else {
            Reply::json(500, gin_h(500, "call  rpc server failed", vec![]))
        };
    };
    if group.status == DISMISSED {
        return dismissed();
    }
    let set = |field: &mut String, v: String| {
        if !v.is_empty() {
            *field = v;
        }
    };
    let notification = req.str("notification");
    set(&mut group.group_name, req.str("groupName"));
    set(&mut group.notification, notification.clone());
    set(&mut group.introduction, req.str("introduction"));
    set(&mut group.face_url, req.str("faceURL"));
    set(&mut group.ex, req.str("ex"));
    let flags: [(&str, &mut i32); 3] = [
        ("needVerification", &mut group.need_verification),
        ("lookMemberInfo", &mut group.look_member_info),
        ("applyMemberFriend", &mut group.apply_member_friend),
    ];
    for (key, field) in flags {
        if let Some(v) = req.opt_int(key) {
            *field = v as i32;
        }
    }
    if release.is_2_3() && !notification.is_empty() {
        group.notification_user_id = op;
        group.notification_update_time = now_secs();
    }
    ok()
}

const TRANSFER_GROUP: &str = "/group/transfer_group";

/// docs/readback.md#transfer-group: no check of the caller, and two blind
/// updates: the old ID's role becomes 1 and the new ID's 2, whoever they
/// are. A wrong old owner leaves two owners, a non-member new owner none
/// (docs/readback.md#readback-traps, trap 2).
pub fn transfer_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, TRANSFER_GROUP_OWNER_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, TRANSFER_GROUP);
    let group_id = req.str("groupID");
    let Some(group) = sim.state.group(&group_id) else {
        return Reply::comm(802, "db failed");
    };
    if group.status == DISMISSED {
        return dismissed();
    }
    let (old, new) = (req.str("oldOwnerUserID"), req.str("newOwnerUserID"));
    if old == new {
        return Reply::comm(803, "args failed");
    }
    sim.state.set_member_role(&group_id, &old, ORDINARY);
    sim.state.set_member_role(&group_id, &new, OWNER);
    ok()
}

const MUTE_GROUP_MEMBER: &str = "/group/mute_group_member";

/// docs/readback.md#mute-group-member: the end is computed from the second
/// within the current minute, which Go normalises to now + mutedSeconds +
/// (now mod 60) (docs/readback.md#readback-traps, trap 9). Not enforced on
/// sends (trap 8).
pub fn mute_group_member(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, MUTE_GROUP_MEMBER_REQ);
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, MUTE_GROUP_MEMBER);
    let (group_id, user_id) = (req.str("groupID"), req.str("userID"));
    match may_mute(sim, &req.str("operationID"), &group_id, &op, Some(&user_id)) {
        Err(reply) => reply,
        Ok(false) => ok(),
        Ok(true) => {
            let now = now_secs();
            let end = now + req.int("mutedSeconds") + now.rem_euclid(60);
            if let Some(mut m) = sim.state.member_mut(&group_id, &user_id) {
                m.set_mute_end_time(end);
            }
            ok()
        }
    }
}

const CANCEL_MUTE_GROUP_MEMBER: &str = "/group/cancel_mute_group_member";

/// docs/readback.md#mute-group-member: stores the epoch, so `muteEndTime`
/// disappears.
pub fn cancel_mute_group_member(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, CANCEL_MUTE_GROUP_MEMBER_REQ);
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, CANCEL_MUTE_GROUP_MEMBER);
    let (group_id, user_id) = (req.str("groupID"), req.str("userID"));
    match may_mute(sim, &req.str("operationID"), &group_id, &op, Some(&user_id)) {
        Err(reply) => reply,
        Ok(false) => ok(),
        Ok(true) => {
            if let Some(mut m) = sim.state.member_mut(&group_id, &user_id) {
                m.set_mute_end_time(0);
            }
            ok()
        }
    }
}

/// mute_group and cancel_mute_group: `status` becomes `status` whatever it
/// was (docs/readback.md#readback-traps, trap 3); an unknown group updates
/// nothing and answers 0.
fn set_group_status(sim: &mut Sim, call: &Call, path: &str, status: i32) -> Reply {
    let def = if status == MUTED {
        &MUTE_GROUP_REQ
    } else {
        &CANCEL_MUTE_GROUP_REQ
    };
    let req = bind_or_400!(call, *def);
    // mute_group's token failure carries errCode 400 from v2.2.0.
    let from_2_2 = if status == MUTED {
        (400, 400)
    } else {
        TOKEN_400_500
    };
    let op = operator_or_token_error!(sim, call, req, from_2_2);
    group_service_or_500!(sim, path);
    let group_id = req.str("groupID");
    if let Err(reply) = may_mute(sim, &req.str("operationID"), &group_id, &op, None) {
        return reply;
    }
    if let Some(g) = sim.state.group_mut(&group_id) {
        g.status = status;
    }
    ok()
}

/// docs/readback.md#mute-group: status 3, even over a dismissal's 2.
pub fn mute_group(sim: &mut Sim, call: &Call) -> Reply {
    set_group_status(sim, call, "/group/mute_group", MUTED)
}

/// docs/readback.md#mute-group: status 0, which revives a dismissed group.
pub fn cancel_mute_group(sim: &mut Sim, call: &Call) -> Reply {
    set_group_status(sim, call, "/group/cancel_mute_group", 0)
}

const SET_GROUP_MEMBER_INFO: &str = "/group/set_group_member_info";

/// docs/readback.md#set-group-member-info (v2.1.0 and later): no check of
/// the caller; writes only the fields sent, any role number as it is; a
/// non-member is success with nothing changed.
pub fn set_group_member_info(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, SET_GROUP_MEMBER_INFO_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, SET_GROUP_MEMBER_INFO);
    let (group_id, user_id) = (req.str("groupID"), req.str("userID"));
    if let Some(role) = req.opt_int("roleLevel") {
        sim.state.set_member_role(&group_id, &user_id, role as i32);
    }
    if let Some(mut m) = sim.state.member_mut(&group_id, &user_id) {
        if let Some(v) = req.opt_str("nickname") {
            m.set_nickname(v);
        }
        if let Some(v) = req.opt_str("userGroupFaceUrl") {
            m.set_face_url(v);
        }
        if let Some(v) = req.opt_str("ex") {
            m.set_ex(v);
        }
    }
    ok()
}

const QUIT_GROUP: &str = "/group/quit_group";

/// docs/readback.md#quit-group: always the caller; the owner may leave too,
/// leaving the group without one.
pub fn quit_group(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, QUIT_GROUP_REQ);
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, QUIT_GROUP);
    if !sim.state.delete_member(&req.str("groupID"), &op) {
        return Reply::comm(802, "db failed");
    }
    ok()
}
