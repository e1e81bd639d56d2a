//! `/manager/send_msg`: messages as any user, revokes and OA notifications.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// contentType values send_msg accepts (docs/api.md#send-msg-checks); others get 404.
pub const TEXT: i32 = 101;
pub const PICTURE: i32 = 102;
pub const VOICE: i32 = 103;
pub const VIDEO: i32 = 104;
pub const FILE: i32 = 105;
pub const CUSTOM: i32 = 110;
pub const REVOKE: i32 = 111;
pub const OA_NOTIFICATION: i32 = 1400;
/// v2.3.3+ (docs/releases.md#release-limits).
pub const ADVANCED_REVOKE: i32 = 118;
pub const CUSTOM_NO_CONVERSATION: i32 = 119;
pub const CUSTOM_ONLINE_ONLY: i32 = 120;
pub const ACCEPTED_CONTENT_TYPES: [i32; 8] = [
    TEXT,
    PICTURE,
    VOICE,
    VIDEO,
    FILE,
    CUSTOM,
    REVOKE,
    OA_NOTIFICATION,
];

/// sessionType values of v2.0.x (docs/api.md#session-types).
pub const SINGLE_CHAT: i32 = 1;
pub const GROUP_CHAT: i32 = 2;
pub const NOTIFICATION_CHAT: i32 = 4;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OfflinePushInfo {
    pub title: String,
    pub desc: String,
    pub ex: String,
    #[serde(rename = "iOSPushSound")]
    pub ios_push_sound: String,
    #[serde(rename = "iOSBadgeCount")]
    pub ios_badge_count: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMsgReq {
    #[serde(rename = "sendID")]
    pub send_id: String,
    #[serde(rename = "recvID", default, skip_serializing_if = "String::is_empty")]
    pub recv_id: String,
    #[serde(rename = "groupID", default, skip_serializing_if = "String::is_empty")]
    pub group_id: String,
    #[serde(
        rename = "senderNickname",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub sender_nickname: String,
    #[serde(
        rename = "senderFaceURL",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub sender_face_url: String,
    #[serde(rename = "senderPlatformID", default, skip_serializing_if = "is_zero")]
    pub sender_platform_id: i32,
    /// Documented, but ignored by the v2 server (docs/api.md#send-msg).
    #[serde(rename = "forceList", default, skip_serializing_if = "Vec::is_empty")]
    pub force_list: Vec<String>,
    pub content: Value,
    #[serde(rename = "contentType")]
    pub content_type: i32,
    #[serde(rename = "sessionType")]
    pub session_type: i32,
    #[serde(rename = "isOnlineOnly", default)]
    pub is_online_only: bool,
    #[serde(
        rename = "offlinePushInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// v2.3+: no offline push (isOnlineOnly no longer stops it there).
    #[serde(rename = "notOfflinePush", default, skip_serializing_if = "is_false")]
    pub not_offline_push: bool,
    /// v2.3+: the caller's own ID for the send.
    #[serde(
        rename = "businessOperationID",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub business_operation_id: String,
}

fn is_false(v: &bool) -> bool {
    !*v
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SendMsgResp {
    #[serde(rename = "serverMsgID")]
    pub server_msg_id: String,
    #[serde(rename = "clientMsgID")]
    pub client_msg_id: String,
    /// Milliseconds since the Unix epoch.
    #[serde(rename = "sendTime")]
    pub send_time: i64,
}

impl SendMsgResp {
    pub fn from_json(v: &serde_json::Value) -> SendMsgResp {
        use super::group::{number, text};
        SendMsgResp {
            server_msg_id: text(v, "serverMsgID"),
            client_msg_id: text(v, "clientMsgID"),
            send_time: number(v, "sendTime"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextContent {
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomContent {
    pub data: String,
    pub description: String,
    pub extension: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RevokeContent {
    #[serde(rename = "revokeMsgClientID")]
    pub revoke_msg_client_id: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PictureInfo {
    pub uuid: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub size: i64,
    pub width: i32,
    pub height: i32,
    pub url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PictureElem {
    #[serde(rename = "sourcePath")]
    pub source_path: String,
    #[serde(rename = "sourcePicture")]
    pub source_picture: PictureInfo,
    #[serde(rename = "bigPicture")]
    pub big_picture: PictureInfo,
    #[serde(rename = "snapshotPicture")]
    pub snapshot_picture: PictureInfo,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SoundElem {
    pub uuid: String,
    #[serde(rename = "soundPath")]
    pub sound_path: String,
    #[serde(rename = "sourceUrl")]
    pub source_url: String,
    #[serde(rename = "dataSize")]
    pub data_size: i64,
    pub duration: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoElem {
    #[serde(rename = "videoPath")]
    pub video_path: String,
    #[serde(rename = "videoUUID")]
    pub video_uuid: String,
    #[serde(rename = "videoUrl")]
    pub video_url: String,
    #[serde(rename = "videoType")]
    pub video_type: String,
    #[serde(rename = "videoSize")]
    pub video_size: i64,
    pub duration: i64,
    #[serde(rename = "snapshotPath")]
    pub snapshot_path: String,
    #[serde(rename = "snapshotUUID")]
    pub snapshot_uuid: String,
    #[serde(rename = "snapshotSize")]
    pub snapshot_size: i64,
    #[serde(rename = "snapshotUrl")]
    pub snapshot_url: String,
    #[serde(rename = "snapshotWidth")]
    pub snapshot_width: i32,
    #[serde(rename = "snapshotHeight")]
    pub snapshot_height: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileElem {
    #[serde(rename = "filePath")]
    pub file_path: String,
    pub uuid: String,
    #[serde(rename = "sourceUrl")]
    pub source_url: String,
    #[serde(rename = "fileName")]
    pub file_name: String,
    #[serde(rename = "fileSize")]
    pub file_size: i64,
}

/// Content of an OA notification (contentType 1400, sessionType 4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OaNotification {
    #[serde(rename = "notificationName")]
    pub notification_name: String,
    #[serde(rename = "notificationFaceURL")]
    pub notification_face_url: String,
    #[serde(rename = "notificationType")]
    pub notification_type: i32,
    pub text: String,
    #[serde(rename = "externalUrl")]
    pub external_url: String,
    #[serde(rename = "mixType")]
    pub mix_type: i32,
    #[serde(rename = "pictureElem")]
    pub picture_elem: PictureElem,
    #[serde(rename = "soundElem")]
    pub sound_elem: SoundElem,
    #[serde(rename = "videoElem")]
    pub video_elem: VideoElem,
    #[serde(rename = "fileElem")]
    pub file_elem: FileElem,
    pub ex: String,
}

/// The media elements an OA notification of each `mixType` carries, as the
/// API document defines them (0..=5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MixElems {
    pub picture: bool,
    pub video: bool,
    pub file: bool,
    pub sound: bool,
}

pub fn mix_elems(mix_type: i32) -> Option<MixElems> {
    let e = |picture, video, file, sound| {
        Some(MixElems {
            picture,
            video,
            file,
            sound,
        })
    };
    match mix_type {
        0 => e(false, false, false, false),
        1 => e(true, false, false, false),
        2 => e(false, true, false, false),
        3 => e(false, false, true, false),
        4 => e(false, false, false, true),
        5 => e(true, false, false, true),
        _ => None,
    }
}

/// A 32-hex clientMsgID as the server issues (needed to revoke).
pub fn is_client_msg_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mix_type_of_the_document_is_known() {
        assert_eq!(
            mix_elems(0).map(|m| m.picture || m.video || m.file || m.sound),
            Some(false)
        );
        assert!(mix_elems(1).unwrap().picture);
        assert!(mix_elems(2).unwrap().video);
        assert!(mix_elems(3).unwrap().file);
        assert!(mix_elems(4).unwrap().sound);
        let five = mix_elems(5).unwrap();
        assert!(five.sound && five.picture && !five.video);
        assert_eq!(mix_elems(6), None);
    }

    #[test]
    fn client_msg_ids_are_32_hex() {
        assert!(is_client_msg_id("8aadc098d05bab86a142727fd8a2ce9d"));
        assert!(!is_client_msg_id("8aadc098d05bab86a142727fd8a2ce9"));
        assert!(!is_client_msg_id("zaadc098d05bab86a142727fd8a2ce9d"));
    }

    #[test]
    fn a_text_send_omits_unused_routing_fields() {
        let req = SendMsgReq {
            send_id: "a".into(),
            recv_id: "b".into(),
            content: serde_json::to_value(TextContent { text: "hi".into() }).unwrap(),
            content_type: TEXT,
            session_type: SINGLE_CHAT,
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"sendID":"a","recvID":"b","content":{"text":"hi"},"contentType":101,"sessionType":1,"isOnlineOnly":false}"#
        );
    }
}
