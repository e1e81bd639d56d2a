//! Tables the tests of this folder share.

use super::{Filtered, Lookup, Ordered, Show, Sort};
use crate::api::user::{AccountStatus, OnlineStatus, PlatformStatus, UserInfo};

pub fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

pub fn sample() -> Lookup {
    let mut l = Lookup::new(&ids(&["a", "b", "c", "d"]), &[]);
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
            detail_platform_status: ["IOS", "Web"]
                .map(|platform| PlatformStatus {
                    platform: platform.into(),
                    status: "online".into(),
                })
                .into(),
        },
        OnlineStatus {
            user_id: "c".into(),
            status: "offline".into(),
            ..Default::default()
        },
    ]);
    l
}

pub fn shown(l: &Lookup, sort: Sort, text: &str, show: Show) -> Vec<String> {
    let order = Ordered::new(l, sort, None);
    let f = Filtered::new(l, &order, text, show, None);
    (f.positions.iter())
        .map(|&i| l.rows[i as usize].user_id.clone())
        .collect()
}

/// A table like the directory's: IDs out of order, some nicknames.
pub fn directory(n: usize) -> Lookup {
    let list: Vec<String> = (0..n).map(|i| format!("u{:05}", (i * 7919) % n)).collect();
    let mut l = Lookup::new(&list, &ids(&["u00003", "nobody"]));
    let infos = (list.iter().step_by(3))
        .map(|id| UserInfo {
            user_id: id.clone(),
            nickname: format!("Nick{}", id.len() + id.as_bytes()[5] as usize % 4),
            ..Default::default()
        })
        .collect();
    l.apply_infos(&list, infos);
    l
}
