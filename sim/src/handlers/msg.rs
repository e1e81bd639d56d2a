//! The send routes: send_msg / manage_send_msg (docs/api.md#send-msg-checks),
//! batch_send_msg (docs/releases.md#batch-send-msg), the v2.3 send status
//! (docs/releases.md#check-msg-is-send-success) and set_msg_min_seq
//! (docs/releases.md#release-routes). The checks run in the handler's
//! order: bind, contentType, content decode, content validation, token,
//! admin, recvID/groupID, then the RPC's session-type and blacklist checks.

use super::{bind_or_400, operator_or_token_error, Call};
use crate::bind::Obj;
use crate::content::{self, elem_for_release};
use crate::godecode::JVal;
use crate::gojson::Go;
use crate::release::Release;
use crate::reply::{comm, gin_h, Reply};
use crate::requests::{
    BATCH_SEND_MSG_REQ_2_1, BATCH_SEND_MSG_REQ_2_2, BATCH_SEND_MSG_REQ_2_3,
    CHECK_MSG_IS_SEND_SUCCESS_REQ, MANAGEMENT_SEND_MSG_REQ, MANAGE_SEND_MSG_REQ_2_2,
    MANAGE_SEND_MSG_REQ_2_3, SET_MSG_MIN_SEQ_REQ,
};
use crate::rng::now_millis;
use crate::sim::Sim;
use crate::state::Message;
use std::collections::BTreeMap;

const SINGLE_CHAT: i64 = 1;
const GROUP_CHAT: i64 = 2;
const NOTIFICATION_CHAT: i64 = 4;

/// v2.3 send status values (docs/releases.md#check-msg-is-send-success).
const SENDING: i64 = 1;
const SENT: i64 = 2;
const FAILED: i64 = 3;

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
fn send_result(code: i64, msg: &str, sent: &Sent) -> Reply {
    Reply::with_data(code, msg, sent.to_go(None))
}

/// The IDs and time of one send, as the RPC returns them.
#[derive(Default)]
struct Sent {
    server_msg_id: String,
    client_msg_id: String,
    send_time: i64,
}

impl Sent {
    fn to_go(&self, recv_id: Option<&str>) -> Go {
        let mut item = Go::obj()
            .str_omitempty("serverMsgID", &self.server_msg_id)
            .str_omitempty("clientMsgID", &self.client_msg_id)
            .int_omitempty("sendTime", self.send_time);
        if let Some(id) = recv_id {
            item = item.str_omitempty("recvID", id);
        }
        item.build()
    }
}

/// A request that passed every check before the RPC: what each recipient's
/// copy is built from.
struct Outgoing<'a> {
    req: &'a Obj,
    content: Vec<(String, JVal)>,
    content_type: i64,
    session_type: i64,
    /// `MsgData.Content` as stored (docs/api.md#send-msg-content).
    stored: String,
}

/// The checks shared by the send routes, in the handler's order, up to the
/// admin check. A 101 or 111 whose content is not a string passes here and
/// panics later, in `with_stored_content`, after the recvID checks.
fn check_outgoing<'a>(sim: &Sim, call: &Call, req: &'a Obj) -> Result<Outgoing<'a>, Reply> {
    let content_type = req.int("contentType");
    let Some(elem) = elem_for_release(content_type, sim.config.release) else {
        return Err(Reply::json(400, gin_h(404, "contentType err", vec![])));
    };
    let mut session_type = req.int("sessionType");
    if content_type == 1400 {
        session_type = NOTIFICATION_CHAT;
    }
    let content = req.map("content").unwrap_or_default();
    if let Err((code, msg)) = content::check(&content, elem) {
        return Err(Reply::json(400, gin_h(code, &msg, vec![])));
    }
    let Some(op) = sim.user_id_from_token(&call.token) else {
        return Err(rejected(400, "parse token failed"));
    };
    if !sim.is_admin(&op) {
        return Err(rejected(400, "not authorized"));
    }
    Ok(Outgoing {
        req,
        stored: String::new(),
        content,
        content_type,
        session_type,
    })
}

impl Outgoing<'_> {
    /// newUserSendMsgReq: 101 and 111 type-assert the raw value to string and
    /// panic otherwise (gin Recovery answers 500 with no body).
    fn with_stored_content(mut self) -> Result<Self, Reply> {
        self.stored = match self.content_type {
            101 => raw_string(&self.content, "text").ok_or_else(Reply::panic)?,
            111 => raw_string(&self.content, "revokeMsgClientID").ok_or_else(Reply::panic)?,
            _ => map_json(&self.content).encode_string(),
        };
        Ok(self)
    }

    /// The send options of the release (docs/releases.md#release-limits).
    fn options(&self, release: Release) -> BTreeMap<String, bool> {
        let mut options = BTreeMap::new();
        let mut off = |keys: &[&str]| {
            for k in keys {
                options.insert(k.to_string(), false);
            }
        };
        let req = self.req;
        if release.is_2_3() {
            let online_only = ["history", "persistent", "senderSync", "conversationUpdate"];
            if req.bool("isOnlineOnly") || self.content_type == 120 {
                off(&online_only);
            }
            if self.content_type == 119 {
                off(&["conversationUpdate"]);
            }
            if req.bool("notOfflinePush") {
                off(&["offlinePush"]);
            }
        } else if req.bool("isOnlineOnly") {
            off(&["offlinePush", "history", "persistent", "senderSync"]);
        }
        if self.content_type == 111 {
            off(&["unreadCount", "offlinePush"]);
        }
        options
    }
}

/// One message to `recv_id` through the RPC (internal/rpc/msg/send_msg.go):
/// stored and answered with its IDs, or refused with the RPC's errCode.
fn deliver(
    sim: &mut Sim,
    out: &Outgoing,
    recv_id: &str,
    client_id: &str,
) -> Result<Sent, (i64, &'static str)> {
    let req = out.req;
    let (send_id, group_id) = (req.str("sendID"), req.str("groupID"));
    let create_time = now_millis();
    let delivered_to: Vec<String> = match out.session_type {
        SINGLE_CHAT | NOTIFICATION_CHAT => {
            if sim.state.is_blocked(recv_id, &send_id) {
                return Err((600, "in black list"));
            }
            let mut to = vec![recv_id.to_string()];
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
        _ => return Err((203, "unkonwn sessionType")),
    };
    let server_id = sim.new_server_msg_id(&send_id);
    let send_time = now_millis();
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
    sim.state.push_message(Message {
        server_msg_id: server_id.clone(),
        client_msg_id: client_id.to_string(),
        operation_id: req.str("operationID"),
        send_id,
        recv_id: recv_id.to_string(),
        group_id,
        sender_nickname: req.str("senderNickname"),
        sender_face_url: req.str("senderFaceURL"),
        sender_platform_id: req.int("senderPlatformID"),
        session_type: out.session_type,
        content_type: out.content_type,
        msg_from: 200,
        content: out.stored.clone(),
        request_content: JVal::Obj(out.content.clone()).to_serde(),
        force_list,
        is_online_only: req.bool("isOnlineOnly"),
        not_offline_push: req.bool("notOfflinePush"),
        business_operation_id: req.str("businessOperationID"),
        options: out.options(sim.config.release),
        offline_push_info,
        send_time,
        create_time,
        delivered_to: delivered_to.into(),
    });
    Ok(Sent {
        server_msg_id: server_id,
        client_msg_id: client_id.to_string(),
        send_time,
    })
}

/// Records the v2.3 send status of an operationID.
fn set_status(sim: &mut Sim, op_id: &str, status: i64) {
    if sim.config.release.is_2_3() {
        sim.state.send_status.insert(op_id.to_string(), status);
    }
}

/// `/manager/send_msg`, and `/msg/manage_send_msg` from v2.2.0.
pub fn send_msg(sim: &mut Sim, call: &Call) -> Reply {
    let def = match sim.config.release {
        r if r.is_2_3() => &MANAGE_SEND_MSG_REQ_2_3,
        r if r >= Release::V2_2_0 => &MANAGE_SEND_MSG_REQ_2_2,
        _ => &MANAGEMENT_SEND_MSG_REQ,
    };
    let req = bind_or_400!(call, *def);
    let out = match check_outgoing(sim, call, &req) {
        Ok(out) => out,
        Err(reply) => return reply,
    };
    let (recv_id, group_id) = (req.str("recvID"), req.str("groupID"));
    match out.session_type {
        SINGLE_CHAT if recv_id.is_empty() => return rejected(405, "recvID is a null string"),
        GROUP_CHAT if group_id.is_empty() => return rejected(405, "groupID is a null string"),
        _ => {}
    }
    let out = match out.with_stored_content() {
        Ok(out) => out,
        Err(reply) => return reply,
    };
    let op_id = req.str("operationID");
    set_status(sim, &op_id, SENDING);
    let client_id = sim.new_client_msg_id(&req.str("sendID"));
    let (reply, status) = match deliver(sim, &out, &recv_id, &client_id) {
        Ok(sent) => (send_result(0, "", &sent), SENT),
        Err((code, msg)) => {
            let refused = Sent {
                client_msg_id: client_id,
                ..Sent::default()
            };
            (send_result(code, msg, &refused), FAILED)
        }
    };
    set_status(sim, &op_id, status);
    reply
}

/// docs/releases.md#batch-send-msg: one message per recipient, each stored as
/// send_msg stores it. A refused recipient goes to `FailedIDList`; errCode
/// stays 0. v2.3 reuses one clientMsgID for the batch and names the
/// recipient in each result.
pub fn batch_send_msg(sim: &mut Sim, call: &Call) -> Reply {
    let release = sim.config.release;
    let def = match release {
        r if r.is_2_3() => &BATCH_SEND_MSG_REQ_2_3,
        Release::V2_2_0 => &BATCH_SEND_MSG_REQ_2_2,
        _ => &BATCH_SEND_MSG_REQ_2_1,
    };
    let req = bind_or_400!(call, *def);
    let out = match check_outgoing(sim, call, &req).and_then(Outgoing::with_stored_content) {
        Ok(out) => out,
        Err(reply) => return reply,
    };
    let recipients: Vec<String> = if req.bool("isSendAll") {
        // Every user, admins included, in table order.
        sim.state.users.iter().map(|u| u.user_id.clone()).collect()
    } else {
        req.strs("recvIDList")
    };
    let op_id = req.str("operationID");
    set_status(sim, &op_id, SENDING);
    let send_id = req.str("sendID");
    let shared_client_id = release.is_2_3().then(|| sim.new_client_msg_id(&send_id));
    let (mut results, mut failed) = (Vec::new(), Vec::new());
    for recv_id in &recipients {
        let client_id = match &shared_client_id {
            Some(id) => id.clone(),
            None => sim.new_client_msg_id(&send_id),
        };
        match deliver(sim, &out, recv_id, &client_id) {
            Ok(sent) => results.push(sent.to_go(release.is_2_3().then_some(recv_id.as_str()))),
            Err(_) => failed.push(recv_id.clone()),
        }
    }
    set_status(sim, &op_id, if failed.is_empty() { SENT } else { FAILED });
    let result_list = if results.is_empty() {
        Go::Null
    } else {
        Go::Arr(results)
    };
    let data = Go::obj()
        .field("resultList", result_list)
        .field("FailedIDList", Go::strs(&failed))
        .build();
    Reply::with_data(0, "", data)
}

/// docs/releases.md#check-msg-is-send-success: no token; an operationID
/// never used for a send reads as status 0.
pub fn check_msg_is_send_success(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, CHECK_MSG_IS_SEND_SUCCESS_REQ);
    let status = sim.state.send_status.get(&req.str("operationID"));
    let body = comm(0, "").field("status", Go::Int(status.copied().unwrap_or(0)));
    Reply::json(200, body.build())
}

/// `/msg/set_msg_min_seq` (v2.3): the RPC lets a user set their own
/// sequence, or anyone set an app manager's, as it tests the target and not
/// the operator. openim-sim keeps no sequence numbers, so a permitted call
/// changes nothing (docs/releases.md#release-routes).
pub fn set_msg_min_seq(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, SET_MSG_MIN_SEQ_REQ);
    let op = operator_or_token_error!(sim, call, req);
    let user_id = req.str("userID");
    if op != user_id && !sim.is_admin(&user_id) {
        return Reply::comm(801, &format!("No permission{op}{user_id}"));
    }
    Reply::comm(0, "")
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
