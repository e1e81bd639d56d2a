//! The CMS chat-log search (docs/cms.md#cms-get-chat-logs): the filters
//! each generation honours, the request, and its rows. Plain Rust, tested
//! natively.

use serde_json::{json, Value};

use super::cms::{CmsRequest, CreatedAt, Gen, UNSAFE_SEARCH};
use super::group::{number, text};

/// What the operator asks for. `receiver` is a user in a single chat and
/// the group in a group chat.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogSearch {
    /// 0 any, 1 single chat, 2 group.
    pub session_type: i64,
    pub sender: String,
    pub receiver: String,
    pub content: String,
    /// Empty: any.
    pub content_type: String,
    /// `YYYY-MM-DD`; required on C.
    pub day: String,
}

/// Why a search is refused before it is sent, by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogProblem {
    /// C needs the day (T12).
    DayRequired,
    BadDay,
    NotANumber,
    /// A/B paste the text into SQL (T9).
    Unsafe,
    /// A/B ignore a sender or group without a session type (T11).
    NeedsSessionType,
    /// A/B cannot filter a single chat by its receiver (T11).
    NoReceiverFilter,
}

/// The fields of a search: `sender`, `receiver`, `content`, `contentType`
/// and `day`.
pub fn check(gen: Gen, s: &LogSearch) -> Vec<(&'static str, LogProblem)> {
    let mut out = Vec::new();
    let day = s.day.trim();
    if day.is_empty() && gen == Gen::C {
        out.push(("day", LogProblem::DayRequired));
    } else if !day.is_empty() && crate::model::days::parse_day(day).is_none() {
        out.push(("day", LogProblem::BadDay));
    }
    if !s.content_type.trim().is_empty() && s.content_type.trim().parse::<i64>().is_err() {
        out.push(("contentType", LogProblem::NotANumber));
    }
    if gen != Gen::C {
        if s.content.contains(UNSAFE_SEARCH) {
            out.push(("content", LogProblem::Unsafe));
        }
        let typed = |v: &str| !v.trim().is_empty();
        if s.session_type == 0 && typed(&s.sender) {
            out.push(("sender", LogProblem::NeedsSessionType));
        }
        if typed(&s.receiver) && s.session_type != 2 {
            let problem = match s.session_type {
                1 => LogProblem::NoReceiverFilter,
                _ => LogProblem::NeedsSessionType,
            };
            out.push(("receiver", problem));
        }
    }
    out
}

/// A page of the search, pages counted from 1. Empty filters are left
/// out, as the server reads an absent one as "any".
pub fn request(gen: Gen, s: &LogSearch, page: u32, show: u32, operation_id: &str) -> CmsRequest {
    let content_type = s.content_type.trim().parse::<i64>().ok();
    let (sender, receiver) = (s.sender.trim(), s.receiver.trim());
    if gen == Gen::C {
        let mut body = json!({
            "sessionType": s.session_type,
            "sendTime": s.day.trim(),
            "pageNumber": page,
            "showNumber": show,
        });
        for (k, v) in [
            ("sendID", sender),
            ("recvID", receiver),
            ("content", &s.content),
        ] {
            if !v.is_empty() {
                body[k] = json!(v);
            }
        }
        if let Some(t) = content_type {
            body["contentType"] = json!(t);
        }
        return CmsRequest::post("/message/get_chat_logs", body, operation_id);
    }
    let mut query = Vec::new();
    if s.session_type != 0 {
        query.push(("session_type", s.session_type.to_string()));
    }
    if let Some(t) = content_type {
        query.push(("content_type", t.to_string()));
    }
    for (k, v) in [
        ("content", s.content.as_str()),
        ("user_id", sender),
        ("group_id", receiver),
        ("date", s.day.trim()),
    ] {
        if !v.is_empty() {
            query.push((k, v.to_string()));
        }
    }
    query.push(("page_number", page.to_string()));
    query.push(("show_number", show.to_string()));
    CmsRequest::get("/message/get_chat_logs", &query)
}

/// A stored message as the search shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogRow {
    pub session_type: i64,
    pub content_type: i64,
    pub sender_id: String,
    /// Empty where the generation gets it wrong (C single chats, T12).
    pub sender_name: String,
    /// A user, or the group of a group chat.
    pub receiver_id: String,
    pub receiver_name: String,
    pub content: String,
    /// A/B: the insert time as a Go time string; C: the send time.
    pub time: CreatedAt,
    /// What a revoke names the message by; only C gives it.
    pub client_msg_id: String,
}

impl LogRow {
    pub fn in_group(&self) -> bool {
        self.session_type != 1
    }
}

/// A page of rows and the server's count, which may count rows the page
/// dropped (docs/cms.md#cms-get-chat-logs).
pub fn page(gen: Gen, data: &Value) -> (Vec<LogRow>, u64) {
    let c = gen == Gen::C;
    let list = if c { "chatLogs" } else { "chat_logs" };
    let rows = (data[list].as_array().into_iter().flatten())
        .map(|r| {
            if c {
                let session_type = number(r, "sessionType");
                LogRow {
                    session_type,
                    content_type: number(r, "contentType"),
                    sender_id: text(r, "sendID"),
                    // A single chat's senderNickname is the receiver's (T12).
                    sender_name: if session_type == 1 {
                        String::new()
                    } else {
                        text(r, "senderNickname")
                    },
                    receiver_id: text(r, "recvID"),
                    receiver_name: String::new(),
                    content: text(r, "content"),
                    time: CreatedAt::Seconds(number(r, "sendTime")),
                    client_msg_id: text(r, "clientMsgID"),
                }
            } else {
                let group = r.get("group_id").is_some();
                let (id, name) = if group {
                    ("group_id", "group_name")
                } else {
                    ("receiver_id", "receiver_nick_name")
                };
                LogRow {
                    session_type: number(r, "session_type"),
                    content_type: number(r, "content_type"),
                    sender_id: text(r, "sender_id"),
                    sender_name: text(r, "sender_nick_name"),
                    receiver_id: text(r, id),
                    receiver_name: text(r, name),
                    content: text(r, "whole_content"),
                    time: CreatedAt::Text(text(r, "date")),
                    client_msg_id: String::new(),
                }
            }
        })
        .collect();
    let total = number(data, if c { "logNums" } else { "log_nums" });
    (rows, total.max(0) as u64)
}

/// The columns of a page saved as CSV.
pub const CSV_HEADER: [&str; 9] = [
    "time",
    "sessionType",
    "sendID",
    "senderNickname",
    "recvID",
    "recvName",
    "contentType",
    "content",
    "clientMsgID",
];

/// A row of the CSV, with its time as the page shows it.
pub fn csv_row(r: &LogRow, time: String) -> Vec<String> {
    vec![
        time,
        r.session_type.to_string(),
        r.sender_id.clone(),
        r.sender_name.clone(),
        r.receiver_id.clone(),
        r.receiver_name.clone(),
        r.content_type.to_string(),
        r.content.clone(),
        r.client_msg_id.clone(),
    ]
}

/// The http(s) address a media message points to, if any: only such a
/// link is offered (a picture's, sound's, video's or file's).
pub fn media_url(row: &LogRow) -> Option<String> {
    if !(102..=105).contains(&row.content_type) {
        return None;
    }
    let v: Value = serde_json::from_str(&row.content).ok()?;
    let found = ["/sourcePicture/url", "/sourceUrl", "/videoUrl", "/url"]
        .into_iter()
        .find_map(|p| v.pointer(p)?.as_str())?;
    super::user::safe_url(found).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search() -> LogSearch {
        LogSearch {
            session_type: 2,
            sender: "u1".into(),
            receiver: "g1".into(),
            content: "hi there".into(),
            content_type: "101".into(),
            day: "2022-05-01".into(),
        }
    }

    #[test]
    fn each_generation_refuses_what_it_would_ignore_or_break() {
        assert!(check(Gen::B, &search()).is_empty());
        assert!(check(Gen::C, &search()).is_empty());
        let none = LogSearch::default();
        assert!(check(Gen::A, &none).is_empty());
        assert_eq!(check(Gen::C, &none), [("day", LogProblem::DayRequired)]);
        let bad = LogSearch {
            session_type: 0,
            day: "2022-02-30".into(),
            content_type: "text".into(),
            content: "100%".into(),
            ..search()
        };
        assert_eq!(
            check(Gen::A, &bad),
            [
                ("day", LogProblem::BadDay),
                ("contentType", LogProblem::NotANumber),
                ("content", LogProblem::Unsafe),
                ("sender", LogProblem::NeedsSessionType),
                ("receiver", LogProblem::NeedsSessionType),
            ]
        );
        let single = LogSearch {
            session_type: 1,
            ..search()
        };
        assert_eq!(
            check(Gen::B, &single),
            [("receiver", LogProblem::NoReceiverFilter)]
        );
        // C takes a receiver with any session type, and any content.
        assert!(check(Gen::C, &bad)
            .iter()
            .all(|(f, _)| ["day", "contentType"].contains(f)));
    }

    #[test]
    fn requests_name_the_filters_each_generation_reads() {
        let ab = request(Gen::B, &search(), 2, 50, "op");
        assert_eq!(ab.path, "/message/get_chat_logs?session_type=2&content_type=101&content=hi%20there&user_id=u1&group_id=g1&date=2022-05-01&page_number=2&show_number=50");
        let bare = request(Gen::A, &LogSearch::default(), 1, 20, "op");
        assert_eq!(
            bare.path,
            "/message/get_chat_logs?page_number=1&show_number=20"
        );
        let c = request(Gen::C, &search(), 1, 20, "op-1");
        let body: Value = serde_json::from_str(c.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"sessionType": 2, "sendTime": "2022-05-01", "pageNumber": 1, "showNumber": 20,
                "sendID": "u1", "recvID": "g1", "content": "hi there", "contentType": 101, "operationID": "op-1"})
        );
    }

    #[test]
    fn rows_read_each_generations_keys() {
        let ab: Value = serde_json::from_str(r#"{"chat_logs":[{"session_type":1,"content_type":101,"sender_nick_name":"Alice","sender_id":"u1","search_content":"","whole_content":"hello","receiver_nick_name":"Bob","receiver_id":"u2","date":"2022-05-01 10:11:12 +0800 CST"},{"session_type":2,"content_type":102,"sender_nick_name":"Alice","sender_id":"u1","search_content":"","whole_content":"{\"sourcePicture\":{\"url\":\"https://cdn.example/p.png\"}}","group_name":"Ops","group_id":"g1","date":"2022-05-01 10:11:13 +0800 CST"}],"log_nums":57,"current_number":1,"show_number":20}"#).unwrap();
        let (rows, total) = page(Gen::A, &ab);
        assert_eq!(total, 57);
        assert_eq!(
            (rows[0].receiver_id.as_str(), rows[0].receiver_name.as_str()),
            ("u2", "Bob")
        );
        assert_eq!(
            (rows[1].receiver_id.as_str(), rows[1].receiver_name.as_str()),
            ("g1", "Ops")
        );
        assert!(rows[1].in_group() && !rows[0].in_group());
        // A/B name no message a revoke could point to.
        assert!(rows.iter().all(|r| r.client_msg_id.is_empty()));
        assert_eq!(
            media_url(&rows[1]).as_deref(),
            Some("https://cdn.example/p.png")
        );
        assert_eq!(media_url(&rows[0]), None);
        let c: Value = serde_json::from_str(r#"{"chatLogs":[{"sendID":"u1","recvID":"u2","senderNickname":"Bob","sessionType":1,"contentType":104,"content":"{\"videoUrl\":\"javascript:alert(1)\"}","sendTime":1651370000,"clientMsgID":"0123456789abcdef0123456789abcdef"}],"logNums":1,"currentPage":1,"showNumber":20}"#).unwrap();
        let (rows, total) = page(Gen::C, &c);
        assert_eq!(total, 1);
        // The receiver's nickname in a single chat's sender name is dropped.
        assert_eq!(rows[0].sender_name, "");
        assert_eq!(rows[0].time, CreatedAt::Seconds(1_651_370_000));
        assert_eq!(rows[0].client_msg_id, "0123456789abcdef0123456789abcdef");
        assert_eq!(media_url(&rows[0]), None);
        assert_eq!(page(Gen::C, &Value::Null), (Vec::new(), 0));
    }

    #[test]
    fn a_page_saves_as_csv_that_spreadsheets_open_safely() {
        let row = LogRow {
            session_type: 2,
            content_type: 101,
            sender_id: "u1".into(),
            sender_name: "Al, \"the\" boss".into(),
            receiver_id: "g1".into(),
            receiver_name: "Ops".into(),
            content: "=HYPERLINK(\"x\")".into(),
            time: CreatedAt::Seconds(1),
            client_msg_id: "c1".into(),
        };
        let doc = crate::model::csv::document(&CSV_HEADER, [csv_row(&row, "t".into())]);
        assert_eq!(
            doc,
            "time,sessionType,sendID,senderNickname,recvID,recvName,contentType,content,clientMsgID\r\n\
             t,2,u1,\"Al, \"\"the\"\" boss\",g1,Ops,101,\"'=HYPERLINK(\"\"x\"\")\",c1\r\n"
        );
    }
}
