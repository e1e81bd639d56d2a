//! A users table as CSV.

use super::row::UserRow;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::users::fixtures::sample;

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
    }
}
