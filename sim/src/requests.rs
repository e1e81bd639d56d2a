//! The v2.0.8 request structs with their `binding` tags (docs/api.md#binding).
//! Field order matters: validator reports failing fields in declaration order.

use crate::bind::{FieldDef, Rule, StructDef, Ty};

const REQ: &[Rule] = &[Rule::Required];
const NONE: &[Rule] = &[];

const fn field(go: &'static str, json: &'static str, ty: Ty, rules: &'static [Rule]) -> FieldDef {
    FieldDef {
        go,
        json,
        ty,
        rules,
    }
}

const OPERATION_ID: FieldDef = field("OperationID", "operationID", Ty::Str, REQ);

/// docs/api.md#user-token
pub static USER_TOKEN_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "UserTokenReq",
    fields: &[
        field(
            "Secret",
            "secret",
            Ty::Str,
            &[Rule::Required, Rule::Max(32)],
        ),
        field(
            "Platform",
            "platform",
            Ty::I32,
            &[Rule::Required, Rule::Min(1), Rule::Max(8)],
        ),
        field(
            "UserID",
            "userID",
            Ty::Str,
            &[Rule::Required, Rule::Min(1), Rule::Max(64)],
        ),
        OPERATION_ID,
    ],
};

/// docs/api.md#get-all-users-uid
pub static GET_ALL_USERS_UID_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetAllUsersUidReq",
    fields: &[OPERATION_ID],
};

/// docs/api.md#account-check
pub static ACCOUNT_CHECK_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "AccountCheckReq",
    fields: &[
        OPERATION_ID,
        field(
            "CheckUserIDList",
            "checkUserIDList",
            Ty::StrList,
            &[Rule::Required, Rule::Lte(100)],
        ),
    ],
};

/// docs/api.md#delete-user
pub static DELETE_USERS_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "DeleteUsersReq",
    fields: &[
        OPERATION_ID,
        field("DeleteUserIDList", "deleteUserIDList", Ty::StrList, REQ),
    ],
};

/// docs/api.md#get-users-online-status
pub static GET_USERS_ONLINE_STATUS_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetUsersOnlineStatusReq",
    fields: &[
        OPERATION_ID,
        field(
            "UserIDList",
            "userIDList",
            Ty::StrList,
            &[Rule::Required, Rule::Lte(200)],
        ),
    ],
};

/// docs/api.md#get-users-info
pub static GET_USERS_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetUsersInfoReq",
    fields: &[
        OPERATION_ID,
        field("UserIDList", "userIDList", Ty::StrList, REQ),
    ],
};

/// docs/api.md#update-user-info: the embedded user-info struct.
pub static API_USER_INFO: StructDef = StructDef {
    pkg: "base_info",
    name: "ApiUserInfo",
    fields: &[
        field(
            "UserID",
            "userID",
            Ty::Str,
            &[Rule::Required, Rule::Min(1), Rule::Max(64)],
        ),
        field(
            "Nickname",
            "nickname",
            Ty::Str,
            &[Rule::OmitEmpty, Rule::Min(1), Rule::Max(64)],
        ),
        field(
            "FaceURL",
            "faceURL",
            Ty::Str,
            &[Rule::OmitEmpty, Rule::Max(1024)],
        ),
        field(
            "Gender",
            "gender",
            Ty::I32,
            &[Rule::OmitEmpty, Rule::OneOf(&[0, 1, 2])],
        ),
        field(
            "PhoneNumber",
            "phoneNumber",
            Ty::Str,
            &[Rule::OmitEmpty, Rule::Max(32)],
        ),
        field("Birth", "birth", Ty::U32, &[Rule::OmitEmpty]),
        field("Email", "email", Ty::Str, &[Rule::OmitEmpty, Rule::Max(64)]),
        field("Ex", "ex", Ty::Str, &[Rule::OmitEmpty, Rule::Max(1024)]),
    ],
};

/// docs/api.md#update-user-info
pub static UPDATE_SELF_USER_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "UpdateSelfUserInfoReq",
    fields: &[
        field("ApiUserInfo", "", Ty::Embedded(&API_USER_INFO), NONE),
        OPERATION_ID,
    ],
};

/// docs/api.md#import-friend
pub static IMPORT_FRIEND_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "ImportFriendReq",
    fields: &[
        field("FriendUserIDList", "friendUserIDList", Ty::StrList, REQ),
        OPERATION_ID,
        field("FromUserID", "fromUserID", Ty::Str, REQ),
    ],
};

/// docs/api.md#add-black: the embedded pair of user IDs.
pub static PARAMS_COMM_FRIEND: StructDef = StructDef {
    pkg: "base_info",
    name: "ParamsCommFriend",
    fields: &[
        OPERATION_ID,
        field("ToUserID", "toUserID", Ty::Str, REQ),
        field("FromUserID", "fromUserID", Ty::Str, REQ),
    ],
};

/// docs/api.md#add-black
pub static ADD_BLACKLIST_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "AddBlacklistReq",
    fields: &[field(
        "ParamsCommFriend",
        "",
        Ty::Embedded(&PARAMS_COMM_FRIEND),
        NONE,
    )],
};

/// docs/api.md#create-group: members are not validated (no `dive`).
pub static GROUP_ADD_MEMBER_INFO: StructDef = StructDef {
    pkg: "base_info",
    name: "GroupAddMemberInfo",
    fields: &[
        field("UserID", "userID", Ty::Str, REQ),
        field("RoleLevel", "roleLevel", Ty::I32, REQ),
    ],
};

/// docs/api.md#create-group
pub static CREATE_GROUP_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "CreateGroupReq",
    fields: &[
        field(
            "MemberList",
            "memberList",
            Ty::StructList(&GROUP_ADD_MEMBER_INFO),
            REQ,
        ),
        field("OwnerUserID", "ownerUserID", Ty::Str, REQ),
        field("GroupType", "groupType", Ty::I32, NONE),
        field("GroupName", "groupName", Ty::Str, NONE),
        field("Notification", "notification", Ty::Str, NONE),
        field("Introduction", "introduction", Ty::Str, NONE),
        field("FaceURL", "faceURL", Ty::Str, NONE),
        field("Ex", "ex", Ty::Str, NONE),
        OPERATION_ID,
    ],
};

/// docs/api.md#invite-user-to-group
pub static INVITE_USER_TO_GROUP_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "InviteUserToGroupReq",
    fields: &[
        field("GroupID", "groupID", Ty::Str, REQ),
        field("InvitedUserIDList", "invitedUserIDList", Ty::StrList, REQ),
        field("Reason", "reason", Ty::Str, NONE),
        OPERATION_ID,
    ],
};

/// docs/api.md#kick-group
pub static KICK_GROUP_MEMBER_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "KickGroupMemberReq",
    fields: &[
        field("GroupID", "groupID", Ty::Str, REQ),
        field("KickedUserIDList", "kickedUserIDList", Ty::StrList, REQ),
        field("Reason", "reason", Ty::Str, NONE),
        OPERATION_ID,
    ],
};

/// `server_api_params.OfflinePushInfo` (proto struct, no binding tags).
pub static OFFLINE_PUSH_INFO: StructDef = StructDef {
    pkg: "server_api_params",
    name: "OfflinePushInfo",
    fields: &[
        field("Title", "title", Ty::Str, NONE),
        field("Desc", "desc", Ty::Str, NONE),
        field("Ex", "ex", Ty::Str, NONE),
        field("IOSPushSound", "iOSPushSound", Ty::Str, NONE),
        field("IOSBadgeCount", "iOSBadgeCount", Ty::Bool, NONE),
    ],
};

/// docs/api.md#send-msg (declared in the API's `manage` package).
pub static MANAGEMENT_SEND_MSG_REQ: StructDef = StructDef {
    pkg: "manage",
    name: "ManagementSendMsgReq",
    fields: &[
        OPERATION_ID,
        field("SendID", "sendID", Ty::Str, REQ),
        field("RecvID", "recvID", Ty::Str, NONE),
        field("GroupID", "groupID", Ty::Str, NONE),
        field("SenderNickname", "senderNickname", Ty::Str, NONE),
        field("SenderFaceURL", "senderFaceURL", Ty::Str, NONE),
        field("SenderPlatformID", "senderPlatformID", Ty::I32, NONE),
        field("ForceList", "forceList", Ty::StrList, NONE),
        field("Content", "content", Ty::AnyMap, REQ),
        field("ContentType", "contentType", Ty::I32, REQ),
        field("SessionType", "sessionType", Ty::I32, REQ),
        field("IsOnlineOnly", "isOnlineOnly", Ty::Bool, NONE),
        field(
            "OfflinePushInfo",
            "offlinePushInfo",
            Ty::StructPtr(&OFFLINE_PUSH_INFO),
            NONE,
        ),
    ],
};
