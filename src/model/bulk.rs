//! The requests of a bulk run over user IDs, split at the server's caps,
//! and, beside each, how its answer is decoded.

use crate::api::endpoints::{encode, Encoded};
use crate::api::endpoints::{ACCOUNT_CHECK_MAX, ONLINE_STATUS_MAX};
use crate::api::envelope::{answer_as, data_as, Answer};
use crate::api::friend::{
    AddBlackReq, DeleteFriendReq, ImportFriendReq, RemoveBlackReq, UserIdResult,
};
use crate::api::group::{
    CancelMuteGroupMemberReq, InviteUserToGroupReq, KickGroupReq, MuteGroupMemberReq,
    SetGroupMemberInfoReq,
};
use crate::api::ids::chunk;
use crate::api::release::Release;
use crate::api::user::{
    AccountCheckReq, AccountStatus, DeleteUserFailed, DeleteUserReq, GetUsersInfoReq,
    GetUsersOnlineStatusReq, OnlineStatus, UserInfo,
};
use crate::api::{ApiError, ErrorKind};
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
    /// A call that names one target user (`ids` holds it) and answers
    /// without `data`: blocks and their undo, one direction of a
    /// friendship (`on` is the fromUserID), a member's mute, unmute or role
    /// (`on` is the groupID; `arg` the seconds or the roleLevel).
    Each {
        action: Action,
        on: String,
        arg: i64,
        ids: Vec<String>,
    },
}

impl Step {
    pub fn ids(&self) -> &[String] {
        match self {
            Step::Accounts(ids) | Step::Infos(ids) | Step::Online(ids) | Step::Delete(ids) => ids,
            Step::Members { ids, .. } | Step::ImportFriend { ids, .. } | Step::Each { ids, .. } => {
                ids
            }
        }
    }

    /// The user acting on the IDs, for calls that have one.
    pub fn from(&self) -> &str {
        match self {
            Step::ImportFriend { from, .. } => from,
            Step::Each { action, on, .. } if action.is_pair() => on,
            _ => "",
        }
    }

    /// The endpoint and its request body.
    pub fn request(&self) -> Encoded {
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
            Step::Each {
                action, on, arg, ..
            } => {
                let (on, user) = (on.clone(), ids.into_iter().next().unwrap_or_default());
                match action {
                    Action::RemoveBlack => encode(&RemoveBlackReq {
                        to_user_id: user,
                        from_user_id: on,
                    }),
                    Action::DeleteFriend => encode(&DeleteFriendReq {
                        to_user_id: user,
                        from_user_id: on,
                    }),
                    Action::Mute => encode(&MuteGroupMemberReq {
                        group_id: on,
                        user_id: user,
                        muted_seconds: *arg as u32,
                    }),
                    Action::Unmute => encode(&CancelMuteGroupMemberReq {
                        group_id: on,
                        user_id: user,
                    }),
                    Action::SetRole => encode(&SetGroupMemberInfoReq {
                        group_id: on,
                        user_id: user,
                        role_level: *arg as i32,
                    }),
                    _ => encode(&AddBlackReq {
                        to_user_id: user,
                        from_user_id: on,
                    }),
                }
            }
        }
    }

    /// What the answer to this step says, decoded by the step's kind.
    pub fn decode(&self, answer: Answer) -> Result<Reply, ApiError> {
        let ids = self.ids();
        Ok(match self {
            // Read as JSON values: one decoder for every kind of record.
            Step::Accounts(_) => Reply::Accounts(records(answer, AccountStatus::from_json)?),
            Step::Infos(_) => Reply::Infos(records(answer, UserInfo::from_json)?),
            Step::Online(_) => Reply::Online(records(answer, OnlineStatus::from_json)?),
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
            // These answer without `data`: success is the user's result 0.
            Step::Each { .. } => {
                answer?;
                let done = UserIdResult {
                    user_id: ids.first().cloned().unwrap_or_default(),
                    result: 0,
                };
                Reply::Outcomes(outcomes(ids, Some(vec![done])))
            }
            Step::Members { .. } | Step::ImportFriend { .. } => {
                // Absent or null `data` says nothing of any user.
                let data: serde_json::Value = answer_as(answer)?;
                let results = (data.as_array())
                    .map(|list| list.iter().map(UserIdResult::from_json).collect());
                Reply::Outcomes(outcomes(ids, results))
            }
        })
    }

    /// A group or friend call that failed as a whole: each of its users
    /// shows why. Other steps have no per-user results to mark.
    pub fn failed_outcomes(&self, error: &ApiError) -> Option<Vec<(String, Outcome)>> {
        match self {
            Step::Members { .. } | Step::ImportFriend { .. } | Step::Each { .. } => {
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
        _ => each(action, 0, pairs),
    }
}

/// One call per (on, userID) pair: `on` is the fromUserID of a friend
/// call or the groupID of a member call; `arg` the mute's seconds or the
/// new roleLevel.
pub fn each(action: Action, arg: i64, pairs: &[(String, String)]) -> Vec<Step> {
    (pairs.iter())
        .map(|(on, id)| Step::Each {
            action,
            on: on.clone(),
            arg,
            ids: vec![id.clone()],
        })
        .collect()
}

/// Undoing an import: delete_friend removes one direction, so each pair
/// takes two calls, the second with the IDs swapped
/// (docs/readback.md#delete-friend).
pub fn unfriend(pairs: &[(String, String)]) -> Vec<(String, String)> {
    (pairs.iter())
        .flat_map(|(a, b)| [(a.clone(), b.clone()), (b.clone(), a.clone())])
        .collect()
}

/// An undo: the inverse action, its results' rows and its calls.
pub type UndoPlan = (Action, Vec<(String, String)>, Vec<Step>);

/// What takes back `action` where it succeeded for `done` (its results'
/// (from, userID) pairs): the inverse action, the rows of its results
/// table and its calls (docs/readback.md#readback-undo). A block is
/// lifted, an imported friendship removed in both directions, an
/// invited member kicked again.
pub fn undo_plan(
    release: Release,
    action: Action,
    group_id: &str,
    done: &[(String, String)],
) -> Option<UndoPlan> {
    let (inverse, rows) = match action {
        Action::AddBlack => (Action::RemoveBlack, done.to_vec()),
        Action::ImportFriend => (Action::DeleteFriend, unfriend(done)),
        Action::Invite => (
            Action::Kick,
            done.iter()
                .map(|(_, id)| (String::new(), id.clone()))
                .collect(),
        ),
        _ => return None,
    };
    let steps = plan_action(release, inverse, group_id, "", &rows);
    Some((inverse, rows, steps))
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

/// An answer's list of records, each read by `read`.
fn records<T>(answer: Answer, read: fn(&serde_json::Value) -> T) -> Result<Vec<T>, ApiError> {
    let list: Vec<serde_json::Value> = answer_as(answer)?;
    Ok(list.iter().map(read).collect())
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
        let block = Step::Each {
            action: Action::AddBlack,
            on: "o".into(),
            arg: 0,
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

    #[test]
    fn each_undo_is_the_inverse_call_for_what_succeeded() {
        let done = pairs(&[("o", "t1"), ("o", "t2")]);
        let (inverse, rows, steps) = undo_plan(Release::V2_0, Action::AddBlack, "", &done).unwrap();
        assert_eq!(
            (inverse, rows.len(), steps.len()),
            (Action::RemoveBlack, 2, 2)
        );
        assert_eq!(steps[0].request().0, "/friend/remove_black");
        let (inverse, rows, steps) =
            undo_plan(Release::V2_0, Action::ImportFriend, "", &done[..1]).unwrap();
        assert_eq!(inverse, Action::DeleteFriend);
        assert_eq!(rows, pairs(&[("o", "t1"), ("t1", "o")]));
        assert_eq!(steps.len(), 2);
        let invited = pairs(&[("", "a"), ("", "b")]);
        let (inverse, rows, steps) =
            undo_plan(Release::V2_3_3, Action::Invite, "g", &invited).unwrap();
        assert_eq!((inverse, rows.len()), (Action::Kick, 2));
        assert_eq!(
            steps[0].request().1.unwrap(),
            r#"{"groupID":"g","kickedUserIDList":["a","b"],"reason":""}"#
        );
        assert_eq!(undo_plan(Release::V2_0, Action::Kick, "g", &invited), None);
    }

    #[test]
    fn undo_and_member_calls_send_one_user_each() {
        let body = |s: &Step| {
            let (path, body) = s.request();
            (path, body.unwrap())
        };
        let unblock = each(Action::RemoveBlack, 0, &pairs(&[("o", "t")]));
        assert_eq!(
            body(&unblock[0]),
            (
                "/friend/remove_black",
                r#"{"toUserID":"t","fromUserID":"o"}"#.into()
            )
        );
        assert_eq!(unblock[0].from(), "o");
        let both = unfriend(&pairs(&[("a", "b")]));
        assert_eq!(both, pairs(&[("a", "b"), ("b", "a")]));
        let gone = each(Action::DeleteFriend, 0, &both);
        assert_eq!(
            body(&gone[1]),
            (
                "/friend/delete_friend",
                r#"{"toUserID":"a","fromUserID":"b"}"#.into()
            )
        );
        let mute = each(Action::Mute, 3600, &pairs(&[("g", "u")]));
        assert_eq!(
            body(&mute[0]),
            (
                "/group/mute_group_member",
                r#"{"groupID":"g","userID":"u","mutedSeconds":3600}"#.into()
            )
        );
        // Member calls key their results by userID alone.
        assert_eq!(mute[0].from(), "");
        let unmute = each(Action::Unmute, 0, &pairs(&[("g", "u")]));
        assert_eq!(body(&unmute[0]).1, r#"{"groupID":"g","userID":"u"}"#);
        let role = each(Action::SetRole, 3, &pairs(&[("g", "u")]));
        assert_eq!(
            body(&role[0]),
            (
                "/group/set_group_member_info",
                r#"{"groupID":"g","userID":"u","roleLevel":3}"#.into()
            )
        );
    }
}
