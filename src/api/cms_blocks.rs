//! CMS user blocks (docs/cms.md#cms-blocks): block until a time, unblock,
//! and the list, read with "still blocked" computed by the client since C
//! lists expired blocks too (T15). Plain Rust, tested natively.

use serde_json::{json, Value};

use super::cms::{CmsRequest, Gen};
use super::group::{number, text};
use crate::model::days::go_time_secs;

/// Blocks `user_id` until `until` (`YYYY-MM-DD HH:MM:SS`, UTC).
pub fn block(gen: Gen, user_id: &str, until: &str, operation_id: &str) -> CmsRequest {
    let body = match gen {
        Gen::C => json!({ "userID": user_id, "endDisableTime": until }),
        _ => json!({ "user_id": user_id, "end_disable_time": until }),
    };
    CmsRequest::post("/user/block_user", body, operation_id)
}

pub fn unblock(gen: Gen, user_id: &str, operation_id: &str) -> CmsRequest {
    let body = match gen {
        Gen::C => json!({ "userID": user_id }),
        _ => json!({ "user_id": user_id }),
    };
    CmsRequest::post("/user/unblock_user", body, operation_id)
}

/// A page of the block list, pages counted from 1.
pub fn list(gen: Gen, page: u32, show: u32, operation_id: &str) -> CmsRequest {
    match gen {
        Gen::C => CmsRequest::post(
            "/user/get_block_users",
            json!({ "pageNumber": page, "showNumber": show }),
            operation_id,
        ),
        _ => CmsRequest::get(
            "/user/get_block_users",
            &[
                ("page_number", page.to_string()),
                ("show_number", show.to_string()),
            ],
        ),
    }
}

/// A block as listed: the times as the server wrote them, and the end as
/// Unix seconds when it parses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub user_id: String,
    pub nickname: String,
    pub begin: String,
    pub end: String,
    pub end_secs: Option<i64>,
}

impl Block {
    /// Whether the block still counts at `now` (Unix seconds); an end that
    /// does not parse is taken as still blocked.
    pub fn active(&self, now: i64) -> bool {
        self.end_secs.is_none_or(|end| end > now)
    }
}

/// A page of the list and the server's count.
pub fn page(gen: Gen, data: &Value) -> (Vec<Block>, u64) {
    let c = gen == Gen::C;
    let k = |ab: &'static str, c_key: &'static str| if c { c_key } else { ab };
    let rows = (data[k("block_users", "blockUsers")]
        .as_array()
        .into_iter()
        .flatten())
    .map(|b| {
        let end = text(b, k("end_disable_time", "endDisableTime"));
        Block {
            user_id: text(b, k("user_id", "userID")),
            nickname: text(b, k("nick_name", "nickName")),
            begin: text(b, k("begin_disable_time", "beginDisableTime")),
            end_secs: go_time_secs(&end),
            end,
        }
    })
    .collect();
    (rows, number(data, k("user_nums", "userNums")).max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_follow_the_generation() {
        let b = block(Gen::B, "u2", "2022-06-01 00:00:00", "op");
        assert_eq!(b.path, "/user/block_user");
        let body: Value = serde_json::from_str(b.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["user_id"], "u2");
        assert_eq!(body["end_disable_time"], "2022-06-01 00:00:00");
        let c = unblock(Gen::C, "u2", "op-3");
        let body: Value = serde_json::from_str(c.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"userID": "u2", "operationID": "op-3"}));
        assert_eq!(
            list(Gen::A, 2, 20, "op").path,
            "/user/get_block_users?page_number=2&show_number=20"
        );
        assert!(list(Gen::C, 1, 20, "op")
            .body
            .unwrap()
            .contains("\"pageNumber\":1"));
    }

    #[test]
    fn expired_blocks_are_told_apart_by_their_end() {
        let ab: Value = serde_json::from_str(r#"{"block_users":[{"profile_photo":"","nick_name":"Bob","user_id":"u2","is_block":true,"begin_disable_time":"2022-05-01 10:00:00 +0800 CST","end_disable_time":"2022-06-01 00:00:00 +0800 CST"}],"current_number":1,"show_number":20,"user_nums":1}"#).unwrap();
        let (rows, total) = page(Gen::B, &ab);
        assert_eq!(total, 1);
        let bob = &rows[0];
        assert_eq!((bob.user_id.as_str(), bob.nickname.as_str()), ("u2", "Bob"));
        assert!(bob.active(1_654_012_799));
        assert!(!bob.active(1_654_012_800));
        let c = json!({"blockUsers": [{"userID": "u3", "nickName": "Cy", "isBlock": false,
            "beginDisableTime": "2022-05-01 00:00:00 +0000 UTC", "endDisableTime": "garbled"}], "userNums": 4});
        let (rows, total) = page(Gen::C, &c);
        assert_eq!((rows[0].user_id.as_str(), total), ("u3", 4));
        assert!(rows[0].active(i64::MAX));
    }
}
