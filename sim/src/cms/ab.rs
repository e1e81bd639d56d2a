//! Generations A and B (docs/cms.md#cms-envelope-ab): reads are GET with
//! snake_case query parameters, writes POST with a snake_case JSON body,
//! every answer `{"code","err_msg","data"}` in that order (a Go struct),
//! an empty list `null`, times Go time strings. A (v2.0.8, `/api`) and B
//! (`/cms`) differ here only where a route says so.

use super::query::{self, Field, Kind, OPT, REQ};
use super::stats::{self, Case::Snake, Chart, TopKeys};
use super::TotalAt::{self, AfterList, Last};
use super::{breaks_sql, def, f, faultable, like_contains, list_or_null, open, owner, page_of};
use super::{route, window, Handler, LogFilter, Req, Route, N, R};
use crate::bind::{bind, StructDef, Ty};
use crate::cms_index::Top;
use crate::gojson::Go;
use crate::gotime::{day_of, go_string, parse_date, parse_datetime};
use crate::release::Release;
use crate::reply::{gin_h, Reply};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::{CmsBlock, Group, Message, User};

const fn get(path: &'static str, handler: Handler) -> Route {
    route("GET", path, handler)
}

const fn post(path: &'static str, handler: Handler) -> Route {
    route("POST", path, handler)
}

/// The A/B route table (docs/cms.md#cms-routes); the same in every tag.
pub const ROUTES: &[Route] = &[
    open(post("/admin/login", login)),
    get("/group/get_group_by_id", get_group_by_id),
    get("/group/get_groups", get_groups),
    get("/group/get_group_by_name", get_group_by_name),
    get("/group/get_group_members", get_group_members),
    post("/group/get_members_in_group", get_group_members),
    post("/group/create_group", create_group),
    post("/group/add_members", add_members),
    post("/group/remove_members", remove_members),
    post("/group/ban_group_chat", ban_group_chat),
    post("/group/open_group_chat", open_group_chat),
    post("/group/ban_group_private_chat", ban_group_private_chat),
    post("/group/open_group_private_chat", open_group_chat),
    post("/group/delete_group", delete_group),
    post("/group/set_group_master", transfer),
    post("/group/set_group_ordinary_user", transfer),
    post("/group/alter_group_info", alter_group_info),
    get("/user/get_user", get_user),
    get("/user/get_users", get_users),
    get("/user/get_users_by_name", get_users_by_name),
    post("/user/add_user", add_user),
    faultable(post("/user/alter_user", alter_user)),
    faultable(post("/user/resign", resign)),
    post("/user/delete_user", delete_user),
    post("/user/block_user", block_user),
    post("/user/unblock_user", unblock_user),
    get("/user/get_block_users", get_block_users),
    get("/user/get_block_user", get_block_user),
    post("/friend/get_friends_by_id", stub),
    post("/friend/set_friend", stub),
    post("/friend/remove_friend", stub),
    get("/message/get_chat_logs", get_chat_logs),
    post("/message/broadcast_message", broadcast_message),
    post("/message/mass_send_message", does_nothing),
    post("/message/withdraw_message", does_nothing),
    get(
        "/statistics/get_messages_statistics",
        get_messages_statistics,
    ),
    get("/statistics/get_user_statistics", get_user_statistics),
    get("/statistics/get_group_statistics", get_group_statistics),
    get("/statistics/get_active_user", get_active_user),
    get("/statistics/get_active_group", get_active_group),
    get("/organization/get_staffs", stub),
    get("/organization/get_organizations", stub),
    get("/organization/get_squad", stub),
    get("/organization/inquire_organization", stub),
    post("/organization/add_organization", stub),
    post("/organization/alter_staff", stub),
    post("/organization/alter_organization", stub),
    post("/organization/delete_organization", stub),
    post("/organization/get_organization_squad", stub),
    post("/organization/add_child_org", stub),
    route("PATCH", "/organization/alter_corps_info", stub),
];

// --- envelopes (docs/cms.md#cms-envelope-ab) ------------------------------

/// `openIMHttp.RespHttp200`'s body.
pub fn envelope(code: i64, msg: &str, data: Go) -> Go {
    Go::obj()
        .field("code", Go::Int(code))
        .field("err_msg", Go::str(msg))
        .field("data", data)
        .build()
}

fn answer(status: u16, code: i64, msg: &str, data: Go) -> Reply {
    Reply::json(status, envelope(code, msg, data))
}

fn ok(data: Go) -> Reply {
    answer(200, 0, "", data)
}

/// `code 803`: HTTP 400 after `BindJSON` (gin wrote it already), HTTP 200
/// after `ShouldBind*` (docs/cms.md#cms-http-status, trap T3).
fn args_failed(status: u16) -> Reply {
    answer(status, 803, "args failed", Go::Null)
}

fn db_failed(data: Go) -> Reply {
    answer(200, 802, "db failed", data)
}

fn server_error() -> Reply {
    answer(200, 500, "server error", Go::Null)
}

/// The token check's refusal (docs/cms.md#cms-token-check).
pub fn token_refused() -> Reply {
    answer(200, 700, "parse token failed", Go::Null)
}

/// HTTP 200 with no body: a registered route with an empty handler
/// (docs/cms.md#cms-stubs, trap T20).
fn stub(_: &mut Sim, _: &Req) -> Reply {
    Reply {
        status: 200,
        body: Vec::new(),
    }
}

fn broadcast_message(_: &mut Sim, _: &Req) -> Reply {
    db_failed(Go::Null)
}

fn does_nothing(_: &mut Sim, _: &Req) -> Reply {
    ok(Go::Null)
}

/// `ShouldBindQuery` or the route's 200/803 (with `$zero` as data).
macro_rules! query_or_803 {
    ($req:expr, $fields:expr) => {
        query_or_803!($req, $fields, Go::Null)
    };
    ($req:expr, $fields:expr, $zero:expr) => {
        match query::bind($req.query, $fields) {
            Some(q) => q,
            None => return answer(200, 803, "args failed", $zero),
        }
    };
}

/// `BindJSON` (HTTP 400) or `ShouldBind` (HTTP 200) with code 803.
macro_rules! body_or_803 {
    ($req:expr, $def:expr, $status:expr) => {
        match bind($req.body, &$def) {
            Ok(obj) => obj,
            Err(_) => return args_failed($status),
        }
    };
}

const PAGE: Field = Field("page_number", Kind::Int, REQ);
const SHOW: Field = Field("show_number", Kind::Int, REQ);

/// A page answer under the A/B paging keys.
fn page_data(list: (&str, Vec<Go>), total: (&str, usize, TotalAt), paging: (i64, i64)) -> Go {
    let total = (total.0, total.1 as i64, total.2);
    super::paged(["current_number", "show_number"], list, total, paging)
}

/// `(page_number, show_number)` of a bound query.
fn paging(q: &query::Query) -> (i64, i64) {
    (q.int("page_number"), q.int("show_number"))
}

static LOGIN_REQ: StructDef = def(
    "AdminLoginRequest",
    &[
        f("AdminName", "admin_name", Ty::Str, R),
        f("Secret", "secret", Ty::Str, R),
    ],
);
static GROUP_USER_REQ: StructDef = def(
    "SetGroupMasterRequest",
    &[
        f("GroupId", "group_id", Ty::Str, R),
        f("UserId", "user_id", Ty::Str, R),
    ],
);
static GROUP_REQ: StructDef = def(
    "BanGroupChatRequest",
    &[f("GroupId", "group_id", Ty::Str, R)],
);
static CREATE_GROUP_REQ: StructDef = def(
    "CreateGroupRequest",
    &[
        f("GroupName", "group_name", Ty::Str, R),
        f("GroupMasterId", "group_master_id", Ty::Str, R),
        f("GroupMembers", "group_members", Ty::StrList, R),
    ],
);
static MEMBERS_REQ: StructDef = def(
    "AddMembersRequest",
    &[
        f("GroupId", "group_id", Ty::Str, R),
        f("Members", "members", Ty::StrList, R),
    ],
);
static ALTER_GROUP_REQ: StructDef = def(
    "AlterGroupInfoRequest",
    &[
        f("GroupID", "group_id", Ty::Str, N),
        f("GroupName", "group_name", Ty::Str, N),
        f("Notification", "notification", Ty::Str, N),
        f("Introduction", "introduction", Ty::Str, N),
        f("ProfilePhoto", "profile_photo", Ty::Str, N),
        f("GroupType", "group_type", Ty::I32, N),
    ],
);
static USER_REQ: StructDef = def("ResignUserRequest", &[f("UserId", "user_id", Ty::Str, R)]);
static ADD_USER_REQ: StructDef = def(
    "AddUserRequest",
    &[
        f("PhoneNumber", "phone_number", Ty::Str, R),
        f("UserId", "user_id", Ty::Str, R),
        f("Name", "name", Ty::Str, R),
    ],
);
static ALTER_USER_REQ: StructDef = def(
    "AlterUserRequest",
    &[
        f("UserId", "user_id", Ty::Str, R),
        f("Nickname", "nickname", Ty::Str, N),
        f("PhoneNumber", "phone_number", Ty::I64, N),
        f("Email", "email", Ty::Str, N),
    ],
);
static BLOCK_REQ: StructDef = def(
    "BlockUserRequest",
    &[
        f("UserId", "user_id", Ty::Str, R),
        f("EndDisableTime", "end_disable_time", Ty::Str, R),
    ],
);

// --- login (docs/cms.md#cms-login) -----------------------------------------

fn login(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, LOGIN_REQ, 400);
    match super::admin_token(sim, &body.str("admin_name"), &body.str("secret")) {
        Some(token) => ok(Go::obj().field("token", Go::str(token)).build()),
        None => answer(200, 703, "that's not even a token", Go::Null),
    }
}

// --- groups (docs/cms.md#cms-groups) ----------------------------------------

/// A get_groups item; `None` when a B release leaves an ownerless group
/// out of the page (docs/cms.md#cms-get-groups).
fn group_item(sim: &Sim, g: &Group, listing: bool) -> Option<Go> {
    let owner = owner(sim, &g.group_id);
    if owner.is_none() && listing && sim.config.release >= Release::V2_0_10 {
        return None;
    }
    let (owner_id, owner_name) = owner.unwrap_or_default();
    Some(
        Go::obj()
            .field("group_name", Go::str(&g.group_name))
            .field("group_id", Go::str(&g.group_id))
            .field("group_master_name", Go::str(owner_name))
            .field("group_master_id", Go::str(owner_id))
            .field("create_time", Go::str(go_string(g.create_time)))
            // Only status 3 reads as banned (trap T5).
            .field("is_ban_chat", Go::Bool(g.status == 3))
            .field("is_ban_private_chat", Go::Bool(false))
            .field("profile_photo", Go::str(&g.face_url))
            .build(),
    )
}

fn groups_page(items: Vec<Go>, total: usize, paging: (i64, i64)) -> Go {
    page_data(("groups", items), ("group_nums", total, AfterList), paging)
}

/// docs/cms.md#cms-get-groups: every row, dismissed ones too.
fn get_groups(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[PAGE, SHOW]);
    let (page, show) = paging(&q);
    let (offset, limit) = window(page, show);
    let items = (sim.state.groups.page(offset, limit))
        .filter_map(|g| group_item(sim, g, true))
        .collect();
    ok(groups_page(items, sim.state.groups.len(), (page, show)))
}

/// docs/cms.md#cms-get-group-by-id
fn get_group_by_id(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[Field("group_id", Kind::Str, REQ)]);
    match sim.state.group(&q.str("group_id")) {
        Some(g) => ok(group_item(sim, g, false).unwrap_or(Go::Null)),
        None => db_failed(Go::Null),
    }
}

/// docs/cms.md#cms-get-group-by-name: "name contains", pasted into the SQL
/// (trap T9).
fn get_group_by_name(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[Field("group_name", Kind::Str, REQ), PAGE, SHOW]);
    let name = q.str("group_name");
    if breaks_sql(&name) {
        return server_error();
    }
    let (page, show) = paging(&q);
    let matches: Vec<&Group> = (sim.state.groups.iter())
        .filter(|g| like_contains(&g.group_name, &name))
        .collect();
    let (rows, total) = page_of(matches, window(page, show));
    let items = (rows.into_iter())
        .filter_map(|g| group_item(sim, g, true))
        .collect();
    ok(groups_page(items, total, (page, show)))
}

/// docs/cms.md#cms-get-group-members (also `POST get_members_in_group`,
/// which still reads the query string).
fn get_group_members(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(
        req,
        &[
            Field("group_id", Kind::Str, REQ),
            Field("user_name", Kind::Str, OPT),
            PAGE,
            SHOW
        ]
    );
    let (group_id, name) = (q.str("group_id"), q.str("user_name"));
    if breaks_sql(&name) {
        return db_failed(Go::Null);
    }
    let (page, show) = paging(&q);
    let (rows, total) = super::member_page(&sim.state, &group_id, &name, window(page, show));
    let items = (rows.into_iter())
        .map(|m| {
            Go::obj()
                .field("member_position", Go::Int(m.role_level as i64))
                .field("member_nick_name", Go::str(&m.nickname))
                .field("member_id", Go::str(&m.user_id))
                .field("join_time", Go::str(go_string(m.join_time)))
                .build()
        })
        .collect();
    let total = ("member_nums", total, Last);
    ok(page_data(("group_members", items), total, (page, show)))
}

/// The group service's reply when it is down after the main API's crash
/// (docs/readback.md#readback-traps): the handlers turn it into 500.
macro_rules! group_service {
    ($sim:expr) => {
        if $sim.group_service_down {
            return server_error();
        }
    };
}

/// `create_group`: the new ID is not returned, and an error the service
/// reports in its reply is ignored (trap T7).
fn create_group(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, CREATE_GROUP_REQ, 400);
    group_service!(sim);
    let master = body.str("group_master_id");
    if sim.state.user(&master).is_none() {
        return ok(Go::Null);
    }
    let now = now_secs();
    let group_id = sim.new_group_id();
    sim.state.put_group(Group {
        group_id: group_id.clone(),
        group_name: body.str("group_name"),
        create_time: now,
        creator_user_id: master.clone(),
        ..Group::default()
    });
    sim.state.insert_member(&group_id, &master, 2, now);
    for uid in body.strs("group_members") {
        if sim.state.user(&uid).is_some() {
            sim.state.insert_member(&group_id, &uid, 1, now);
        }
    }
    ok(Go::Null)
}

/// Go's zero `time.Time` in Unix seconds: a member added by the CMS
/// (trap T30).
pub const GO_ZERO_TIME: i64 = -62_135_596_800;

/// `{"success", "failed"}`: the `members` that `done` did and did not
/// manage, in order.
fn success_failed(members: Vec<String>, mut done: impl FnMut(&str) -> bool) -> Go {
    let (success, failed): (Vec<String>, Vec<String>) =
        members.into_iter().partition(|uid| done(uid));
    let list = |v: Vec<String>| list_or_null(v.iter().map(Go::str).collect());
    Go::obj()
        .field("success", list(success))
        .field("failed", list(failed))
        .build()
}

fn add_members(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, MEMBERS_REQ, 400);
    group_service!(sim);
    let group_id = body.str("group_id");
    ok(success_failed(body.strs("members"), |uid| {
        sim.state.group(&group_id).is_some()
            && sim.state.user(uid).is_some()
            && sim.state.insert_member(&group_id, uid, 1, GO_ZERO_TIME)
    }))
}

fn remove_members(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, MEMBERS_REQ, 400);
    group_service!(sim);
    let group_id = body.str("group_id");
    ok(success_failed(body.strs("members"), |uid| {
        sim.state.delete_member(&group_id, uid)
    }))
}

/// Writes a group status; 0 is skipped by the update, so "open" changes
/// nothing (trap T5).
fn set_status(sim: &mut Sim, req: &Req, status: i32) -> Reply {
    let body = body_or_803!(req, GROUP_REQ, 400);
    group_service!(sim);
    if status != 0 {
        if let Some(g) = sim.state.group_mut(&body.str("group_id")) {
            g.status = status;
        }
    }
    ok(Go::Null)
}

fn ban_group_chat(sim: &mut Sim, req: &Req) -> Reply {
    set_status(sim, req, 1)
}

fn ban_group_private_chat(sim: &mut Sim, req: &Req) -> Reply {
    set_status(sim, req, 4)
}

fn open_group_chat(sim: &mut Sim, req: &Req) -> Reply {
    set_status(sim, req, 0)
}

/// A hard delete of the group and its member rows (trap T8).
fn delete_group(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, GROUP_REQ, 400);
    group_service!(sim);
    sim.state.remove_group(&body.str("group_id"));
    ok(Go::Null)
}

/// The owner transfer of `set_group_master` and, whatever role was asked
/// for, `set_group_ordinary_user` (trap T6): the current owner becomes
/// ordinary and the user the owner, no permission checked, the transfer's
/// own failures swallowed (a non-member leaves the group ownerless).
fn transfer(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, GROUP_USER_REQ, 400);
    group_service!(sim);
    let (group_id, user_id) = (body.str("group_id"), body.str("user_id"));
    if sim.state.group(&group_id).is_some() {
        if let Some(old) = sim.state.group_owner(&group_id) {
            if old != user_id {
                sim.state.set_member_role(&group_id, &old, 1);
            }
        }
        sim.state.set_member_role(&group_id, &user_id, 2);
    }
    ok(Go::Null)
}

/// A non-empty value replaces the field; an empty one is skipped by the
/// update.
fn set_nonempty(field: &mut String, v: String) {
    if !v.is_empty() {
        *field = v;
    }
}

/// Only app managers and the group's owner or admins may; anyone else gets
/// code 0 and no change (trap T7). `group_type` is ignored from v2.2.0.
fn alter_group_info(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, ALTER_GROUP_REQ, 400);
    group_service!(sim);
    let op = sim.check_token(req.token).unwrap_or_default();
    let group_id = body.str("group_id");
    let role = sim.state.member(&group_id, &op).map_or(0, |m| m.role_level);
    if !sim.is_admin(&op) && !matches!(role, 2 | 3) {
        return ok(Go::Null);
    }
    let from_2_2 = sim.config.release >= Release::V2_2_0;
    if let Some(g) = sim.state.group_mut(&group_id) {
        set_nonempty(&mut g.group_name, body.str("group_name"));
        set_nonempty(&mut g.notification, body.str("notification"));
        set_nonempty(&mut g.introduction, body.str("introduction"));
        set_nonempty(&mut g.face_url, body.str("profile_photo"));
        let group_type = body.int("group_type") as i32;
        if group_type != 0 && !from_2_2 {
            g.group_type = group_type;
        }
    }
    ok(Go::Null)
}

// --- users (docs/cms.md#cms-users) -----------------------------------------

/// The A/B user object: `is_block` whenever a block row exists, expired or not.
fn user_item(sim: &Sim, u: &User) -> Go {
    Go::obj()
        .field("profile_photo", Go::str(&u.face_url))
        .field("nick_name", Go::str(&u.nickname))
        .field("user_id", Go::str(&u.user_id))
        .field("create_time", Go::str(go_string(u.create_time)))
        .field(
            "is_block",
            Go::Bool(sim.state.cms_blocks.contains(&u.user_id)),
        )
        .build()
}

fn users_page(items: Vec<Go>, total: usize, paging: (i64, i64)) -> Go {
    page_data(("users", items), ("user_nums", total, Last), paging)
}

/// docs/cms.md#cms-get-user
fn get_user(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[Field("user_id", Kind::Str, REQ)]);
    match sim.state.user(&q.str("user_id")) {
        Some(u) => ok(user_item(sim, u)),
        None => db_failed(Go::Null),
    }
}

/// docs/cms.md#cms-get-users
fn get_users(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[PAGE, SHOW]);
    let (page, show) = paging(&q);
    let (offset, limit) = window(page, show);
    let items = (sim.state.users.page(offset, limit))
        .map(|u| user_item(sim, u))
        .collect();
    ok(users_page(items, sim.state.users.len(), (page, show)))
}

/// docs/cms.md#cms-get-users-by-name: pasted into the SQL (trap T9).
fn get_users_by_name(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[Field("user_name", Kind::Str, REQ), PAGE, SHOW]);
    let name = q.str("user_name");
    if breaks_sql(&name) {
        return db_failed(Go::Null);
    }
    let (page, show) = paging(&q);
    let matches: Vec<&User> = (sim.state.users.iter())
        .filter(|u| like_contains(&u.nickname, &name))
        .collect();
    let (rows, total) = page_of(matches, window(page, show));
    let items = rows.into_iter().map(|u| user_item(sim, u)).collect();
    ok(users_page(items, total, (page, show)))
}

/// docs/cms.md#cms-user-writes: a bare user row; a duplicate is 802.
fn add_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, ADD_USER_REQ, 400);
    let user_id = body.str("user_id");
    if sim.state.user(&user_id).is_some() {
        return db_failed(Go::Null);
    }
    let now = now_secs();
    sim.state.put_user(User {
        user_id,
        nickname: body.str("name"),
        phone_number: body.str("phone_number"),
        birth: now as u32,
        create_time: now,
        app_manger_level: 1,
        ..User::default()
    });
    ok(Go::Null)
}

/// Two JSON objects in one body: the error, then success (trap T4).
fn two_bodies(first: Go, second: Go) -> Reply {
    let mut body = first.encode();
    body.extend(second.encode());
    Reply { status: 200, body }
}

/// docs/cms.md#cms-user-writes: the phone is a number written as text,
/// so leaving it out writes "0" (trap T29); a failing service gets the
/// error and then success in one body (trap T4).
fn alter_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, ALTER_USER_REQ, 400);
    if req.service_fails {
        return two_bodies(
            envelope(802, "db failed", Go::Null),
            envelope(0, "", Go::Null),
        );
    }
    if let Some(u) = sim.state.user_mut(&body.str("user_id")) {
        set_nonempty(&mut u.nickname, body.str("nickname"));
        set_nonempty(&mut u.email, body.str("email"));
        u.phone_number = body.int("phone_number").to_string();
    }
    ok(Go::Null)
}

/// The service does nothing. Its bind error leaves the envelope
/// (`{"errCode":400,...}`, docs/cms.md#cms-envelope-ab), and a failing
/// service writes two bodies (trap T4).
fn resign(sim: &mut Sim, req: &Req) -> Reply {
    let _ = sim;
    if let Err(e) = bind(req.body, &USER_REQ) {
        return Reply::json(400, gin_h(400, &e, vec![]));
    }
    let empty = || Go::obj().build();
    if req.service_fails {
        return two_bodies(
            envelope(500, "server error", empty()),
            envelope(0, "", empty()),
        );
    }
    ok(empty())
}

/// Deletes the user row only (trap T32); no row is 802.
fn delete_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, USER_REQ, 400);
    if sim.state.delete_user(&body.str("user_id")) {
        ok(Go::Null)
    } else {
        db_failed(Go::Null)
    }
}

// --- blocks (docs/cms.md#cms-blocks) ----------------------------------------

/// docs/cms.md#cms-block-user: a past end, a bad time or an unknown user
/// are all 802.
fn block_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, BLOCK_REQ, 400);
    let now = now_secs();
    let user_id = body.str("user_id");
    let end = match parse_datetime(&body.str("end_disable_time")) {
        Ok(end) if end >= now => end,
        _ => return db_failed(Go::Null),
    };
    if sim.state.user(&user_id).is_none() {
        return db_failed(Go::Null);
    }
    super::put_block(sim, &user_id, end, now);
    ok(Go::Null)
}

/// docs/cms.md#cms-unblock-user: `ShouldBind`, so a bad body is HTTP 200.
fn unblock_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, USER_REQ, 200);
    sim.state.cms_blocks.remove(&body.str("user_id"));
    ok(Go::Null)
}

fn block_item(sim: &Sim, b: &CmsBlock) -> Go {
    let u = sim.state.user(&b.user_id);
    Go::obj()
        .field("profile_photo", Go::str(u.map_or("", |u| &u.face_url)))
        .field("nick_name", Go::str(u.map_or("", |u| &u.nickname)))
        .field("user_id", Go::str(&b.user_id))
        .field("is_block", Go::Bool(true))
        .field(
            "begin_disable_time",
            Go::str(go_string(b.begin_disable_time)),
        )
        .field("end_disable_time", Go::str(go_string(b.end_disable_time)))
        .build()
}

/// docs/cms.md#cms-get-block-users
fn get_block_users(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[PAGE, SHOW]);
    let (page, show) = paging(&q);
    let (offset, limit) = window(page, show);
    let items = (sim.state.cms_blocks.page(offset, limit))
        .map(|b| block_item(sim, b))
        .collect();
    let total = ("user_nums", sim.state.cms_blocks.len(), Last);
    ok(page_data(("block_users", items), total, (page, show)))
}

/// docs/cms.md#cms-get-block-user: not blocked is 802 in the sim's tags.
fn get_block_user(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[Field("user_id", Kind::Str, REQ)]);
    match sim.state.cms_blocks.get(&q.str("user_id")) {
        Some(b) => ok(block_item(sim, b)),
        None => db_failed(Go::Null),
    }
}

// --- chat logs (docs/cms.md#cms-get-chat-logs) -----------------------------

fn chat_logs_data(items: Vec<Go>, total: usize, paging: (i64, i64)) -> Go {
    page_data(("chat_logs", items), ("log_nums", total, AfterList), paging)
}

/// An A/B chat-log row; `None` when its receiver cannot be looked up (the
/// row is dropped from the page but still counted).
fn chat_item(sim: &Sim, m: &Message, search: &str) -> Option<Go> {
    let st = &sim.state;
    let sender_name = if m.sender_nickname.is_empty() {
        st.user(&m.send_id)
            .map(|u| u.nickname.clone())
            .unwrap_or_default()
    } else {
        m.sender_nickname.clone()
    };
    let obj = Go::obj()
        .field("session_type", Go::Int(m.session_type))
        .field("content_type", Go::Int(m.content_type))
        .field("sender_nick_name", Go::str(sender_name))
        .field("sender_id", Go::str(&m.send_id))
        .field("search_content", Go::str(search))
        .field("whole_content", Go::str(&m.content));
    let obj = if matches!(m.session_type, 2 | 3) {
        let g = st.group(&m.group_id)?;
        obj.str_omitempty("group_name", &g.group_name)
            .str_omitempty("group_id", &g.group_id)
    } else {
        let u = st.user(&m.recv_id)?;
        obj.str_omitempty("receiver_nick_name", &u.nickname)
            .str_omitempty("receiver_id", &u.user_id)
    };
    let date = go_string(m.create_time.div_euclid(1000));
    Some(obj.field("date", Go::str(date)).build())
}

/// `user_id` and `group_id` count only with `session_type` 1 or 2, a
/// single chat cannot be filtered by receiver, a bad `date` is dropped
/// (trap T11).
fn get_chat_logs(sim: &mut Sim, req: &Req) -> Reply {
    let zero = chat_logs_data(Vec::new(), 0, (0, 0));
    let q = query_or_803!(
        req,
        &[
            Field("session_type", Kind::Int, OPT),
            Field("content_type", Kind::Int, OPT),
            Field("content", Kind::Str, OPT),
            Field("user_id", Kind::Str, OPT),
            Field("group_id", Kind::Str, OPT),
            Field("date", Kind::Str, OPT),
            PAGE,
            SHOW,
        ],
        zero.clone()
    );
    let content = q.str("content");
    if breaks_sql(&content) {
        return db_failed(zero);
    }
    let session = q.int("session_type");
    let (user_id, group_id) = (q.str("user_id"), q.str("group_id"));
    let by_user = matches!(session, 1 | 2) && !user_id.is_empty();
    let by_group = session == 2 && !group_id.is_empty();
    let filter = LogFilter {
        sessions: match session {
            0 => &[],
            1 => &[1],
            2 => &[2],
            _ => std::slice::from_ref(&session),
        },
        sender: by_user.then_some(user_id.as_str()),
        recv: by_group.then_some(group_id.as_str()),
        day: parse_date(&q.str("date")).ok().map(day_of),
        content_type: q.int("content_type"),
        content: &content,
    };
    let (page, show) = paging(&q);
    let (items, total) = filter.page(sim, window(page, show), |sim, m| {
        chat_item(sim, m, &content)
    });
    ok(chat_logs_data(items, total, (page, show)))
}

// --- statistics (docs/cms.md#cms-statistics) ------------------------------

const FROM_TO: [Field; 2] = [Field("from", Kind::Str, REQ), Field("to", Kind::Str, REQ)];

/// The range as day numbers, or the route's error with its zero answer.
fn range(q: &query::Query, bad_code: (i64, &str), zero: Go) -> Result<(i64, i64), Reply> {
    super::day_range(&q.str("from"), &q.str("to"))
        .map_err(|_| answer(200, bad_code.0, bad_code.1, zero))
}

/// One of the three chart routes; a bad date is 803.
fn chart(sim: &mut Sim, req: &Req, chart: &Chart) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    match range(&q, (803, "args failed"), stats::zero(chart, Snake)) {
        Ok(range) => ok(stats::chart(sim, chart, Snake, range)),
        Err(reply) => reply,
    }
}

fn get_messages_statistics(sim: &mut Sim, req: &Req) -> Reply {
    chart(sim, req, &stats::MESSAGES)
}

fn get_user_statistics(sim: &mut Sim, req: &Req) -> Reply {
    chart(sim, req, &stats::USERS)
}

fn get_group_statistics(sim: &mut Sim, req: &Req) -> Reply {
    chart(sim, req, &stats::GROUPS)
}

/// One of the two top-12 routes, with the code of a bad date.
fn active(sim: &mut Sim, req: &Req, top: Top, bad_code: (i64, &str), keys: &TopKeys) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    match range(&q, bad_code, stats::render_top(keys, Snake, Vec::new())) {
        Ok(range) => ok(stats::render_top(keys, Snake, stats::top(sim, top, range))),
        Err(reply) => reply,
    }
}

/// The top 12 single-chat senders; a bad date here is 802, not 803.
fn get_active_user(sim: &mut Sim, req: &Req) -> Reply {
    let keys = &stats::ACTIVE_USERS;
    active(sim, req, Top::Senders, (802, "db failed"), keys)
}

/// The top 12 groups by group messages (session type 2 only).
fn get_active_group(sim: &mut Sim, req: &Req) -> Reply {
    let keys = &stats::ACTIVE_GROUPS;
    active(sim, req, Top::Groups, (803, "args failed"), keys)
}
