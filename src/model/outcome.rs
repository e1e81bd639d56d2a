//! What a call that changes something did for each user it named, and
//! what that means on the real v2 server (docs/api.md#per-user-results), whose
//! answers mislead in places: kick answers 0 for someone who was never a
//! member, invite answers -1 both for an unknown user and for a member.

use crate::api::friend::UserIdResult;
use crate::api::ApiError;

/// The operation a results table reports on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Invite,
    Kick,
    ImportFriend,
    AddBlack,
    /// Undoes AddBlack (docs/readback.md#remove-black).
    RemoveBlack,
    /// One direction of a friendship (docs/readback.md#delete-friend).
    DeleteFriend,
    /// A member mute for a number of seconds, and its end.
    Mute,
    Unmute,
    /// A member's roleLevel (v2.1+, docs/readback.md#set-group-member-info).
    SetRole,
}

impl Action {
    /// Calls made for a user on another user's behalf: their results are
    /// rows of (fromUserID, userID).
    pub fn is_pair(self) -> bool {
        matches!(
            self,
            Action::ImportFriend | Action::AddBlack | Action::RemoveBlack | Action::DeleteFriend
        )
    }
}

/// One row's outcome.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The call's per-user `result`: 0 done, -1 refused.
    Result(i32),
    /// The call went through but its `data` said nothing about this user
    /// (invite answers `data: null` when it has no results).
    NoResult,
    /// The whole call failed: an errCode, or no answer at all.
    Failed(ApiError),
    /// Sent with create_group itself (v2.3 takes at most 100 members
    /// there, the rest are invited): added unless the account check found
    /// the user unregistered, which the server skips.
    AtCreation { added: bool },
}

/// What an outcome means, for the operator; each has its own text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    Invited,
    /// Invite's -1: the server does not say which of the two it was.
    UnknownOrMember,
    /// Kick's 0 says only that the user is not in the group now.
    NotInGroupNow,
    /// Kick's 0 for a user this session knows was not a member.
    WasNotMember,
    /// Kick's -1 (v2.0.x): the owner can never be kicked.
    OwnerNotKickable,
    /// import_friend's 0, which "already friends" answers too.
    Friends,
    UnknownUser,
    Blocked,
    /// add_black's 802 "db failed": the pair is almost surely blocked already.
    AlreadyBlocked,
    NoResult,
    /// 802 from invite (or kick on v2.1+): no such group.
    UnknownGroup,
    /// 804: the group is dismissed.
    Dismissed,
    /// 801: the signed-in account may not do this.
    NoPermission,
    /// 802 from import_friend: fromUserID is not a user.
    UnknownFromUser,
    /// Any other failure: the error itself says what happened.
    Error,
    AddedAtCreation,
    SkippedAtCreation,
    /// remove_black's 0, also when there was no such entry.
    Unblocked,
    /// delete_friend's 0: this direction is gone (or never was).
    Unfriended,
    Muted,
    Unmuted,
    RoleSet,
    /// 801 from remove_black or delete_friend, which a database failure
    /// answers too (docs/readback.md#readback-traps).
    NoPermissionOrDb,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        matches!(
            self,
            Outcome::Result(0) | Outcome::AtCreation { added: true }
        )
    }

    /// The meaning of this outcome of `action`; `member` is whether the
    /// user was known to be in the group before (kick only).
    pub fn note(&self, action: Action, member: Option<bool>) -> Note {
        use Action::*;
        match (self, action) {
            (Outcome::Result(0), Invite) => Note::Invited,
            (Outcome::Result(0), Kick) if member == Some(false) => Note::WasNotMember,
            (Outcome::Result(0), Kick) => Note::NotInGroupNow,
            (Outcome::Result(0), ImportFriend) => Note::Friends,
            (Outcome::Result(0), AddBlack) => Note::Blocked,
            (Outcome::Result(0), RemoveBlack) => Note::Unblocked,
            (Outcome::Result(0), DeleteFriend) => Note::Unfriended,
            (Outcome::Result(0), Mute) => Note::Muted,
            (Outcome::Result(0), Unmute) => Note::Unmuted,
            (Outcome::Result(0), SetRole) => Note::RoleSet,
            (Outcome::Result(_), Invite) => Note::UnknownOrMember,
            (Outcome::Result(_), Kick) => Note::OwnerNotKickable,
            (Outcome::Result(_), _) => Note::UnknownUser,
            (Outcome::NoResult, _) => Note::NoResult,
            (Outcome::AtCreation { added: true }, _) => Note::AddedAtCreation,
            (Outcome::AtCreation { added: false }, _) => Note::SkippedAtCreation,
            (Outcome::Failed(e), _) => match (e.err_code(), action) {
                (Some(801), RemoveBlack | DeleteFriend) => Note::NoPermissionOrDb,
                (Some(801), _) => Note::NoPermission,
                (Some(804), Invite | Kick) => Note::Dismissed,
                (Some(802), Invite | Kick | Mute | Unmute | SetRole) => Note::UnknownGroup,
                (Some(802), ImportFriend) => Note::UnknownFromUser,
                (Some(802), AddBlack) => Note::AlreadyBlocked,
                _ => Note::Error,
            },
        }
    }
}

/// Each asked ID's outcome from a call's per-user results (`None`: the
/// server sent `data: null`). IDs the server left out get `NoResult`.
pub fn outcomes(asked: &[String], results: Option<Vec<UserIdResult>>) -> Vec<(String, Outcome)> {
    let results = results.unwrap_or_default();
    // By position, so this map has the key and value types of the users
    // table's index (one copy of the map's code in the wasm).
    let by_id: rustc_hash::FxHashMap<String, usize> = (results.iter().enumerate())
        .map(|(i, r)| (r.user_id.clone(), i))
        .collect();
    asked
        .iter()
        .map(|id| {
            let outcome = by_id
                .get(id)
                .map_or(Outcome::NoResult, |&i| Outcome::Result(results[i].result));
            (id.clone(), outcome)
        })
        .collect()
}

/// The CSV columns of a results table: the API's own values, so exports
/// read the same in any language.
pub const CSV_HEADER: [&str; 6] = [
    "fromUserID",
    "userID",
    "result",
    "errCode",
    "errMsg",
    "operationID",
];

/// One row of a results CSV; `from` is empty where the action has none.
pub fn csv_row(from: &str, user_id: &str, outcome: Option<&Outcome>) -> Vec<String> {
    let (result, code, msg, op) = match outcome {
        None => Default::default(),
        Some(Outcome::Result(r)) => (r.to_string(), String::new(), String::new(), String::new()),
        Some(Outcome::NoResult) => Default::default(),
        // Not a per-user result of the API: create_group answers the group.
        Some(Outcome::AtCreation { added }) => (
            String::new(),
            String::new(),
            (if *added {
                "create_group"
            } else {
                "create_group: not registered"
            })
            .into(),
            String::new(),
        ),
        Some(Outcome::Failed(e)) => (
            String::new(),
            e.err_code().map(|c| c.to_string()).unwrap_or_default(),
            e.err_msg().map_or_else(|| e.to_string(), str::to_string),
            e.operation_id.clone(),
        ),
    };
    vec![from.to_string(), user_id.to_string(), result, code, msg, op]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorKind;

    fn server(code: i64, msg: &str) -> Outcome {
        Outcome::Failed(ApiError::new(
            "op1",
            ErrorKind::Server {
                err_code: code,
                err_msg: msg.into(),
                data: None,
            },
        ))
    }

    #[test]
    fn each_server_answer_gets_its_own_meaning() {
        use Action::*;
        let r = Outcome::Result;
        assert_eq!(r(0).note(Invite, None), Note::Invited);
        assert_eq!(r(-1).note(Invite, None), Note::UnknownOrMember);
        assert_eq!(r(0).note(Kick, None), Note::NotInGroupNow);
        assert_eq!(r(0).note(Kick, Some(true)), Note::NotInGroupNow);
        assert_eq!(r(0).note(Kick, Some(false)), Note::WasNotMember);
        assert_eq!(r(-1).note(Kick, Some(true)), Note::OwnerNotKickable);
        assert_eq!(r(0).note(ImportFriend, None), Note::Friends);
        assert_eq!(r(-1).note(ImportFriend, None), Note::UnknownUser);
        assert_eq!(r(0).note(AddBlack, None), Note::Blocked);
        assert_eq!(r(0).note(RemoveBlack, None), Note::Unblocked);
        assert_eq!(r(0).note(DeleteFriend, None), Note::Unfriended);
        assert_eq!(r(0).note(Mute, None), Note::Muted);
        assert_eq!(r(0).note(Unmute, None), Note::Unmuted);
        assert_eq!(r(0).note(SetRole, None), Note::RoleSet);
        assert_eq!(
            server(801, "no permission").note(DeleteFriend, None),
            Note::NoPermissionOrDb
        );
        assert_eq!(
            server(802, "db failed").note(SetRole, None),
            Note::UnknownGroup
        );
        assert!(AddBlack.is_pair() && DeleteFriend.is_pair() && !Mute.is_pair());
        assert_eq!(Outcome::NoResult.note(Invite, None), Note::NoResult);
        assert_eq!(
            server(802, "db failed").note(Invite, None),
            Note::UnknownGroup
        );
        assert_eq!(
            server(804, " group status is dismissed ").note(Kick, None),
            Note::Dismissed
        );
        assert_eq!(
            server(801, "no permission").note(Kick, None),
            Note::NoPermission
        );
        assert_eq!(
            server(802, "this user not exists,cant not add friend").note(ImportFriend, None),
            Note::UnknownFromUser
        );
        assert_eq!(
            server(802, "db failed").note(AddBlack, None),
            Note::AlreadyBlocked
        );
        assert_eq!(
            server(500, "call  rpc server failed").note(Invite, None),
            Note::Error
        );
        assert!(r(0).ok() && !r(-1).ok() && !Outcome::NoResult.ok());
        let made = Outcome::AtCreation { added: true };
        let left_out = Outcome::AtCreation { added: false };
        assert!(made.ok() && !left_out.ok());
        assert_eq!(made.note(Invite, None), Note::AddedAtCreation);
        assert_eq!(left_out.note(Invite, None), Note::SkippedAtCreation);
        assert_eq!(csv_row("", "u", Some(&made))[4], "create_group");
    }

    #[test]
    fn every_asked_id_gets_an_outcome_even_when_data_is_null() {
        let asked = vec!["a".to_string(), "b".into(), "c".into()];
        let results = vec![
            UserIdResult {
                user_id: "b".into(),
                result: -1,
            },
            UserIdResult {
                user_id: "a".into(),
                result: 0,
            },
        ];
        assert_eq!(
            outcomes(&asked, Some(results)),
            vec![
                ("a".to_string(), Outcome::Result(0)),
                ("b".to_string(), Outcome::Result(-1)),
                ("c".to_string(), Outcome::NoResult),
            ]
        );
        assert!(outcomes(&asked, None)
            .iter()
            .all(|(_, o)| *o == Outcome::NoResult));
    }

    #[test]
    fn results_export_with_the_apis_values() {
        assert_eq!(
            csv_row("", "u1", Some(&Outcome::Result(-1))),
            ["", "u1", "-1", "", "", ""]
        );
        assert_eq!(
            csv_row(
                "boss",
                "u2",
                Some(&server(804, " group status is dismissed "))
            ),
            [
                "boss",
                "u2",
                "",
                "804",
                " group status is dismissed ",
                "op1"
            ]
        );
        assert_eq!(csv_row("", "u3", None), ["", "u3", "", "", "", ""]);
    }
}
