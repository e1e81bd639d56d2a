//! The fields of each media element as the spec lists them, for checking
//! what the server stored against what the form sent.

/// (path below the element, kind): `n` a number, `u` a URL, `t` text,
/// `j` JSON text.
pub const PICTURE: &[(&str, char)] = &[
    ("sourcePath", 't'),
    ("sourcePicture.uuid", 't'),
    ("sourcePicture.type", 't'),
    ("sourcePicture.size", 'n'),
    ("sourcePicture.width", 'n'),
    ("sourcePicture.height", 'n'),
    ("sourcePicture.url", 'u'),
    ("bigPicture.uuid", 't'),
    ("bigPicture.type", 't'),
    ("bigPicture.size", 'n'),
    ("bigPicture.width", 'n'),
    ("bigPicture.height", 'n'),
    ("bigPicture.url", 'u'),
    ("snapshotPicture.uuid", 't'),
    ("snapshotPicture.type", 't'),
    ("snapshotPicture.size", 'n'),
    ("snapshotPicture.width", 'n'),
    ("snapshotPicture.height", 'n'),
    ("snapshotPicture.url", 'u'),
];
pub const SOUND: &[(&str, char)] = &[
    ("uuid", 't'),
    ("soundPath", 't'),
    ("sourceUrl", 'u'),
    ("dataSize", 'n'),
    ("duration", 'n'),
];
pub const VIDEO: &[(&str, char)] = &[
    ("videoPath", 't'),
    ("videoUUID", 't'),
    ("videoUrl", 'u'),
    ("videoType", 't'),
    ("videoSize", 'n'),
    ("duration", 'n'),
    ("snapshotPath", 't'),
    ("snapshotUUID", 't'),
    ("snapshotSize", 'n'),
    ("snapshotUrl", 'u'),
    ("snapshotWidth", 'n'),
    ("snapshotHeight", 'n'),
];
pub const FILE: &[(&str, char)] = &[
    ("filePath", 't'),
    ("uuid", 't'),
    ("sourceUrl", 'u'),
    ("fileName", 't'),
    ("fileSize", 'n'),
];

pub const CUSTOM: &[(&str, char)] = &[("data", 'j'), ("description", 'j'), ("extension", 'j')];
