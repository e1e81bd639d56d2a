//! POST /manager/send_msg (docs/api.md#send-msg-checks). The checks run in the handler's
//! order: bind, contentType, content decode, content validation, token,
//! admin, recvID/groupID, then the RPC's session-type and blacklist checks.

use super::{bind_or_400, Call};
use crate::content::{self, elem_for};
use crate::godecode::JVal;
use crate::gojson::Go;
use crate::reply::{gin_h, Reply};
use crate::requests::MANAGEMENT_SEND_MSG_REQ;
use crate::rng::now_millis;
use crate::sim::Sim;
use crate::state::Message;
use std::collections::BTreeMap;

const SINGLE_CHAT: i64 = 1;
const GROUP_CHAT: i64 = 2;
const NOTIFICATION_CHAT: i64 = 4;

/// The pre-RPC rejections carry two extra keys; gin.H sorts them, so the
/// upper-case `MsgID` comes first.
fn rejected(code: i64, msg: &str) -> Reply {
    Reply::json(
        400,
        gin_h(
            code,
            msg,
            vec![("sendTime", Go::Int(0)), ("MsgID", Go::str(""))],
        ),
    )
}

/// `UserSendMsgResp` with `omitempty` fields.
fn send_result(code: i64, msg: &str, server_id: &str, client_id: &str, time: i64) -> Reply {
    let data = Go::obj()
        .str_omitempty("serverMsgID", server_id)
        .str_omitempty("clientMsgID", client_id)
        .int_omitempty("sendTime", time)
        .build();
    Reply::with_data(code, msg, data)
}

pub fn send_msg(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, MANAGEMENT_SEND_MSG_REQ);
    let content_type = req.int("contentType");
    let Some(elem) = elem_for(content_type) else {
        return Reply::json(400, gin_h(404, "contentType err", vec![]));
    };
    let mut session_type = req.int("sessionType");
    if content_type == 1400 {
        session_type = NOTIFICATION_CHAT;
    }
    let content = req.map("content").unwrap_or_default();
    if let Err((code, msg)) = content::check(&content, elem) {
        return Reply::json(400, gin_h(code, &msg, vec![]));
    }
    let Some(op) = sim.user_id_from_token(&call.token) else {
        return rejected(400, "parse token failed");
    };
    if !sim.is_admin(&op) {
        return rejected(400, "not authorized");
    }
    let (send_id, recv_id, group_id) = (req.str("sendID"), req.str("recvID"), req.str("groupID"));
    match session_type {
        SINGLE_CHAT if recv_id.is_empty() => return rejected(405, "recvID is a null string"),
        GROUP_CHAT if group_id.is_empty() => return rejected(405, "groupID is a null string"),
        _ => {}
    }

    // newUserSendMsgReq: 101 and 111 type-assert the raw value to string and
    // panic otherwise (gin Recovery answers 500 with no body).
    let stored = match content_type {
        101 => match raw_string(&content, "text") {
            Some(s) => s,
            None => return Reply::panic(),
        },
        111 => match raw_string(&content, "revokeMsgClientID") {
            Some(s) => s,
            None => return Reply::panic(),
        },
        _ => map_json(&content).encode_string(),
    };
    let client_id = sim.new_client_msg_id(&send_id);
    let create_time = now_millis();

    // The RPC (internal/rpc/msg/send_msg.go).
    let delivered_to: Vec<String> = match session_type {
        SINGLE_CHAT | NOTIFICATION_CHAT => {
            if sim.state.is_blocked(&recv_id, &send_id) {
                return send_result(600, "in black list", "", &client_id, 0);
            }
            let mut to = vec![recv_id.clone()];
            if send_id != recv_id {
                to.push(send_id.clone());
            }
            to
        }
        // An unknown group has no members: delivered to nobody, errCode 0.
        GROUP_CHAT => sim
            .state
            .members_of(&group_id)
            .map(|m| m.user_id.clone())
            .collect(),
        _ => return send_result(203, "unkonwn sessionType", "", &client_id, 0),
    };
    let server_id = sim.new_server_msg_id(&send_id);
    let send_time = now_millis();

    let mut options = BTreeMap::new();
    if req.bool("isOnlineOnly") {
        for k in ["offlinePush", "history", "persistent", "senderSync"] {
            options.insert(k.to_string(), false);
        }
    }
    if content_type == 111 {
        options.insert("unreadCount".into(), false);
        options.insert("offlinePush".into(), false);
    }
    let request_content = JVal::Obj(content).to_serde();
    let offline_push_info = req
        .ptr("offlinePushInfo")
        .map(|o| {
            serde_json::json!({
                "title": o.str("title"),
                "desc": o.str("desc"),
                "ex": o.str("ex"),
                "iOSPushSound": o.str("iOSPushSound"),
                "iOSBadgeCount": o.bool("iOSBadgeCount"),
            })
        })
        .unwrap_or(serde_json::Value::Null);
    let force_list = match req.get("forceList") {
        Some(crate::bind::Val::StrList(l)) => l.clone(),
        _ => None,
    };
    sim.state.messages.push(Message {
        server_msg_id: server_id.clone(),
        client_msg_id: client_id.clone(),
        operation_id: req.str("operationID"),
        send_id,
        recv_id,
        group_id,
        sender_nickname: req.str("senderNickname"),
        sender_face_url: req.str("senderFaceURL"),
        sender_platform_id: req.int("senderPlatformID"),
        session_type,
        content_type,
        msg_from: 200,
        content: stored,
        request_content,
        force_list,
        is_online_only: req.bool("isOnlineOnly"),
        options,
        offline_push_info,
        send_time,
        create_time,
        delivered_to,
    });
    send_result(0, "", &server_id, &client_id, send_time)
}

/// `params.Content[key].(string)`: exact key, string values only.
fn raw_string(content: &[(String, JVal)], key: &str) -> Option<String> {
    match content.iter().rev().find(|(k, _)| k == key) {
        Some((_, JVal::Str(s))) => Some(s.clone()),
        _ => None,
    }
}

/// `utils.StructToJsonString(params.Content)`: a Go map (sorted keys, last
/// duplicate wins) whose numbers are float64.
fn map_json(fields: &[(String, JVal)]) -> Go {
    let mut dedup: BTreeMap<&str, &JVal> = BTreeMap::new();
    for (k, v) in fields {
        dedup.insert(k, v);
    }
    Go::map(
        dedup
            .into_iter()
            .map(|(k, v)| (k.to_string(), to_go(v)))
            .collect(),
    )
}

fn to_go(v: &JVal) -> Go {
    match v {
        JVal::Null => Go::Null,
        JVal::Bool(b) => Go::Bool(*b),
        JVal::Num(lit) => Go::Float(lit.parse().unwrap_or(0.0)),
        JVal::Str(s) => Go::str(s),
        JVal::Arr(items) => Go::Arr(items.iter().map(to_go).collect()),
        JVal::Obj(fields) => map_json(fields),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::godecode::decode_first;
    use crate::gojson::format_float64;

    #[test]
    fn content_json_is_a_sorted_go_map() {
        let JVal::Obj(f) = decode_first(br#"{"z":1,"a":{"y":2.50,"b":"<"},"n":1e21}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            map_json(&f).encode_string(),
            r#"{"a":{"b":"\u003c","y":2.5},"n":1e+21,"z":1}"#
        );
        assert_eq!(format_float64(2.5), "2.5");
    }
}
