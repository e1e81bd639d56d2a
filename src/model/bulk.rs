//! The requests of a bulk run over user IDs, split at the server's caps,
//! and what their answers mean.

use crate::api::endpoints::{self, ACCOUNT_CHECK_MAX, ONLINE_STATUS_MAX};
use crate::api::envelope::data_as;
use crate::api::ids::chunk;
use crate::api::user::DeleteUserFailed;
use crate::api::{ApiError, ErrorKind};

/// get_users_info has no documented cap; stay at account_check's.
pub const INFO_MAX: usize = 100;
/// delete_user has no cap either; 100 a request keeps progress visible.
pub const DELETE_MAX: usize = 100;

/// One request of a run; kept so a failed one can be sent again.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Accounts(Vec<String>),
    Infos(Vec<String>),
    Online(Vec<String>),
    Delete(Vec<String>),
}

impl Step {
    pub fn ids(&self) -> &[String] {
        match self {
            Step::Accounts(ids) | Step::Infos(ids) | Step::Online(ids) | Step::Delete(ids) => ids,
        }
    }

    /// The endpoint and its request body: every step sends one ID list.
    pub fn request(&self) -> (&'static str, Result<String, serde_json::Error>) {
        let (path, field) = match self {
            Step::Accounts(_) => (endpoints::ACCOUNT_CHECK, "checkUserIDList"),
            Step::Infos(_) => (endpoints::GET_USERS_INFO, "userIDList"),
            Step::Online(_) => (endpoints::GET_USERS_ONLINE_STATUS, "userIDList"),
            Step::Delete(_) => (endpoints::DELETE_USER, "deleteUserIDList"),
        };
        let body = serde_json::to_string(self.ids()).map(|list| format!("{{\"{field}\":{list}}}"));
        (path, body)
    }
}

/// `ids` split at `max` into steps of one kind.
pub fn steps(ids: &[String], max: usize, kind: fn(Vec<String>) -> Step) -> Vec<Step> {
    chunk(ids, max).map(|c| kind(c.to_vec())).collect()
}

/// Everything the lookup page asks about each ID.
pub fn plan_lookup(ids: &[String]) -> Vec<Step> {
    let mut all = steps(ids, ACCOUNT_CHECK_MAX, Step::Accounts);
    all.extend(steps(ids, INFO_MAX, Step::Infos));
    all.extend(steps(ids, ONLINE_STATUS_MAX, Step::Online));
    all
}

pub fn plan_online(ids: &[String]) -> Vec<Step> {
    steps(ids, ONLINE_STATUS_MAX, Step::Online)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Failed {
    pub step: Step,
    pub error: ApiError,
}

/// The IDs a delete_user answer lists as not deleted: `data` with errCode
/// 201 (contract §3.4). Any other error fails the whole request.
pub fn not_deleted(result: Result<DeleteUserFailed, ApiError>) -> Result<Vec<String>, ApiError> {
    match result {
        Err(ApiError {
            kind:
                ErrorKind::Server {
                    err_code: 201,
                    data: Some(ref ids),
                    ..
                },
            ref operation_id,
        }) => data_as(Some(ids), operation_id),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("u{i}")).collect()
    }

    #[test]
    fn a_lookup_plan_respects_every_server_cap() {
        let plan = plan_lookup(&ids(450));
        let count = |f: fn(&Step) -> bool| plan.iter().filter(|s| f(s)).count();
        assert_eq!(count(|s| matches!(s, Step::Accounts(_))), 5);
        assert_eq!(count(|s| matches!(s, Step::Infos(_))), 5);
        assert_eq!(count(|s| matches!(s, Step::Online(_))), 3);
        assert!(plan.iter().all(|s| s.ids().len() <= 200));
        assert_eq!(plan_online(&ids(401)).len(), 3);
    }

    #[test]
    fn each_step_sends_its_list_under_the_spec_field() {
        let two = vec!["a".to_string(), "b\"".to_string()];
        let body = |s: Step| {
            let (path, body) = s.request();
            (path, body.unwrap())
        };
        assert_eq!(
            body(Step::Accounts(two.clone())),
            (
                "/manager/account_check",
                r#"{"checkUserIDList":["a","b\""]}"#.into()
            )
        );
        assert_eq!(
            body(Step::Infos(two.clone())).1,
            r#"{"userIDList":["a","b\""]}"#
        );
        assert_eq!(
            body(Step::Online(two.clone())).0,
            "/manager/get_users_online_status"
        );
        assert_eq!(
            body(Step::Delete(two)),
            (
                "/manager/delete_user",
                r#"{"deleteUserIDList":["a","b\""]}"#.into()
            )
        );
    }

    #[test]
    fn errcode_201_lists_the_ids_not_deleted() {
        let partial = ApiError::new(
            "op",
            ErrorKind::Server {
                err_code: 201,
                err_msg: "some uid deleted failed".into(),
                data: Some(r#"["ghost"]"#.into()),
            },
        );
        assert_eq!(not_deleted(Err(partial)), Ok(vec!["ghost".to_string()]));
        assert_eq!(not_deleted(Ok(vec![])), Ok(vec![]));
        let refused = ApiError::new(
            "op",
            ErrorKind::Server {
                err_code: 801,
                err_msg: "no permission".into(),
                data: Some(r#"["a","b"]"#.into()),
            },
        );
        assert_eq!(not_deleted(Err(refused.clone())), Err(refused));
    }
}
