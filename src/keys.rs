//! Names of the drafts (what a tab keeps of what was typed, in its
//! sessionStorage) that more than one place reads or writes: one
//! definition each, so a page and the one that fills it cannot drift.

/// The lookup page's pasted IDs (the directory's "open in lookup").
pub const LOOKUP_IDS: &str = "users.ids";
/// The new group's pasted members (the directory's "new group").
pub const NEW_GROUP_MEMBERS: &str = "groups.members";
/// The invite/kick form's IDs (the directory's "invite or kick").
pub const GROUP_MEMBER_IDS: &str = "groups.ids";
/// The broadcast's recipients (the directory's "broadcast").
pub const BROADCAST_IDS: &str = "broadcast.ids";
/// The groups this tab created or used (the groups page keeps them, the
/// message composer reads their member counts).
pub const RECENT_GROUPS: &str = "groups.recent";
/// The CMS API's address typed at sign-in (read where the CMS is used).
pub const CMS_URL: &str = "login.cms";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_its_own() {
        let mut names = [
            LOOKUP_IDS,
            NEW_GROUP_MEMBERS,
            GROUP_MEMBER_IDS,
            BROADCAST_IDS,
            RECENT_GROUPS,
            CMS_URL,
        ];
        names.sort();
        assert!(names.windows(2).all(|w| w[0] != w[1]), "{names:?}");
    }
}
