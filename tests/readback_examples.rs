//! The examples of docs/readback.md through the typed client: each request
//! the dashboard sends serialises to exactly the example's fields (less
//! operationID, which the transport adds), and each answer it reads
//! decodes to the example's values, missing keys read as zero.
#![cfg(not(target_arch = "wasm32"))]

use serde::Serialize;
use serde_json::Value;

use openim_admin::api::envelope::decode;
use openim_admin::api::friend::{
    DeleteFriendReq, FriendInfo, GetBlackListReq, GetFriendListReq, RemoveBlackReq,
};
use openim_admin::api::group::*;
use openim_admin::api::release::Release;
use openim_admin::api::user::UserInfo;
use openim_admin::model::members::{member_row, page_request};

const G: &str = "2165283845";

/// `req` is the example `example` without its operationID.
fn sends(req: &impl Serialize, example: &str) {
    let mut want: Value = serde_json::from_str(example).unwrap();
    assert!(want
        .as_object_mut()
        .unwrap()
        .remove("operationID")
        .is_some());
    assert_eq!(serde_json::to_value(req).unwrap(), want, "{example}");
}

/// The `data` of an example answer, as the client decodes it.
fn records(answer: &str) -> Vec<Value> {
    decode(200, answer, "op").unwrap()
}

#[test]
fn group_reads() {
    sends(
        &GetGroupsInfoReq {
            group_id_list: vec![G.into()],
        },
        r#"{"operationID":"rb-1","groupIDList":["2165283845"]}"#,
    );
    let g = GroupInfo::from_json(
        &records(
            r#"{"errCode":0,"errMsg":"","data":[{"createTime":1667290000,"creatorUserID":"openIM123456","groupID":"2165283845","groupName":"Team","memberCount":3,"ownerUserID":"u1"}]}"#,
        )[0],
    );
    assert_eq!(
        (
            g.group_name.as_str(),
            g.owner_user_id.as_str(),
            g.member_count,
            g.create_time,
            g.status
        ),
        ("Team", "u1", 3, 1_667_290_000, 0)
    );
    // Dismissed: no owner row, so no owner, count or time either.
    let gone = GroupInfo::from_json(&serde_json::from_str(r#"{"creatorUserID":"openIM123456","groupID":"2165283845","groupName":"Team","status":2}"#).unwrap());
    assert_eq!(
        (gone.status, gone.owner_user_id.as_str(), gone.member_count),
        (2, "", 0)
    );

    let page = GetGroupAllMemberListReq {
        group_id: G.into(),
        offset: Some(0),
        count: Some(500),
    };
    sends(
        &page,
        r#"{"operationID":"rb-2","groupID":"2165283845","offset":0,"count":500}"#,
    );
    // Before v2.3.2 the same read has no paging fields.
    sends(
        &page_request(Release::V2_2, G, 0),
        r#"{"operationID":"x","groupID":"2165283845"}"#,
    );
    let members = records(
        r#"{"errCode":0,"errMsg":"","data":[{"groupID":"2165283845","joinTime":1667290000,"nickname":"alice","roleLevel":2,"userID":"u1"},{"groupID":"2165283845","joinTime":1667290100,"muteEndTime":1667297300,"nickname":"bob","roleLevel":1,"userID":"u2"}]}"#,
    );
    let owner = GroupMember::from_json(&members[0]);
    let bob = GroupMember::from_json(&members[1]);
    assert_eq!(
        (owner.role_level, owner.mute_end_time, owner.join_time),
        (2, 0, 1_667_290_000)
    );
    assert_eq!(
        (bob.nickname.as_str(), bob.mute_end_time),
        ("bob", 1_667_297_300)
    );
    // Read after the mute ran out, it shows none.
    assert_eq!(member_row(bob.clone(), 1_667_297_301).muted_until, 0);
    assert_eq!(member_row(bob, 1_667_290_200).muted_until, 1_667_297_300);

    sends(
        &GetJoinedGroupListReq {
            from_user_id: "u2".into(),
        },
        r#"{"operationID":"rb-5","fromUserID":"u2"}"#,
    );
}

#[test]
fn group_writes() {
    sends(
        &DismissGroupReq { group_id: G.into() },
        r#"{"operationID":"rb-6","groupID":"2165283845"}"#,
    );
    sends(
        &SetGroupInfoReq {
            group_id: G.into(),
            group_name: "Team B".into(),
            ..Default::default()
        },
        r#"{"operationID":"rb-7","groupID":"2165283845","groupName":"Team B"}"#,
    );
    sends(
        &TransferGroupReq {
            group_id: G.into(),
            old_owner_user_id: "u1".into(),
            new_owner_user_id: "u2".into(),
        },
        r#"{"operationID":"rb-8","groupID":"2165283845","oldOwnerUserID":"u1","newOwnerUserID":"u2"}"#,
    );
    sends(
        &MuteGroupMemberReq {
            group_id: G.into(),
            user_id: "u2".into(),
            muted_seconds: 3600,
        },
        r#"{"operationID":"rb-9","groupID":"2165283845","userID":"u2","mutedSeconds":3600}"#,
    );
    sends(
        &CancelMuteGroupMemberReq {
            group_id: G.into(),
            user_id: "u2".into(),
        },
        r#"{"operationID":"x","groupID":"2165283845","userID":"u2"}"#,
    );
    sends(
        &MuteGroupReq { group_id: G.into() },
        r#"{"operationID":"rb-10","groupID":"2165283845"}"#,
    );
    sends(
        &CancelMuteGroupReq { group_id: G.into() },
        r#"{"operationID":"x","groupID":"2165283845"}"#,
    );
    sends(
        &SetGroupMemberInfoReq {
            group_id: G.into(),
            user_id: "u3".into(),
            role_level: 3,
        },
        r#"{"operationID":"rb-11","groupID":"2165283845","userID":"u3","roleLevel":3}"#,
    );
    // Each answers without data.
    let done: () = decode(200, r#"{"errCode":0,"errMsg":""}"#, "op").unwrap();
    assert_eq!(done, ());
}

#[test]
fn friends_and_blacklists() {
    sends(
        &GetFriendListReq {
            from_user_id: "u1".into(),
        },
        r#"{"operationID":"rb-20","fromUserID":"u1"}"#,
    );
    let friend = FriendInfo::from_json(
        &records(
            r#"{"errCode":0,"errMsg":"","data":[{"createTime":1667300000,"friendUser":{"appMangerLevel":1,"createTime":1667200000,"nickname":"bob","userID":"u2"},"ownerUserID":"u1"}]}"#,
        )[0],
    );
    assert_eq!(
        (
            friend.friend_user.user_id.as_str(),
            friend.friend_user.nickname.as_str(),
            friend.create_time,
            friend.remark.as_str()
        ),
        ("u2", "bob", 1_667_300_000, "")
    );
    sends(
        &GetBlackListReq {
            from_user_id: "u1".into(),
        },
        r#"{"operationID":"rb-21","fromUserID":"u1"}"#,
    );
    let blocked = UserInfo::from_json(
        &records(r#"{"errCode":0,"errMsg":"","data":[{"nickname":"carol","userID":"u3"}]}"#)[0],
    );
    assert_eq!(
        (blocked.user_id.as_str(), blocked.nickname.as_str()),
        ("u3", "carol")
    );
    sends(
        &RemoveBlackReq {
            from_user_id: "u1".into(),
            to_user_id: "u3".into(),
        },
        r#"{"operationID":"rb-22","fromUserID":"u1","toUserID":"u3"}"#,
    );
    sends(
        &DeleteFriendReq {
            from_user_id: "u1".into(),
            to_user_id: "u2".into(),
        },
        r#"{"operationID":"rb-23","fromUserID":"u1","toUserID":"u2"}"#,
    );
}
