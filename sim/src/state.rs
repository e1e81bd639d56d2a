//! The in-memory tables that stand in for MySQL and the gateway's
//! connection map. Rows are kept in insertion order ("DB order").

use crate::table::Table;
use crate::token::TokenStore;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// `users` row (docs/api.md#get-users-info, docs/api.md#update-user-info).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(rename = "userID")]
    pub user_id: String,
    pub nickname: String,
    #[serde(rename = "faceURL")]
    pub face_url: String,
    pub gender: i32,
    pub phone_number: String,
    /// Unix seconds.
    pub birth: u32,
    pub email: String,
    pub ex: String,
    /// Unix seconds.
    pub create_time: i64,
    pub app_manger_level: i32,
}

/// `friends` row: one direction of a friendship.
#[derive(Clone, Debug, Serialize)]
pub struct Friend {
    #[serde(rename = "ownerUserID")]
    pub owner: String,
    #[serde(rename = "friendUserID")]
    pub friend: String,
    #[serde(rename = "createTime")]
    pub create_time: i64,
}

/// `blacks` row: `owner` has blocked `blocked`.
#[derive(Clone, Debug, Serialize)]
pub struct Black {
    #[serde(rename = "ownerUserID")]
    pub owner: String,
    #[serde(rename = "blockUserID")]
    pub blocked: String,
    #[serde(rename = "createTime")]
    pub create_time: i64,
}

/// `groups` row (status: 0 ok, 1 ban chat, 2 dismissed, 3 muted).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    #[serde(rename = "groupID")]
    pub group_id: String,
    pub group_name: String,
    pub notification: String,
    pub introduction: String,
    #[serde(rename = "faceURL")]
    pub face_url: String,
    pub create_time: i64,
    pub ex: String,
    pub status: i32,
    #[serde(rename = "creatorUserID")]
    pub creator_user_id: String,
    pub group_type: i32,
}

/// `group_members` row (role: 1 ordinary, 2 owner, 3 admin).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    #[serde(rename = "groupID")]
    pub group_id: String,
    #[serde(rename = "userID")]
    pub user_id: String,
    pub nickname: String,
    #[serde(rename = "faceURL")]
    pub face_url: String,
    pub role_level: i32,
    pub join_time: i64,
}

/// A message accepted by `/manager/send_msg` (docs/api.md#send-msg), with every request field.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    #[serde(rename = "serverMsgID")]
    pub server_msg_id: String,
    #[serde(rename = "clientMsgID")]
    pub client_msg_id: String,
    #[serde(rename = "operationID")]
    pub operation_id: String,
    #[serde(rename = "sendID")]
    pub send_id: String,
    #[serde(rename = "recvID")]
    pub recv_id: String,
    #[serde(rename = "groupID")]
    pub group_id: String,
    pub sender_nickname: String,
    #[serde(rename = "senderFaceURL")]
    pub sender_face_url: String,
    #[serde(rename = "senderPlatformID")]
    pub sender_platform_id: i64,
    /// After the 1400 → 4 override.
    pub session_type: i64,
    pub content_type: i64,
    /// 200 = system message.
    pub msg_from: i64,
    /// `MsgData.Content` as stored (docs/api.md#send-msg-content): raw text for 101, the revoked
    /// clientMsgID for 111, JSON of the content map otherwise (for 1400 this
    /// is the `TipsComm.jsonDetail` string).
    pub content: String,
    /// The request's `content` object as received.
    pub request_content: serde_json::Value,
    /// Accepted and ignored by the server.
    pub force_list: Option<Vec<String>>,
    pub is_online_only: bool,
    /// v2.3 only; left out of `/_sim/state` when unset.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_offline_push: bool,
    #[serde(
        rename = "businessOperationID",
        skip_serializing_if = "String::is_empty"
    )]
    pub business_operation_id: String,
    pub options: BTreeMap<String, bool>,
    pub offline_push_info: serde_json::Value,
    /// Milliseconds.
    pub send_time: i64,
    /// Milliseconds.
    pub create_time: i64,
    /// userIDs the message was delivered to.
    pub delivered_to: Vec<String>,
}

/// A pair key, e.g. (owner, friend) or (groupID, userID).
type Pair = (String, String);

fn pair(a: &str, b: &str) -> Pair {
    (a.to_string(), b.to_string())
}

/// Every table is indexed by its primary key, so each request costs what
/// its own lists cost, not the size of the tables.
#[derive(Default, Debug)]
pub struct State {
    pub users: Table<String, User>,
    pub friends: Table<Pair, Friend>,
    pub blacks: Table<Pair, Black>,
    pub groups: Table<String, Group>,
    members: Table<Pair, Member>,
    /// groupID → member userIDs in join order, indexed so that kicking
    /// from a 10,000-member group costs no scan of it.
    members_by_group: HashMap<String, Table<String, String>>,
    pub messages: Vec<Message>,
    /// operationID → v2.3 send status (1 sending, 2 sent, 3 failed).
    pub send_status: HashMap<String, i64>,
    pub tokens: TokenStore,
    /// userID → connected platform IDs (1..=8).
    pub online: BTreeMap<String, BTreeSet<i64>>,
}

impl State {
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.get(&id.to_string())
    }

    pub fn user_mut(&mut self, id: &str) -> Option<&mut User> {
        self.users.get_mut(&id.to_string())
    }

    /// Insert or replace a user row.
    pub fn put_user(&mut self, user: User) {
        self.users.put(user.user_id.clone(), user);
    }

    /// `DELETE FROM users WHERE user_id=?`; true if a row went away.
    pub fn delete_user(&mut self, id: &str) -> bool {
        self.users.remove(&id.to_string())
    }

    pub fn is_friend(&self, owner: &str, friend: &str) -> bool {
        self.friends.contains(&pair(owner, friend))
    }

    /// Inserts a friend row; false on a duplicate primary key.
    pub fn insert_friend(&mut self, owner: &str, friend: &str, now: i64) -> bool {
        let row = Friend {
            owner: owner.into(),
            friend: friend.into(),
            create_time: now,
        };
        self.friends.insert(pair(owner, friend), row)
    }

    pub fn is_blocked(&self, owner: &str, blocked: &str) -> bool {
        self.blacks.contains(&pair(owner, blocked))
    }

    /// Inserts a black row; false on a duplicate primary key.
    pub fn insert_black(&mut self, owner: &str, blocked: &str, now: i64) -> bool {
        let row = Black {
            owner: owner.into(),
            blocked: blocked.into(),
            create_time: now,
        };
        self.blacks.insert(pair(owner, blocked), row)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(&id.to_string())
    }

    pub fn put_group(&mut self, group: Group) {
        self.groups.put(group.group_id.clone(), group);
    }

    pub fn member(&self, group_id: &str, user_id: &str) -> Option<&Member> {
        self.members.get(&pair(group_id, user_id))
    }

    /// Every member row, in insertion order.
    pub fn members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter()
    }

    /// The group's member rows in join order.
    pub fn members_of<'a>(&'a self, group_id: &str) -> impl Iterator<Item = &'a Member> + 'a {
        let gid = group_id.to_string();
        self.members_by_group
            .get(group_id)
            .into_iter()
            .flat_map(Table::iter)
            .filter_map(move |uid| self.members.get(&(gid.clone(), uid.clone())))
    }

    pub fn member_count(&self, group_id: &str) -> usize {
        self.members_by_group.get(group_id).map_or(0, Table::len)
    }

    /// The owner's userID, from the member row with role 2.
    pub fn group_owner(&self, group_id: &str) -> Option<String> {
        self.members_of(group_id)
            .find(|m| m.role_level == 2)
            .map(|m| m.user_id.clone())
    }

    /// Inserts a member row (role 0 becomes 1, as `InsertIntoGroupMember`
    /// does); false on a duplicate primary key.
    pub fn insert_member(&mut self, group_id: &str, user_id: &str, role: i32, now: i64) -> bool {
        if self.member(group_id, user_id).is_some() {
            return false;
        }
        let (nickname, face_url) = self
            .user(user_id)
            .map(|u| (u.nickname.clone(), u.face_url.clone()))
            .unwrap_or_default();
        let row = Member {
            group_id: group_id.into(),
            user_id: user_id.into(),
            nickname,
            face_url,
            role_level: if role == 0 { 1 } else { role },
            join_time: now,
        };
        self.members.insert(pair(group_id, user_id), row);
        self.members_by_group
            .entry(group_id.to_string())
            .or_default()
            .insert(user_id.to_string(), user_id.to_string());
        true
    }

    /// `DELETE FROM group_members WHERE group_id=? AND user_id=?`.
    pub fn delete_member(&mut self, group_id: &str, user_id: &str) {
        if self.members.remove(&pair(group_id, user_id)) {
            if let Some(list) = self.members_by_group.get_mut(group_id) {
                list.remove(&user_id.to_string());
            }
        }
    }

    /// Platform IDs 1..=7 the user is connected on, in ID order.
    pub fn online_platforms(&self, user_id: &str) -> Vec<i64> {
        self.online
            .get(user_id)
            .map(|set| {
                set.iter()
                    .copied()
                    .filter(|p| (1..=7).contains(p))
                    .collect()
            })
            .unwrap_or_default()
    }
}
