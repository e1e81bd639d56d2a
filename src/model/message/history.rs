//! What became of each send of this tab, kept as its sent history.

use super::request::{revoke, summary};
use crate::api::msg::{SendMsgReq, GROUP_CHAT, OA_NOTIFICATION, REVOKE};
use crate::model::stored;

/// Sends kept in the history (sessionStorage), newest last.
pub const HISTORY_MAX: usize = 1_000;

/// What became of a send.
#[derive(Clone, Debug, PartialEq)]
pub enum SendOutcome {
    /// errCode 0: the server's IDs and its sendTime (ms).
    Sent {
        server_msg_id: String,
        client_msg_id: String,
        send_time: i64,
    },
    /// An errCode, as the server gave it.
    Refused {
        err_code: i64,
        err_msg: String,
        operation_id: String,
    },
    /// No answer (timeout, connection lost): it may have been delivered,
    /// so it is never sent again on its own.
    Unknown { operation_id: String },
}

/// One send of this tab: what the history shows, and what a revoke needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// When the operator sent it (ms since the epoch, this machine's clock).
    pub at: i64,
    pub send_id: String,
    pub sender_platform_id: i32,
    pub session_type: i32,
    /// recvID, or the groupID of a group message.
    pub target: String,
    pub content_type: i32,
    /// What it held, in one short line (a revoke: the clientMsgID it names).
    pub summary: String,
    pub outcome: SendOutcome,
    /// A revoke of it was accepted.
    pub revoked: bool,
}

impl Sent {
    pub fn new(at: i64, req: &SendMsgReq, outcome: SendOutcome) -> Self {
        let target = if req.session_type == GROUP_CHAT {
            &req.group_id
        } else {
            &req.recv_id
        };
        Sent {
            at,
            send_id: req.send_id.clone(),
            sender_platform_id: req.sender_platform_id,
            session_type: req.session_type,
            target: target.clone(),
            content_type: req.content_type,
            summary: summary(req),
            outcome,
            revoked: false,
        }
    }

    /// The clientMsgID a revoke names, for sends the server accepted.
    pub fn client_msg_id(&self) -> Option<&str> {
        match &self.outcome {
            SendOutcome::Sent { client_msg_id, .. } => Some(client_msg_id),
            _ => None,
        }
    }

    /// The revoke of this message, if the server accepted it and it is not
    /// a revoke itself.
    pub fn revoke(&self) -> Option<SendMsgReq> {
        let id = self
            .client_msg_id()
            .filter(|_| self.content_type != REVOKE && self.content_type != OA_NOTIFICATION)?;
        let (recv_id, group_id) = if self.session_type == GROUP_CHAT {
            (String::new(), self.target.clone())
        } else {
            (self.target.clone(), String::new())
        };
        let original = SendMsgReq {
            send_id: self.send_id.clone(),
            recv_id,
            group_id,
            sender_platform_id: self.sender_platform_id,
            session_type: self.session_type,
            ..Default::default()
        };
        Some(revoke(&original, id))
    }
}

/// The history as stored (see `model::stored`): a record a send. Records
/// that do not read are left out.
pub fn parse_history(text: Option<&str>) -> Vec<Sent> {
    let record = |f: Vec<String>| -> Option<Sent> {
        let [at, send_id, platform, session, target, kind, summary, state, a, b, c, revoked] =
            <[String; 12]>::try_from(f).ok()?;
        let outcome = match state.as_str() {
            "sent" => SendOutcome::Sent {
                server_msg_id: a,
                client_msg_id: b,
                send_time: c.parse().ok()?,
            },
            "refused" => SendOutcome::Refused {
                err_code: a.parse().ok()?,
                err_msg: b,
                operation_id: c,
            },
            "unknown" => SendOutcome::Unknown { operation_id: c },
            _ => return None,
        };
        Some(Sent {
            at: at.parse().ok()?,
            send_id,
            sender_platform_id: platform.parse().ok()?,
            session_type: session.parse().ok()?,
            target,
            content_type: kind.parse().ok()?,
            summary,
            outcome,
            revoked: revoked == "1",
        })
    };
    (text.unwrap_or_default().lines())
        .filter_map(|l| record(stored::fields(l)))
        .collect()
}

pub fn store_history(history: &[Sent]) -> String {
    (history.iter().map(|s| {
        let (state, a, b, c) = match &s.outcome {
            SendOutcome::Sent {
                server_msg_id,
                client_msg_id,
                send_time,
            } => (
                "sent",
                server_msg_id.clone(),
                client_msg_id.clone(),
                send_time.to_string(),
            ),
            SendOutcome::Refused {
                err_code,
                err_msg,
                operation_id,
            } => (
                "refused",
                err_code.to_string(),
                err_msg.clone(),
                operation_id.clone(),
            ),
            SendOutcome::Unknown { operation_id } => (
                "unknown",
                String::new(),
                String::new(),
                operation_id.clone(),
            ),
        };
        stored::line(&[
            &s.at.to_string(),
            &s.send_id,
            &s.sender_platform_id.to_string(),
            &s.session_type.to_string(),
            &s.target,
            &s.content_type.to_string(),
            &s.summary,
            state,
            &a,
            &b,
            &c,
            if s.revoked { "1" } else { "0" },
        ])
    }))
    .collect::<Vec<_>>()
    .join("\n")
}

/// Adds a send, keeping the last HISTORY_MAX. A revoke that went through
/// marks the message it names as revoked.
pub fn remember(history: &mut Vec<Sent>, sent: Sent) {
    if sent.content_type == REVOKE && matches!(sent.outcome, SendOutcome::Sent { .. }) {
        let named = Some(sent.summary.as_str());
        if let Some(original) = history.iter_mut().find(|h| h.client_msg_id() == named) {
            original.revoked = true;
        }
    }
    history.push(sent);
    if history.len() > HISTORY_MAX {
        history.drain(..history.len() - HISTORY_MAX);
    }
}

#[cfg(test)]
mod tests {
    use crate::api::msg::*;
    use crate::model::message::tests_support::*;
    use crate::model::message::*;

    fn sent(n: usize, req: SendMsgReq) -> Sent {
        let outcome = SendOutcome::Sent {
            server_msg_id: format!("s{n:031}"),
            client_msg_id: format!("c{n:031}"),
            send_time: 1_700_000_000_000 + n as i64,
        };
        Sent::new(n as i64, &req, outcome)
    }

    #[test]
    fn the_history_keeps_the_last_thousand_and_marks_revoked_messages() {
        let text = |t: &str| {
            let content = build_content(content_groups(TEXT), &values(&[("text", t)]));
            request(&single(), TEXT, content).unwrap()
        };
        let mut history = Vec::new();
        for n in 0..1_005 {
            remember(&mut history, sent(n, text("x")));
        }
        assert_eq!(history.len(), HISTORY_MAX);
        assert_eq!(history[0].at, 5);
        let target = history[10].clone();
        let id = target.client_msg_id().unwrap().to_string();
        let undo = target.revoke().unwrap();
        assert_eq!(
            serde_json::to_string(&undo).unwrap(),
            format!(
                r#"{{"sendID":"openIM123456","recvID":"u1","senderPlatformID":5,"content":{{"revokeMsgClientID":"{id}"}},"contentType":111,"sessionType":1,"isOnlineOnly":false}}"#
            )
        );
        // A refused revoke changes nothing; an accepted one marks it.
        let mut refused = sent(2_000, undo.clone());
        refused.outcome = SendOutcome::Refused {
            err_code: 600,
            err_msg: "in black list".into(),
            operation_id: "op".into(),
        };
        remember(&mut history, refused);
        assert!(!history.iter().any(|h| h.revoked));
        let accepted = sent(2_001, undo);
        assert!(accepted.revoke().is_none(), "a revoke is not revoked");
        remember(&mut history, accepted);
        assert!(
            history
                .iter()
                .find(|h| h.client_msg_id() == Some(id.as_str()))
                .unwrap()
                .revoked
        );
        assert_eq!(history.len(), HISTORY_MAX);

        let mut odd = sent(3_000, text("tab\there"));
        odd.outcome = SendOutcome::Unknown {
            operation_id: "op-7".into(),
        };
        remember(&mut history, odd.clone());
        let back = parse_history(Some(&store_history(&history)));
        assert_eq!(back.len(), history.len());
        assert_eq!(back, history, "every field comes back as written");
        assert!(odd.client_msg_id().is_none() && odd.revoke().is_none());
        assert!(parse_history(Some("not\ta\thistory")).is_empty());
    }
}
