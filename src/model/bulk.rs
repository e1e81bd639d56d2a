//! The requests of a bulk run over user IDs, split at the server's caps,
//! and, beside each, how its answer is decoded.

use crate::api::endpoints::{ACCOUNT_CHECK_MAX, ONLINE_STATUS_MAX};
use crate::api::envelope::{answer_as, data_as, Answer};
use crate::api::friend::{AddBlackReq, ImportFriendReq, UserIdResult};
use crate::api::group::{InviteUserToGroupReq, KickGroupReq};
use crate::api::ids::chunk;
use crate::api::release::Release;
use crate::api::user::{
    AccountCheckReq, AccountStatus, DeleteUserFailed, DeleteUserReq, GetUsersInfoReq,
    GetUsersOnlineStatusReq, OnlineStatus, UserInfo,
};
use crate::api::{ApiError, Endpoint, ErrorKind};
use crate::model::outcome::{outcomes, Action, Outcome};

/// get_users_info has no documented cap; stay at account_check's.
pub const INFO_MAX: usize = 100;
/// delete_user has no cap either; 100 a request keeps progress visible.
pub const DELETE_MAX: usize = 100;
/// Invite and kick have no cap; 500 a request keeps a 10,000-member
/// onboarding visible as progress without thousands of calls.
pub const GROUP_CALL_MAX: usize = 500;
/// import_friend has no cap; the server writes two rows per friend, so
/// 100 a request keeps each call short.
pub const IMPORT_MAX: usize = 100;

/// One request of a run; kept so a failed one can be sent again.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Accounts(Vec<String>),
    Infos(Vec<String>),
    Online(Vec<String>),
    Delete(Vec<String>),
    /// Invite or kick (`action`) `ids` in one group.
    Members {
        action: Action,
        group_id: String,
        reason: String,
        ids: Vec<String>,
    },
    ImportFriend {
        from: String,
        ids: Vec<String>,
    },
    /// add_black names one target a call; `ids` holds it.
    AddBlack {
        from: String,
        ids: Vec<String>,
    },
}

impl Step {
    pub fn ids(&self) -> &[String] {
        match self {
            Step::Accounts(ids) | Step::Infos(ids) | Step::Online(ids) | Step::Delete(ids) => ids,
            Step::Members { ids, .. }
            | Step::ImportFriend { ids, .. }
            | Step::AddBlack { ids, .. } => ids,
        }
    }

    /// The user acting on the IDs, for calls that have one.
    pub fn from(&self) -> &str {
        match self {
            Step::ImportFriend { from, .. } | Step::AddBlack { from, .. } => from,
            _ => "",
        }
    }

    /// The endpoint and its request body.
    pub fn request(&self) -> (&'static str, Result<String, serde_json::Error>) {
        let ids = self.ids().to_vec();
        match self {
            Step::Accounts(_) => encode(&AccountCheckReq {
                check_user_id_list: ids,
            }),
            Step::Infos(_) => encode(&GetUsersInfoReq { user_id_list: ids }),
            Step::Online(_) => encode(&GetUsersOnlineStatusReq { user_id_list: ids }),
            Step::Delete(_) => encode(&DeleteUserReq {
                delete_user_id_list: ids,
            }),
            Step::Members {
                action: Action::Kick,
                group_id,
                reason,
                ..
            } => encode(&KickGroupReq {
                group_id: group_id.clone(),
                kicked_user_id_list: ids,
                reason: reason.clone(),
            }),
            Step::Members {
                group_id, reason, ..
            } => encode(&InviteUserToGroupReq {
                group_id: group_id.clone(),
                invited_user_id_list: ids,
                reason: reason.clone(),
            }),
            Step::ImportFriend { from, .. } => encode(&ImportFriendReq {
                friend_user_id_list: ids,
                from_user_id: from.clone(),
            }),
            Step::AddBlack { from, .. } => encode(&AddBlackReq {
                to_user_id: ids.into_iter().next().unwrap_or_default(),
                from_user_id: from.clone(),
            }),
        }
    }

    /// What the answer to this step says, decoded by the step's kind.
    pub fn decode(&self, answer: Answer) -> Result<Reply, ApiError> {
        let ids = self.ids();
        Ok(match self {
            Step::Accounts(_) => Reply::Accounts(answer_as(answer)?),
            Step::Infos(_) => Reply::Infos(answer_as(answer)?),
            Step::Online(_) => Reply::Online(answer_as(answer)?),
            Step::Delete(_) => {
                let failed = not_deleted(answer_as(answer))?;
                let gone = ids
                    .iter()
                    .filter(|id| !failed.contains(id))
                    .cloned()
                    .collect();
                Reply::Deleted {
                    gone,
                    not_deleted: failed,
                }
            }
            // add_black answers without `data`: success is its result 0.
            Step::AddBlack { .. } => {
                answer?;
                let done = UserIdResult {
                    user_id: ids.first().cloned().unwrap_or_default(),
                    result: 0,
                };
                Reply::Outcomes(outcomes(ids, Some(vec![done])))
            }
            Step::Members { .. } | Step::ImportFriend { .. } => {
                Reply::Outcomes(outcomes(ids, answer_as(answer)?))
            }
        })
    }

    /// A group or friend call that failed as a whole: each of its users
    /// shows why. Other steps have no per-user results to mark.
    pub fn failed_outcomes(&self, error: &ApiError) -> Option<Vec<(String, Outcome)>> {
        match self {
            Step::Members { .. } | Step::ImportFriend { .. } | Step::AddBlack { .. } => {
                let failed = Outcome::Failed(error.clone());
                Some(
                    self.ids()
                        .iter()
                        .map(|id| (id.clone(), failed.clone()))
                        .collect(),
                )
            }
            _ => None,
        }
    }
}

/// A request as its route and JSON body.
fn encode<E: Endpoint>(req: &E) -> (&'static str, Result<String, serde_json::Error>) {
    (E::PATH, serde_json::to_string(req))
}

/// A decoded answer to a [`Step`], ready to merge into the table.
#[derive(Debug, PartialEq)]
pub enum Reply {
    Accounts(Vec<AccountStatus>),
    /// Profiles of the step's IDs (unknown IDs are silently left out).
    Infos(Vec<UserInfo>),
    Online(Vec<OnlineStatus>),
    /// The step's IDs split into those deleted and those the server
    /// reports as not deleted.
    Deleted {
        gone: Vec<String>,
        not_deleted: Vec<String>,
    },
    /// Each asked user's outcome, in the order asked.
    Outcomes(Vec<(String, Outcome)>),
}

/// The calls that apply `action` to `pairs` of (from, userID) on a server
/// of `release`: group calls (from is ignored, the group is `group_id`)
/// split at the release's cap, else at GROUP_CALL_MAX;
/// friend imports grouped per fromUserID, in first-seen order, split at
/// IMPORT_MAX; blocks one call per pair.
pub fn plan_action(
    release: Release,
    action: Action,
    group_id: &str,
    reason: &str,
    pairs: &[(String, String)],
) -> Vec<Step> {
    match action {
        Action::Invite | Action::Kick => {
            let ids: Vec<String> = pairs.iter().map(|(_, id)| id.clone()).collect();
            let max = release.members_per_call().unwrap_or(GROUP_CALL_MAX);
            chunk(&ids, max)
                .map(|c| Step::Members {
                    action,
                    group_id: group_id.to_string(),
                    reason: reason.to_string(),
                    ids: c.to_vec(),
                })
                .collect()
        }
        Action::ImportFriend => {
            // Each fromUserID's friends, in first-seen order; the map finds
            // a fromUserID's place (the users table's map type: one copy).
            let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
            let mut at: rustc_hash::FxHashMap<String, usize> = Default::default();
            for (from, id) in pairs {
                let i = *at.entry(from.clone()).or_insert_with(|| {
                    groups.push((from, Vec::new()));
                    groups.len() - 1
                });
                groups[i].1.push(id.clone());
            }
            (groups.into_iter())
                .flat_map(|(from, ids)| {
                    chunk(&ids, IMPORT_MAX)
                        .map(|c| Step::ImportFriend {
                            from: from.to_string(),
                            ids: c.to_vec(),
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        }
        Action::AddBlack => (pairs.iter())
            .map(|(from, id)| Step::AddBlack {
                from: from.clone(),
                ids: vec![id.clone()],
            })
            .collect(),
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
/// 201 (docs/api.md#delete-user). Any other error fails the whole request.
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
    fn each_step_decodes_its_own_answer() {
        let ok = |data: Option<&str>| -> Answer { Ok((data.map(str::to_string), "op".into())) };
        let two = ids(2);
        let accounts = Step::Accounts(two.clone()).decode(ok(Some(
            r#"[{"userID":"u0","accountStatus":"registered"}]"#,
        )));
        let Ok(Reply::Accounts(accounts)) = accounts else {
            panic!("{accounts:?}")
        };
        assert_eq!((accounts[0].user_id.as_str(), accounts.len()), ("u0", 1));
        // A profile answer of the wrong shape is an error, not an empty page.
        let bad = Step::Infos(two.clone()).decode(ok(Some(r#"{"userID":"u0"}"#)));
        assert!(matches!(
            bad,
            Err(ApiError {
                kind: ErrorKind::Shape { .. },
                ..
            })
        ));
        assert_eq!(
            Step::Online(two.clone()).decode(ok(None)),
            Ok(Reply::Online(vec![]))
        );

        let partial = ApiError::new(
            "op",
            ErrorKind::Server {
                err_code: 201,
                err_msg: "some uid deleted failed".into(),
                data: Some(r#"["u1"]"#.into()),
            },
        );
        assert_eq!(
            Step::Delete(two.clone()).decode(Err(partial)),
            Ok(Reply::Deleted {
                gone: vec!["u0".into()],
                not_deleted: vec!["u1".into()],
            })
        );

        // add_black has no data: its one target succeeded.
        let block = Step::AddBlack {
            from: "o".into(),
            ids: vec!["t".into()],
        };
        assert_eq!(
            block.decode(ok(None)),
            Ok(Reply::Outcomes(vec![("t".into(), Outcome::Result(0))]))
        );
        let invite = Step::Members {
            action: Action::Invite,
            group_id: "g".into(),
            reason: String::new(),
            ids: two.clone(),
        };
        assert_eq!(
            invite.decode(ok(Some(r#"[{"userID":"u0","result":-1}]"#))),
            Ok(Reply::Outcomes(vec![
                ("u0".into(), Outcome::Result(-1)),
                ("u1".into(), Outcome::NoResult),
            ]))
        );
        // A call that failed whole marks each of its users; reads do not.
        let refused = ApiError::new("op", ErrorKind::Aborted);
        assert_eq!(invite.decode(Err(refused.clone())), Err(refused.clone()));
        let marked = invite.failed_outcomes(&refused).unwrap();
        assert_eq!(marked.len(), 2);
        assert!(marked
            .iter()
            .all(|(_, o)| *o == Outcome::Failed(refused.clone())));
        assert_eq!(Step::Accounts(two).failed_outcomes(&refused), None);
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
    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn group_calls_split_and_send_the_spec_fields() {
        let many: Vec<(String, String)> = ids(1_201)
            .into_iter()
            .map(|id| (String::new(), id))
            .collect();
        let plan = plan_action(Release::V2_0, Action::Kick, "g1", "spam", &many);
        assert_eq!(
            plan.iter().map(|s| s.ids().len()).collect::<Vec<_>>(),
            [500, 500, 201]
        );
        let capped = plan_action(Release::V2_3, Action::Kick, "g1", "spam", &many);
        assert_eq!(capped.len(), 13);
        assert!(capped.iter().all(|s| s.ids().len() <= 100));
        let (path, body) = plan[2].request();
        assert_eq!(path, "/group/kick_group");
        let body: serde_json::Value = serde_json::from_str(&body.unwrap()).unwrap();
        assert_eq!(body["groupID"], "g1");
        assert_eq!(body["reason"], "spam");
        assert_eq!(body["kickedUserIDList"][0], "u1000");
        let invite = plan_action(
            Release::V2_0,
            Action::Invite,
            "g1",
            "",
            &pairs(&[("", "a")]),
        );
        let (path, body) = invite[0].request();
        assert_eq!(path, "/group/invite_user_to_group");
        assert_eq!(
            body.unwrap(),
            r#"{"groupID":"g1","invitedUserIDList":["a"],"reason":""}"#
        );
    }

    #[test]
    fn friend_imports_go_per_from_user_in_first_seen_order() {
        let mut list = pairs(&[("b", "x"), ("a", "y"), ("b", "z")]);
        list.extend((0..150).map(|i| ("a".to_string(), format!("f{i}"))));
        let plan = plan_action(Release::V2_0, Action::ImportFriend, "", "", &list);
        let shape: Vec<(&str, usize)> = plan.iter().map(|s| (s.from(), s.ids().len())).collect();
        assert_eq!(shape, [("b", 2), ("a", 100), ("a", 51)]);
        assert_eq!(plan[0].ids(), ["x", "z"]);
        let (path, body) = plan[0].request();
        assert_eq!(path, "/friend/import_friend");
        assert_eq!(
            body.unwrap(),
            r#"{"friendUserIDList":["x","z"],"fromUserID":"b"}"#
        );
    }

    #[test]
    fn each_block_is_its_own_call() {
        let plan = plan_action(
            Release::V2_0,
            Action::AddBlack,
            "",
            "",
            &pairs(&[("o", "t1"), ("o", "t2")]),
        );
        assert_eq!(plan.len(), 2);
        let (path, body) = plan[1].request();
        assert_eq!(path, "/friend/add_black");
        assert_eq!(body.unwrap(), r#"{"toUserID":"t2","fromUserID":"o"}"#);
        assert_eq!(plan[1].from(), "o");
    }
}
