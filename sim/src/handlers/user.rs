//! The `/user/*` routes (docs/api.md#users).

use super::group_read::Pb;
use super::manager::online_status;
use super::{bind_or_400, operator_or_token_error, Call};
use crate::gojson::Go;
use crate::reply::{gin_h, Reply, TOKEN_400_500};
use crate::requests::{
    GET_SELF_USER_INFO_REQ, GET_USERS_INFO_REQ, GET_USERS_ONLINE_STATUS_REQ, GET_USERS_REQ,
    UPDATE_SELF_USER_INFO_REQ,
};
use crate::sim::Sim;
use crate::state::User;

/// docs/api.md#get-users-online-status: same as the manager route, but the operator is
/// replaced by the first admin, so any valid token sees real statuses.
pub fn get_users_online_status(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_USERS_ONLINE_STATUS_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    if sim.config.admins.is_empty() {
        return Reply::json(500, gin_h(500, "Manager == 0", vec![]));
    }
    online_status(sim, &req.strs("userIDList"), true)
}

/// docs/api.md#get-users-info: the public fields of each known user, as a jsonpb map
/// (sorted keys, zero values left out); unknown IDs are skipped.
pub fn get_users_info(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_USERS_INFO_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    let ids = req.strs("userIDList");
    if ids.is_empty() {
        return Reply::with_data(803, "args failed", Go::Arr(vec![]));
    }
    let items = ids
        .iter()
        .filter_map(|id| sim.state.user(id))
        .map(public_user_info)
        .collect();
    Reply::with_data(0, "", Go::Arr(items))
}

pub(crate) fn public_user_info(u: &User) -> Go {
    let mut fields = Vec::new();
    let mut put = |k: &str, v: Go| fields.push((k.to_string(), v));
    if !u.user_id.is_empty() {
        put("userID", Go::str(&u.user_id));
    }
    if !u.nickname.is_empty() {
        put("nickname", Go::str(&u.nickname));
    }
    if !u.face_url.is_empty() {
        put("faceURL", Go::str(&u.face_url));
    }
    if u.gender != 0 {
        put("gender", Go::Int(u.gender as i64));
    }
    if !u.ex.is_empty() {
        put("ex", Go::str(&u.ex));
    }
    Go::map(fields)
}

/// docs/api.md#update-user-info: admin or self; gorm updates only the non-zero fields, and an
/// unknown userID updates nothing without error.
pub fn update_user_info(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, UPDATE_SELF_USER_INFO_REQ);
    let op = operator_or_token_error!(sim, call, req);
    let user_id = req.str("userID");
    if !sim.check_access(&op, &user_id) {
        return Reply::comm(801, "no permission");
    }
    if let Some(u) = sim.state.user_mut(&user_id) {
        let set = |field: &mut String, v: String| {
            if !v.is_empty() {
                *field = v;
            }
        };
        set(&mut u.nickname, req.str("nickname"));
        set(&mut u.face_url, req.str("faceURL"));
        set(&mut u.phone_number, req.str("phoneNumber"));
        set(&mut u.email, req.str("email"));
        set(&mut u.ex, req.str("ex"));
        if req.int("gender") != 0 {
            u.gender = req.int("gender") as i32;
        }
        if req.int("birth") != 0 {
            u.birth = req.int("birth") as u32;
        }
        // Group-member rows keep their own copy of nickname/faceURL; v2.0.8
        // does not propagate updates to them.
    }
    Reply::comm(0, "")
}

/// docs/releases.md#get-users: one page of users, for any valid token. The
/// first non-empty filter wins: `userID` (an index lookup), `userName` (name
/// contains, case-insensitive), `content` (name contains, or exact userID).
/// A name search reads every user once; the unfiltered list skips to its
/// page without copying the table.
pub fn get_users(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, GET_USERS_REQ);
    let _op = operator_or_token_error!(sim, call, req);
    let (page, show) = (req.int("pageNumber"), req.int("showNumber"));
    // gorm's Limit/Offset; a negative offset or limit means none.
    let offset = usize::try_from(show.saturating_mul(page - 1)).unwrap_or(0);
    let limit = usize::try_from(show).unwrap_or(usize::MAX);
    let (user_id, name, content) = (req.str("userID"), req.str("userName"), req.str("content"));
    let users = &sim.state.users;
    let (list, total): (Vec<&User>, usize) = if !user_id.is_empty() {
        let found: Vec<&User> = sim.state.user(&user_id).into_iter().collect();
        let n = found.len();
        (found.into_iter().skip(offset).take(limit).collect(), n)
    } else if !name.is_empty() || !content.is_empty() {
        let by_name = !name.is_empty();
        let needle = if by_name { &name } else { &content }.to_lowercase();
        let mut page_rows = Vec::new();
        let mut n = 0;
        for u in users.iter() {
            let hit =
                u.nickname.to_lowercase().contains(&needle) || (!by_name && u.user_id == content);
            if hit {
                if n >= offset && page_rows.len() < limit {
                    page_rows.push(u);
                }
                n += 1;
            }
        }
        (page_rows, n)
    } else {
        (users.page(offset, limit).collect(), users.len())
    };
    let user_list = if list.is_empty() {
        Go::Null
    } else {
        Go::Arr(list.into_iter().map(cms_user).collect())
    };
    let data = Go::obj()
        .field("userList", user_list)
        .field("totalNum", Go::Int(total as i64))
        .field("currentPage", Go::Int(page))
        .field("showNumber", Go::Int(show))
        .build();
    Reply::with_data(0, "", data)
}

/// A `CMSUser`: a plain struct, every field printed. The login fields and
/// the block flag have no source in the tables, so they are always empty.
fn cms_user(u: &User) -> Go {
    Go::obj()
        .field("userID", Go::str(&u.user_id))
        .field("nickname", Go::str(&u.nickname))
        .field("faceURL", Go::str(&u.face_url))
        .field("gender", Go::Int(u.gender as i64))
        .field("phoneNumber", Go::str(&u.phone_number))
        .field("birth", Go::Int(u.birth as i64))
        .field("email", Go::str(&u.email))
        .field("ex", Go::str(&u.ex))
        .field("createIp", Go::str(""))
        .field("createTime", Go::Int(u.create_time))
        .field("LastLoginIp", Go::str(""))
        .field("LastLoginTime", Go::Int(0))
        .field("appMangerLevel", Go::Int(u.app_manger_level as i64))
        .field("globalRecvMsgOpt", Go::Int(0))
        .field("isBlock", Go::Bool(false))
        .build()
}

/// docs/readback.md#get-self-user-info: the caller's own profile up to
/// v2.2.0 (`userID` required but ignored, docs/readback.md#readback-traps,
/// trap 12); from v2.3.2 the user named, for any valid token, an unknown
/// one 802. From v2.3.2 bind and token failures carry errCode 1001, the
/// token failure in an HTTP 200.
pub fn get_self_user_info(sim: &mut Sim, call: &Call) -> Reply {
    let v2_3 = sim.config.release.is_2_3();
    let req = match crate::bind::bind(&call.body, &GET_SELF_USER_INFO_REQ) {
        Ok(req) => req,
        Err(e) if v2_3 => return Reply::json(400, gin_h(1001, &e, vec![])),
        Err(e) => return Reply::bind_error(e),
    };
    let from_2_2 = if v2_3 { (200, 1001) } else { TOKEN_400_500 };
    let op = operator_or_token_error!(sim, call, req, from_2_2);
    let user_id = if v2_3 { req.str("userID") } else { op };
    match sim.state.user(&user_id) {
        Some(u) => Reply::with_data(0, "", self_user_info(u)),
        None if v2_3 => Reply::with_data(802, "db failed", Go::Null),
        None => Reply::with_data(0, "", Go::Null),
    }
}

/// A `UserInfo` as `GetUserInfo` fills it: `birth` converted, `createTime`
/// never; `globalRecvMsgOpt` (v2.1.0 and later) is not stored, so always 0
/// and left out.
fn self_user_info(u: &User) -> Go {
    let mut pb = Pb::default();
    pb.s("userID", &u.user_id)
        .s("nickname", &u.nickname)
        .s("faceURL", &u.face_url)
        .i("gender", u.gender as i64)
        .s("phoneNumber", &u.phone_number)
        .i("birth", u.birth as i64)
        .s("email", &u.email)
        .s("ex", &u.ex)
        .i("appMangerLevel", u.app_manger_level as i64);
    pb.map()
}
