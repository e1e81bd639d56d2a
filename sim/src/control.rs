//! Test-control endpoints under `/_sim/` (only with `--control`): inspect
//! what the server received and holds, and arrange state that the admin API
//! cannot create (users, presence, groups with fixed IDs or status), and
//! make endpoints fail or hang on purpose.

use crate::faults::Faults;
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::{Group, User};
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
            create_time: now_secs(),
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
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemberIn {
    #[serde(rename = "userID")]
    user_id: String,
    #[serde(default = "ordinary")]
    role_level: i32,
}

fn ordinary() -> i32 {
    1
}

/// POST /_sim/groups: insert or replace group rows and add members (the
/// owner with role 2). A missing groupID gets a generated one.
fn put_groups(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let mut ids = Vec::new();
    let now = now_secs();
    for item in items(v, "groups") {
        let g: GroupIn = serde_json::from_value(item).map_err(bad)?;
        let group_id = if g.group_id.is_empty() {
            sim.new_group_id()
        } else {
            g.group_id
        };
        sim.state.put_group(Group {
            group_id: group_id.clone(),
            group_name: g.group_name,
            notification: g.notification,
            introduction: g.introduction,
            face_url: g.face_url,
            create_time: now,
            ex: g.ex,
            status: g.status,
            creator_user_id: g.creator_user_id,
            group_type: g.group_type,
        });
        if !g.owner_user_id.is_empty() {
            sim.state.insert_member(&group_id, &g.owner_user_id, 2, now);
        }
        for m in g.members {
            sim.state
                .insert_member(&group_id, &m.user_id, m.role_level, now);
        }
        ids.push(group_id);
    }
    Ok(json!({ "groups": ids }))
}

/// POST /_sim/faults: the settings given replace all earlier ones.
fn put_faults(sim: &mut Sim, v: Value) -> Result<Value, (u16, Value)> {
    let release = sim.config.release;
    let known = |name: &str| crate::handlers::is_endpoint(name, release);
    sim.faults = Faults::parse(v, known).map_err(|e| (400, json!({ "error": e })))?;
    Ok(sim.faults.to_json())
}

/// GET /_sim/state: every table, all fields, nothing omitted.
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
        "friends": st.friends,
        "blacks": st.blacks,
        "groups": groups,
        "members": st.members().collect::<Vec<_>>(),
        "messages": st.messages,
        "online": online,
        "tokens": tokens,
    })
}
