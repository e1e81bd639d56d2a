//! Every request and response example of the API document, through the
//! typed client: requests serialise to exactly the document's fields,
//! responses decode into the typed data.
#![cfg(not(target_arch = "wasm32"))]

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use openim_admin::api::auth::{UserTokenReq, UserTokenResp};
use openim_admin::api::envelope::decode;
use openim_admin::api::friend::{AddBlackReq, ImportFriendReq, UserIdResult};
use openim_admin::api::group::{CreateGroupReq, GroupInfo, InviteUserToGroupReq, KickGroupReq};
use openim_admin::api::msg::{OaNotification, RevokeContent, SendMsgReq, SendMsgResp, TextContent};
use openim_admin::api::user::{
    AccountCheckReq, AccountStatus, DeleteUserReq, GetAllUsersUidReq, GetUsersInfoReq,
    GetUsersOnlineStatusReq, OnlineStatus, UpdateUserInfoReq, UserInfo,
};
use openim_admin::api::ErrorKind;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/spec/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The example request minus operationID (the transport adds that) must
/// survive typed parsing and serialising unchanged: no field renamed,
/// dropped or added.
fn request_round_trips<T: Serialize + DeserializeOwned>(name: &str) -> T {
    let mut example: Value = serde_json::from_str(&fixture(&format!("{name}.request"))).unwrap();
    let op = example.as_object_mut().unwrap().remove("operationID");
    assert!(op.is_some(), "{name}: the example carries an operationID");
    let typed: T = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), example, "{name}");
    typed
}

fn response_decodes<T: DeserializeOwned + Default>(name: &str) -> T {
    decode(200, &fixture(&format!("{name}.response")), "op")
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn user_token() {
    let req: UserTokenReq = request_round_trips("user_token");
    assert_eq!((req.platform, req.user_id.as_str()), (1, "openIM123456"));
    let resp: UserTokenResp = response_decodes("user_token");
    assert_eq!(resp.expired_time, 1_646_293_994);
    assert!(resp.token.starts_with("eyJ"));
}

#[test]
fn create_group() {
    let req: CreateGroupReq = request_round_trips("create_group");
    assert_eq!(req.member_list[0].role_level, 1);
    let g: GroupInfo = response_decodes("create_group");
    assert_eq!((g.member_count, g.group_id.len()), (2, 32));
}

#[test]
fn invite_and_kick() {
    let inv: InviteUserToGroupReq = request_round_trips("invite_user_to_group");
    assert_eq!(inv.invited_user_id_list, ["18349115126"]);
    let r: Vec<UserIdResult> = response_decodes("invite_user_to_group");
    assert!(r[0].ok());
    let kick: KickGroupReq = request_round_trips("kick_group");
    assert_eq!(kick.reason, "kkk");
    let r: Vec<UserIdResult> = response_decodes("kick_group");
    assert_eq!(r.len(), 1);
}

#[test]
fn friends_and_blacklist() {
    let _: ImportFriendReq = request_round_trips("import_friend");
    let r: Vec<UserIdResult> = response_decodes("import_friend");
    assert_eq!(r.iter().map(|r| r.result).collect::<Vec<_>>(), [-1, 0]);
    let b: AddBlackReq = request_round_trips("add_black");
    assert_eq!(b.from_user_id, "f732156059eeb5d0");
    let () = response_decodes("add_black");
}

#[test]
fn users() {
    let u: UpdateUserInfoReq = request_round_trips("update_user_info");
    assert_eq!(u.birth, Some(167_762_763));
    let () = response_decodes("update_user_info");
    let _: DeleteUserReq = request_round_trips("delete_user");
    let failed: Vec<String> = response_decodes("delete_user");
    assert_eq!(failed, ["122", "466"]);
    let _: GetUsersInfoReq = request_round_trips("get_users_info");
    let infos: Vec<UserInfo> = response_decodes("get_users_info");
    assert_eq!(infos[0].nickname, "Gordon");
    let _: GetUsersOnlineStatusReq = request_round_trips("get_users_online_status");
    let st: Vec<OnlineStatus> = response_decodes("get_users_online_status");
    assert_eq!(st[0].detail_platform_status.len(), 2);
    assert!(st[1].detail_platform_status.is_empty());
    let _: GetAllUsersUidReq = request_round_trips("get_all_users_uid");
    let all: Vec<String> = response_decodes("get_all_users_uid");
    assert_eq!(all.len(), 2);
    let _: AccountCheckReq = request_round_trips("account_check");
    let acc: Vec<AccountStatus> = response_decodes("account_check");
    assert_eq!(acc[1].account_status, "unregistered");
}

fn content<T: Serialize + DeserializeOwned>(req: &SendMsgReq) -> T {
    let typed: T = serde_json::from_value(req.content.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), req.content);
    typed
}

#[test]
fn send_msg_examples() {
    let text: SendMsgReq = request_round_trips("send_msg_text");
    assert_eq!(content::<TextContent>(&text).text, "nihao");
    for name in ["send_msg_revoke_single", "send_msg_revoke_group"] {
        let r: SendMsgReq = request_round_trips(name);
        assert_eq!(content::<RevokeContent>(&r).revoke_msg_client_id.len(), 32);
    }
    let oa: SendMsgReq = request_round_trips("send_msg_oa_notification");
    let n = content::<OaNotification>(&oa);
    assert_eq!(
        (n.notification_type, n.mix_type, oa.session_type),
        (1, 0, 4)
    );
    for name in [
        "send_msg_text",
        "send_msg_revoke_single",
        "send_msg_revoke_group",
        "send_msg_oa_notification",
    ] {
        let r: SendMsgResp = response_decodes(name);
        assert_eq!(r.send_time, 1_645_697_804_432);
    }
}

/// Bodies the reference records from the real server (docs/api.md#routes).
#[test]
fn contract_bodies() {
    let r: UserTokenResp = decode(
        200,
        r#"{"errCode":0,"errMsg":"","data":{"userID":"openIM123456","token":"eyJ","expiredTime":1966000000}}"#,
        "o",
    )
    .unwrap();
    assert_eq!(r.expired_time, 1_966_000_000);
    let e = decode::<UserTokenResp>(
        200,
        r#"{"errCode":802,"errMsg":"db failed","data":{"userID":"x","token":"","expiredTime":0}}"#,
        "o",
    )
    .unwrap_err();
    assert_eq!(e.err_code(), Some(802));
    let st: Vec<OnlineStatus> = decode(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"userID":"u1","status":"online","detailPlatformStatus":[{"platform":"Android","status":"online"},{"platform":"Web","status":"online"}]},{"userID":"u2","status":"offline"}]}"#,
        "o",
    )
    .unwrap();
    assert_eq!(st[0].detail_platform_status[0].platform, "Android");
    let g: GroupInfo = decode(
        200,
        r#"{"errCode":0,"errMsg":"","data":{"groupID":"9f0c","groupName":"Group Chat","ownerUserID":"u1","memberCount":3,"creatorUserID":"openIM123456"}}"#,
        "o",
    )
    .unwrap();
    assert_eq!(g.group_name, "Group Chat");
    let none: Vec<UserIdResult> =
        decode(200, r#"{"errCode":0,"errMsg":"","data":null}"#, "o").unwrap();
    assert!(none.is_empty());
    let m: SendMsgResp = decode(
        200,
        r#"{"errCode":0,"errMsg":"","data":{"serverMsgID":"0123456789abcdef0123456789abcdef","clientMsgID":"fedcba9876543210fedcba9876543210","sendTime":1650000000000}}"#,
        "o",
    )
    .unwrap();
    assert_eq!(m.send_time, 1_650_000_000_000);
    let black = decode::<SendMsgResp>(
        200,
        r#"{"errCode":600,"errMsg":"in black list","data":{"clientMsgID":"fedcba9876543210fedcba9876543210"}}"#,
        "o",
    )
    .unwrap_err();
    let ErrorKind::Server {
        err_code: 600,
        data: Some(d),
        ..
    } = black.kind
    else {
        panic!("{black:?}")
    };
    let d: serde_json::Value = serde_json::from_str(&d).unwrap();
    assert_eq!(d["clientMsgID"].as_str().unwrap().len(), 32);
    let deleted = decode::<Vec<String>>(
        200,
        r#"{"errCode":201,"errMsg":"some uid deleted failed","data":["ghost"]}"#,
        "o",
    )
    .unwrap_err();
    assert_eq!(deleted.err_msg(), Some("some uid deleted failed"));
    let cors = decode::<()>(200, r#""Options Request!""#, "o").unwrap_err();
    assert!(matches!(cors.kind, ErrorKind::Shape { .. }));
}
