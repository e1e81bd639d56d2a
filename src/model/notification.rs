//! OA notifications (send_msg with contentType 1400, which the server sends
//! as sessionType 4): the content form of each mixType, the media each one
//! must carry, the request, and the figures the preview shows.

use serde_json::Value;

use crate::api::msg::{SendMsgReq, NOTIFICATION_CHAT, OA_NOTIFICATION};
use crate::model::message::{
    checked_content, request, Addressing, Field, FieldGroup, Kind, NeededUrls, Problem, Problems,
    FILE_ELEM, PICTURE_INFO, PICTURE_SOURCE, SOUND_ELEM, VIDEO_ELEM,
};
use crate::model::text::one_decimal;

const fn field(key: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        key,
        kind,
        required,
    }
}

/// `OANotificationElem` without its media (docs/api.md#send-msg-content). `externalUrl`
/// is not in the struct; the raw map passes it through to clients.
pub const OA_ELEM: &[Field] = &[
    field("notificationName", Kind::Text, true),
    field("notificationFaceURL", Kind::Url, true),
    field("notificationType", Kind::Int, true),
    field("text", Kind::Text, true),
    field("externalUrl", Kind::Url, false),
    field("ex", Kind::Text, false),
];

const PICTURE: [FieldGroup; 4] = [
    ("pictureElem", PICTURE_SOURCE),
    ("pictureElem.sourcePicture", PICTURE_INFO),
    ("pictureElem.bigPicture", PICTURE_INFO),
    ("pictureElem.snapshotPicture", PICTURE_INFO),
];
const SOUND: FieldGroup = ("soundElem", SOUND_ELEM);

/// mixType as the SDKs read it: what goes with the text.
pub const MIX_TYPES: [i32; 6] = [0, 1, 2, 3, 4, 5];

/// The content form of a mixType: the notification's own fields, then the
/// media elements that mixType carries.
pub fn groups(mix_type: i32) -> &'static [FieldGroup] {
    const TOP: FieldGroup = ("", OA_ELEM);
    match mix_type {
        1 => &[TOP, PICTURE[0], PICTURE[1], PICTURE[2], PICTURE[3]],
        2 => &[TOP, ("videoElem", VIDEO_ELEM)],
        3 => &[TOP, ("fileElem", FILE_ELEM)],
        4 => &[TOP, SOUND],
        5 => &[TOP, SOUND, PICTURE[0], PICTURE[1], PICTURE[2], PICTURE[3]],
        _ => &[TOP],
    }
}

/// The media URLs a mixType needs.
fn needed_urls(mix_type: i32) -> NeededUrls {
    const PICTURE_URLS: &[&str] = &[
        "pictureElem.sourcePicture.url",
        "pictureElem.bigPicture.url",
        "pictureElem.snapshotPicture.url",
    ];
    const SOUND_URL: &[&str] = &["soundElem.sourceUrl"];
    match mix_type {
        1 => &[PICTURE_URLS],
        2 => &[&["videoElem.videoUrl"]],
        3 => &[&["fileElem.sourceUrl"]],
        4 => &[SOUND_URL],
        5 => &[SOUND_URL, PICTURE_URLS],
        _ => &[],
    }
}

/// The notification to `addressing.target`, or every problem found: the
/// addressing's, the content's, a zero notificationType, a missing
/// senderNickname, and media without a URL.
pub fn notification(
    addressing: &Addressing,
    mix_type: i32,
    value: &dyn Fn(&str) -> String,
) -> Result<SendMsgReq, Problems> {
    let mut extra = Problems::new();
    if addressing.sender_nickname.trim().is_empty() {
        extra.push(("senderNickname".into(), Problem::Required));
    }
    if value("notificationType").trim().parse::<i64>() == Ok(0) {
        extra.push(("notificationType".into(), Problem::Zero));
    }
    let content =
        checked_content(groups(mix_type), needed_urls(mix_type), value, extra).map(|mut c| {
            c["mixType"] = Value::from(mix_type);
            c
        });
    let mut req = request(addressing, OA_NOTIFICATION, content)?;
    req.session_type = NOTIFICATION_CHAT;
    Ok(req)
}

/// A byte count as people read it: 52,100 → "50.9 KB".
pub fn human_size(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    format!("{} {}", one_decimal(size), UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::msg::SINGLE_CHAT;
    use std::collections::HashMap;

    fn values(list: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: HashMap<String, String> = (list.iter())
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k: &str| map.get(k).cloned().unwrap_or_default()
    }

    fn addressing() -> Addressing {
        Addressing {
            send_id: "openIM123456".into(),
            sender_nickname: "Ops".into(),
            sender_platform_id: 5,
            session_type: SINGLE_CHAT,
            target: "u1".into(),
            ..Default::default()
        }
    }

    const BASE: [(&str, &str); 4] = [
        ("notificationName", "Maintenance"),
        ("notificationFaceURL", "https://cdn.example/face.png"),
        ("notificationType", "1"),
        ("text", "Tonight 22:00"),
    ];

    #[test]
    fn a_text_only_notification_is_what_the_spec_shows() {
        let mut list = BASE.to_vec();
        list.push(("externalUrl", "https://status.example/"));
        let req = notification(&addressing(), 0, &values(&list)).unwrap();
        assert_eq!(req.session_type, NOTIFICATION_CHAT);
        assert_eq!(req.content_type, OA_NOTIFICATION);
        assert_eq!(req.recv_id, "u1");
        assert_eq!(
            serde_json::to_string(&req.content).unwrap(),
            r#"{"externalUrl":"https://status.example/","mixType":0,"notificationFaceURL":"https://cdn.example/face.png","notificationName":"Maintenance","notificationType":1,"text":"Tonight 22:00"}"#
        );
    }

    #[test]
    fn the_four_required_fields_a_nickname_and_a_non_zero_type() {
        let problems = notification(
            &Addressing {
                sender_nickname: " ".into(),
                ..addressing()
            },
            0,
            &values(&[("notificationType", "0")]),
        )
        .unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "notificationName",
                "notificationFaceURL",
                "text",
                "senderNickname",
                "notificationType"
            ]
        );
        assert!(problems.contains(&("notificationType".into(), Problem::Zero)));
        let bad_face = notification(
            &addressing(),
            0,
            &values(&[
                ("notificationName", "n"),
                ("notificationFaceURL", "javascript:alert(1)"),
                ("notificationType", "2"),
                ("text", "t"),
            ]),
        );
        assert_eq!(
            bad_face.unwrap_err(),
            [("notificationFaceURL".to_string(), Problem::NotHttpUrl)]
        );
    }

    #[test]
    fn each_mix_type_needs_a_url_for_each_of_its_media() {
        let needs = |mix: i32, extra: &[(&'static str, &'static str)]| {
            let mut list = BASE.to_vec();
            list.extend_from_slice(extra);
            notification(&addressing(), mix, &values(&list))
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        assert_eq!(needs(1, &[]), ["pictureElem.sourcePicture.url"]);
        assert!(needs(1, &[("pictureElem.bigPicture.url", "https://c/b.png")]).is_empty());
        assert_eq!(
            needs(2, &[("videoElem.snapshotUrl", "https://c/s.png")]),
            ["videoElem.videoUrl"]
        );
        assert_eq!(needs(3, &[]), ["fileElem.sourceUrl"]);
        assert_eq!(needs(4, &[]), ["soundElem.sourceUrl"]);
        assert_eq!(
            needs(5, &[("soundElem.sourceUrl", "https://c/a.mp3")]),
            ["pictureElem.sourcePicture.url"]
        );
        // A bad URL is named once, as a bad URL.
        assert_eq!(
            needs(3, &[("fileElem.sourceUrl", "ftp://c/f")]),
            ["fileElem.sourceUrl"]
        );
    }

    #[test]
    fn media_nest_under_their_element_with_numbers_as_numbers() {
        let mut list = BASE.to_vec();
        list.extend([
            ("soundElem.sourceUrl", "https://c/a.mp3"),
            ("soundElem.duration", "12"),
            ("pictureElem.sourcePath", "/p.png"),
            ("pictureElem.bigPicture.url", "https://c/b.png"),
            ("pictureElem.bigPicture.width", "800"),
        ]);
        let req = notification(&addressing(), 5, &values(&list)).unwrap();
        assert_eq!(
            req.content["soundElem"],
            serde_json::json!({"sourceUrl": "https://c/a.mp3", "duration": 12})
        );
        assert_eq!(
            req.content["pictureElem"],
            serde_json::json!({"sourcePath": "/p.png", "bigPicture": {"url": "https://c/b.png", "width": 800}})
        );
        assert_eq!(req.content["mixType"], 5);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(52_100), "50.9 KB");
        assert_eq!(human_size(5 * 1024 * 1024), "5.0 MB");
    }
}
