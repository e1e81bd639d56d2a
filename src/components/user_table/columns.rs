//! Which columns a table has and what it is for.

use crate::i18n::Pick;
use crate::{keys, routes};

/// A column of the table; pages choose theirs as a list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Select,
    UserId,
    Account,
    Face,
    Nickname,
    Gender,
    Ex,
    Online,
    Platforms,
    /// The acting user of a pair (fromUserID, a blacklist's owner).
    From,
    /// A new group member's roleLevel, editable.
    Role,
    /// What a call did for the row.
    Result,
    /// A group member's roleLevel, as read.
    GroupRole,
    Joined,
    MutedUntil,
    Remark,
    /// When a friendship was made.
    Since,
}

/// What a table is for, which decides its filters and actions.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Purpose {
    /// Users to look at: online checks and refresh, export, delete.
    #[default]
    Users,
    /// A new group's member list: roles and removal.
    Members,
    /// What a call did for each row: export.
    Results,
    /// A group's members as read: the page acts on the selection.
    Group,
    /// A user's friends or blacklist: the page acts on the selection.
    Relations,
}

impl Col {
    pub(super) fn class(self) -> &'static str {
        match self {
            Col::Select => "select",
            Col::UserId => "user-id",
            Col::Account => "account",
            Col::Face => "face-cell",
            Col::Nickname => "nickname",
            Col::Gender => "gender",
            Col::Ex => "ex",
            Col::Online => "online",
            Col::Platforms => "platforms",
            Col::From => "from",
            Col::Role => "role",
            Col::Result => "result",
            Col::GroupRole => "group-role",
            Col::Joined => "joined",
            Col::MutedUntil => "muted-until",
            Col::Remark => "remark",
            Col::Since => "since",
        }
    }

    pub(super) fn title(self) -> Pick {
        match self {
            Col::Select => |t| t.col_select,
            Col::UserId => |t| t.col_user_id,
            Col::Account => |t| t.col_account,
            Col::Face => |t| t.col_face,
            Col::Nickname => |t| t.col_nickname,
            Col::Gender => |t| t.col_gender,
            Col::Ex => |t| t.col_ex,
            Col::Online => |t| t.col_online,
            Col::Platforms => |t| t.col_platforms,
            Col::From => |t| t.col_from,
            Col::Role => |t| t.col_role,
            Col::Result => |t| t.col_result,
            Col::GroupRole => |t| t.col_role,
            Col::Joined => |t| t.col_joined,
            Col::MutedUntil => |t| t.col_muted_until,
            Col::Remark => |t| t.col_remark,
            Col::Since => |t| t.col_since,
        }
    }
}

/// The lookup page's columns: everything the requests return.
pub const LOOKUP_COLUMNS: &[Col] = &[
    Col::Select,
    Col::UserId,
    Col::Account,
    Col::Face,
    Col::Nickname,
    Col::Gender,
    Col::Ex,
    Col::Online,
    Col::Platforms,
];

/// The directory's: every listed ID is registered, so no account column.
pub const DIRECTORY_COLUMNS: &[Col] = &[
    Col::Select,
    Col::UserId,
    Col::Face,
    Col::Nickname,
    Col::Gender,
    Col::Ex,
    Col::Online,
    Col::Platforms,
];

/// A new group's member list: is each one registered, and with which role.
pub const MEMBER_COLUMNS: &[Col] = &[Col::Select, Col::UserId, Col::Account, Col::Role];

/// Results of invite and kick.
pub const GROUP_RESULT_COLUMNS: &[Col] = &[Col::Select, Col::UserId, Col::Result];

/// A group's members (docs/readback.md#get-group-all-member-list).
pub const GROUP_MEMBER_COLUMNS: &[Col] = &[
    Col::Select,
    Col::UserId,
    Col::Face,
    Col::Nickname,
    Col::GroupRole,
    Col::Joined,
    Col::MutedUntil,
];

/// A user's friends (docs/readback.md#get-friend-list).
pub const FRIEND_COLUMNS: &[Col] = &[
    Col::Select,
    Col::UserId,
    Col::Nickname,
    Col::Remark,
    Col::Since,
];

/// A user's blacklist: public profiles (docs/readback.md#get-black-list).
pub const BLACK_COLUMNS: &[Col] = &[Col::Select, Col::UserId, Col::Face, Col::Nickname];

/// Results of friend imports and blocks: pairs.
pub const PAIR_RESULT_COLUMNS: &[Col] = &[Col::Select, Col::From, Col::UserId, Col::Result];

/// Where the directory's selection can be used: a destination key, its
/// label, the route and the draft that route reads its IDs from.
pub const DESTINATIONS: [(&str, Pick, &str, &str); 4] = [
    (
        "lookup",
        |t| t.to_lookup,
        routes::USERS.path,
        keys::LOOKUP_IDS,
    ),
    (
        "new-group",
        |t| t.to_new_group,
        routes::GROUPS.path,
        keys::NEW_GROUP_MEMBERS,
    ),
    (
        "members",
        |t| t.to_members,
        routes::GROUPS.path,
        keys::GROUP_MEMBER_IDS,
    ),
    (
        "broadcast",
        |t| t.to_broadcast,
        routes::NOTIFICATIONS.path,
        keys::BROADCAST_IDS,
    ),
];
