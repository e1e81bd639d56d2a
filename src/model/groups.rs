//! Groups this browser session created or opened. The v2 admin API has no
//! call that lists groups, so this is what a page can offer to pick from;
//! each group's page reads its members from the server.

use rustc_hash::FxHashSet;

use crate::api::group::{GroupInfo, ROLE_ADMIN, ROLE_OWNER};
use crate::model::stored;

/// Recent groups kept, newest first.
pub const RECENT_MAX: usize = 20;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecentGroup {
    pub group_id: String,
    pub group_name: String,
    pub owner_user_id: String,
    /// The member count when this session last read the group (None:
    /// never read).
    pub member_count: Option<u32>,
}

/// The list as stored (see `model::stored`): a record a group with its
/// groupID, name, owner and member count or empty. Records that do not
/// read are left out.
pub fn parse(text: Option<&str>) -> Vec<RecentGroup> {
    (text.unwrap_or_default().lines().map(stored::fields))
        .filter_map(|f| {
            let [id, name, owner, count] = <[String; 4]>::try_from(f).ok()?;
            Some(RecentGroup {
                member_count: count.parse().ok(),
                group_id: id,
                group_name: name,
                owner_user_id: owner,
            })
        })
        .filter(|g| !g.group_id.is_empty())
        .collect()
}

pub fn store(list: &[RecentGroup]) -> String {
    (list.iter().map(|g| {
        let count = g.member_count.map(|c| c.to_string()).unwrap_or_default();
        stored::line(&[&g.group_id, &g.group_name, &g.owner_user_id, &count])
    }))
    .collect::<Vec<_>>()
    .join("\n")
}

/// Moves the group to the front (adding it if new), keeping RECENT_MAX.
fn touch<'a>(list: &'a mut Vec<RecentGroup>, group_id: &str) -> &'a mut RecentGroup {
    let entry = match list.iter().position(|g| g.group_id == group_id) {
        Some(i) => list.remove(i),
        None => RecentGroup {
            group_id: group_id.to_string(),
            ..Default::default()
        },
    };
    list.insert(0, entry);
    list.truncate(RECENT_MAX);
    &mut list[0]
}

/// A group just created or read: what the server answered.
pub fn remember(list: &mut Vec<RecentGroup>, info: &GroupInfo) {
    let g = touch(list, &info.group_id);
    g.group_name = info.group_name.clone();
    g.owner_user_id = info.owner_user_id.clone();
    g.member_count = Some(info.member_count);
}

/// What create_group will add, worked out before sending: the members it
/// adds (registered, not the owner, not role 2, each once) and the ones it
/// silently skips, in the order requested.
pub fn expected_members(
    owner: &str,
    requested: &[(String, i32)],
    registered: &FxHashSet<&str>,
) -> (Vec<String>, Vec<String>) {
    let mut seen = FxHashSet::default();
    let (mut added, mut skipped) = (Vec::new(), Vec::new());
    for (id, role) in requested {
        if id != owner
            && *role != ROLE_OWNER
            && registered.contains(id.as_str())
            && seen.insert(id.as_str())
        {
            added.push(id.clone());
        } else {
            skipped.push(id.clone());
        }
    }
    (added, skipped)
}

/// What is wrong with a groupID typed for a new group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupIdProblem {
    /// The server's column holds 64 characters.
    TooLong,
    /// Spaces, tabs or line breaks: an ID nobody could type again.
    Blank,
}

/// Checks a chosen groupID (already trimmed; empty means the server picks).
pub fn group_id_problem(id: &str) -> Option<GroupIdProblem> {
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(GroupIdProblem::Blank)
    } else if id.chars().count() > 64 {
        Some(GroupIdProblem::TooLong)
    } else {
        None
    }
}

/// Member IDs with their roleLevel.
pub type Members = Vec<(String, i32)>;

/// The members create_group carries and those invited after it, for a
/// release that takes at most `cap` a call: admins go first, so the roles
/// that invite cannot give are given at creation.
pub fn split_for_create(members: Members, cap: Option<usize>) -> (Members, Members) {
    let Some(cap) = cap.filter(|&c| members.len() > c) else {
        return (members, Vec::new());
    };
    // Admins first, the rest in their order (a partition, not a sort: a
    // stable sort would add 3 KB of wasm).
    let (mut first, others): (Members, Members) = members
        .into_iter()
        .partition(|(_, role)| *role == ROLE_ADMIN);
    first.extend(others);
    let rest = first.split_off(cap);
    (first, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::group::ROLE_ORDINARY;

    fn set<'a>(ids: &[&'a str]) -> FxHashSet<&'a str> {
        ids.iter().copied().collect()
    }

    #[test]
    fn the_server_skips_unknown_members_the_owner_and_role_2() {
        let requested: Vec<(String, i32)> = [
            ("a", 1),
            ("ghost", 1),
            ("boss", 1),
            ("b", 2),
            ("c", 3),
            ("a", 3),
        ]
        .iter()
        .map(|(id, r)| (id.to_string(), *r))
        .collect();
        let (added, skipped) = expected_members("boss", &requested, &set(&["a", "b", "c", "boss"]));
        assert_eq!(added, ["a", "c"]);
        assert_eq!(skipped, ["ghost", "boss", "b", "a"]);
    }

    #[test]
    fn recent_groups_keep_newest_first() {
        let mut list = Vec::new();
        let info = |id: &str, count| GroupInfo {
            group_id: id.into(),
            group_name: "Ops".into(),
            owner_user_id: "boss".into(),
            member_count: count,
            ..Default::default()
        };
        remember(&mut list, &info("g1", 3));
        remember(&mut list, &info("g2", 5));
        assert_eq!(list[0].group_id, "g2");
        remember(&mut list, &info("g1", 4));
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].group_id.as_str(), list[0].member_count),
            ("g1", Some(4))
        );

        let back = parse(Some(&store(&list)));
        assert_eq!(back, list);
        assert!(parse(Some("not a stored list")).is_empty());
        let mut odd = list[..1].to_vec();
        odd[0].group_name = "tab\there\nand a line".into();
        assert_eq!(
            parse(Some(&store(&odd)))[0].group_name,
            "tab\there\nand a line"
        );
        assert!(parse(None).is_empty());

        for i in 0..30 {
            remember(&mut list, &info(&format!("n{i}"), 1));
        }
        assert_eq!(list.len(), RECENT_MAX);
        assert_eq!(list[0].group_id, "n29");
    }

    #[test]
    fn a_chosen_group_id_is_checked_before_sending() {
        assert_eq!(group_id_problem(""), None);
        assert_eq!(group_id_problem("team-42"), None);
        assert_eq!(group_id_problem(&"群".repeat(64)), None);
        assert_eq!(
            group_id_problem(&"g".repeat(65)),
            Some(GroupIdProblem::TooLong)
        );
        for bad in ["a b", "a\tb", "a\nb", "a\u{3000}b"] {
            assert_eq!(
                group_id_problem(bad),
                Some(GroupIdProblem::Blank),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn v2_3_creates_with_the_first_100_admins_first() {
        let members: Vec<(String, i32)> = (0..150)
            .map(|i| {
                (
                    format!("u{i}"),
                    if i % 50 == 49 {
                        ROLE_ADMIN
                    } else {
                        ROLE_ORDINARY
                    },
                )
            })
            .collect();
        let (first, rest) = split_for_create(members.clone(), Some(100));
        assert_eq!((first.len(), rest.len()), (100, 50));
        assert!(first[..3].iter().all(|(_, r)| *r == ROLE_ADMIN));
        assert!(rest.iter().all(|(_, r)| *r == ROLE_ORDINARY));
        assert_eq!(first[3].0, "u0", "the others keep their order");
        let (all, none) = split_for_create(members.clone(), None);
        assert_eq!((all, none.len()), (members.clone(), 0));
        let few = members[..100].to_vec();
        assert_eq!(split_for_create(few.clone(), Some(100)), (few, vec![]));
    }
}
