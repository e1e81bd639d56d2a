//! The content forms: which fields each content type has, one list per
//! media element, so the OA notification form reuses them.

use crate::api::msg::{
    ADVANCED_REVOKE, CUSTOM, CUSTOM_NO_CONVERSATION, CUSTOM_ONLINE_ONLY, FILE, PICTURE, TEXT,
    VIDEO, VOICE,
};
use crate::api::release::Release;

/// How a field's text becomes a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Text that must be an http(s) URL.
    Url,
    /// A whole number, sent as a JSON number.
    Int,
    /// Text that must itself parse as JSON (custom messages).
    Json,
}

/// One field of a content form, by its spec name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn f(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: false,
    }
}

const fn required(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: true,
    }
}

pub const TEXT_ELEM: &[Field] = &[required("text", Kind::Text)];

pub const PICTURE_SOURCE: &[Field] = &[f("sourcePath", Kind::Text)];

pub const PICTURE_INFO: &[Field] = &[
    f("uuid", Kind::Text),
    f("type", Kind::Text),
    f("size", Kind::Int),
    f("width", Kind::Int),
    f("height", Kind::Int),
    f("url", Kind::Url),
];

pub const SOUND_ELEM: &[Field] = &[
    f("uuid", Kind::Text),
    f("soundPath", Kind::Text),
    f("sourceUrl", Kind::Url),
    f("dataSize", Kind::Int),
    f("duration", Kind::Int),
];

pub const VIDEO_ELEM: &[Field] = &[
    f("videoPath", Kind::Text),
    f("videoUUID", Kind::Text),
    f("videoUrl", Kind::Url),
    f("videoType", Kind::Text),
    f("videoSize", Kind::Int),
    f("duration", Kind::Int),
    f("snapshotPath", Kind::Text),
    f("snapshotUUID", Kind::Text),
    f("snapshotSize", Kind::Int),
    f("snapshotUrl", Kind::Url),
    f("snapshotWidth", Kind::Int),
    f("snapshotHeight", Kind::Int),
];

pub const FILE_ELEM: &[Field] = &[
    f("filePath", Kind::Text),
    f("uuid", Kind::Text),
    f("sourceUrl", Kind::Url),
    f("fileName", Kind::Text),
    f("fileSize", Kind::Int),
];

/// An advanced revoke (118, v2.3.3+): the server takes any fields, so the
/// content is one JSON object, sent as typed.
pub const ANY_OBJECT: &[Field] = &[required("content", Kind::Json)];

pub const CUSTOM_ELEM: &[Field] = &[
    required("data", Kind::Json),
    f("description", Kind::Json),
    f("extension", Kind::Json),
];

/// A group of fields and where it goes in `content`: at the top (""), or
/// as a nested object named by a dotted path (a picture's `bigPicture`, a
/// notification's `pictureElem.bigPicture`).
pub type FieldGroup = (&'static str, &'static [Field]);

/// The content form of each type the composer sends (docs/api.md#send-msg-content).
pub fn content_groups(content_type: i32) -> &'static [FieldGroup] {
    match content_type {
        TEXT => &[("", TEXT_ELEM)],
        PICTURE => &[
            ("", PICTURE_SOURCE),
            ("sourcePicture", PICTURE_INFO),
            ("bigPicture", PICTURE_INFO),
            ("snapshotPicture", PICTURE_INFO),
        ],
        VOICE => &[("", SOUND_ELEM)],
        VIDEO => &[("", VIDEO_ELEM)],
        FILE => &[("", FILE_ELEM)],
        // 119 and 120 (v2.3.3+) carry a custom element too.
        CUSTOM | CUSTOM_NO_CONVERSATION | CUSTOM_ONLINE_ONLY => &[("", CUSTOM_ELEM)],
        ADVANCED_REVOKE => &[("", ANY_OBJECT)],
        _ => &[],
    }
}

/// The content types the composer offers, in the spec's order.
pub const COMPOSED: [i32; 6] = [TEXT, PICTURE, VOICE, VIDEO, FILE, CUSTOM];

/// What the composer also offers on v2.3.3 and later
/// (docs/releases.md#release-limits).
pub const COMPOSED_V2_3_3: [i32; 3] = [ADVANCED_REVOKE, CUSTOM_NO_CONVERSATION, CUSTOM_ONLINE_ONLY];

/// The content types the composer offers on a server of `release`.
pub fn composed(release: Release) -> &'static [i32] {
    const ALL: [i32; 9] = {
        let mut all = [0; 9];
        let mut i = 0;
        while i < all.len() {
            all[i] = match i {
                0..6 => COMPOSED[i],
                _ => COMPOSED_V2_3_3[i - 6],
            };
            i += 1;
        }
        all
    };
    if release >= Release::V2_3_3 {
        &ALL
    } else {
        &COMPOSED
    }
}

/// Where a value lives in the form: `group.key`, or `key` at the top.
pub fn path(group: &str, key: &str) -> String {
    if group.is_empty() {
        key.to_string()
    } else {
        format!("{group}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use crate::api::msg::*;
    use crate::api::release::Release;
    use crate::model::message::*;

    #[test]
    fn every_composed_type_has_a_form_and_revoke_has_none() {
        for t in COMPOSED {
            assert!(!content_groups(t).is_empty(), "{t}");
        }
        assert!(content_groups(REVOKE).is_empty());
        for t in [CUSTOM_NO_CONVERSATION, CUSTOM_ONLINE_ONLY] {
            assert_eq!(content_groups(t), content_groups(CUSTOM), "{t}");
        }
        assert_eq!(content_groups(ADVANCED_REVOKE), [("", ANY_OBJECT)]);
        assert_eq!(composed(Release::V2_3_2), COMPOSED);
        assert_eq!(composed(Release::V2_3_3)[6..], COMPOSED_V2_3_3);
        assert!(content_groups(106).is_empty());
    }
}
