//! Test-control endpoints under `/_sim/` (only with `--control`): inspect
//! what the server received and holds, and arrange state that the admin API
//! cannot create (users, presence, groups with fixed IDs or status), and
//! make endpoints fail or hang on purpose.

use crate::faults::Faults;
use crate::rng::{now_millis, now_secs};
use crate::sim::Sim;
use crate::state::{CmsBlock, Group, Message, User};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// `Some((status, body))` for a control route, `None` for anything else
/// (which then gets the ordinary 404).
pub fn handle(sim: &mut Sim, method: &str, path: &str, body: &[u8]) -> Option<(u16, Value)> {
    let parse = || -> Result<Value, (u16, Value)> {
        serde_json::from_slice::<Value>(body).map_err(|e| (400, json!({ "error": e.to_string() })))
    };
    let result = match (method, path) {
        ("GET", "/_sim/requests") => Ok(Value::Array(sim.requests.clone())),
        ("GET", "/_sim/state") => Ok(dump(sim)),
        ("POST", "/_sim/expire_tokens") => {
            let n = sim.state.tokens.expire_all();
            Ok(json!({ "expired": n }))
        }
        ("POST", "/_sim/reset_requests") => {
            let n = sim.requests.len();
            sim.requests.clear();
            Ok(json!({ "cleared": n }))
        }
        ("POST", "/_sim/users") => parse().and_then(|v| put_users(sim, v)),
        ("POST", "/_sim/online") => parse().and_then(|v| put_online(sim, v)),
        ("POST", "/_sim/groups") => parse().and_then(|v| put_groups(sim, v)),
        ("POST", "/_sim/friends") => parse().and_then(|v| put_friends(sim, v)),
        ("POST", "/_sim/fill_group") => parse().and_then(|v| fill_group(sim, v)),
        ("POST", "/_sim/restart_group_service") => {
            let was_down = std::mem::take(&mut sim.group_service_down);
            Ok(json!({ "wasDown": was_down }))
        }
        ("POST", "/_sim/restart_user_service") => {
            let was_down = std::mem::take(&mut sim.user_service_down);
            Ok(json!({ "wasDown": was_down }))
        }
        ("POST", "/_sim/messages") => parse().and_then(|v| put_messages(sim, v)),
        ("POST", "/_sim/cms_blocks") => parse().and_then(|v| put_cms_blocks(sim, v)),
        ("GET", "/_sim/faults") => Ok(sim.faults.to_json()),
        // No body at all asks for no faults, like `{}`.
        ("POST", "/_sim/faults") if body.trim_ascii().is_empty() => put_faults(sim, json!({})),
        ("POST", "/_sim/faults") => parse().and_then(|v| put_faults(sim, v)),
        _ => return None,
    };
    Some(match result {
        Ok(v) => (200, v),
        Err(e) => e,
    })
}

/// Accepts a single object, an array, or `{"<key>": [...]}`.
fn items(v: Value, key: &str) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        Value::Object(mut o) if o.get(key).is_some_and(Value::is_array) => match o.remove(key) {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        },
        other => vec![other],
    }
}

fn bad(e: serde_json::Error) -> (u16, Value) {
    (400, json!({ "error": e.to_string() }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserIn {
    #[serde(rename = "userID")]
    user_id: String,
    #[serde(default)]
    nickname: String,
    #[serde(default, rename = "faceURL")]
    face_url: String,
    #[serde(default)]
    gender: i32,
    #[serde(default)]
    phone_number: String,
    #[serde(default)]
    birth: u32,
    #[serde(default)]
    email: String,
    #[serde(default)]
    ex: String,
    #[serde(default)]
    app_manger_level: Option<i32>,
    /// Unix seconds; now when absent.
    #[serde(default)]
    create_time: Option<i64>,
}

/// POST /_sim/users: insert or replace user rows.
fn put_users(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut ids = Vec::new();
    for item in items(v, "users") {
        let u: UserIn = serde_json::from_value(item).map_err(bad)?;
        ids.push(u.user_id.clone());
        let level = u
            .app_manger_level
            .unwrap_or(if sim.is_admin(&u.user_id) { 2 } else { 1 });
        sim.state.put_user(User {
            user_id: u.user_id,
            nickname: u.nickname,
            face_url: u.face_url,
            gender: u.gender,
            phone_number: u.phone_number,
            birth: u.birth,
            email: u.email,
            ex: u.ex,
            create_time: u.create_time.unwrap_or_else(now_secs),
            app_manger_level: level,
        });
    }
    Ok(json!({ "users": ids }))
}

#[derive(Deserialize)]
struct OnlineIn {
    #[serde(rename = "userID")]
    user_id: String,
    #[serde(default)]
    platforms: Vec<i64>,
}

/// POST /_sim/online: set a user's connected platform IDs (`[]` = offline).
fn put_online(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut n = 0;
    for item in items(v, "online") {
        let o: OnlineIn = serde_json::from_value(item).map_err(bad)?;
        if o.platforms.is_empty() {
            sim.state.online.remove(&o.user_id);
        } else {
            let set: BTreeSet<i64> = o.platforms.into_iter().collect();
            sim.state.online.insert(o.user_id, set);
        }
        n += 1;
    }
    Ok(json!({ "updated": n }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupIn {
    #[serde(default, rename = "groupID")]
    group_id: String,
    #[serde(default)]
    group_name: String,
    #[serde(default)]
    notification: String,
    #[serde(default)]
    introduction: String,
    #[serde(default, rename = "faceURL")]
    face_url: String,
    #[serde(default)]
    ex: String,
    #[serde(default)]
    status: i32,
    #[serde(default)]
    group_type: i32,
    #[serde(default, rename = "creatorUserID")]
    creator_user_id: String,
    #[serde(default, rename = "ownerUserID")]
    owner_user_id: String,
    #[serde(default)]
    members: Vec<MemberIn>,
    /// Unix seconds; now when absent.
    #[serde(default)]
    create_time: Option<i64>,
    #[serde(default)]
    need_verification: i32,
    #[serde(default)]
    look_member_info: i32,
    #[serde(default)]
    apply_member_friend: i32,
    #[serde(default)]
    notification_update_time: i64,
    #[serde(default, rename = "notificationUserID")]
    notification_user_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemberIn {
    #[serde(rename = "userID")]
    user_id: String,
    #[serde(default = "ordinary")]
    role_level: i32,
    /// Unix seconds; the group's creation time when absent.
    #[serde(default)]
    join_time: Option<i64>,
    /// Unix seconds; 0 = not muted.
    #[serde(default)]
    mute_end_time: i64,
    /// The group nickname; the user's nickname when absent.
    #[serde(default)]
    nickname: Option<String>,
    #[serde(default, rename = "faceURL")]
    face_url: Option<String>,
    #[serde(default)]
    ex: String,
}

fn ordinary() -> i32 {
    1
}

/// POST /_sim/groups: insert or replace group rows and add members (the
/// owner with role 2). A missing groupID gets a generated one. Members may
/// carry their join time, mute end, group nickname, face URL and ex.
fn put_groups(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut ids = Vec::new();
    for item in items(v, "groups") {
        let g: GroupIn = serde_json::from_value(item).map_err(bad)?;
        let group_id = if g.group_id.is_empty() {
            sim.new_group_id()
        } else {
            g.group_id
        };
        let created = g.create_time.unwrap_or_else(now_secs);
        sim.state.put_group(Group {
            group_id: group_id.clone(),
            group_name: g.group_name,
            notification: g.notification,
            introduction: g.introduction,
            face_url: g.face_url,
            create_time: created,
            ex: g.ex,
            status: g.status,
            creator_user_id: g.creator_user_id,
            group_type: g.group_type,
            need_verification: g.need_verification,
            look_member_info: g.look_member_info,
            apply_member_friend: g.apply_member_friend,
            notification_update_time: g.notification_update_time,
            notification_user_id: g.notification_user_id,
            cached_member_count: None,
        });
        if !g.owner_user_id.is_empty() {
            sim.state
                .insert_member(&group_id, &g.owner_user_id, 2, created);
        }
        for m in g.members {
            let st = &mut sim.state;
            let joined = m.join_time.unwrap_or(created);
            if !st.insert_member(&group_id, &m.user_id, m.role_level, joined) {
                continue;
            }
            if let Some(mut row) = st.member_mut(&group_id, &m.user_id) {
                row.set_mute_end_time(m.mute_end_time);
                row.set_ex(m.ex);
                if let Some(nickname) = m.nickname {
                    row.set_nickname(nickname);
                }
                if let Some(face_url) = m.face_url {
                    row.set_face_url(face_url);
                }
            }
        }
        ids.push(group_id);
    }
    Ok(json!({ "groups": ids }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FriendIn {
    #[serde(rename = "ownerUserID")]
    owner_user_id: String,
    #[serde(rename = "friendUserID")]
    friend_user_id: String,
    /// Unix seconds; now when absent.
    #[serde(default)]
    create_time: Option<i64>,
    #[serde(default)]
    remark: String,
    /// Also the reverse row (without the remark), as import_friend makes.
    #[serde(default)]
    both: bool,
}

/// POST /_sim/friends: insert friend rows (an existing row is kept, its
/// remark replaced when one is given) → `{"inserted": n}`.
fn put_friends(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut n = 0;
    for item in items(v, "friends") {
        let f: FriendIn = serde_json::from_value(item).map_err(bad)?;
        let at = f.create_time.unwrap_or_else(now_secs);
        let (a, b) = (&f.owner_user_id, &f.friend_user_id);
        n += usize::from(sim.state.insert_friend(a, b, at));
        if !f.remark.is_empty() {
            sim.state.set_friend_remark(a, b, &f.remark);
        }
        if f.both {
            n += usize::from(sim.state.insert_friend(b, a, at));
        }
    }
    Ok(json!({ "inserted": n }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FillIn {
    #[serde(rename = "groupID")]
    group_id: String,
    /// How many members the group should have in the end.
    members: usize,
    #[serde(default, rename = "ownerUserID")]
    owner_user_id: String,
    #[serde(default)]
    group_name: Option<String>,
    /// Prefix of the user IDs made when the users table runs out.
    #[serde(default)]
    user_prefix: Option<String>,
}

/// POST /_sim/fill_group: brings a group (made if missing) up to `members`
/// members quickly, for paging tests and benches: the owner first (the
/// given one, else the first member added), then existing users in table
/// order (admins and members skipped), then, when those run out, new users
/// `<userPrefix><n>` (default `<groupID>-m<n>`). Every member joins now.
fn fill_group(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let f: FillIn = serde_json::from_value(v).map_err(bad)?;
    if f.group_id.is_empty() {
        return Err((400, json!({ "error": "groupID is required" })));
    }
    let now = now_secs();
    let gid = f.group_id;
    if sim.state.group(&gid).is_none() {
        let creator = sim.config.admins.first().cloned().unwrap_or_default();
        sim.state.put_group(Group {
            group_id: gid.clone(),
            group_name: f.group_name.unwrap_or_else(|| "Big group".into()),
            create_time: now,
            creator_user_id: creator,
            ..Group::default()
        });
    }
    let before = sim.state.member_count(&gid);
    let mut owner = sim.state.group_owner(&gid);
    if owner.is_none() && !f.owner_user_id.is_empty() && sim.state.member_count(&gid) < f.members {
        let id = f.owner_user_id.clone();
        if sim.state.member(&gid, &id).is_some() {
            sim.state.set_member_role(&gid, &id, 2);
        } else {
            sim.state.insert_member(&gid, &id, 2, now);
        }
        owner = Some(id);
    }
    let wanted = f.members;
    let candidates: Vec<String> = sim
        .state
        .users
        .iter()
        .map(|u| u.user_id.clone())
        .filter(|id| !sim.is_admin(id))
        .filter(|id| sim.state.member(&gid, id).is_none())
        .take(wanted.saturating_sub(sim.state.member_count(&gid)))
        .collect();
    for id in candidates {
        let role = if owner.is_none() { 2 } else { 1 };
        sim.state.insert_member(&gid, &id, role, now);
        owner.get_or_insert(id);
    }
    let prefix = f.user_prefix.unwrap_or_else(|| format!("{gid}-m"));
    let mut created = 0;
    let mut n = 0;
    while sim.state.member_count(&gid) < wanted {
        n += 1;
        let id = format!("{prefix}{n}");
        if sim.state.user(&id).is_none() {
            sim.state.put_user(User {
                user_id: id.clone(),
                nickname: format!("Member {n}"),
                create_time: now,
                app_manger_level: 1,
                ..User::default()
            });
            created += 1;
        }
        let role = if owner.is_none() { 2 } else { 1 };
        if sim.state.insert_member(&gid, &id, role, now) {
            owner.get_or_insert(id);
        }
    }
    Ok(json!({
        "groupID": gid,
        "memberCount": sim.state.member_count(&gid),
        "ownerUserID": owner.unwrap_or_default(),
        "addedMembers": sim.state.member_count(&gid) - before,
        "createdUsers": created,
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MessageIn {
    #[serde(rename = "sendID")]
    send_id: String,
    #[serde(default, rename = "recvID")]
    recv_id: String,
    #[serde(default, rename = "groupID")]
    group_id: String,
    /// 1 single chat, 2 group (the default with a groupID), 3 super group,
    /// 4 notification.
    #[serde(default)]
    session_type: Option<i64>,
    #[serde(default = "text_type")]
    content_type: i64,
    #[serde(default)]
    content: String,
    /// Milliseconds; now when absent.
    #[serde(default)]
    send_time: Option<i64>,
    /// Milliseconds (the chat_logs insert time); `sendTime` when absent.
    #[serde(default)]
    create_time: Option<i64>,
    #[serde(default)]
    sender_nickname: String,
    #[serde(default, rename = "senderFaceURL")]
    sender_face_url: String,
    #[serde(default = "ios", rename = "senderPlatformID")]
    sender_platform_id: i64,
    #[serde(default = "from_user")]
    msg_from: i64,
    #[serde(default, rename = "clientMsgID")]
    client_msg_id: Option<String>,
    #[serde(default, rename = "serverMsgID")]
    server_msg_id: Option<String>,
}

fn text_type() -> i64 {
    101
}

fn ios() -> i64 {
    1
}

fn from_user() -> i64 {
    100
}

/// POST /_sim/messages: store messages (chat-log rows) with chosen times,
/// appended like any other and indexed for the CMS (docs/cms.md#cms-chat-logs)
/// → `{"messages": [clientMsgID...]}`.
fn put_messages(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut ids = Vec::new();
    for item in items(v, "messages") {
        let m: MessageIn = serde_json::from_value(item).map_err(bad)?;
        let session_type = m
            .session_type
            .unwrap_or(if m.group_id.is_empty() { 1 } else { 2 });
        let send_time = m.send_time.unwrap_or_else(now_millis);
        let client = match m.client_msg_id {
            Some(id) => id,
            None => sim.new_client_msg_id(&m.send_id),
        };
        let server = match m.server_msg_id {
            Some(id) => id,
            None => sim.new_server_msg_id(&m.send_id),
        };
        let delivered_to: Vec<String> = if matches!(session_type, 2 | 3) {
            sim.state
                .member_ids(&m.group_id)
                .map(str::to_string)
                .collect()
        } else {
            vec![m.recv_id.clone(), m.send_id.clone()]
        };
        ids.push(client.clone());
        sim.state.push_message(Message {
            server_msg_id: server,
            client_msg_id: client,
            operation_id: String::new(),
            send_id: m.send_id,
            recv_id: m.recv_id,
            group_id: m.group_id,
            sender_nickname: m.sender_nickname,
            sender_face_url: m.sender_face_url,
            sender_platform_id: m.sender_platform_id,
            session_type,
            content_type: m.content_type,
            msg_from: m.msg_from,
            request_content: json!({ "text": m.content }),
            content: m.content,
            force_list: None,
            is_online_only: false,
            not_offline_push: false,
            business_operation_id: String::new(),
            options: Default::default(),
            offline_push_info: Value::Null,
            send_time,
            create_time: m.create_time.unwrap_or(send_time),
            delivered_to: delivered_to.into(),
        });
    }
    Ok(json!({ "messages": ids }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CmsBlockIn {
    #[serde(rename = "userID")]
    user_id: String,
    /// Unix seconds, past or future.
    end_disable_time: i64,
    /// Unix seconds; now when absent.
    #[serde(default)]
    begin_disable_time: Option<i64>,
    /// Unix seconds; `beginDisableTime` when absent.
    #[serde(default)]
    create_time: Option<i64>,
}

/// POST /_sim/cms_blocks: insert or replace CMS blocks (docs/cms.md#cms-blocks),
/// with any times, expired ones too → `{"blocks": n}`.
fn put_cms_blocks(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut n = 0;
    for item in items(v, "blocks") {
        let b: CmsBlockIn = serde_json::from_value(item).map_err(bad)?;
        let begin = b.begin_disable_time.unwrap_or_else(now_secs);
        let row = CmsBlock {
            user_id: b.user_id.clone(),
            begin_disable_time: begin,
            end_disable_time: b.end_disable_time,
            create_time: b.create_time.unwrap_or(begin),
        };
        sim.state.cms_blocks.put(b.user_id, row);
        n += 1;
    }
    Ok(json!({ "blocks": n }))
}

/// POST /_sim/faults: the settings given replace all earlier ones. CMS
/// routes are named `cms_<last segment>` (docs/cms.md#cms-envelope-c).
fn put_faults(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let release = sim.config.release;
    let gen = crate::cms::Gen::of(release);
    let known = |name: &str| {
        crate::handlers::is_endpoint(name, release) || crate::cms::is_fault_name(name, gen)
    };
    sim.faults = Faults::parse(v, known).map_err(|e| (400, json!({ "error": e })))?;
    Ok(sim.faults.to_json())
}

/// GET /_sim/state: every table, all fields, nothing omitted. Groups also
/// carry their owner (the first role-2 member, "" when none) and member
/// count; `groupServiceDown` tells whether the group service crashed.
fn dump(sim: &Sim) -> Value {
    let st = &sim.state;
    let groups: Vec<Value> = st
        .groups
        .iter()
        .map(|g| {
            let mut v = serde_json::to_value(g).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut v {
                o.insert(
                    "ownerUserID".into(),
                    json!(st.group_owner(&g.group_id).unwrap_or_default()),
                );
                o.insert("memberCount".into(), json!(st.member_count(&g.group_id)));
            }
            v
        })
        .collect();
    let online: Vec<Value> = st
        .online
        .iter()
        .map(|(uid, set)| {
            let names: Vec<&str> = set
                .iter()
                .map(|p| sim.config.release.platform_name(*p))
                .collect();
            json!({ "userID": uid, "platformIDs": set, "platforms": names })
        })
        .collect();
    let tokens: Vec<Value> = st
        .tokens
        .all()
        .map(|t| {
            json!({
                "userID": t.user_id,
                "platform": t.platform,
                "status": t.status,
                "expiredTime": t.expires_at,
                "token": t.token,
            })
        })
        .collect();
    json!({
        "admins": sim.config.admins,
        "users": st.users,
        "friends": st.friends(),
        "friendRequests": st.friend_requests,
        "blacks": st.blacks(),
        "groups": groups,
        "members": st.members().collect::<Vec<_>>(),
        "messages": st.messages,
        "online": online,
        "tokens": tokens,
        "groupServiceDown": sim.group_service_down,
        "userServiceDown": sim.user_service_down,
        "cmsBlocks": st.cms_blocks.iter().collect::<Vec<_>>(),
    })
}
