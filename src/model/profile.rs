//! The user edit form: what the operator typed, checked against the real
//! server's binding rules (docs/api.md#update-user-info), and turned into an
//! update_user_info request that carries only what changed.

use crate::api::user::{UpdateUserInfoReq, UserInfo};

/// The form's fields as typed. `birth` is a date, `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileForm {
    pub nickname: String,
    pub face_url: String,
    pub gender: i32,
    pub phone_number: String,
    pub birth: String,
    pub email: String,
    pub ex: String,
}

impl ProfileForm {
    /// The form as get_users_info fills it: phoneNumber, birth and email
    /// are not returned by the server (docs/api.md#get-users-info), so they start empty.
    pub fn from_info(info: &UserInfo) -> Self {
        Self {
            nickname: info.nickname.clone(),
            face_url: info.face_url.clone(),
            gender: info.gender,
            ex: info.ex.clone(),
            ..Default::default()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileField {
    Nickname,
    FaceUrl,
    PhoneNumber,
    Birth,
    Email,
    Ex,
}

impl ProfileField {
    /// The longest value the server's binding accepts, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            ProfileField::Nickname | ProfileField::Email => 64,
            ProfileField::FaceUrl | ProfileField::Ex => 1024,
            ProfileField::PhoneNumber => 32,
            ProfileField::Birth => 10,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileProblem {
    /// Longer than the binding's `max`.
    TooLong,
    /// Not a date from 1970-01-02 to 2106-02-07 (birth is a uint32 of
    /// Unix seconds, and 0 means "leave as it is").
    BadDate,
}

/// `YYYY-MM-DD` (what a date input gives) as Unix seconds at 00:00 UTC.
pub fn birth_seconds(date: &str) -> Option<u32> {
    let secs = super::days::parse_day(date)? * 86_400;
    u32::try_from(secs).ok().filter(|&s| s > 0)
}

/// The request for what changed between `before` and `after` (`None` when
/// nothing did), or every field the server would refuse.
pub fn update_request(
    user_id: &str,
    before: &ProfileForm,
    after: &ProfileForm,
) -> Result<Option<UpdateUserInfoReq>, Vec<(ProfileField, ProfileProblem)>> {
    let mut problems = Vec::new();
    let mut changed = |field: ProfileField, old: &str, new: &str| -> Option<String> {
        if new == old || new.is_empty() {
            return None;
        }
        if new.chars().count() > field.max_chars() {
            problems.push((field, ProfileProblem::TooLong));
            return None;
        }
        Some(new.to_string())
    };
    let mut req = UpdateUserInfoReq {
        user_id: user_id.to_string(),
        nickname: changed(ProfileField::Nickname, &before.nickname, &after.nickname),
        face_url: changed(ProfileField::FaceUrl, &before.face_url, &after.face_url),
        phone_number: changed(
            ProfileField::PhoneNumber,
            &before.phone_number,
            &after.phone_number,
        ),
        email: changed(ProfileField::Email, &before.email, &after.email),
        ex: changed(ProfileField::Ex, &before.ex, &after.ex),
        gender: (after.gender != before.gender && matches!(after.gender, 1 | 2))
            .then_some(after.gender),
        birth: None,
    };
    if after.birth != before.birth && !after.birth.trim().is_empty() {
        match birth_seconds(&after.birth) {
            Some(s) => req.birth = Some(s),
            None => problems.push((ProfileField::Birth, ProfileProblem::BadDate)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let nothing = UpdateUserInfoReq {
        user_id: req.user_id.clone(),
        ..Default::default()
    };
    Ok((req != nothing).then_some(req))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bob() -> ProfileForm {
        ProfileForm::from_info(&UserInfo {
            user_id: "u1".into(),
            nickname: "Bob".into(),
            gender: 1,
            ex: "{}".into(),
            ..Default::default()
        })
    }

    #[test]
    fn dates_become_unix_seconds_at_utc_midnight() {
        assert_eq!(birth_seconds("1970-01-02"), Some(86_400));
        assert_eq!(birth_seconds("2000-02-29"), Some(951_782_400));
        assert_eq!(birth_seconds("1975-04-26"), Some(167_702_400));
        assert_eq!(birth_seconds("2106-02-07"), Some(4_294_944_000));
        for bad in [
            "1970-01-01",
            "1969-12-31",
            "2106-02-08",
            "2001-02-29",
            "2000-13-01",
            "2000-1-01",
            "x",
            "",
        ] {
            assert_eq!(birth_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let before = bob();
        assert_eq!(update_request("u1", &before, &before), Ok(None));
        let mut after = before.clone();
        after.nickname = "Robert".into();
        after.email = "bob@example.com".into();
        after.birth = "1990-05-17".into();
        let req = update_request("u1", &before, &after).unwrap().unwrap();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"userID":"u1","nickname":"Robert","birth":642902400,"email":"bob@example.com"}"#
        );
    }

    #[test]
    fn emptied_fields_and_gender_zero_are_not_sent_as_the_server_ignores_them() {
        let before = bob();
        let mut after = before.clone();
        after.nickname.clear();
        after.ex.clear();
        after.gender = 0;
        assert_eq!(update_request("u1", &before, &after), Ok(None));
        after.gender = 2;
        let req = update_request("u1", &before, &after).unwrap().unwrap();
        assert_eq!(req.gender, Some(2));
    }

    #[test]
    fn the_servers_limits_count_characters_and_every_problem_is_reported() {
        let before = bob();
        let mut after = before.clone();
        after.nickname = "张".repeat(64);
        assert!(
            update_request("u1", &before, &after).is_ok(),
            "64 characters fit"
        );
        after.nickname = "张".repeat(65);
        after.phone_number = "1".repeat(33);
        after.face_url = "h".repeat(1025);
        after.email = "e".repeat(65);
        after.ex = "x".repeat(1025);
        after.birth = "1969-07-20".into();
        let problems = update_request("u1", &before, &after).unwrap_err();
        assert_eq!(
            problems,
            [
                (ProfileField::Nickname, ProfileProblem::TooLong),
                (ProfileField::FaceUrl, ProfileProblem::TooLong),
                (ProfileField::PhoneNumber, ProfileProblem::TooLong),
                (ProfileField::Email, ProfileProblem::TooLong),
                (ProfileField::Ex, ProfileProblem::TooLong),
                (ProfileField::Birth, ProfileProblem::BadDate),
            ]
        );
    }
}
