//! Generations A and B (docs/cms.md#cms-envelope-ab): reads are GET with
//! snake_case query parameters, writes POST with a snake_case JSON body,
//! every answer `{"code","err_msg","data"}` in that order (a Go struct),
//! an empty list `null`, times Go time strings. A (v2.0.8, `/api`) and B
//! (`/cms`) differ here only where a route says so.

use super::query::{self, Field, Kind, OPT, REQ};
use super::stats::{self, Point};
use super::{breaks_sql, like_contains, list_or_null, window, Req, Route};
use crate::bind::{bind, FieldDef, Rule, StructDef, Ty};
use crate::cms_index::{chat_receiver, Top, Work};
use crate::gojson::Go;
use crate::gotime::{day_of, go_string, parse_date, parse_datetime};
use crate::release::Release;
use crate::reply::{gin_h, Reply};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::{CmsBlock, Group, Message, User};

const fn get(path: &'static str, handler: super::Handler) -> Route {
    Route {
        method: "GET",
        path,
        handler,
        auth: true,
        faultable: false,
    }
}

const fn post(path: &'static str, handler: super::Handler) -> Route {
    Route {
        method: "POST",
        path,
        handler,
        auth: true,
        faultable: false,
    }
}

const fn faultable(route: Route) -> Route {
    Route {
        faultable: true,
        ..route
    }
}

/// The A/B route table (docs/cms.md#cms-routes); the same in every tag.
pub const ROUTES: &[Route] = &[
    Route {
        method: "POST",
        path: "/admin/login",
        handler: login,
        auth: false,
        faultable: false,
    },
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
    post("/group/set_group_master", set_group_master),
    post("/group/set_group_ordinary_user", set_group_ordinary_user),
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
    Route {
        method: "PATCH",
        path: "/organization/alter_corps_info",
        handler: stub,
        auth: true,
        faultable: false,
    },
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

const fn f(go: &'static str, json: &'static str, ty: Ty, rules: &'static [Rule]) -> FieldDef {
    FieldDef {
        go,
        json,
        ty,
        rules,
    }
}
const R: &[Rule] = &[Rule::Required];
const N: &[Rule] = &[];

const fn def(name: &'static str, fields: &'static [FieldDef]) -> StructDef {
    StructDef {
        pkg: "cms_api_struct",
        name,
        fields,
    }
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

/// The owner row (the first role-2 member): (userID, its member nickname).
fn owner(sim: &Sim, group_id: &str) -> Option<(String, String)> {
    let id = sim.state.group_owner(group_id)?;
    let nickname = sim
        .state
        .member(group_id, &id)
        .map(|m| m.nickname.clone())
        .unwrap_or_default();
    Some((id, nickname))
}

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

fn groups_page(items: Vec<Go>, total: usize, page: i64, show: i64) -> Go {
    Go::obj()
        .field("groups", list_or_null(items))
        .field("group_nums", Go::Int(total as i64))
        .field("current_number", Go::Int(page))
        .field("show_number", Go::Int(show))
        .build()
}

/// docs/cms.md#cms-get-groups: every row, dismissed ones too.
fn get_groups(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[PAGE, SHOW]);
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let items = (sim.state.groups.page(offset, limit))
        .filter_map(|g| group_item(sim, g, true))
        .collect();
    ok(groups_page(items, sim.state.groups.len(), page, show))
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
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let matches: Vec<&Group> = (sim.state.groups.iter())
        .filter(|g| like_contains(&g.group_name, &name))
        .collect();
    let items = (matches.iter().skip(offset).take(limit))
        .filter_map(|g| group_item(sim, g, true))
        .collect();
    ok(groups_page(items, matches.len(), page, show))
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
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let st = &sim.state;
    let (ids, total): (Vec<String>, usize) = if name.is_empty() {
        let page = st.member_page(&group_id, offset, limit);
        let ids = page.ids.iter().map(|s| s.to_string()).collect();
        (ids, st.member_count(&group_id))
    } else {
        let all: Vec<String> = (st.members_of(&group_id))
            .filter(|m| like_contains(&m.nickname, &name))
            .map(|m| m.user_id.clone())
            .collect();
        let n = all.len();
        (all.into_iter().skip(offset).take(limit).collect(), n)
    };
    let items = (ids.iter())
        .filter_map(|id| st.member(&group_id, id))
        .map(|m| {
            Go::obj()
                .field("member_position", Go::Int(m.role_level as i64))
                .field("member_nick_name", Go::str(&m.nickname))
                .field("member_id", Go::str(&m.user_id))
                .field("join_time", Go::str(go_string(m.join_time)))
                .build()
        })
        .collect();
    let data = Go::obj()
        .field("group_members", list_or_null(items))
        .field("current_number", Go::Int(page))
        .field("show_number", Go::Int(show))
        .field("member_nums", Go::Int(total as i64))
        .build();
    ok(data)
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

fn success_failed(success: Vec<String>, failed: Vec<String>) -> Go {
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
    let (mut success, mut failed) = (Vec::new(), Vec::new());
    for uid in body.strs("members") {
        let added = sim.state.group(&group_id).is_some()
            && sim.state.user(&uid).is_some()
            && sim.state.insert_member(&group_id, &uid, 1, GO_ZERO_TIME);
        if added {
            success.push(uid);
        } else {
            failed.push(uid);
        }
    }
    ok(success_failed(success, failed))
}

fn remove_members(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_803!(req, MEMBERS_REQ, 400);
    group_service!(sim);
    let group_id = body.str("group_id");
    let (mut success, mut failed) = (Vec::new(), Vec::new());
    for uid in body.strs("members") {
        if sim.state.delete_member(&group_id, &uid) {
            success.push(uid);
        } else {
            failed.push(uid);
        }
    }
    ok(success_failed(success, failed))
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

fn set_group_master(sim: &mut Sim, req: &Req) -> Reply {
    transfer(sim, req)
}

fn set_group_ordinary_user(sim: &mut Sim, req: &Req) -> Reply {
    transfer(sim, req)
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
        let set = |field: &mut String, v: String| {
            if !v.is_empty() {
                *field = v;
            }
        };
        set(&mut g.group_name, body.str("group_name"));
        set(&mut g.notification, body.str("notification"));
        set(&mut g.introduction, body.str("introduction"));
        set(&mut g.face_url, body.str("profile_photo"));
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

fn users_page(items: Vec<Go>, total: usize, page: i64, show: i64) -> Go {
    Go::obj()
        .field("users", list_or_null(items))
        .field("current_number", Go::Int(page))
        .field("show_number", Go::Int(show))
        .field("user_nums", Go::Int(total as i64))
        .build()
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
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let items = (sim.state.users.page(offset, limit))
        .map(|u| user_item(sim, u))
        .collect();
    ok(users_page(items, sim.state.users.len(), page, show))
}

/// docs/cms.md#cms-get-users-by-name: pasted into the SQL (trap T9).
fn get_users_by_name(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &[Field("user_name", Kind::Str, REQ), PAGE, SHOW]);
    let name = q.str("user_name");
    if breaks_sql(&name) {
        return db_failed(Go::Null);
    }
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let matches: Vec<&User> = (sim.state.users.iter())
        .filter(|u| like_contains(&u.nickname, &name))
        .collect();
    let items = (matches.iter().skip(offset).take(limit))
        .map(|u| user_item(sim, u))
        .collect();
    ok(users_page(items, matches.len(), page, show))
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
        let set = |field: &mut String, v: String| {
            if !v.is_empty() {
                *field = v;
            }
        };
        set(&mut u.nickname, body.str("nickname"));
        set(&mut u.email, body.str("email"));
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
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let items = (sim.state.cms_blocks.page(offset, limit))
        .map(|b| block_item(sim, b))
        .collect();
    let data = Go::obj()
        .field("block_users", list_or_null(items))
        .field("current_number", Go::Int(page))
        .field("show_number", Go::Int(show))
        .field("user_nums", Go::Int(sim.state.cms_blocks.len() as i64))
        .build();
    ok(data)
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

fn chat_logs_data(items: Vec<Go>, total: usize, page: i64, show: i64) -> Go {
    Go::obj()
        .field("chat_logs", list_or_null(items))
        .field("log_nums", Go::Int(total as i64))
        .field("current_number", Go::Int(page))
        .field("show_number", Go::Int(show))
        .build()
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

/// Positions of the stored messages a chat-log search keeps, in table
/// order, starting from the smallest index that applies.
pub(super) struct LogFilter<'a> {
    pub sessions: &'a [i64],
    pub sender: Option<&'a str>,
    pub recv: Option<&'a str>,
    pub day: Option<i64>,
    pub content_type: i64,
    pub content: &'a str,
}

impl LogFilter<'_> {
    pub fn run(&self, sim: &Sim, work: &mut Work) -> Vec<u32> {
        let st = &sim.state;
        let all: Vec<u32>;
        let candidates = match st.cms.log_candidates(self.day, self.sender, self.recv) {
            Some(list) => list,
            None => {
                all = (0..st.messages.len() as u32).collect();
                &all
            }
        };
        let mut out = Vec::new();
        for &at in candidates {
            work.messages += 1;
            let m = &st.messages[at as usize];
            let keep = (self.sessions.is_empty() || self.sessions.contains(&m.session_type))
                && self.sender.is_none_or(|s| m.send_id == s)
                && self.recv.is_none_or(|r| chat_receiver(m) == r)
                && self
                    .day
                    .is_none_or(|d| day_of(m.send_time.div_euclid(1000)) == d)
                && (self.content_type == 0 || m.content_type == self.content_type)
                && (self.content.is_empty() || like_contains(&m.content, self.content));
            if keep {
                out.push(at);
            }
        }
        out
    }
}

/// `user_id` and `group_id` count only with `session_type` 1 or 2, a
/// single chat cannot be filtered by receiver, a bad `date` is dropped
/// (trap T11).
fn get_chat_logs(sim: &mut Sim, req: &Req) -> Reply {
    let zero = chat_logs_data(Vec::new(), 0, 0, 0);
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
    let mut work = Work::default();
    let hits = filter.run(sim, &mut work);
    sim.cms_work = work;
    let (page, show) = (q.int("page_number"), q.int("show_number"));
    let (offset, limit) = window(page, show);
    let items = (hits.iter().skip(offset).take(limit))
        .filter_map(|&at| chat_item(sim, &sim.state.messages[at as usize], &content))
        .collect();
    ok(chat_logs_data(items, hits.len(), page, show))
}

// --- statistics (docs/cms.md#cms-statistics) ------------------------------

const FROM_TO: [Field; 2] = [Field("from", Kind::Str, REQ), Field("to", Kind::Str, REQ)];

/// The range as day numbers, or the route's error with its zero answer.
fn range(q: &query::Query, bad_code: (i64, &str), zero: &Go) -> Result<(i64, i64), Reply> {
    match (parse_date(&q.str("from")), parse_date(&q.str("to"))) {
        (Ok(from), Ok(to)) => Ok((day_of(from), day_of(to))),
        _ => Err(answer(200, bad_code.0, bad_code.1, zero.clone())),
    }
}

fn stats_data(names: &[&str], lists: &[(&str, &str)], totals: &[i64], points: &[Point]) -> Go {
    stats::render(names, lists, totals, points)
}

const MESSAGE_NAMES: [&str; 2] = ["private_message_num", "group_message_num"];
const MESSAGE_LISTS: [(&str, &str); 2] = [
    ("private_message_num_list", "message_num"),
    ("group_message_num_list", "message_num"),
];
const USER_NAMES: [&str; 3] = ["increase_user_num", "active_user_num", "total_user_num"];
const USER_LISTS: [(&str, &str); 3] = [
    ("increase_user_num_list", "increase_user_num"),
    ("active_user_num_list", "active_user_num"),
    ("total_user_num_list", "total_user_num"),
];
const GROUP_NAMES: [&str; 2] = ["increase_group_num", "total_group_num"];
const GROUP_LISTS: [(&str, &str); 2] = [
    ("increase_group_num_list", "increase_group_num"),
    ("total_group_num_list", "total_group_num"),
];

fn get_messages_statistics(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    let zero = stats_data(&MESSAGE_NAMES, &MESSAGE_LISTS, &[0, 0], &[]);
    let (from, to) = match range(&q, (803, "args failed"), &zero) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let mut work = Work::default();
    let (totals, points) = stats::messages(&sim.state, from, to, &mut work);
    sim.cms_work = work;
    ok(stats_data(&MESSAGE_NAMES, &MESSAGE_LISTS, &totals, &points))
}

fn get_user_statistics(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    let zero = stats_data(&USER_NAMES, &USER_LISTS, &[0, 0, 0], &[]);
    let (from, to) = match range(&q, (803, "args failed"), &zero) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let mut work = Work::default();
    let (totals, points) = stats::users(&sim.state, from, to, &mut work);
    sim.cms_work = work;
    ok(stats_data(&USER_NAMES, &USER_LISTS, &totals, &points))
}

fn get_group_statistics(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    let zero = stats_data(&GROUP_NAMES, &GROUP_LISTS, &[0, 0], &[]);
    let (from, to) = match range(&q, (803, "args failed"), &zero) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let mut work = Work::default();
    let (totals, points) = stats::groups(&sim.state, from, to, &mut work);
    sim.cms_work = work;
    ok(stats_data(&GROUP_NAMES, &GROUP_LISTS, &totals, &points))
}

/// The top 12 single-chat senders; a bad date here is 802, not 803.
fn get_active_user(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    let list = |items: Vec<Go>| {
        Go::obj()
            .field("active_user_list", list_or_null(items))
            .build()
    };
    let (from, to) = match range(&q, (802, "db failed"), &list(Vec::new())) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let mut work = Work::default();
    let top = stats::top(&sim.state, Top::Senders, from, to, &mut work);
    sim.cms_work = work;
    let items = (top.into_iter())
        .map(|(id, n)| {
            let name = sim.state.user(&id).map(|u| u.nickname.clone());
            Go::obj()
                .field("nick_name", Go::str(name.unwrap_or_default()))
                .field("user_id", Go::str(id))
                .field("message_num", Go::Int(n))
                .build()
        })
        .collect();
    ok(list(items))
}

/// The top 12 groups by group messages (session type 2 only).
fn get_active_group(sim: &mut Sim, req: &Req) -> Reply {
    let q = query_or_803!(req, &FROM_TO);
    let list = |items: Vec<Go>| {
        Go::obj()
            .field("active_group_list", list_or_null(items))
            .build()
    };
    let (from, to) = match range(&q, (803, "args failed"), &list(Vec::new())) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let mut work = Work::default();
    let top = stats::top(&sim.state, Top::Groups, from, to, &mut work);
    sim.cms_work = work;
    let items = (top.into_iter())
        .map(|(id, n)| {
            let name = sim.state.group(&id).map(|g| g.group_name.clone());
            Go::obj()
                .field("group_name", Go::str(name.unwrap_or_default()))
                .field("group_id", Go::str(id))
                .field("message_num", Go::Int(n))
                .build()
        })
        .collect();
    ok(list(items))
}
