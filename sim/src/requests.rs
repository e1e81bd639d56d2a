//! The request structs of each release with their `binding` tags (docs/api.md#binding).
//! Field order matters: validator reports failing fields in declaration order.

use crate::bind::{FieldDef, Rule, StructDef, Ty};

pub(crate) const REQ: &[Rule] = &[Rule::Required];
pub(crate) const NONE: &[Rule] = &[];

pub(crate) const fn field(
    go: &'static str,
    json: &'static str,
    ty: Ty,
    rules: &'static [Rule],
) -> FieldDef {
    FieldDef {
        go,
        json,
        ty,
        rules,
    }
}

const OPERATION_ID: FieldDef = field("OperationID", "operationID", Ty::Str, REQ);

const SECRET: FieldDef = field(
    "Secret",
    "secret",
    Ty::Str,
    &[Rule::Required, Rule::Max(32)],
);
const LOGIN_USER_ID: FieldDef = field(
    "UserID",
    "userID",
    Ty::Str,
    &[Rule::Required, Rule::Min(1), Rule::Max(64)],
);
const PLATFORM_1_8: &[Rule] = &[Rule::Required, Rule::Min(1), Rule::Max(8)];
const PLATFORM_1_9: &[Rule] = &[Rule::Required, Rule::Min(1), Rule::Max(9)];

/// docs/api.md#user-token
pub static USER_TOKEN_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "UserTokenReq",
    fields: &[
        SECRET,
        field("Platform", "platform", Ty::I32, PLATFORM_1_8),
        LOGIN_USER_ID,
        OPERATION_ID,
    ],
};

/// docs/releases.md#release-limits: platforms 8 and 9, and `loginIp`, from v2.3.2.
pub static USER_TOKEN_REQ_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "UserTokenReq",
    fields: &[
        SECRET,
        field("Platform", "platform", Ty::I32, PLATFORM_1_9),
        LOGIN_USER_ID,
        field("LoginIp", "loginIp", Ty::Str, NONE),
        OPERATION_ID,
    ],
};

/// docs/releases.md#parse-token
pub static PARSE_TOKEN_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "ParseTokenReq",
    fields: &[OPERATION_ID],
};

const FROM_USER_ID_64: FieldDef = field(
    "FromUserID",
    "fromUserID",
    Ty::Str,
    &[Rule::Required, Rule::Min(1), Rule::Max(64)],
);

/// docs/releases.md#force-logout
pub static FORCE_LOGOUT_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "ForceLogoutReq",
    fields: &[
        field("Platform", "platform", Ty::I32, PLATFORM_1_8),
        FROM_USER_ID_64,
        OPERATION_ID,
    ],
};

/// docs/releases.md#force-logout: platform 9 from v2.3.2.
pub static FORCE_LOGOUT_REQ_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "ForceLogoutReq",
    fields: &[
        field("Platform", "platform", Ty::I32, PLATFORM_1_9),
        FROM_USER_ID_64,
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

/// docs/releases.md#release-create-group: from v2.3 a member's role must be
/// 1 or 3, and the list is validated element by element.
pub static GROUP_ADD_MEMBER_INFO_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "GroupAddMemberInfo",
    fields: &[
        field("UserID", "userID", Ty::Str, REQ),
        field(
            "RoleLevel",
            "roleLevel",
            Ty::I32,
            &[Rule::Required, Rule::OneOf(&[1, 3])],
        ),
    ],
};

const GROUP_TYPE: FieldDef = field("GroupType", "groupType", Ty::I32, NONE);
const GROUP_NAME: FieldDef = field("GroupName", "groupName", Ty::Str, NONE);
const NOTIFICATION: FieldDef = field("Notification", "notification", Ty::Str, NONE);
const INTRODUCTION: FieldDef = field("Introduction", "introduction", Ty::Str, NONE);
const FACE_URL: FieldDef = field("FaceURL", "faceURL", Ty::Str, NONE);
const EX: FieldDef = field("Ex", "ex", Ty::Str, NONE);
const OPTIONAL_OWNER: FieldDef = field("OwnerUserID", "ownerUserID", Ty::Str, NONE);
const GROUP_ID: FieldDef = field("GroupID", "groupID", Ty::Str, NONE);

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
        GROUP_TYPE,
        GROUP_NAME,
        NOTIFICATION,
        INTRODUCTION,
        FACE_URL,
        EX,
        OPERATION_ID,
    ],
};

/// docs/releases.md#release-create-group: v2.0.10 to v2.2.0, owner and
/// members optional, a caller-chosen groupID.
pub static CREATE_GROUP_REQ_2_0_10: StructDef = StructDef {
    pkg: "base_info",
    name: "CreateGroupReq",
    fields: &[
        field(
            "MemberList",
            "memberList",
            Ty::StructList(&GROUP_ADD_MEMBER_INFO),
            NONE,
        ),
        OPTIONAL_OWNER,
        GROUP_TYPE,
        GROUP_NAME,
        NOTIFICATION,
        INTRODUCTION,
        FACE_URL,
        EX,
        OPERATION_ID,
        GROUP_ID,
    ],
};

/// docs/releases.md#release-create-group: v2.3, members validated.
pub static CREATE_GROUP_REQ_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "CreateGroupReq",
    fields: &[
        field(
            "MemberList",
            "memberList",
            Ty::StructList(&GROUP_ADD_MEMBER_INFO_2_3),
            &[Rule::Dive],
        ),
        OPTIONAL_OWNER,
        GROUP_TYPE,
        GROUP_NAME,
        NOTIFICATION,
        INTRODUCTION,
        FACE_URL,
        EX,
        OPERATION_ID,
        GROUP_ID,
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

const SEND_ID: FieldDef = field("SendID", "sendID", Ty::Str, REQ);
const RECV_ID: FieldDef = field("RecvID", "recvID", Ty::Str, NONE);
const MSG_GROUP_ID: FieldDef = field("GroupID", "groupID", Ty::Str, NONE);
const SENDER_NICKNAME: FieldDef = field("SenderNickname", "senderNickname", Ty::Str, NONE);
const SENDER_FACE_URL: FieldDef = field("SenderFaceURL", "senderFaceURL", Ty::Str, NONE);
const SENDER_PLATFORM_ID: FieldDef = field("SenderPlatformID", "senderPlatformID", Ty::I32, NONE);
const CONTENT: FieldDef = field("Content", "content", Ty::AnyMap, REQ);
const CONTENT_TYPE: FieldDef = field("ContentType", "contentType", Ty::I32, REQ);
const SESSION_TYPE: FieldDef = field("SessionType", "sessionType", Ty::I32, REQ);
const IS_ONLINE_ONLY: FieldDef = field("IsOnlineOnly", "isOnlineOnly", Ty::Bool, NONE);
const OFFLINE_PUSH: FieldDef = field(
    "OfflinePushInfo",
    "offlinePushInfo",
    Ty::StructPtr(&OFFLINE_PUSH_INFO),
    NONE,
);
const RECV_ID_LIST: FieldDef = field("RecvIDList", "recvIDList", Ty::StrList, NONE);

/// docs/api.md#send-msg (declared in the API's `manage` package).
pub static MANAGEMENT_SEND_MSG_REQ: StructDef = StructDef {
    pkg: "manage",
    name: "ManagementSendMsgReq",
    fields: &[
        OPERATION_ID,
        SEND_ID,
        RECV_ID,
        MSG_GROUP_ID,
        SENDER_NICKNAME,
        SENDER_FACE_URL,
        SENDER_PLATFORM_ID,
        field("ForceList", "forceList", Ty::StrList, NONE),
        CONTENT,
        CONTENT_TYPE,
        SESSION_TYPE,
        IS_ONLINE_ONLY,
        OFFLINE_PUSH,
    ],
};

/// The message fields shared by manage_send_msg and batch_send_msg from
/// v2.2.0: no `forceList`, no `recvID`.
pub static MANAGEMENT_SEND_MSG_2_2: StructDef = StructDef {
    pkg: "base_info",
    name: "ManagementSendMsg",
    fields: &[
        OPERATION_ID,
        SEND_ID,
        MSG_GROUP_ID,
        SENDER_NICKNAME,
        SENDER_FACE_URL,
        SENDER_PLATFORM_ID,
        CONTENT,
        CONTENT_TYPE,
        SESSION_TYPE,
        IS_ONLINE_ONLY,
        OFFLINE_PUSH,
    ],
};

/// As `MANAGEMENT_SEND_MSG_2_2` plus the v2.3 fields (docs/releases.md#release-limits).
pub static MANAGEMENT_SEND_MSG_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "ManagementSendMsg",
    fields: &[
        OPERATION_ID,
        field("BusinessOperationID", "businessOperationID", Ty::Str, NONE),
        SEND_ID,
        MSG_GROUP_ID,
        SENDER_NICKNAME,
        SENDER_FACE_URL,
        SENDER_PLATFORM_ID,
        CONTENT,
        CONTENT_TYPE,
        SESSION_TYPE,
        IS_ONLINE_ONLY,
        field("NotOfflinePush", "notOfflinePush", Ty::Bool, NONE),
        OFFLINE_PUSH,
    ],
};

/// A `base_info` request struct that embeds `$inner` (its fields promoted,
/// its Go name `$go` in validation keys) and adds `$extra`.
macro_rules! embedding {
    ($name:literal, $go:literal, $inner:expr, $($extra:expr),+) => {
        StructDef {
            pkg: "base_info",
            name: $name,
            fields: &[field($go, "", Ty::Embedded(&$inner), NONE), $($extra),+],
        }
    };
}

/// /msg/manage_send_msg, v2.2.0.
pub static MANAGE_SEND_MSG_REQ_2_2: StructDef = embedding!(
    "ManagementSendMsgReq",
    "ManagementSendMsg",
    MANAGEMENT_SEND_MSG_2_2,
    RECV_ID
);

/// /msg/manage_send_msg, v2.3.
pub static MANAGE_SEND_MSG_REQ_2_3: StructDef = embedding!(
    "ManagementSendMsgReq",
    "ManagementSendMsg",
    MANAGEMENT_SEND_MSG_2_3,
    RECV_ID
);

/// docs/releases.md#batch-send-msg: v2.1.0 embeds the whole send request
/// (its `recvID` and `forceList` are accepted and ignored).
pub static BATCH_SEND_MSG_REQ_2_1: StructDef = embedding!(
    "ManagementBatchSendMsgReq",
    "ManagementSendMsgReq",
    MANAGEMENT_SEND_MSG_REQ,
    RECV_ID_LIST
);

/// docs/releases.md#batch-send-msg, v2.2.0.
pub static BATCH_SEND_MSG_REQ_2_2: StructDef = embedding!(
    "ManagementBatchSendMsgReq",
    "ManagementSendMsg",
    MANAGEMENT_SEND_MSG_2_2,
    RECV_ID_LIST
);

/// docs/releases.md#batch-send-msg, v2.3 (`isSendAll` from v2.3.2).
pub static BATCH_SEND_MSG_REQ_2_3: StructDef = embedding!(
    "ManagementBatchSendMsgReq",
    "ManagementSendMsg",
    MANAGEMENT_SEND_MSG_2_3,
    RECV_ID_LIST,
    field("IsSendAll", "isSendAll", Ty::Bool, NONE)
);

/// docs/releases.md#check-msg-is-send-success
pub static CHECK_MSG_IS_SEND_SUCCESS_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "CheckMsgIsSendSuccessReq",
    fields: &[OPERATION_ID],
};

/// docs/releases.md#release-routes: `/msg/set_msg_min_seq`.
pub static SET_MSG_MIN_SEQ_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "SetMsgMinSeqReq",
    fields: &[
        OPERATION_ID,
        field("UserID", "userID", Ty::Str, REQ),
        field("GroupID", "groupID", Ty::Str, NONE),
        field("MinSeq", "minSeq", Ty::U32, REQ),
    ],
};

/// docs/releases.md#get-users
pub static GET_USERS_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetUsersReq",
    fields: &[
        OPERATION_ID,
        field("PageNumber", "pageNumber", Ty::I32, REQ),
        field("ShowNumber", "showNumber", Ty::I32, REQ),
        field("UserID", "userID", Ty::Str, NONE),
        field("UserName", "userName", Ty::Str, NONE),
        field("Content", "content", Ty::Str, NONE),
    ],
};

// The read-back and undo routes (docs/readback.md#readback-summary). Field
// order follows the reference's request tables; the bind texts for these
// structs are inferred there (docs/readback.md#readback-rules).

const REQ_GROUP_ID: FieldDef = field("GroupID", "groupID", Ty::Str, REQ);
const REQ_USER_ID: FieldDef = field("UserID", "userID", Ty::Str, REQ);
const REQ_FROM_USER_ID: FieldDef = field("FromUserID", "fromUserID", Ty::Str, REQ);

/// docs/readback.md#get-groups-info
pub static GET_GROUP_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetGroupInfoReq",
    fields: &[
        field("GroupIDList", "groupIDList", Ty::StrList, REQ),
        OPERATION_ID,
    ],
};

/// docs/readback.md#get-group-all-member-list, up to v2.2.0.
pub static GET_GROUP_ALL_MEMBER_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetGroupAllMemberReq",
    fields: &[REQ_GROUP_ID, OPERATION_ID],
};

/// docs/readback.md#get-group-all-member-list: `offset` and `count` from v2.3.2.
pub static GET_GROUP_ALL_MEMBER_REQ_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "GetGroupAllMemberReq",
    fields: &[
        REQ_GROUP_ID,
        OPERATION_ID,
        field("Offset", "offset", Ty::I32, NONE),
        field("Count", "count", Ty::I32, NONE),
    ],
};

/// docs/readback.md#get-group-members-info
pub static GET_GROUP_MEMBERS_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetGroupMembersInfoReq",
    fields: &[
        REQ_GROUP_ID,
        field("MemberList", "memberList", Ty::StrList, REQ),
        OPERATION_ID,
    ],
};

/// docs/readback.md#get-group-member-list: nothing is validated.
pub static GET_GROUP_MEMBER_LIST_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetGroupMemberListReq",
    fields: &[
        GROUP_ID,
        field("Filter", "filter", Ty::I32, NONE),
        field("NextSeq", "nextSeq", Ty::I32, NONE),
        field("OperationID", "operationID", Ty::Str, NONE),
    ],
};

/// docs/readback.md#get-joined-group-list
pub static GET_JOINED_GROUP_LIST_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetJoinedGroupListReq",
    fields: &[REQ_FROM_USER_ID, OPERATION_ID],
};

/// docs/readback.md#dismiss-group
pub static DISMISS_GROUP_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "DismissGroupReq",
    fields: &[REQ_GROUP_ID, OPERATION_ID],
};

/// docs/readback.md#set-group-info, up to v2.1.0.
pub static SET_GROUP_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "SetGroupInfoReq",
    fields: &[
        REQ_GROUP_ID,
        OPERATION_ID,
        GROUP_NAME,
        NOTIFICATION,
        INTRODUCTION,
        FACE_URL,
        EX,
    ],
};

/// v2.2.0's `oneof=0 1 2` is malformed and checks nothing.
const NEED_VERIFICATION: FieldDef = field("NeedVerification", "needVerification", Ty::I32Ptr, NONE);

/// docs/readback.md#set-group-info, v2.2.0: `needVerification`.
pub static SET_GROUP_INFO_REQ_2_2: StructDef = StructDef {
    pkg: "base_info",
    name: "SetGroupInfoReq",
    fields: &[
        REQ_GROUP_ID,
        OPERATION_ID,
        GROUP_NAME,
        NOTIFICATION,
        INTRODUCTION,
        FACE_URL,
        EX,
        NEED_VERIFICATION,
    ],
};

/// docs/readback.md#set-group-info, the 2.3 line: two more flags.
pub static SET_GROUP_INFO_REQ_2_3: StructDef = StructDef {
    pkg: "base_info",
    name: "SetGroupInfoReq",
    fields: &[
        REQ_GROUP_ID,
        OPERATION_ID,
        GROUP_NAME,
        NOTIFICATION,
        INTRODUCTION,
        FACE_URL,
        EX,
        NEED_VERIFICATION,
        field("LookMemberInfo", "lookMemberInfo", Ty::I32Ptr, NONE),
        field("ApplyMemberFriend", "applyMemberFriend", Ty::I32Ptr, NONE),
    ],
};

/// docs/readback.md#transfer-group
pub static TRANSFER_GROUP_OWNER_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "TransferGroupOwnerReq",
    fields: &[
        REQ_GROUP_ID,
        field("OldOwnerUserID", "oldOwnerUserID", Ty::Str, REQ),
        field("NewOwnerUserID", "newOwnerUserID", Ty::Str, REQ),
        OPERATION_ID,
    ],
};

/// docs/readback.md#mute-group-member: `required` refuses 0 seconds.
pub static MUTE_GROUP_MEMBER_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "MuteGroupMemberReq",
    fields: &[
        REQ_GROUP_ID,
        REQ_USER_ID,
        field("MutedSeconds", "mutedSeconds", Ty::U32, REQ),
        OPERATION_ID,
    ],
};

/// docs/readback.md#mute-group-member
pub static CANCEL_MUTE_GROUP_MEMBER_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "CancelMuteGroupMemberReq",
    fields: &[REQ_GROUP_ID, REQ_USER_ID, OPERATION_ID],
};

/// docs/readback.md#mute-group
pub static MUTE_GROUP_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "MuteGroupReq",
    fields: &[REQ_GROUP_ID, OPERATION_ID],
};

/// docs/readback.md#mute-group
pub static CANCEL_MUTE_GROUP_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "CancelMuteGroupReq",
    fields: &[REQ_GROUP_ID, OPERATION_ID],
};

/// docs/readback.md#set-group-member-info: pointers, so only the fields
/// sent are written; the role's 1 to 3 range sits under a tag gin ignores.
pub static SET_GROUP_MEMBER_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "SetGroupMemberInfoReq",
    fields: &[
        REQ_GROUP_ID,
        REQ_USER_ID,
        OPERATION_ID,
        field("Nickname", "nickname", Ty::StrPtr, NONE),
        field("FaceURL", "userGroupFaceUrl", Ty::StrPtr, NONE),
        field("RoleLevel", "roleLevel", Ty::I32Ptr, NONE),
        field("Ex", "ex", Ty::StrPtr, NONE),
    ],
};

/// docs/readback.md#quit-group
pub static QUIT_GROUP_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "QuitGroupReq",
    fields: &[REQ_GROUP_ID, OPERATION_ID],
};

/// docs/readback.md#get-group-abstract-info: nothing is validated.
pub static GET_GROUP_ABSTRACT_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetGroupAbstractInfoReq",
    fields: &[GROUP_ID, field("OperationID", "operationID", Ty::Str, NONE)],
};

/// docs/readback.md#get-friend-list
pub static GET_FRIEND_LIST_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetFriendListReq",
    fields: &[OPERATION_ID, REQ_FROM_USER_ID],
};

/// docs/readback.md#get-black-list
pub static GET_BLACK_LIST_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetBlackListReq",
    fields: &[OPERATION_ID, REQ_FROM_USER_ID],
};

/// A request that embeds only the pair of user IDs (docs/readback.md#readback-friends).
macro_rules! comm_friend {
    ($name:literal $(, $extra:expr)*) => {
        StructDef {
            pkg: "base_info",
            name: $name,
            fields: &[
                field("ParamsCommFriend", "", Ty::Embedded(&PARAMS_COMM_FRIEND), NONE),
                $($extra),*
            ],
        }
    };
}

/// docs/readback.md#remove-black
pub static REMOVE_BLACKLIST_REQ: StructDef = comm_friend!("RemoveBlackListReq");

/// docs/readback.md#delete-friend
pub static DELETE_FRIEND_REQ: StructDef = comm_friend!("DeleteFriendReq");

/// docs/readback.md#is-friend
pub static IS_FRIEND_REQ: StructDef = comm_friend!("IsFriendReq");

/// docs/readback.md#add-friend
pub static ADD_FRIEND_REQ: StructDef =
    comm_friend!("AddFriendReq", field("ReqMsg", "reqMsg", Ty::Str, NONE));

/// docs/readback.md#set-friend-remark: `remark` required up to v2.2.0.
pub static SET_FRIEND_REMARK_REQ: StructDef = comm_friend!(
    "SetFriendRemarkReq",
    field("Remark", "remark", Ty::Str, REQ)
);

/// docs/readback.md#set-friend-remark: optional on the 2.3 line.
pub static SET_FRIEND_REMARK_REQ_2_3: StructDef = comm_friend!(
    "SetFriendRemarkReq",
    field("Remark", "remark", Ty::Str, NONE)
);

/// docs/readback.md#get-self-user-info
pub static GET_SELF_USER_INFO_REQ: StructDef = StructDef {
    pkg: "base_info",
    name: "GetSelfUserInfoReq",
    fields: &[REQ_USER_ID, OPERATION_ID],
};
