//! The OpenIM v2 releases whose admin API differs, how each is told apart
//! at sign-in, and where each puts the routes the dashboard calls
//! (docs/releases.md#release-routes, docs/releases.md#release-detection).

/// v2.3's cap on the members of one group call.
pub const MEMBERS_PER_CALL_V2_3: usize = 100;

/// A family of server releases that answer alike, oldest first, so a
/// feature is `release >= Release::V2_1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Release {
    /// v2.0.0 to v2.0.9: the reference routes.
    #[default]
    V2_0,
    /// v2.0.10: adds parse_token and a caller-chosen groupID.
    V2_0_10,
    /// v2.1.0: adds force_logout and /manager/batch_send_msg.
    V2_1,
    /// v2.2.0: moves four /manager/ routes.
    V2_2,
    /// v2.3.0 and v2.3.1: no delete_user; at most 100 members a call.
    V2_3,
    /// v2.3.2: adds /user/get_users; its invite and kick always fail.
    V2_3_2,
    /// v2.3.3 and later: invite and kick repaired; content types 118-120.
    V2_3_3,
}

impl Release {
    pub const ALL: [Release; 7] = [
        Release::V2_0,
        Release::V2_0_10,
        Release::V2_1,
        Release::V2_2,
        Release::V2_3,
        Release::V2_3_2,
        Release::V2_3_3,
    ];

    /// How the release is written in config.json, the session and the
    /// sign-in form: its label without the "v" and the "+".
    pub fn key(self) -> &'static str {
        self.label().trim_start_matches('v').trim_end_matches('+')
    }

    /// A release as an operator may write it: a key, or a full version
    /// with or without a `v` ("v2.3.3", "2.1.0").
    pub fn from_key(text: &str) -> Option<Release> {
        let text = text.trim().trim_start_matches(['v', 'V']);
        let mut parts = text.split('.').map(|p| p.parse::<u32>().ok());
        let (major, minor, patch) = (parts.next()?, parts.next()?, parts.next());
        if major != Some(2) || parts.next().is_some() {
            return None;
        }
        let patch = match patch {
            None => 0,
            Some(p) => p?,
        };
        Some(match minor? {
            0 if patch >= 10 => Release::V2_0_10,
            0 => Release::V2_0,
            1 => Release::V2_1,
            2 => Release::V2_2,
            3 if patch >= 3 => Release::V2_3_3,
            3 if patch == 2 => Release::V2_3_2,
            3 => Release::V2_3,
            _ => return None,
        })
    }

    /// What the header shows: "v2.3".
    pub fn label(self) -> &'static str {
        match self {
            Release::V2_0 => "v2.0",
            Release::V2_0_10 => "v2.0.10",
            Release::V2_1 => "v2.1",
            Release::V2_2 => "v2.2",
            Release::V2_3 => "v2.3",
            Release::V2_3_2 => "v2.3.2",
            Release::V2_3_3 => "v2.3.3+",
        }
    }

    /// Where this release serves the operation that the reference release
    /// serves at `path`; None when it has no such operation.
    pub fn route(self, path: &'static str) -> Option<&'static str> {
        use super::endpoints::*;
        let since = |first: Release| (self >= first).then_some(path);
        match path {
            PARSE_TOKEN => since(Release::V2_0_10),
            FORCE_LOGOUT => since(Release::V2_1),
            GET_USERS => since(Release::V2_3_2),
            SET_GROUP_MEMBER_INFO => since(Release::V2_1),
            DELETE_USER if self >= Release::V2_3 => None,
            BATCH_SEND_MSG if self < Release::V2_1 => None,
            _ if self < Release::V2_2 => Some(path),
            BATCH_SEND_MSG => Some("/msg/batch_send_msg"),
            GET_ALL_USERS_UID => Some("/user/get_all_users_uid"),
            ACCOUNT_CHECK => Some("/user/account_check"),
            GET_USERS_ONLINE_STATUS => Some("/user/get_users_online_status"),
            SEND_MSG => Some("/msg/manage_send_msg"),
            other => Some(other),
        }
    }

    /// Whether this release has the operation of `path`.
    pub fn has(self, path: &'static str) -> bool {
        self.route(path).is_some()
    }

    /// The most members one create_group, invite or kick call may carry:
    /// v2.3 refuses a longer list (docs/releases.md#release-limits); before
    /// it there is no cap.
    pub fn members_per_call(self) -> Option<usize> {
        (self >= Release::V2_3).then_some(MEMBERS_PER_CALL_V2_3)
    }

    /// Whether create_group takes a groupID of the caller's choosing.
    pub fn chooses_group_id(self) -> bool {
        self >= Release::V2_0_10
    }

    /// Whether users can be deleted through this release's API.
    pub fn deletes_users(self) -> bool {
        self.has(super::endpoints::DELETE_USER)
    }

    /// The named platforms of this release: 8 and 9 (APad, iPad) are
    /// added in v2.3.2 (docs/releases.md#release-limits).
    pub fn platforms(self) -> &'static [(i32, &'static str)] {
        use super::user::{PLATFORMS, PLATFORMS_V2_3_2};
        if self >= Release::V2_3_2 {
            &PLATFORMS_V2_3_2
        } else {
            &PLATFORMS
        }
    }

    /// The release the probes' answers point to, or None when they fit no
    /// v2 release (another server, or a proxy that hides routes).
    pub fn detect(probes: &Probes) -> Option<Release> {
        let known = |p: Probe| match p {
            Probe::Present => Some(true),
            Probe::Missing => Some(false),
            Probe::Unclear | Probe::Broken => None,
        };
        let p = probes;
        let found = (
            known(p.account_check)?,
            known(p.delete_user)?,
            known(p.batch_send)?,
            known(p.parse_token)?,
            known(p.get_users)?,
        );
        // Invite routes in every release; only v2.3.2's panics.
        let release = match (found, p.invite) {
            ((false, false, false, true, true), Probe::Broken) => Release::V2_3_2,
            (_, Probe::Present) => match found {
                (true, true, false, false, false) => Release::V2_0,
                (true, true, false, true, false) => Release::V2_0_10,
                (true, true, true, true, false) => Release::V2_1,
                (false, true, false, true, false) => Release::V2_2,
                (false, false, false, true, false) => Release::V2_3,
                (false, false, false, true, true) => Release::V2_3_3,
                _ => return None,
            },
            _ => return None,
        };
        Some(release)
    }
}

/// What one probe found out about a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// The server routed the request (it answered anything but gin's 404).
    Present,
    /// gin's own `404 page not found`: the release has no such route.
    Missing,
    /// No answer, or a 404 not of gin's making (a proxy's page).
    Unclear,
    /// HTTP 500 with nothing in the body: the handler panicked (v2.3.2's
    /// invite, whatever it is sent).
    Broken,
}

impl Probe {
    /// Reads a probe's HTTP status and body.
    pub fn read(status: u16, body: &str) -> Probe {
        match status {
            404 if body.trim() == "404 page not found" => Probe::Missing,
            404 | 0 => Probe::Unclear,
            500 if body.is_empty() => Probe::Broken,
            _ => Probe::Present,
        }
    }
}

/// The routes whose presence tells the releases apart, each posted an
/// empty JSON object without a token: the server refuses the body before
/// doing anything, so probing changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probes {
    pub account_check: Probe,
    pub delete_user: Probe,
    pub batch_send: Probe,
    pub parse_token: Probe,
    pub get_users: Probe,
    pub invite: Probe,
}

impl Probes {
    /// The probed paths, in the order of [`Probes::from_list`].
    pub const PATHS: [&'static str; 6] = [
        "/manager/account_check",
        "/manager/delete_user",
        "/manager/batch_send_msg",
        "/auth/parse_token",
        "/user/get_users",
        "/group/invite_user_to_group",
    ];

    pub fn from_list(found: [Probe; 6]) -> Probes {
        let [account_check, delete_user, batch_send, parse_token, get_users, invite] = found;
        Probes {
            account_check,
            delete_user,
            batch_send,
            parse_token,
            get_users,
            invite,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Probe::{Broken as B, Missing as M, Present as P, Unclear as U};
    use super::*;
    use crate::api::endpoints::*;

    #[test]
    fn each_release_is_told_apart_by_its_probes() {
        // What each release answers to the probes, in PATHS order.
        let table = [
            ([P, P, M, M, M, P], Release::V2_0),
            ([P, P, M, P, M, P], Release::V2_0_10),
            ([P, P, P, P, M, P], Release::V2_1),
            ([M, P, M, P, M, P], Release::V2_2),
            ([M, M, M, P, M, P], Release::V2_3),
            ([M, M, M, P, P, B], Release::V2_3_2),
            ([M, M, M, P, P, P], Release::V2_3_3),
        ];
        for (found, release) in table {
            assert_eq!(
                Release::detect(&Probes::from_list(found)),
                Some(release),
                "{found:?}"
            );
        }
        // Not an OpenIM v2 API, or a proxy in the way: no guess.
        for found in [
            [M, M, M, M, M, M],
            [U, U, U, U, U, U],
            [M, M, M, P, U, P],
            [M, U, M, P, M, P],
            [U, P, M, P, M, P],
            [M, M, M, P, P, U],
            [P, P, M, P, M, B],
        ] {
            assert_eq!(
                Release::detect(&Probes::from_list(found)),
                None,
                "{found:?}"
            );
        }
    }

    #[test]
    fn only_gins_own_404_means_missing() {
        assert_eq!(Probe::read(404, "404 page not found"), M);
        assert_eq!(Probe::read(404, "<html>nginx</html>"), U);
        assert_eq!(Probe::read(0, ""), U);
        assert_eq!(Probe::read(400, "{\"errCode\":400}"), P);
        assert_eq!(Probe::read(500, ""), B, "v2.3.2's invite panics");
        assert_eq!(Probe::read(500, "{\"errCode\":500}"), P);
    }

    #[test]
    fn routes_move_in_2_2_and_delete_user_goes_in_2_3() {
        for r in [Release::V2_0, Release::V2_0_10, Release::V2_1] {
            assert_eq!(r.route(SEND_MSG), Some(SEND_MSG));
            assert_eq!(r.route(ACCOUNT_CHECK), Some(ACCOUNT_CHECK));
            assert!(r.deletes_users());
        }
        let v22 = Release::V2_2;
        assert_eq!(
            v22.route(GET_ALL_USERS_UID),
            Some("/user/get_all_users_uid")
        );
        assert_eq!(v22.route(ACCOUNT_CHECK), Some("/user/account_check"));
        assert_eq!(
            v22.route(GET_USERS_ONLINE_STATUS),
            Some("/user/get_users_online_status")
        );
        assert_eq!(v22.route(SEND_MSG), Some("/msg/manage_send_msg"));
        assert_eq!(Release::V2_1.route(BATCH_SEND_MSG), Some(BATCH_SEND_MSG));
        assert_eq!(v22.route(BATCH_SEND_MSG), Some("/msg/batch_send_msg"));
        assert_eq!(v22.route(DELETE_USER), Some(DELETE_USER));
        assert_eq!(v22.route(KICK_GROUP), Some(KICK_GROUP));
        for r in Release::ALL {
            assert_eq!(r.has(PARSE_TOKEN), r >= Release::V2_0_10, "{r:?}");
            assert_eq!(r.has(FORCE_LOGOUT), r >= Release::V2_1, "{r:?}");
            assert_eq!(r.has(GET_USERS), r >= Release::V2_3_2, "{r:?}");
            assert_eq!(r.has(BATCH_SEND_MSG), r >= Release::V2_1, "{r:?}");
            assert_eq!(r.route(PARSE_TOKEN).unwrap_or(PARSE_TOKEN), PARSE_TOKEN);
        }
        assert_eq!(Release::V2_3.platforms().len(), 7);
        assert_eq!(Release::V2_2.members_per_call(), None);
        assert!(!Release::V2_0.chooses_group_id() && Release::V2_0_10.chooses_group_id());
        assert_eq!(Release::V2_3.members_per_call(), Some(100));
        assert_eq!(Release::V2_3_2.platforms().last(), Some(&(9, "iPad")));
        for r in [Release::V2_3, Release::V2_3_2, Release::V2_3_3] {
            assert_eq!(r.route(DELETE_USER), None);
            assert!(!r.deletes_users());
            assert_eq!(r.route(SEND_MSG), Some("/msg/manage_send_msg"));
        }
    }

    #[test]
    fn releases_are_read_as_operators_write_them() {
        for r in Release::ALL {
            assert_eq!(Release::from_key(r.key()), Some(r));
        }
        let cases = [
            ("2.0.8", Some(Release::V2_0)),
            ("v2.0.9", Some(Release::V2_0)),
            ("2.0.10", Some(Release::V2_0_10)),
            ("2.1.0", Some(Release::V2_1)),
            (" 2.2 ", Some(Release::V2_2)),
            ("2.3.0", Some(Release::V2_3)),
            ("v2.3.3", Some(Release::V2_3_3)),
            ("2.3.2", Some(Release::V2_3_2)),
            ("2.3.9", Some(Release::V2_3_3)),
            ("3.0", None),
            ("2", None),
            ("2.4", None),
            ("2.x", None),
            ("2.3.3.1", None),
            ("", None),
        ];
        for (text, release) in cases {
            assert_eq!(Release::from_key(text), release, "{text:?}");
        }
        assert_eq!(Release::V2_3.label(), "v2.3");
        assert_eq!(Release::V2_3_2.label(), "v2.3.2");
        assert_eq!(Release::V2_3_3.label(), "v2.3.3+");
    }
}
