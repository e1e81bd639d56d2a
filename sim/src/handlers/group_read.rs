//! The group reads of docs/readback.md#readback-groups: groups by ID, the
//! member lists, a user's groups, and the 2.3 line's abstract. None checks
//! the caller except get_joined_group_list (self or admin).
//!
//! Items inside `data` are protobuf messages run through jsonpb and a Go map
//! (docs/readback.md#readback-rules): sorted keys, zero values left out.

use super::{bind_or_400, group_service_or_500, operator_or_token_error, Call};
use crate::gojson::Go;
use crate::release::Release;
use crate::reply::{comm, gin_h, Reply};
use crate::requests::{
    GET_GROUP_ABSTRACT_INFO_REQ, GET_GROUP_ALL_MEMBER_REQ, GET_GROUP_ALL_MEMBER_REQ_2_3,
    GET_GROUP_INFO_REQ, GET_GROUP_MEMBERS_INFO_REQ, GET_GROUP_MEMBER_LIST_REQ,
    GET_JOINED_GROUP_LIST_REQ,
};
use crate::rng::{md5_hex, now_secs};
use crate::sim::Sim;
use crate::state::{Group, Member};

/// `constant.SuperGroup`.
const SUPER_GROUP: i32 = 1;
/// `constant.GroupStatusDismissed`.
const DISMISSED: i32 = 2;
/// Without `count`, v2.3.2 and later stop at this position
/// (docs/readback.md#get-group-all-member-list).
const UNCOUNTED_CAP: i32 = 1000;
/// get_group_member_list's fixed page (docs/readback.md#get-group-member-list).
const MEMBER_LIST_PAGE: i64 = 30;
/// gRPC's default receive limit, which the API keeps up to v2.2.0.
const GRPC_DEFAULT_MAX: usize = 4 * 1024 * 1024;
/// How long the 2.3 line caches a member count (docs/readback.md#get-group-abstract-info).
const CACHE_SECS: i64 = 30 * 60;

/// Collects a jsonpb object's fields, leaving out zero values.
#[derive(Default)]
pub(crate) struct Pb(Vec<(String, Go)>);

impl Pb {
    pub(crate) fn s(&mut self, key: &str, v: &str) -> &mut Self {
        if !v.is_empty() {
            self.0.push((key.to_string(), Go::str(v)));
        }
        self
    }

    pub(crate) fn i(&mut self, key: &str, v: i64) -> &mut Self {
        if v != 0 {
            self.0.push((key.to_string(), Go::Int(v)));
        }
        self
    }

    /// A `uint32` field filled from a unix time or count.
    pub(crate) fn u32(&mut self, key: &str, v: i64) -> &mut Self {
        self.i(key, v as u32 as i64)
    }

    pub(crate) fn put(&mut self, key: &str, v: Go) -> &mut Self {
        self.0.push((key.to_string(), v));
        self
    }

    pub(crate) fn map(&mut self) -> Go {
        Go::map(std::mem::take(&mut self.0))
    }
}

/// A `GroupInfo` as `GroupDBCopyOpenIM` fills it (docs/readback.md#get-groups-info):
/// the row's columns that the release's message has, then the owner; without
/// an owner row it stops there, so `ownerUserID`, `memberCount` and the
/// hand-converted times are missing. `memberCount` is counted afresh.
pub(crate) fn group_record(sim: &Sim, g: &Group) -> Go {
    let release = sim.config.release;
    let mut pb = Pb::default();
    pb.s("groupID", &g.group_id)
        .s("groupName", &g.group_name)
        .s("notification", &g.notification)
        .s("introduction", &g.introduction)
        .s("faceURL", &g.face_url)
        .s("ex", &g.ex)
        .i("status", g.status as i64)
        .s("creatorUserID", &g.creator_user_id)
        .i("groupType", g.group_type as i64);
    if release >= Release::V2_2_0 {
        pb.i("needVerification", g.need_verification as i64);
    }
    if release.is_2_3() {
        pb.i("lookMemberInfo", g.look_member_info as i64)
            .i("applyMemberFriend", g.apply_member_friend as i64)
            .s("notificationUserID", &g.notification_user_id);
    }
    if let Some(owner) = sim.state.group_owner(&g.group_id) {
        pb.s("ownerUserID", &owner)
            .u32("memberCount", sim.state.member_count(&g.group_id) as i64)
            .u32("createTime", g.create_time);
        if release.is_2_3() {
            pb.u32("notificationUpdateTime", g.notification_update_time.max(0));
        }
    }
    pb.map()
}

/// Which member fields a route fills (docs/readback.md#readback-traps, trap 4).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MemberView {
    /// `GroupMemberDBCopyOpenIM`: join time, a running mute's end, and an
    /// admin account's profile in place of its group nickname.
    Full,
    /// A plain copy with the join time added.
    WithJoinTime,
    /// A plain copy: no times at all.
    Plain,
}

fn member_record(sim: &Sim, m: &Member, view: MemberView, now: i64) -> Go {
    let mut pb = Pb::default();
    pb.s("groupID", &m.group_id)
        .s("userID", &m.user_id)
        .i("roleLevel", m.role_level as i64);
    let (mut nickname, mut face_url, mut ex) = (&m.nickname, &m.face_url, &m.ex);
    if view == MemberView::Full && sim.is_admin(&m.user_id) {
        if let Some(u) = sim.state.user(&m.user_id) {
            (nickname, face_url, ex) = (&u.nickname, &u.face_url, &u.ex);
        }
        pb.i("appMangerLevel", 1);
    }
    pb.s("nickname", nickname)
        .s("faceURL", face_url)
        .s("ex", ex);
    if view != MemberView::Plain {
        pb.u32("joinTime", m.join_time);
    }
    if view == MemberView::Full && m.mute_end_time > now {
        pb.u32("muteEndTime", m.mute_end_time);
    }
    pb.map()
}

const GET_GROUPS_INFO: &str = "/group/get_groups_info";

/// docs/readback.md#get-groups-info: unknown IDs are dropped; any valid token.
pub fn get_groups_info(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_GROUP_INFO_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, GET_GROUPS_INFO);
    let items = req
        .strs("groupIDList")
        .iter()
        .filter_map(|id| sim.state.group(id))
        .map(|g| group_record(sim, g))
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}

const GET_GROUP_ALL_MEMBER_LIST: &str = "/group/get_group_all_member_list";

/// What v2.3.2's `GetGroupMembersInfoFromCache` does with `offset` and
/// `count` on a list of `len` IDs, in int32 arithmetic.
#[derive(Debug, PartialEq, Eq)]
enum Slice {
    Empty,
    Range(usize, usize),
    /// `ids[offset:1000]` with `offset` past 1,000: a slice-bounds panic.
    Panic,
}

fn slice(offset: i32, count: i32, len: usize) -> Slice {
    if offset < 0 || count < 0 {
        return Slice::Empty;
    }
    let len = i32::try_from(len).unwrap_or(i32::MAX);
    let stop = offset.wrapping_add(count);
    if offset > stop || offset >= len {
        return Slice::Empty;
    }
    let stop = if count != 0 {
        stop.min(len)
    } else {
        len.min(UNCOUNTED_CAP)
    };
    if offset > stop {
        return Slice::Panic;
    }
    Slice::Range(offset as usize, stop as usize)
}

/// docs/readback.md#get-group-all-member-list: the only member read with
/// `muteEndTime`. Up to v2.0.10 the group is not looked up; from v2.1.0 an
/// unknown group is 802 and a super group `[]`; from v2.3.2 a page of the
/// member IDs, costing the page.
pub fn get_group_all_member_list(sim: &mut Sim, call: &Call) -> Reply {
    let release = sim.config.release;
    let def = if release.is_2_3() {
        &GET_GROUP_ALL_MEMBER_REQ_2_3
    } else {
        &GET_GROUP_ALL_MEMBER_REQ
    };
    let req = bind_or_400!(call, *def);
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, GET_GROUP_ALL_MEMBER_LIST);
    let group_id = req.str("groupID");
    let empty = || Reply::with_data(0, "", Go::Arr(vec![]));
    if release >= Release::V2_1_0 {
        match sim.state.group(&group_id) {
            None => return Reply::with_data(802, "db failed", Go::Arr(vec![])),
            Some(g) if g.group_type == SUPER_GROUP => return empty(),
            Some(_) => {}
        }
    }
    let now = now_secs();
    if !release.is_2_3() {
        let items: Vec<Go> = sim
            .state
            .members_of(&group_id)
            .map(|m| member_record(sim, m, MemberView::Full, now))
            .collect();
        let size = response_size(&items);
        if size > GRPC_DEFAULT_MAX {
            // The API's gRPC client refuses the answer (inferred from the code).
            let msg = format!(
                "rpc error: code = ResourceExhausted desc = grpc: received message larger than max ({size} vs. {GRPC_DEFAULT_MAX})"
            );
            return Reply::json(500, gin_h(500, &msg, vec![]));
        }
        return Reply::with_data(0, "", Go::Arr(items));
    }
    let (offset, count) = (req.int("offset") as i32, req.int("count") as i32);
    let (start, stop) = match slice(offset, count, sim.state.member_count(&group_id)) {
        Slice::Empty => return empty(),
        Slice::Range(start, stop) => (start, stop),
        Slice::Panic => {
            // No recovery in the group service: the process stops, and this
            // call and every later group call fail (docs/readback.md#readback-traps).
            sim.group_service_down = true;
            return Reply::rpc_failed(GET_GROUP_ALL_MEMBER_LIST);
        }
    };
    let page = sim.state.member_page(&group_id, start, stop - start);
    let items = page
        .ids
        .iter()
        .filter_map(|uid| sim.state.member(&group_id, uid))
        .map(|m| member_record(sim, m, MemberView::Full, now))
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}

/// The protobuf size of a `GetGroupAllMemberResp` carrying `items` (every
/// field number below 16, so one-byte tags), for the 4 MB limit.
fn response_size(items: &[Go]) -> usize {
    fn varint(mut v: u64) -> usize {
        let mut n = 1;
        while v >= 0x80 {
            v >>= 7;
            n += 1;
        }
        n
    }
    fn field(v: &Go) -> usize {
        match v {
            Go::Str(s) => 1 + varint(s.len() as u64) + s.len(),
            Go::Int(i) => 1 + varint(*i as u64),
            _ => 0,
        }
    }
    // An empty `CommonResp` is still sent: a tag and a zero length.
    let mut size = 2;
    for item in items {
        if let Go::Obj(fields) = item {
            let n: usize = fields.iter().map(|(_, v)| field(v)).sum();
            size += 1 + varint(n as u64) + n;
        }
    }
    size
}

const GET_GROUP_MEMBERS_INFO: &str = "/group/get_group_members_info";

/// docs/readback.md#get-group-members-info: the members among the IDs asked
/// for, in the order asked; a plain copy plus `joinTime`, never a mute.
/// v2.0.8's token failure has its own text.
pub fn get_group_members_info(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_GROUP_MEMBERS_INFO_REQ);
    if sim.config.release == Release::V2_0_8 && sim.check_token(&call.token).is_err() {
        return Reply::json(500, gin_h(500, "Internal Server Error", vec![]));
    }
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, GET_GROUP_MEMBERS_INFO);
    let group_id = req.str("groupID");
    let now = now_secs();
    let items = req
        .strs("memberList")
        .iter()
        .filter_map(|uid| sim.state.member(&group_id, uid))
        .map(|m| member_record(sim, m, MemberView::WithJoinTime, now))
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}

const GET_GROUP_MEMBER_LIST: &str = "/group/get_group_member_list";

/// docs/readback.md#get-group-member-list (v2.0.8 to v2.2.0): members whose
/// role equals `filter` (any role when negative), 30 from `nextSeq`; plain
/// copies. A full page answers `nextSeq + 30`, a short one 0. A negative
/// `nextSeq` slices before the list's start: the same unrecovered panic as
/// trap 6 of docs/readback.md#readback-traps (inferred from Go's slicing).
pub fn get_group_member_list(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_GROUP_MEMBER_LIST_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, GET_GROUP_MEMBER_LIST);
    let (group_id, filter, next) = (req.str("groupID"), req.int("filter"), req.int("nextSeq"));
    let matching: Vec<&Member> = sim
        .state
        .members_of(&group_id)
        .filter(|m| filter < 0 || m.role_level as i64 == filter)
        .collect();
    let len = matching.len() as i64;
    let page: &[&Member] = if next >= len {
        &[]
    } else if next < 0 {
        sim.group_service_down = true;
        return Reply::rpc_failed(GET_GROUP_MEMBER_LIST);
    } else {
        &matching[next as usize..(next + MEMBER_LIST_PAGE).min(len) as usize]
    };
    let next_seq = if page.len() as i64 == MEMBER_LIST_PAGE {
        next + MEMBER_LIST_PAGE
    } else {
        0
    };
    let now = now_secs();
    let items = page
        .iter()
        .map(|m| member_record(sim, m, MemberView::Plain, now))
        .collect();
    let body = comm(0, "")
        .field("nextSeq", Go::Int(next_seq))
        .field("data", Go::Arr(items))
        .build();
    Reply::json(200, body)
}

const GET_JOINED_GROUP_LIST: &str = "/group/get_joined_group_list";

/// docs/readback.md#get-joined-group-list: self or admin. A group without an
/// owner row is left out; the 2.3 line also leaves out dismissed and super
/// groups.
pub fn get_joined_group_list(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_JOINED_GROUP_LIST_REQ);
    let op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, GET_JOINED_GROUP_LIST);
    let user_id = req.str("fromUserID");
    if !sim.check_access(&op, &user_id) {
        return Reply::with_data(801, "no permission", Go::Arr(vec![]));
    }
    let v2_3 = sim.config.release.is_2_3();
    let items = sim
        .state
        .groups
        .iter()
        .filter(|g| sim.state.member(&g.group_id, &user_id).is_some())
        .filter(|g| !v2_3 || (g.status != DISMISSED && g.group_type != SUPER_GROUP))
        .filter(|g| sim.state.group_owner(&g.group_id).is_some())
        .map(|g| group_record(sim, g))
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}

const GET_GROUP_ABSTRACT_INFO: &str = "/group/get_group_abstract_info";

/// docs/readback.md#get-group-abstract-info (v2.3.2 and later): the member
/// count and a hash of the sorted member IDs, at the top level. The count
/// comes from a cache that dismissal leaves in place for 30 minutes.
pub fn get_group_abstract_info(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_GROUP_ABSTRACT_INFO_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    group_service_or_500!(sim, GET_GROUP_ABSTRACT_INFO);
    let group_id = req.str("groupID");
    let Some(group) = sim.state.group(&group_id) else {
        // The wrapped gorm error; the reference leaves its text open.
        return Reply::comm(802, "record not found");
    };
    let hash = if group.status == DISMISSED {
        0
    } else {
        member_list_hash(sim.state.member_ids(&group_id))
    };
    let now = now_secs();
    let number = match group.cached_member_count {
        Some((n, at)) if now - at < CACHE_SECS => n,
        _ => sim.state.member_count(&group_id) as i64,
    };
    let body = comm(0, "")
        .field("groupMemberNumber", Go::Int(number))
        .field("groupMemberListHash", Go::Int(hash))
        .build();
    Reply::json(200, body)
}

/// The first 8 hex digits of md5(sorted IDs joined), as a number.
pub fn member_list_hash<'a>(ids: impl Iterator<Item = &'a str>) -> i64 {
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    let digest = md5_hex(&ids.concat());
    i64::from_str_radix(&digest[..8], 16).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_like_v2_3_2() {
        use Slice::*;
        assert_eq!(slice(0, 500, 1500), Range(0, 500));
        assert_eq!(slice(1400, 500, 1500), Range(1400, 1500));
        assert_eq!(slice(0, 0, 1500), Range(0, 1000));
        assert_eq!(slice(0, 0, 30), Range(0, 30));
        assert_eq!(slice(1000, 0, 1500), Range(1000, 1000));
        assert_eq!(slice(1001, 0, 1500), Panic);
        assert_eq!(slice(1001, 0, 1001), Empty, "offset at the end");
        assert_eq!(slice(-1, 10, 100), Empty);
        assert_eq!(slice(0, -1, 100), Empty);
        assert_eq!(slice(100, 10, 100), Empty);
        assert_eq!(slice(i32::MAX, 1, 100), Empty, "int32 overflow");
    }

    #[test]
    fn the_hash_of_no_members_is_md5_of_nothing() {
        // md5("") starts d41d8cd9.
        assert_eq!(member_list_hash(std::iter::empty()), 0xd41d8cd9);
        let a = member_list_hash(["u2", "u1"].into_iter());
        assert_eq!(a, member_list_hash(["u1", "u2"].into_iter()));
        let digest = md5_hex("u1u2");
        assert_eq!(a, i64::from_str_radix(&digest[..8], 16).unwrap());
    }
}
