//! gin BindJSON errors, with Go's texts (docs/api.md#binding).

mod common;
use common::*;
use serde_json::json;

fn bind_err(msg: &str) -> String {
    json!({"errCode": 400, "errMsg": msg}).to_string()
}

fn key(ns: &str, field: &str, tag: &str) -> String {
    format!("Key: '{ns}' Error:Field validation for '{field}' failed on the '{tag}' tag")
}

#[tokio::test]
async fn empty_body_is_eof() {
    let s = bare();
    let token = s.admin().await;
    s.post("/manager/account_check", Some(&token), "")
        .await
        .assert(400, r#"{"errCode":400,"errMsg":"EOF"}"#);
    s.post("/auth/user_token", None, "  \n")
        .await
        .assert(400, r#"{"errCode":400,"errMsg":"EOF"}"#);
}

#[tokio::test]
async fn malformed_json_reports_the_scanner_error() {
    let s = bare();
    let token = s.admin().await;
    s.post("/manager/account_check", Some(&token), "operationID=1")
        .await
        .assert(
            400,
            &bind_err("invalid character 'o' looking for beginning of value"),
        );
    s.post(
        "/manager/account_check",
        Some(&token),
        r#"{"operationID":"1",}"#,
    )
    .await
    .assert(
        400,
        &bind_err("invalid character '}' looking for beginning of object key string"),
    );
    s.post(
        "/manager/account_check",
        Some(&token),
        r#"{"operationID":"1""#,
    )
    .await
    .assert(400, &bind_err("unexpected EOF"));
}

#[tokio::test]
async fn wrong_types_name_the_go_field() {
    let s = bare();
    let token = s.admin().await;
    s.post(
        "/manager/account_check",
        Some(&token),
        r#"{"operationID":"1","checkUserIDList":"u1"}"#,
    )
    .await
    .assert(
        400,
        &bind_err("json: cannot unmarshal string into Go struct field AccountCheckReq.checkUserIDList of type []string"),
    );
    s.post(
        "/manager/account_check",
        Some(&token),
        r#"{"operationID":"1","checkUserIDList":["u1",2]}"#,
    )
    .await
    .assert(
        400,
        &bind_err("json: cannot unmarshal number into Go struct field AccountCheckReq.checkUserIDList of type string"),
    );
    s.post(
        "/auth/user_token",
        None,
        r#"{"secret":"tuoyun","platform":"1","userID":"u","operationID":"o"}"#,
    )
    .await
    .assert(
        400,
        &bind_err("json: cannot unmarshal string into Go struct field UserTokenReq.platform of type int32"),
    );
    s.post(
        "/auth/user_token",
        None,
        r#"{"secret":"tuoyun","platform":1.5,"userID":"u","operationID":"o"}"#,
    )
    .await
    .assert(
        400,
        &bind_err("json: cannot unmarshal number 1.5 into Go struct field UserTokenReq.platform of type int32"),
    );
    s.post("/manager/account_check", Some(&token), "[1]")
        .await
        .assert(
            400,
            &bind_err(
                "json: cannot unmarshal array into Go value of type base_info.AccountCheckReq",
            ),
        );
    s.post(
        "/manager/send_msg",
        Some(&token),
        r#"{"operationID":"o","sendID":"s","content":"hi","contentType":101,"sessionType":1}"#,
    )
    .await
    .assert(
        400,
        &bind_err("json: cannot unmarshal string into Go struct field ManagementSendMsgReq.content of type map[string]interface {}"),
    );
}

#[tokio::test]
async fn missing_required_fields_are_listed_in_declaration_order() {
    let s = bare();
    let token = s.admin().await;
    let expected = [
        key("AccountCheckReq.OperationID", "OperationID", "required"),
        key(
            "AccountCheckReq.CheckUserIDList",
            "CheckUserIDList",
            "required",
        ),
    ]
    .join("\n");
    s.post("/manager/account_check", Some(&token), "{}")
        .await
        .assert(400, &bind_err(&expected));
    let expected = [
        key("UserTokenReq.Secret", "Secret", "required"),
        key("UserTokenReq.Platform", "Platform", "required"),
        key("UserTokenReq.UserID", "UserID", "required"),
        key("UserTokenReq.OperationID", "OperationID", "required"),
    ]
    .join("\n");
    s.post("/auth/user_token", None, "{}")
        .await
        .assert(400, &bind_err(&expected));
    // A JSON null body decodes to nothing and fails validation the same way.
    s.post("/auth/user_token", None, "null")
        .await
        .assert(400, &bind_err(&expected));
}

#[tokio::test]
async fn empty_list_passes_required_but_null_does_not() {
    let s = bare();
    let token = s.admin().await;
    s.post_json(
        "/manager/delete_user",
        &token,
        json!({"operationID": "o", "deleteUserIDList": []}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    s.post_json(
        "/manager/delete_user",
        &token,
        json!({"operationID": "o", "deleteUserIDList": null}),
    )
    .await
    .assert(
        400,
        &bind_err(&key(
            "DeleteUsersReq.DeleteUserIDList",
            "DeleteUserIDList",
            "required",
        )),
    );
}

#[tokio::test]
async fn account_check_is_limited_to_100_ids() {
    let s = bare();
    let token = s.admin().await;
    let ids = |n: usize| (0..n).map(|i| format!("u{i}")).collect::<Vec<_>>();
    let r = s
        .post_json(
            "/manager/account_check",
            &token,
            json!({"operationID": "o", "checkUserIDList": ids(100)}),
        )
        .await;
    assert_eq!(r.json()["data"].as_array().unwrap().len(), 100);
    s.post_json(
        "/manager/account_check",
        &token,
        json!({"operationID": "o", "checkUserIDList": ids(101)}),
    )
    .await
    .assert(
        400,
        &bind_err(&key(
            "AccountCheckReq.CheckUserIDList",
            "CheckUserIDList",
            "lte",
        )),
    );
}

#[tokio::test]
async fn online_status_is_limited_to_200_ids() {
    let s = bare();
    let token = s.admin().await;
    let ids = |n: usize| (0..n).map(|i| format!("u{i}")).collect::<Vec<_>>();
    for path in [
        "/manager/get_users_online_status",
        "/user/get_users_online_status",
    ] {
        let r = s
            .post_json(
                path,
                &token,
                json!({"operationID": "o", "userIDList": ids(200)}),
            )
            .await;
        assert_eq!(r.json()["data"].as_array().unwrap().len(), 200);
        s.post_json(
            path,
            &token,
            json!({"operationID": "o", "userIDList": ids(201)}),
        )
        .await
        .assert(
            400,
            &bind_err(&key(
                "GetUsersOnlineStatusReq.UserIDList",
                "UserIDList",
                "lte",
            )),
        );
    }
}

#[tokio::test]
async fn user_token_limits() {
    let s = bare();
    let body = |secret: &str, platform: i64, uid: &str| {
        json!({"secret": secret, "platform": platform, "userID": uid, "operationID": "o"})
            .to_string()
    };
    let long_secret = "x".repeat(33);
    s.post("/auth/user_token", None, &body(&long_secret, 1, ADMIN))
        .await
        .assert(400, &bind_err(&key("UserTokenReq.Secret", "Secret", "max")));
    s.post("/auth/user_token", None, &body("tuoyun", 0, ADMIN))
        .await
        .assert(
            400,
            &bind_err(&key("UserTokenReq.Platform", "Platform", "required")),
        );
    s.post("/auth/user_token", None, &body("tuoyun", -1, ADMIN))
        .await
        .assert(
            400,
            &bind_err(&key("UserTokenReq.Platform", "Platform", "min")),
        );
    let long_uid = "u".repeat(65);
    s.post("/auth/user_token", None, &body("tuoyun", 1, &long_uid))
        .await
        .assert(400, &bind_err(&key("UserTokenReq.UserID", "UserID", "max")));
    // Lengths count characters, not bytes: 64 Chinese characters pass.
    let wide_uid = "用".repeat(64);
    let r = s
        .post("/auth/user_token", None, &body("tuoyun", 1, &wide_uid))
        .await;
    assert_eq!(r.json()["errCode"], 802);
}

#[tokio::test]
async fn update_user_info_limits_use_the_embedded_path() {
    let s = bare();
    let token = s.admin().await;
    let ns = "UpdateSelfUserInfoReq.ApiUserInfo";
    s.post_json(
        "/user/update_user_info",
        &token,
        json!({"operationID": "o"}),
    )
    .await
    .assert(
        400,
        &bind_err(&key(&format!("{ns}.UserID"), "UserID", "required")),
    );
    s.post_json(
        "/user/update_user_info",
        &token,
        json!({"operationID": "o", "userID": "u", "gender": 3}),
    )
    .await
    .assert(
        400,
        &bind_err(&key(&format!("{ns}.Gender"), "Gender", "oneof")),
    );
    s.post_json(
        "/user/update_user_info",
        &token,
        json!({"operationID": "o", "userID": "u", "nickname": "n".repeat(65), "phoneNumber": "1".repeat(33)}),
    )
    .await
    .assert(
        400,
        &bind_err(
            &[
                key(&format!("{ns}.Nickname"), "Nickname", "max"),
                key(&format!("{ns}.PhoneNumber"), "PhoneNumber", "max"),
            ]
            .join("\n"),
        ),
    );
    s.post_json(
        "/user/update_user_info",
        &token,
        json!({"userID": "u", "email": "e".repeat(65)}),
    )
    .await
    .assert(
        400,
        &bind_err(
            &[
                key(&format!("{ns}.Email"), "Email", "max"),
                key(
                    "UpdateSelfUserInfoReq.OperationID",
                    "OperationID",
                    "required",
                ),
            ]
            .join("\n"),
        ),
    );
    s.post_json("/user/update_user_info", &token, json!({"operationID": "o", "userID": "u", "birth": -1}))
        .await
        .assert(
            400,
            &bind_err("json: cannot unmarshal number -1 into Go struct field UpdateSelfUserInfoReq.birth of type uint32"),
        );
    // Empty optional fields skip their limits (omitempty).
    let r = s
        .post_json(
            "/user/update_user_info",
            &token,
            json!({"operationID": "o", "userID": "u", "nickname": "", "gender": 0}),
        )
        .await;
    r.assert(200, r#"{"errCode":0,"errMsg":""}"#);
}

#[tokio::test]
async fn add_black_names_the_embedded_struct() {
    let s = bare();
    let token = s.admin().await;
    s.post_json("/friend/add_black", &token, json!({"fromUserID": "a"}))
        .await
        .assert(
            400,
            &bind_err(
                &[
                    key(
                        "AddBlacklistReq.ParamsCommFriend.OperationID",
                        "OperationID",
                        "required",
                    ),
                    key(
                        "AddBlacklistReq.ParamsCommFriend.ToUserID",
                        "ToUserID",
                        "required",
                    ),
                ]
                .join("\n"),
            ),
        );
}

#[tokio::test]
async fn member_entries_are_not_validated() {
    let s = bare();
    s.add_users(&["owner"]).await;
    let token = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &token,
            json!({"operationID": "o", "ownerUserID": "owner", "memberList": [{"userID": ""}, {}]}),
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
    s.post_json(
        "/group/create_group",
        &token,
        json!({"operationID": "o", "ownerUserID": "owner", "memberList": [{"userID": "x", "roleLevel": "1"}]}),
    )
    .await
    .assert(
        400,
        &bind_err("json: cannot unmarshal string into Go struct field GroupAddMemberInfo.memberList.roleLevel of type int32"),
    );
}

#[tokio::test]
async fn binding_happens_before_the_token_check() {
    let s = bare();
    s.post("/manager/get_all_users_uid", None, "")
        .await
        .assert(400, r#"{"errCode":400,"errMsg":"EOF"}"#);
    let r = s.post("/manager/send_msg", None, "{}").await;
    assert_eq!(r.status, 400);
    assert!(r
        .text()
        .starts_with(r#"{"errCode":400,"errMsg":"Key: 'ManagementSendMsgReq.OperationID'"#));
}

#[tokio::test]
async fn keys_match_case_insensitively_and_unknown_keys_are_ignored() {
    let s = bare();
    let r = s
        .post(
            "/auth/user_token",
            None,
            r#"{"SECRET":"tuoyun","Platform":1,"userid":"openIM123456","operationID":"o","extra":[1,{"a":null}]}"#,
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
}
