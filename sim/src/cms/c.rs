//! Generation C, v2.3.2 and v2.3.3 (docs/cms.md#cms-envelope-c): every
//! route POST with a camelCase JSON body, answers built inline as
//! `gin.H{"errCode", "errMsg", "data"}`. gin.H is a Go map, so
//! `encoding/json` writes its keys sorted: `data` comes first. Times are
//! Unix seconds, except block times and statistics dates.

use super::stats::{self, Case::Camel, Chart, TopKeys};
use super::TotalAt::{self, AfterList, Last};
use super::{breaks_sql, def, f, faultable, like_contains, list_or_null, open, owner, page_of};
use super::{route, sql_syntax_error, window, Handler, LogFilter, Req, Route, N, R, UNAVAILABLE};
use crate::bind::{bind, FieldDef, Obj, StructDef, Ty};
use crate::cms_index::Top;
use crate::gojson::Go;
use crate::gotime::{day_of, go_string, parse_date, parse_datetime};
use crate::release::Release;
use crate::reply::{gin_h, Reply};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::{CmsBlock, Group, Message};
use crate::token::TokenError;

const fn post(path: &'static str, handler: Handler) -> Route {
    faultable(route("POST", path, handler))
}

/// The C route table a dashboard may read, plus the traps (docs/cms.md#cms-routes).
pub const ROUTES: &[Route] = &[
    open(post("/admin/login", login)),
    post("/group/get_groups", get_groups),
    post("/group/get_group_members", get_group_members),
    post("/user/add_user", add_user),
    post("/user/block_user", block_user),
    post("/user/unblock_user", unblock_user),
    post("/user/get_block_users", get_block_users),
    post("/friend/get_friends", get_friends),
    post("/message/get_chat_logs", get_chat_logs),
    post(
        "/statistics/get_messages_statistics",
        get_messages_statistics,
    ),
    post("/statistics/get_user_statistics", get_user_statistics),
    post("/statistics/get_group_statistics", get_group_statistics),
    post("/statistics/get_active_user", get_active_user),
    post("/statistics/get_active_group", get_active_group),
];

// --- envelopes (docs/cms.md#cms-envelope-c) --------------------------------

fn with_data(code: i64, msg: &str, data: Go) -> Reply {
    Reply::json(200, gin_h(code, msg, vec![("data", data)]))
}

fn ok(data: Go) -> Reply {
    with_data(0, "", data)
}

fn plain(status: u16, code: i64, msg: &str) -> Reply {
    Reply::json(status, gin_h(code, msg, vec![]))
}

/// The token check's refusal: HTTP 200, errCode 400, the reason behind a
/// call trace, no `data` (docs/cms.md#cms-token-check). The trace's line
/// number is the sim's.
pub fn token_refused(cause: TokenError) -> Reply {
    let msg = format!(
        "==> Open_IM/pkg/common/token_verify.ParseToken()@0: {}",
        cause.text()
    );
    plain(200, 400, &msg)
}

/// A body that does not bind: HTTP 400, errCode 400, the validator's or
/// the JSON decoder's text.
macro_rules! body_or_400 {
    ($req:expr, $def:expr) => {
        match bind($req.body, &$def) {
            Ok(obj) => obj,
            Err(e) => return plain(400, 400, &e),
        }
    };
}

/// The back-end call failing (a fault asked for, or the service down):
/// each route's own (HTTP status, errCode) (docs/cms.md#cms-envelope-c).
macro_rules! service {
    ($req:expr, $down:expr, $status:expr, $code:expr) => {
        if $req.service_fails || $down {
            return plain($status, $code, UNAVAILABLE);
        }
    };
}

static PAGINATION: StructDef = def(
    "RequestPagination",
    &[
        f("PageNumber", "pageNumber", Ty::I32, R),
        f("ShowNumber", "showNumber", Ty::I32, R),
    ],
);
const PAGED: FieldDef = f("RequestPagination", "", Ty::Embedded(&PAGINATION), N);
const OP_ID: FieldDef = f("OperationID", "operationID", Ty::Str, R);

static LOGIN_REQ: StructDef = def(
    "AdminLoginRequest",
    &[
        f("AdminName", "adminID", Ty::Str, R),
        f("Secret", "secret", Ty::Str, R),
        OP_ID,
    ],
);
static GET_GROUPS_REQ: StructDef = def(
    "GetGroupsRequest",
    &[
        PAGED,
        OP_ID,
        f("GroupName", "groupName", Ty::Str, N),
        f("GroupID", "groupID", Ty::Str, N),
    ],
);
/// Declared with form tags only, so JSON matches the Go names ignoring
/// case (docs/cms.md#cms-get-group-members).
static GET_GROUP_MEMBERS_REQ: StructDef = def(
    "GetGroupMembersRequest",
    &[
        f("GroupID", "GroupID", Ty::Str, R),
        f("UserName", "UserName", Ty::Str, N),
        PAGED,
        f("OperationID", "OperationID", Ty::Str, R),
    ],
);
static GET_CHAT_LOGS_REQ: StructDef = def(
    "GetChatLogsRequest",
    &[
        f("SessionType", "sessionType", Ty::I32, N),
        f("ContentType", "contentType", Ty::I32, N),
        f("Content", "content", Ty::Str, N),
        f("SendID", "sendID", Ty::Str, N),
        f("RecvID", "recvID", Ty::Str, N),
        f("GroupID", "groupID", Ty::Str, N),
        f("SendTime", "sendTime", Ty::Str, N),
        PAGED,
        f("OperationID", "operationID", Ty::Str, N),
    ],
);
static BLOCK_REQ: StructDef = def(
    "BlockUserRequest",
    &[
        OP_ID,
        f("UserID", "userID", Ty::Str, R),
        f("EndDisableTime", "endDisableTime", Ty::Str, R),
    ],
);
static UNBLOCK_REQ: StructDef = def(
    "UnblockUserRequest",
    &[OP_ID, f("UserID", "userID", Ty::Str, R)],
);
static GET_BLOCK_USERS_REQ: StructDef = def("GetBlockUsersRequest", &[PAGED, OP_ID]);
static ADD_USER_REQ: StructDef = def(
    "AddUserRequest",
    &[
        OP_ID,
        f("PhoneNumber", "phoneNumber", Ty::Str, R),
        f("UserId", "userID", Ty::Str, R),
        f("Name", "name", Ty::Str, R),
        f("Email", "email", Ty::Str, N),
        f("Birth", "birth", Ty::Str, N),
        f("Gender", "gender", Ty::Str, N),
        f("FaceURL", "faceURL", Ty::Str, N),
    ],
);
static GET_FRIENDS_REQ: StructDef = def(
    "GetFriendsRequest",
    &[
        f("OperationID", "operationID", Ty::Str, N),
        f("UserID", "userID", Ty::Str, N),
        f("FriendUserID", "friendUserID", Ty::Str, N),
        f("FriendUserName", "friendUserName", Ty::Str, N),
        PAGED,
    ],
);
static STATISTICS: StructDef = def(
    "StatisticsRequest",
    &[
        f("From", "from", Ty::Str, R),
        f("To", "to", Ty::Str, R),
        OP_ID,
    ],
);
const STATS: FieldDef = f("StatisticsRequest", "", Ty::Embedded(&STATISTICS), N);
static MESSAGES_REQ: StructDef = def("GetMessageStatisticsRequest", &[STATS]);
static USERS_REQ: StructDef = def("GetUserStatisticsRequest", &[STATS]);
static GROUPS_REQ: StructDef = def("GetGroupStatisticsRequest", &[STATS]);
static ACTIVE_USER_REQ: StructDef = def("GetActiveUserRequest", &[STATS]);
static ACTIVE_GROUP_REQ: StructDef = def("GetActiveGroupRequest", &[STATS]);

/// A page answer under the C paging keys.
fn page_data(list: (&str, Vec<Go>), total: (&str, i64, TotalAt), paging: (i64, i64)) -> Go {
    super::paged(["currentPage", "showNumber"], list, total, paging)
}

fn paging(body: &Obj) -> (i64, i64) {
    (body.int("pageNumber"), body.int("showNumber"))
}

// --- login (docs/cms.md#cms-login) -----------------------------------------

fn login_data(token: &str, name: &str, face: &str) -> Go {
    Go::obj()
        .field("token", Go::str(token))
        .field("userName", Go::str(name))
        .field("faceURL", Go::str(face))
        .build()
}

/// Login, then the admin's user row for `userName` and `faceURL`; without
/// the row the token still comes back, under errCode 705.
fn login(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, LOGIN_REQ);
    service!(req, false, 500, 500);
    let admin = body.str("adminID");
    let Some(token) = super::admin_token(sim, &admin, &body.str("secret")) else {
        return with_data(705, "that's not even a token", login_data("", "", ""));
    };
    match sim.state.user(&admin) {
        Some(u) => ok(login_data(&token, &u.nickname, &u.face_url)),
        None => {
            let msg = if sim.config.release == Release::V2_3_2 {
                "that's not even a token"
            } else {
                "record not found"
            };
            with_data(705, msg, login_data(&token, "", ""))
        }
    }
}

// --- groups (docs/cms.md#cms-get-groups) ------------------------------------

/// A get_groups item: the owner under capitalised keys (trap T17),
/// `ownerUserID` always "" and `notificationUpdateTime` always 0.
fn group_item(sim: &Sim, g: &Group, owner: (String, String), create_time: i64) -> Go {
    let (owner_id, owner_name) = owner;
    Go::obj()
        .field("GroupOwnerName", Go::str(owner_name))
        .field("GroupOwnerID", Go::str(owner_id))
        .field("groupID", Go::str(&g.group_id))
        .field("groupName", Go::str(&g.group_name))
        .field("notification", Go::str(&g.notification))
        .field("introduction", Go::str(&g.introduction))
        .field("faceURL", Go::str(&g.face_url))
        .field("ownerUserID", Go::str(""))
        .field("createTime", Go::Int(create_time))
        .field(
            "memberCount",
            Go::Int(sim.state.member_count(&g.group_id) as i64),
        )
        .field("ex", Go::str(&g.ex))
        .field("status", Go::Int(g.status as i64))
        .field("creatorUserID", Go::str(&g.creator_user_id))
        .field("groupType", Go::Int(g.group_type as i64))
        .field("needVerification", Go::Int(g.need_verification as i64))
        .field("lookMemberInfo", Go::Int(g.look_member_info as i64))
        .field("applyMemberFriend", Go::Int(g.apply_member_friend as i64))
        .field("notificationUpdateTime", Go::Int(0))
        .field("notificationUserID", Go::str(&g.notification_user_id))
        .build()
}

fn groups_data(items: Vec<Go>, total: i64, paging: (i64, i64)) -> Go {
    page_data(("groups", items), ("groupNums", total, AfterList), paging)
}

/// `groupID` (exact) wins over `groupName` (contains) over nothing. The
/// list leaves dismissed groups out and skips ownerless ones; v2.3.2
/// counts every group in `groupNums` and gives a looked-up group
/// `createTime` 0 (trap T18).
fn get_groups(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, GET_GROUPS_REQ);
    service!(req, sim.group_service_down, 500, 500);
    let (page, show) = paging(&body);
    let v2_3_2 = sim.config.release == Release::V2_3_2;
    let (group_id, name) = (body.str("groupID"), body.str("groupName"));
    if !group_id.is_empty() {
        let items: Vec<Go> = (sim.state.group(&group_id).into_iter())
            .map(|g| {
                let created = if v2_3_2 { 0 } else { g.create_time };
                group_item(sim, g, owner(sim, &g.group_id).unwrap_or_default(), created)
            })
            .collect();
        let n = items.len() as i64;
        return ok(groups_data(items, n, (page, show)));
    }
    let named = |g: &&Group| name.is_empty() || like_contains(&g.group_name, &name);
    let listed: Vec<&Group> = (sim.state.groups.iter())
        .filter(|g| g.status != 2)
        .filter(named)
        .collect();
    let (rows, listed) = page_of(listed, window(page, show));
    let total = if v2_3_2 {
        sim.state.groups.iter().filter(named).count()
    } else {
        listed
    };
    let items = (rows.into_iter())
        .filter_map(|g| owner(sim, &g.group_id).map(|o| group_item(sim, g, o, g.create_time)))
        .collect();
    ok(groups_data(items, total as i64, (page, show)))
}

fn members_data(items: Vec<Go>, total: i64, paging: (i64, i64)) -> Go {
    page_data(("groupMembers", items), ("memberNums", total, Last), paging)
}

/// docs/cms.md#cms-get-group-members: the nickname filter is still pasted
/// into the SQL (trap T9).
fn get_group_members(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, GET_GROUP_MEMBERS_REQ);
    service!(req, sim.group_service_down, 500, 500);
    let (group_id, name) = (body.str("GroupID"), body.str("UserName"));
    if breaks_sql(&name) {
        return with_data(
            802,
            &sql_syntax_error(&name),
            members_data(vec![], 0, (0, 0)),
        );
    }
    let (page, show) = paging(&body);
    let (rows, total) = super::member_page(&sim.state, &group_id, &name, window(page, show));
    let items = (rows.into_iter())
        .map(|m| {
            Go::obj()
                .field("groupID", Go::str(&m.group_id))
                .field("userID", Go::str(&m.user_id))
                .field("roleLevel", Go::Int(m.role_level as i64))
                .field("joinTime", Go::Int(m.join_time))
                .field("nickname", Go::str(&m.nickname))
                .field("faceURL", Go::str(&m.face_url))
                .field("appMangerLevel", Go::Int(0))
                .field("joinSource", Go::Int(0))
                .field("operatorUserID", Go::str(""))
                .field("ex", Go::str(&m.ex))
                .field("muteEndTime", Go::Int(m.mute_end_time))
                .field("inviterUserID", Go::str(""))
                .build()
        })
        .collect();
    ok(members_data(items, total as i64, (page, show)))
}

// --- users and blocks (docs/cms.md#cms-blocks) ------------------------------

/// Trap T14: the handler's struct copy leaves the user record nil, the
/// user service reads through it and dies without recovery. This call and
/// every later user route of both APIs fail until
/// `POST /_sim/restart_user_service`.
fn add_user(sim: &mut Sim, req: &Req) -> Reply {
    let _ = body_or_400!(req, ADD_USER_REQ);
    service!(req, sim.user_service_down, 500, 500);
    sim.user_service_down = true;
    plain(
        500,
        500,
        "rpc error: code = Unavailable desc = error reading from server: EOF",
    )
}

/// `endDisableTime` is read as UTC; errors are 802 with a telling text.
fn block_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, BLOCK_REQ);
    service!(req, sim.user_service_down, 500, 500);
    let now = now_secs();
    let end = match parse_datetime(&body.str("endDisableTime")) {
        Ok(end) => end,
        Err(e) => return plain(200, 802, &e),
    };
    if end < now {
        return plain(200, 802, "endDisableTime is before now");
    }
    let user_id = body.str("userID");
    if sim.state.user(&user_id).is_none() {
        return plain(200, 802, "record not found");
    }
    super::put_block(sim, &user_id, end, now);
    plain(200, 0, "")
}

fn unblock_user(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, UNBLOCK_REQ);
    service!(req, sim.user_service_down, 500, 500);
    sim.state.cms_blocks.remove(&body.str("userID"));
    plain(200, 0, "")
}

/// Every block row, expired ones too, with `isBlock` always false
/// (trap T15).
fn block_item(sim: &Sim, b: &CmsBlock) -> Go {
    let u = sim.state.user(&b.user_id);
    let s = |f: fn(&crate::state::User) -> &str| Go::str(u.map_or("", f));
    Go::obj()
        .field("faceURL", s(|u| &u.face_url))
        .field("nickName", s(|u| &u.nickname))
        .field("userID", Go::str(&b.user_id))
        .field("loginTimes", Go::Int(0))
        .field("loginLimit", Go::Int(0))
        .field("isBlock", Go::Bool(false))
        .field("phoneNumber", s(|u| &u.phone_number))
        .field("email", s(|u| &u.email))
        .field("birth", Go::str(""))
        .field("gender", Go::Int(u.map_or(0, |u| u.gender as i64)))
        .field("beginDisableTime", Go::str(go_string(b.begin_disable_time)))
        .field("endDisableTime", Go::str(go_string(b.end_disable_time)))
        .build()
}

fn get_block_users(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, GET_BLOCK_USERS_REQ);
    service!(req, sim.user_service_down, 500, 500);
    let (page, show) = paging(&body);
    let (offset, limit) = window(page, show);
    let items = (sim.state.cms_blocks.page(offset, limit))
        .map(|b| block_item(sim, b))
        .collect();
    let total = ("userNums", sim.state.cms_blocks.len() as i64, Last);
    ok(page_data(("blockUsers", items), total, (page, show)))
}

// --- friends (docs/cms.md#cms-get-friends) ----------------------------------

/// `createTime` always 0; `friendNums` counted on the paged query, so 0
/// from page 2 on (trap T19).
fn get_friends(sim: &mut Sim, req: &Req) -> Reply {
    let body = body_or_400!(req, GET_FRIENDS_REQ);
    service!(req, false, 500, 500);
    let (page, show) = paging(&body);
    let owner = body.str("userID");
    let (friend_id, name) = (body.str("friendUserID"), body.str("friendUserName"));
    let st = &sim.state;
    let item = |friend: &crate::state::Friend| {
        let nickname = st.user(&friend.friend).map_or("", |u| &u.nickname);
        Go::obj()
            .field("ownerUserID", Go::str(&friend.owner))
            .field("remark", Go::str(&friend.remark))
            .field("createTime", Go::Int(0))
            .field("userID", Go::str(&friend.friend))
            .field("nickName", Go::str(nickname))
            .field("addSource", Go::Int(0))
            .field("operatorUserID", Go::str(""))
            .build()
    };
    let (items, total): (Vec<Go>, i64) = if !friend_id.is_empty() {
        let found: Vec<Go> = st
            .friend(&owner, &friend_id)
            .into_iter()
            .map(item)
            .collect();
        let n = found.len() as i64;
        (found, n)
    } else {
        let all: Vec<&crate::state::Friend> = (st.friends_of(&owner))
            .filter(|f| {
                name.is_empty()
                    || st
                        .user(&f.friend)
                        .is_some_and(|u| like_contains(&u.nickname, &name))
            })
            .collect();
        let window = window(page, show);
        let (rows, n) = page_of(all, window);
        let total = if window.0 == 0 { n as i64 } else { 0 };
        (rows.into_iter().map(item).collect(), total)
    };
    let data = Go::obj()
        .field("currentPage", Go::Int(page))
        .field("showNumber", Go::Int(show))
        .field("friendInfoList", list_or_null(items))
        .field("friendNums", Go::Int(total))
        .build();
    ok(data)
}

// --- chat logs (docs/cms.md#cms-get-chat-logs) ------------------------------

fn chat_logs_data(items: Vec<Go>, total: i64, paging: (i64, i64)) -> Go {
    page_data(("chatLogs", items), ("logNums", total, AfterList), paging)
}

/// A C chat-log row, every key left out when zero; `None` when a lookup
/// fails (dropped, still counted). A single chat's `senderNickname` is the
/// receiver's (trap T12); a group row's `recvID` is the group.
fn chat_item(sim: &Sim, m: &Message) -> Option<Go> {
    let st = &sim.state;
    let mut nickname = m.sender_nickname.clone();
    if nickname.is_empty() {
        nickname = st.user(&m.send_id)?.nickname.clone();
    }
    let mut recv = m.recv_id.clone();
    match m.session_type {
        1 => nickname = st.user(&m.recv_id)?.nickname.clone(),
        2 | 3 => recv = st.group(&m.group_id)?.group_id.clone(),
        _ => {}
    }
    Some(
        Go::obj()
            .str_omitempty("sendID", &m.send_id)
            .str_omitempty("recvID", &recv)
            .str_omitempty("clientMsgID", &m.client_msg_id)
            .str_omitempty("serverMsgID", &m.server_msg_id)
            .int_omitempty("senderPlatformID", m.sender_platform_id)
            .str_omitempty("senderNickname", &nickname)
            .str_omitempty("senderFaceURL", &m.sender_face_url)
            .int_omitempty("sessionType", m.session_type)
            .int_omitempty("msgFrom", m.msg_from)
            .int_omitempty("contentType", m.content_type)
            .str_omitempty("content", &m.content)
            .int_omitempty("sendTime", m.send_time.div_euclid(1000))
            .int_omitempty("createTime", m.create_time.div_euclid(1000))
            .build(),
    )
}

/// `sendTime` is required in practice, `groupID` is ignored (use `recvID`),
/// session type 2 takes super groups too (trap T12). `c.Bind` reads JSON
/// only with a JSON content type; anything else binds nothing.
fn get_chat_logs(sim: &mut Sim, req: &Req) -> Reply {
    let bound = if req.content_type.contains("json") {
        bind(req.body, &GET_CHAT_LOGS_REQ)
    } else {
        bind(b"{}", &GET_CHAT_LOGS_REQ)
    };
    let body = match bound {
        Ok(b) => b,
        Err(e) => return plain(400, 400, &e),
    };
    service!(req, false, 500, 500);
    let day = match parse_date(&body.str("sendTime")) {
        Ok(t) => day_of(t),
        Err(e) => return with_data(803, &e, chat_logs_data(vec![], 0, (0, 0))),
    };
    let session = body.int("sessionType");
    let (send_id, recv_id, content) = (body.str("sendID"), body.str("recvID"), body.str("content"));
    let filter = LogFilter {
        sessions: match session {
            1 => &[1],
            2 => &[2, 3],
            _ => &[],
        },
        sender: (!send_id.is_empty()).then_some(send_id.as_str()),
        recv: (!recv_id.is_empty()).then_some(recv_id.as_str()),
        day: Some(day),
        content_type: body.int("contentType"),
        content: &content,
    };
    let (page, show) = paging(&body);
    let (items, total) = filter.page(sim, window(page, show), chat_item);
    ok(chat_logs_data(items, total as i64, (page, show)))
}

// --- statistics (docs/cms.md#cms-statistics) --------------------------------

/// The range as day numbers, or HTTP 200 errCode 802 with the parse error
/// and the zero answer.
fn range(body: &Obj, zero: Go) -> Result<(i64, i64), Reply> {
    super::day_range(&body.str("from"), &body.str("to")).map_err(|e| with_data(802, &e, zero))
}

/// One of the three chart routes, with its transport error's (HTTP
/// status, errCode).
fn chart(
    sim: &mut Sim,
    req: &Req,
    def: &'static StructDef,
    transport: (u16, i64),
    chart: &Chart,
) -> Reply {
    let body = body_or_400!(req, *def);
    service!(req, false, transport.0, transport.1);
    match range(&body, stats::zero(chart, Camel)) {
        Ok(range) => ok(stats::chart(sim, chart, Camel, range)),
        Err(reply) => reply,
    }
}

fn get_messages_statistics(sim: &mut Sim, req: &Req) -> Reply {
    chart(sim, req, &MESSAGES_REQ, (500, 400), &stats::MESSAGES)
}

fn get_user_statistics(sim: &mut Sim, req: &Req) -> Reply {
    chart(sim, req, &USERS_REQ, (400, 500), &stats::USERS)
}

fn get_group_statistics(sim: &mut Sim, req: &Req) -> Reply {
    chart(sim, req, &GROUPS_REQ, (400, 500), &stats::GROUPS)
}

/// One of the two top-12 routes.
fn active(sim: &mut Sim, req: &Req, def: &'static StructDef, top: Top, keys: &TopKeys) -> Reply {
    let body = body_or_400!(req, *def);
    service!(req, false, 400, 500);
    let range = match range(&body, stats::render_top(keys, Camel, Vec::new())) {
        Ok(range) => range,
        Err(reply) => return reply,
    };
    let mut rows = stats::top(sim, top, range);
    if top == Top::Senders {
        rows.iter_mut().for_each(|row| row.0.clear()); // trap T13
    }
    ok(stats::render_top(keys, Camel, rows))
}

/// The top 12 single-chat senders, with `userID` always "" (trap T13).
fn get_active_user(sim: &mut Sim, req: &Req) -> Reply {
    let keys = &stats::ACTIVE_USERS;
    active(sim, req, &ACTIVE_USER_REQ, Top::Senders, keys)
}

/// The top 12 groups, super groups (session type 3) included.
fn get_active_group(sim: &mut Sim, req: &Req) -> Reply {
    let keys = &stats::ACTIVE_GROUPS;
    active(sim, req, &ACTIVE_GROUP_REQ, Top::GroupsAndSuper, keys)
}
