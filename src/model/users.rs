//! The user-lookup table: one row per requested ID, filled in as the
//! account_check, get_users_info and online-status answers arrive.

use std::collections::HashMap;

use super::text::fold_case;
use crate::api::user::{AccountStatus, OnlineStatus, UserInfo, ONLINE, REGISTERED};

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
}

/// Rows in request order plus an index by userID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lookup {
    pub rows: Vec<UserRow>,
    index: HashMap<String, usize>,
}

impl Lookup {
    pub fn new(ids: &[String]) -> Self {
        Self {
            rows: ids.iter().map(|id| UserRow::new(id)).collect(),
            index: ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect(),
        }
    }

    fn row(&mut self, id: &str) -> Option<&mut UserRow> {
        let i = *self.index.get(id)?;
        self.rows.get_mut(i)
    }

    pub fn apply_accounts(&mut self, results: &[AccountStatus]) {
        for r in results {
            if let Some(row) = self.row(&r.user_id) {
                row.registered = Some(r.account_status == REGISTERED);
            }
        }
    }

    /// get_users_info silently omits unknown IDs (contract §3.6), so a
    /// missing profile is not an error: every asked ID counts as checked.
    pub fn apply_infos(&mut self, asked: &[String], infos: Vec<UserInfo>) {
        for id in asked {
            if let Some(row) = self.row(id) {
                row.profile_checked = true;
            }
        }
        for info in infos {
            if let Some(row) = self.row(&info.user_id.clone()) {
                row.info = Some(info);
            }
        }
    }

    pub fn apply_online(&mut self, statuses: Vec<OnlineStatus>) {
        for s in statuses {
            if let Some(row) = self.row(&s.user_id.clone()) {
                row.online = Some(s);
            }
        }
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            total: self.rows.len(),
            ..Default::default()
        };
        for r in &self.rows {
            match r.registered {
                Some(true) => s.registered += 1,
                Some(false) => s.unregistered += 1,
                None => {}
            }
            if !r.is_complete() {
                s.incomplete += 1;
            }
            if r.is_online() {
                s.online += 1;
            }
        }
        s
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub registered: usize,
    pub unregistered: usize,
    /// Rows with at least one unanswered request.
    pub incomplete: usize,
    pub online: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    Registered,
    Unregistered,
    Online,
    Incomplete,
}

impl Show {
    pub const ALL: [Show; 5] = [
        Show::All,
        Show::Registered,
        Show::Unregistered,
        Show::Online,
        Show::Incomplete,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Registered => "registered",
            Show::Unregistered => "unregistered",
            Show::Online => "online",
            Show::Incomplete => "incomplete",
        }
    }

    pub fn from_key(key: &str) -> Show {
        Show::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }

    fn admits(self, row: &UserRow) -> bool {
        match self {
            Show::All => true,
            Show::Registered => row.registered == Some(true),
            Show::Unregistered => row.registered == Some(false),
            Show::Online => row.is_online(),
            Show::Incomplete => !row.is_complete(),
        }
    }
}

/// Positions of the rows matching the text (in userID or nickname,
/// case-insensitive) and the status choice. Positions, not copies: the list
/// is recomputed on every answer and may hold 10 000 rows.
pub fn filter(rows: &[UserRow], text: &str, show: Show) -> Vec<usize> {
    let needle = fold_case(text.trim());
    rows.iter()
        .enumerate()
        .filter(|(_, r)| show.admits(r))
        .filter(|(_, r)| {
            needle.is_empty()
                || fold_case(&r.user_id).contains(&needle)
                || fold_case(r.nickname()).contains(&needle)
        })
        .map(|(i, _)| i)
        .collect()
}

pub const CSV_HEADER: [&str; 8] = [
    "userID",
    "accountStatus",
    "nickname",
    "faceURL",
    "gender",
    "ex",
    "status",
    "platforms",
];

/// A CSV row with the API's own values, so exports are language-neutral.
pub fn csv_row(row: &UserRow) -> Vec<String> {
    let info = row.info.clone().unwrap_or_default();
    vec![
        row.user_id.clone(),
        match row.registered {
            Some(true) => "registered".into(),
            Some(false) => "unregistered".into(),
            None => String::new(),
        },
        info.nickname,
        info.face_url,
        if info.gender == 0 {
            String::new()
        } else {
            info.gender.to_string()
        },
        info.ex,
        row.online
            .as_ref()
            .map(|o| o.status.clone())
            .unwrap_or_default(),
        row.platforms(),
    ]
}

/// Visible slice of a long list: which rows to render for a scroll offset
/// (all in whole pixels), so thousands of rows cost as much as a screenful.
pub fn window(total: usize, row_height: u32, scroll_top: u32, viewport: u32) -> (usize, usize) {
    const OVERSCAN: usize = 8;
    if total == 0 || row_height == 0 {
        return (0, 0);
    }
    let count = viewport.div_ceil(row_height) as usize + 1;
    // A stale offset (the list just got shorter) still shows its last rows.
    let first = ((scroll_top / row_height) as usize).min(total.saturating_sub(count));
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (first + count + OVERSCAN).min(total);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::user::PlatformStatus;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn sample() -> Lookup {
        let mut l = Lookup::new(&ids(&["a", "b", "c", "d"]));
        l.apply_accounts(&[
            AccountStatus {
                user_id: "a".into(),
                account_status: "registered".into(),
            },
            AccountStatus {
                user_id: "b".into(),
                account_status: "unregistered".into(),
            },
            AccountStatus {
                user_id: "c".into(),
                account_status: "registered".into(),
            },
            AccountStatus {
                user_id: "zz".into(),
                account_status: "registered".into(),
            },
        ]);
        l.apply_infos(
            &ids(&["a", "b", "c"]),
            vec![UserInfo {
                user_id: "a".into(),
                nickname: "Alice 张".into(),
                gender: 2,
                ..Default::default()
            }],
        );
        l.apply_online(vec![
            OnlineStatus {
                user_id: "a".into(),
                status: "online".into(),
                detail_platform_status: vec![
                    PlatformStatus {
                        platform: "IOS".into(),
                        status: "online".into(),
                    },
                    PlatformStatus {
                        platform: "Web".into(),
                        status: "online".into(),
                    },
                ],
            },
            OnlineStatus {
                user_id: "c".into(),
                status: "offline".into(),
                ..Default::default()
            },
        ]);
        l
    }

    #[test]
    fn results_land_on_their_rows_and_unknown_ids_are_ignored() {
        let l = sample();
        assert_eq!(l.rows.len(), 4);
        assert_eq!(l.rows[0].registered, Some(true));
        assert_eq!(l.rows[1].registered, Some(false));
        assert_eq!(l.rows[3].registered, None);
        assert_eq!(l.rows[0].nickname(), "Alice 张");
        assert_eq!(l.rows[0].platforms(), "IOS, Web");
        assert!(!l.rows[2].is_online());
        assert!(l.rows[0].is_complete() && l.rows[2].is_complete());
        assert!(!l.rows[1].is_complete(), "no online status yet");
        assert!(!l.rows[3].is_complete());
    }

    #[test]
    fn summary_counts_every_state() {
        assert_eq!(
            sample().summary(),
            Summary {
                total: 4,
                registered: 2,
                unregistered: 1,
                incomplete: 2,
                online: 1
            }
        );
    }

    #[test]
    fn filters_combine_text_and_status() {
        let l = sample();
        let ids_of = |v: Vec<usize>| {
            v.iter()
                .map(|&i| l.rows[i].user_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids_of(filter(&l.rows, "", Show::All)), ["a", "b", "c", "d"]);
        assert_eq!(ids_of(filter(&l.rows, "", Show::Registered)), ["a", "c"]);
        assert_eq!(ids_of(filter(&l.rows, "", Show::Unregistered)), ["b"]);
        assert_eq!(ids_of(filter(&l.rows, "", Show::Online)), ["a"]);
        assert_eq!(ids_of(filter(&l.rows, "", Show::Incomplete)), ["b", "d"]);
        assert_eq!(ids_of(filter(&l.rows, "张", Show::All)), ["a"]);
        assert_eq!(ids_of(filter(&l.rows, " ALICE ", Show::Registered)), ["a"]);
        assert!(filter(&l.rows, "alice", Show::Unregistered).is_empty());
    }

    #[test]
    fn csv_rows_use_api_values() {
        let l = sample();
        assert_eq!(
            csv_row(&l.rows[0]),
            [
                "a",
                "registered",
                "Alice 张",
                "",
                "2",
                "",
                "online",
                "IOS, Web"
            ]
        );
        assert_eq!(csv_row(&l.rows[3]), ["d", "", "", "", "", "", "", ""]);
        assert_eq!(Show::from_key("online"), Show::Online);
        assert_eq!(Show::from_key("nonsense"), Show::All);
    }

    #[test]
    fn window_covers_the_viewport_with_overscan() {
        assert_eq!(window(0, 40, 0, 400), (0, 0));
        assert_eq!(window(1000, 40, 0, 400), (0, 19));
        assert_eq!(window(1000, 40, 4000, 400), (92, 119));
        assert_eq!(window(1000, 40, u32::MAX, 400), (981, 1000));
        assert_eq!(window(5, 40, 0, 400), (0, 5));
        assert_eq!(window(1000, 40, 4020, 400), (92, 119));
    }
}
