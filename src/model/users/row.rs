//! One user's row: what the answers about that user said.

use super::super::outcome::Outcome;
use super::super::text::fold_case;
use crate::api::user::{OnlineStatus, UserInfo, ONLINE};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserRow {
    pub user_id: String,
    /// None until account_check answered (or when its request failed).
    pub registered: Option<bool>,
    pub info: Option<UserInfo>,
    /// get_users_info answered for this ID (a registered user may still have
    /// no profile fields).
    pub profile_checked: bool,
    pub online: Option<OnlineStatus>,
    /// One of the server's app-manager accounts: never deleted from here.
    pub admin: bool,
    pub selected: bool,
    /// In a results table of pairs: the user acting on `user_id` (the
    /// fromUserID of import_friend, the owner of a blacklist).
    pub from: String,
    /// In a new group's member list: roleLevel, 1 member or 3 admin.
    pub role: i32,
    /// In a group's member list: joinTime and the end of a running mute
    /// (unix seconds; 0 when not muted at the time it was read).
    pub joined: i64,
    pub muted_until: i64,
    /// In a friend list: the owner's remark; `joined` is when they
    /// became friends.
    pub remark: String,
    /// Known to be in the group before a kick (None: not known).
    pub member: Option<bool>,
    /// In a results table: what the call did for this row.
    pub outcome: Option<Box<Outcome>>,
}

impl UserRow {
    pub fn new(user_id: &str) -> Self {
        Self {
            user_id: user_id.to_string(),
            ..Default::default()
        }
    }

    /// Every request about this user has been answered.
    pub fn is_complete(&self) -> bool {
        self.registered.is_some() && self.profile_checked && self.online.is_some()
    }

    pub fn is_online(&self) -> bool {
        self.online.as_ref().is_some_and(|o| o.status == ONLINE)
    }

    pub fn nickname(&self) -> &str {
        self.info.as_ref().map_or("", |i| i.nickname.as_str())
    }

    /// Names of the platforms the user is online on, comma separated.
    pub fn platforms(&self) -> String {
        self.online
            .as_ref()
            .map(|o| {
                o.detail_platform_status
                    .iter()
                    .map(|p| p.platform.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    }

    /// What the text filter searches: userID, nickname and the acting
    /// user, case-folded. A newline cannot occur in what the operator types
    /// into the filter, so no match spans two parts.
    pub(super) fn search_key(&self) -> String {
        let nickname = self.nickname();
        if nickname.is_empty() && self.from.is_empty() {
            return fold_case(&self.user_id);
        }
        fold_case(&format!("{}\n{}\n{}", self.user_id, nickname, self.from))
    }

    /// The row's place in the index: its userID, or in a table of pairs
    /// the pair.
    pub(super) fn key(&self) -> String {
        pair_key(&self.from, &self.user_id)
    }

    /// The call this row is in succeeded for it.
    pub fn succeeded(&self) -> bool {
        self.outcome.as_deref().is_some_and(Outcome::ok)
    }

    pub fn refused(&self) -> bool {
        self.outcome.as_deref().is_some_and(|o| !o.ok())
    }
}

/// Where a row of `from` acting on `user_id` is found (`from` may be empty).
pub fn pair_key(from: &str, user_id: &str) -> String {
    if from.is_empty() {
        user_id.to_string()
    } else {
        // A unit separator: no userID contains it.
        format!("{from}\u{1f}{user_id}")
    }
}
