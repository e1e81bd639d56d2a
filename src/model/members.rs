//! A group as the server reports it: its record, its member list read page
//! by page, and who owns it (docs/readback.md#readback-groups).

use crate::api::group::{
    GetGroupAllMemberListReq, GroupInfo, GroupMember, ROLE_OWNER, STATUS_DISMISSED, STATUS_MUTED,
    STATUS_NORMAL,
};
use crate::api::release::Release;
use crate::api::user::UserInfo;
use crate::model::users::{Lookup, UserRow};

/// Members asked for a page. From v2.3.2 a read without a count stops at
/// 1,000 members, and a count of 0 past 1,000 crashes the group service
/// (docs/readback.md#readback-traps), so a count above 0 is always sent.
pub const PAGE: u32 = 1000;

/// The request for the members from `offset` on: a page from v2.3.2, the
/// whole list (which earlier releases always send) before it.
pub fn page_request(release: Release, group_id: &str, offset: u32) -> GetGroupAllMemberListReq {
    let paged = release >= Release::V2_3_2;
    GetGroupAllMemberListReq {
        group_id: group_id.to_string(),
        offset: paged.then_some(offset),
        count: paged.then_some(PAGE),
    }
}

/// Whether a page of `got` members ends the list: a short page on
/// v2.3.2+, any answer before it.
pub fn is_last_page(release: Release, got: usize) -> bool {
    release < Release::V2_3_2 || got < PAGE as usize
}

/// A member as a row of the shared table. A mute that ended before `now`
/// (unix seconds) reads as none: the server keeps the old end time.
pub fn member_row(m: GroupMember, now: i64) -> UserRow {
    UserRow {
        registered: Some(true),
        profile_checked: true,
        role: m.role_level,
        joined: m.join_time,
        muted_until: if m.mute_end_time > now {
            m.mute_end_time
        } else {
            0
        },
        info: Some(UserInfo {
            user_id: m.user_id.clone(),
            nickname: m.nickname,
            face_url: m.face_url,
            ..Default::default()
        }),
        ..UserRow::new(&m.user_id)
    }
}

/// Who holds roleLevel 2. The server does not keep it at one: an unchecked
/// transfer or role change leaves none or two (docs/readback.md#readback-traps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ownership {
    One(String),
    None,
    Several(usize),
}

pub fn ownership(members: &Lookup) -> Ownership {
    let mut owners = members.rows.iter().filter(|r| r.role == ROLE_OWNER);
    match (owners.next(), owners.count()) {
        (None, _) => Ownership::None,
        (Some(r), 0) => Ownership::One(r.user_id.clone()),
        (Some(_), more) => Ownership::Several(more + 1),
    }
}

impl Ownership {
    pub fn owner(&self) -> Option<&str> {
        match self {
            Ownership::One(id) => Some(id),
            _ => None,
        }
    }
}

/// What may be done to a group of `status`: mute everyone only while
/// normal, unmute only while muted, since cancel_mute_group sets any
/// status to 0 and would revive a dismissed group
/// (docs/readback.md#readback-traps).
pub fn may_mute_all(status: i32) -> bool {
    status == STATUS_NORMAL
}

pub fn may_unmute_all(status: i32) -> bool {
    status == STATUS_MUTED
}

pub fn is_dismissed(info: &GroupInfo) -> bool {
    info.status == STATUS_DISMISSED
}

/// Mute lengths offered, in seconds.
pub const MUTE_SECONDS: [u32; 5] = [600, 3600, 86_400, 7 * 86_400, 30 * 86_400];

/// The settings set_group_info can change, in the form's order.
pub const EDITABLE: [&str; 5] = ["groupName", "notification", "introduction", "faceURL", "ex"];

/// The current value of an editable setting.
pub fn setting<'a>(info: &'a GroupInfo, key: &str) -> &'a str {
    match key {
        "groupName" => &info.group_name,
        "notification" => &info.notification,
        "introduction" => &info.introduction,
        "faceURL" => &info.face_url,
        _ => &info.ex,
    }
}

/// The edit as set_group_info takes it: only what changed. A field
/// emptied by the operator cannot be sent (empty means "unchanged",
/// docs/readback.md#set-group-info), so it comes back as an error.
pub fn changes(
    info: &GroupInfo,
    edited: &[String; 5],
) -> Result<Option<crate::api::group::SetGroupInfoReq>, Vec<&'static str>> {
    let mut req = crate::api::group::SetGroupInfoReq {
        group_id: info.group_id.clone(),
        ..Default::default()
    };
    let mut cleared = Vec::new();
    let mut any = false;
    for (key, value) in EDITABLE.into_iter().zip(edited) {
        if value == setting(info, key) {
            continue;
        }
        if value.is_empty() {
            cleared.push(key);
            continue;
        }
        any = true;
        let slot = match key {
            "groupName" => &mut req.group_name,
            "notification" => &mut req.notification,
            "introduction" => &mut req.introduction,
            "faceURL" => &mut req.face_url,
            _ => &mut req.ex,
        };
        *slot = value.clone();
    }
    if !cleared.is_empty() {
        return Err(cleared);
    }
    Ok(any.then_some(req))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, role: i32, mute: i64) -> GroupMember {
        GroupMember {
            user_id: id.into(),
            nickname: format!("n-{id}"),
            role_level: role,
            join_time: 1_700_000_000,
            mute_end_time: mute,
            ..Default::default()
        }
    }

    #[test]
    fn pages_carry_a_count_from_v2_3_2_only() {
        let old = page_request(Release::V2_2, "g", 0);
        assert_eq!(serde_json::to_string(&old).unwrap(), r#"{"groupID":"g"}"#);
        let new = page_request(Release::V2_3_2, "g", 2000);
        assert_eq!(
            serde_json::to_string(&new).unwrap(),
            r#"{"groupID":"g","offset":2000,"count":1000}"#
        );
        assert!(is_last_page(Release::V2_0, 5000));
        assert!(!is_last_page(Release::V2_3_3, 1000));
        assert!(is_last_page(Release::V2_3_3, 999));
    }

    #[test]
    fn a_member_becomes_a_row_and_an_ended_mute_reads_as_none() {
        let now = 1_800_000_000;
        let muted = member_row(member("a", 3, now + 60), now);
        assert_eq!((muted.role, muted.muted_until), (3, now + 60));
        assert_eq!(muted.nickname(), "n-a");
        assert_eq!(member_row(member("b", 1, now - 1), now).muted_until, 0);
        assert_eq!(member_row(member("c", 1, 0), now).joined, 1_700_000_000);
    }

    #[test]
    fn owners_are_counted_not_assumed() {
        let table = |roles: &[i32]| {
            Lookup::of_rows(
                (roles.iter().enumerate())
                    .map(|(i, r)| member_row(member(&format!("u{i}"), *r, 0), 0))
                    .collect(),
            )
        };
        assert_eq!(ownership(&table(&[1, 2, 3])), Ownership::One("u1".into()));
        assert_eq!(ownership(&table(&[1, 3])), Ownership::None);
        assert_eq!(ownership(&table(&[2, 1, 2])), Ownership::Several(2));
        assert_eq!(ownership(&table(&[2, 2])).owner(), None);
    }

    #[test]
    fn only_a_normal_group_is_muted_and_only_a_muted_one_unmuted() {
        assert!(may_mute_all(0) && !may_mute_all(3) && !may_mute_all(2));
        assert!(may_unmute_all(3) && !may_unmute_all(0) && !may_unmute_all(2));
    }

    #[test]
    fn an_edit_sends_what_changed_and_refuses_to_clear() {
        let info = GroupInfo {
            group_id: "g".into(),
            group_name: "Team".into(),
            notification: "hi".into(),
            ..Default::default()
        };
        let same = ["Team", "hi", "", "", ""].map(String::from);
        assert_eq!(changes(&info, &same), Ok(None));
        let renamed = ["Crew", "hi", "", "", "x"].map(String::from);
        let req = changes(&info, &renamed).unwrap().unwrap();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"groupID":"g","groupName":"Crew","ex":"x"}"#
        );
        let cleared = ["Team", "", "", "", ""].map(String::from);
        assert_eq!(changes(&info, &cleared), Err(vec!["notification"]));
    }

    #[test]
    fn pages_extend_the_table_without_repeats() {
        let mut l = Lookup::of_rows(vec![member_row(member("a", 2, 0), 0)]);
        let layout = l.layout;
        l.extend(vec![
            member_row(member("a", 2, 0), 0),
            member_row(member("b", 1, 0), 0),
        ]);
        assert_eq!(l.ids(), ["a", "b"]);
        assert_ne!(l.layout, layout);
        assert_eq!(l.position("b"), Some(1));
    }
}
