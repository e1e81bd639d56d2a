//! The in-memory tables that stand in for MySQL and the gateway's
//! connection map. Rows are kept in insertion order ("DB order").

use crate::cms_index::CmsIndex;
use crate::roster::{Page, Roster};
use crate::table::Table;
use crate::token::TokenStore;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

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
    /// Set by set_friend_remark (docs/readback.md#set-friend-remark).
    pub remark: String,
}

/// `friend_requests` row: `from` asked `to` (docs/readback.md#add-friend).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FriendRequest {
    #[serde(rename = "fromUserID")]
    pub from: String,
    #[serde(rename = "toUserID")]
    pub to: String,
    pub req_msg: String,
    /// 0 = not handled yet.
    pub handle_result: i32,
    /// Unix seconds.
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

/// `groups` row (status: 0 ok, 1 ban chat, 2 dismissed, 3 muted), with
/// the columns later releases add (docs/readback.md#readback-groups).
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
    /// From v2.2.0.
    pub need_verification: i32,
    /// The 2.3 line's columns.
    pub look_member_info: i32,
    pub apply_member_friend: i32,
    /// Unix seconds; 0 until a 2.3 set_group_info writes a notification.
    pub notification_update_time: i64,
    #[serde(rename = "notificationUserID")]
    pub notification_user_id: String,
    /// The 2.3 line's member-count cache, which dismissal does not clear:
    /// (count, when it was cached) (docs/readback.md#get-group-abstract-info).
    #[serde(skip)]
    pub cached_member_count: Option<(i64, i64)>,
}

/// `group_members` row (role: 1 ordinary, 2 owner, 3 admin; set_group_member_info
/// may store any other number).
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
    /// Unix seconds; 0 (the epoch) when never muted or unmuted.
    pub mute_end_time: i64,
    pub ex: String,
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
    /// userIDs the message was delivered to (shared by the generated
    /// history's messages to one group).
    #[serde(serialize_with = "shared_list")]
    pub delivered_to: Arc<Vec<String>>,
}

fn shared_list<S: serde::Serializer>(v: &Arc<Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
    v.as_slice().serialize(s)
}

/// A CMS block: a `black_lists` row (docs/cms.md#cms-blocks). Times in
/// Unix seconds.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CmsBlock {
    #[serde(rename = "userID")]
    pub user_id: String,
    pub begin_disable_time: i64,
    pub end_disable_time: i64,
    pub create_time: i64,
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
    friends: Table<Pair, Friend>,
    /// owner → friend IDs in row order, so one user's list costs its length.
    friends_by_owner: HashMap<String, Vec<String>>,
    pub friend_requests: Table<Pair, FriendRequest>,
    blacks: Table<Pair, Black>,
    blacks_by_owner: HashMap<String, Vec<String>>,
    pub groups: Table<String, Group>,
    members: Table<Pair, Member>,
    /// groupID → member userIDs in join order with positional access, so
    /// kicking from a big group costs no scan of it and a page of it costs
    /// the page (docs/readback.md#get-group-all-member-list).
    members_by_group: HashMap<String, Roster>,
    /// Append only through `push_message`, which indexes for the CMS.
    pub messages: Vec<Message>,
    /// The CMS's indexes over users, groups and messages (docs/cms.md#cms-buckets).
    pub cms: CmsIndex,
    /// The CMS's block list, by userID, in insertion order (docs/cms.md#cms-blocks).
    pub cms_blocks: Table<String, CmsBlock>,
    /// operationID → v2.3 send status (1 sending, 2 sent, 3 failed).
    pub send_status: HashMap<String, i64>,
    pub tokens: TokenStore,
    /// userID → connected platform IDs (1..=8).
    pub online: BTreeMap<String, BTreeSet<i64>>,
}

/// Removes `item` from an index list, keeping the others' order.
fn unlist(lists: &mut HashMap<String, Vec<String>>, key: &str, item: &str) {
    if let Some(list) = lists.get_mut(key) {
        if let Some(at) = list.iter().position(|x| x == item) {
            list.remove(at);
        }
        if list.is_empty() {
            lists.remove(key);
        }
    }
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
        if let Some(old) = self.users.get(&user.user_id) {
            self.cms.users.add(old.create_time, -1);
        }
        self.cms.users.add(user.create_time, 1);
        self.users.put(user.user_id.clone(), user);
    }

    /// `DELETE FROM users WHERE user_id=?`; true if a row went away.
    pub fn delete_user(&mut self, id: &str) -> bool {
        let key = id.to_string();
        if let Some(old) = self.users.get(&key) {
            self.cms.users.add(old.create_time, -1);
        }
        self.users.remove(&key)
    }

    /// Stores a message (a `chat_logs` row too) and indexes it.
    pub fn push_message(&mut self, m: Message) {
        let at = self.messages.len() as u32;
        self.cms.add_message(at, &m);
        self.messages.push(m);
    }

    /// Every friend row, in insertion order.
    pub fn friends(&self) -> &Table<Pair, Friend> {
        &self.friends
    }

    pub fn is_friend(&self, owner: &str, friend: &str) -> bool {
        self.friends.contains(&pair(owner, friend))
    }

    pub fn friend(&self, owner: &str, friend: &str) -> Option<&Friend> {
        self.friends.get(&pair(owner, friend))
    }

    /// `owner`'s friend rows in row order.
    pub fn friends_of<'a>(&'a self, owner: &str) -> impl Iterator<Item = &'a Friend> + 'a {
        let owner = owner.to_string();
        self.friends_by_owner
            .get(&owner)
            .into_iter()
            .flatten()
            .filter_map(move |f| self.friends.get(&(owner.clone(), f.clone())))
    }

    /// Inserts a friend row; false on a duplicate primary key.
    pub fn insert_friend(&mut self, owner: &str, friend: &str, now: i64) -> bool {
        let row = Friend {
            owner: owner.into(),
            friend: friend.into(),
            create_time: now,
            remark: String::new(),
        };
        if !self.friends.insert(pair(owner, friend), row) {
            return false;
        }
        self.friends_by_owner
            .entry(owner.to_string())
            .or_default()
            .push(friend.to_string());
        true
    }

    /// `UPDATE friends SET remark=? WHERE owner_user_id=? AND friend_user_id=?`;
    /// false when there is no such row.
    pub fn set_friend_remark(&mut self, owner: &str, friend: &str, remark: &str) -> bool {
        match self.friends.get_mut(&pair(owner, friend)) {
            Some(row) => {
                row.remark = remark.to_string();
                true
            }
            None => false,
        }
    }

    /// Deletes one direction of a friendship; true if a row went away.
    pub fn delete_friend(&mut self, owner: &str, friend: &str) -> bool {
        if !self.friends.remove(&pair(owner, friend)) {
            return false;
        }
        unlist(&mut self.friends_by_owner, owner, friend);
        true
    }

    /// Every black row, in insertion order.
    pub fn blacks(&self) -> &Table<Pair, Black> {
        &self.blacks
    }

    pub fn is_blocked(&self, owner: &str, blocked: &str) -> bool {
        self.blacks.contains(&pair(owner, blocked))
    }

    /// The IDs `owner` has blocked, in row order.
    pub fn blocked_by(&self, owner: &str) -> &[String] {
        self.blacks_by_owner
            .get(owner)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Inserts a black row; false on a duplicate primary key.
    pub fn insert_black(&mut self, owner: &str, blocked: &str, now: i64) -> bool {
        let row = Black {
            owner: owner.into(),
            blocked: blocked.into(),
            create_time: now,
        };
        if !self.blacks.insert(pair(owner, blocked), row) {
            return false;
        }
        self.blacks_by_owner
            .entry(owner.to_string())
            .or_default()
            .push(blocked.to_string());
        true
    }

    /// Deletes a black row; true if one went away.
    pub fn delete_black(&mut self, owner: &str, blocked: &str) -> bool {
        if !self.blacks.remove(&pair(owner, blocked)) {
            return false;
        }
        unlist(&mut self.blacks_by_owner, owner, blocked);
        true
    }

    /// Creates or overwrites the request from `from` to `to`, unhandled again.
    pub fn put_friend_request(&mut self, from: &str, to: &str, req_msg: &str, now: i64) {
        let row = FriendRequest {
            from: from.into(),
            to: to.into(),
            req_msg: req_msg.into(),
            handle_result: 0,
            create_time: now,
        };
        self.friend_requests.put(pair(from, to), row);
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(&id.to_string())
    }

    pub fn group_mut(&mut self, id: &str) -> Option<&mut Group> {
        self.groups.get_mut(&id.to_string())
    }

    pub fn put_group(&mut self, group: Group) {
        if let Some(old) = self.groups.get(&group.group_id) {
            self.cms.groups.add(old.create_time, -1);
        }
        self.cms.groups.add(group.create_time, 1);
        self.groups.put(group.group_id.clone(), group);
    }

    /// `DELETE` of the group row and all its member rows (the A/B CMS's
    /// delete_group, docs/cms.md#cms-group-writes); true if the group existed.
    pub fn remove_group(&mut self, group_id: &str) -> bool {
        let members: Vec<String> = self.member_ids(group_id).map(str::to_string).collect();
        for uid in members {
            self.delete_member(group_id, &uid);
        }
        let key = group_id.to_string();
        if let Some(old) = self.groups.get(&key) {
            self.cms.groups.add(old.create_time, -1);
        }
        self.groups.remove(&key)
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
            .flat_map(Roster::iter)
            .filter_map(move |uid| self.members.get(&(gid.clone(), uid.to_string())))
    }

    /// The member IDs at positions `offset..offset + count` of the group,
    /// in join order; costs the page, not the group.
    pub fn member_page(&self, group_id: &str, offset: usize, count: usize) -> Page<'_> {
        match self.members_by_group.get(group_id) {
            Some(roster) => roster.page(offset, count),
            None => Page {
                ids: Vec::new(),
                steps: 0,
            },
        }
    }

    /// The group's member IDs in join order.
    pub fn member_ids<'a>(&'a self, group_id: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.members_by_group
            .get(group_id)
            .into_iter()
            .flat_map(Roster::iter)
    }

    pub fn member_count(&self, group_id: &str) -> usize {
        self.members_by_group.get(group_id).map_or(0, Roster::len)
    }

    /// The owner's userID: the first member row with role 2, as the
    /// server's `LIMIT 1` query finds it; found without a scan.
    pub fn group_owner(&self, group_id: &str) -> Option<String> {
        self.members_by_group
            .get(group_id)
            .and_then(Roster::owner)
            .map(str::to_string)
    }

    /// Members with a role other than 1, in join order.
    pub fn special_members(&self, group_id: &str) -> Vec<(String, i32)> {
        self.members_by_group
            .get(group_id)
            .map(|r| {
                r.special()
                    .into_iter()
                    .map(|(u, role)| (u.to_string(), role))
                    .collect()
            })
            .unwrap_or_default()
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
        let role_level = if role == 0 { 1 } else { role };
        let row = Member {
            group_id: group_id.into(),
            user_id: user_id.into(),
            nickname,
            face_url,
            role_level,
            join_time: now,
            mute_end_time: 0,
            ex: String::new(),
        };
        self.members.insert(pair(group_id, user_id), row);
        self.members_by_group
            .entry(group_id.to_string())
            .or_default()
            .push(user_id, role_level);
        // A change of members clears the 2.3 member-count cache.
        if let Some(g) = self.group_mut(group_id) {
            g.cached_member_count = None;
        }
        true
    }

    /// `DELETE FROM group_members WHERE group_id=? AND user_id=?`; true if
    /// a row went away.
    pub fn delete_member(&mut self, group_id: &str, user_id: &str) -> bool {
        if !self.members.remove(&pair(group_id, user_id)) {
            return false;
        }
        if let Some(list) = self.members_by_group.get_mut(group_id) {
            list.remove(user_id);
            if list.is_empty() {
                self.members_by_group.remove(group_id);
            }
        }
        true
    }

    /// `UPDATE group_members SET role_level=?`; false when not a member.
    pub fn set_member_role(&mut self, group_id: &str, user_id: &str, role: i32) -> bool {
        let Some(row) = self.members.get_mut(&pair(group_id, user_id)) else {
            return false;
        };
        row.role_level = role;
        if let Some(list) = self.members_by_group.get_mut(group_id) {
            list.set_role(user_id, role);
        }
        true
    }

    /// The other member columns, for the updates that change them
    /// (mute end, nickname, face URL, ex): not the role, which the
    /// index follows (`set_member_role`).
    pub fn member_mut(&mut self, group_id: &str, user_id: &str) -> Option<MemberMut<'_>> {
        self.members
            .get_mut(&pair(group_id, user_id))
            .map(|row| MemberMut { row })
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

/// Write access to a member row's columns other than its role.
pub struct MemberMut<'a> {
    row: &'a mut Member,
}

impl MemberMut<'_> {
    pub fn set_mute_end_time(&mut self, t: i64) {
        self.row.mute_end_time = t;
    }

    pub fn set_nickname(&mut self, v: String) {
        self.row.nickname = v;
    }

    pub fn set_face_url(&mut self, v: String) {
        self.row.face_url = v;
    }

    pub fn set_ex(&mut self, v: String) {
        self.row.ex = v;
    }

    pub fn set_join_time(&mut self, t: i64) {
        self.row.join_time = t;
    }
}
