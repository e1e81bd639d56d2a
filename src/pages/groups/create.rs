//! Create a group: the form, a member list with roles, an account check of
//! the owner and every member before anything is created, and an honest
//! report of what the server made of it (docs/api.md#create-group).

use leptos::prelude::*;
use rustc_hash::FxHashSet;

use super::Recent;
use crate::api::group::{CreateGroupReq, GroupAddMemberInfo, GroupInfo, ROLE_ADMIN, ROLE_ORDINARY};
use crate::api::ids::parse_id_list;
use crate::api::release::Release;
use crate::api::user::{safe_url, AccountCheckReq, AccountStatus, REGISTERED};
use crate::api::{endpoints, ApiError};
use crate::components::bulk::Run;
use crate::components::copy_button::CopyButton;
use crate::components::error_box::ErrorBox;
use crate::components::id_list_input::IdListInput;
use crate::components::text_field::TextField;
use crate::components::user_table::{
    Purpose, RunStatus, UserResults, GROUP_RESULT_COLUMNS, MEMBER_COLUMNS,
};
use crate::i18n::fill;
use crate::model::bulk::{plan_action, steps, Step};
use crate::model::groups::{
    expected_members, group_id_problem, remember, split_for_create, GroupIdProblem,
};
use crate::model::outcome::{Action, Outcome};
use crate::model::stored;
use crate::model::users::Lookup;
use crate::session::{draft, set_draft};
use crate::state::{counted, flag, kept_draft, page_scope, text, tr, use_app, with_count, When};

/// Drafts: the text fields by input id, the pasted IDs not yet added, and
/// the member list as (userID, roleLevel) records (`model::stored`).
const FIELDS: [&str; 7] = [
    "groupID",
    "owner",
    "name",
    "notification",
    "introduction",
    "faceURL",
    "ex",
];
const PASTED: &str = crate::keys::NEW_GROUP_MEMBERS;
const LIST: &str = "groups.memberList";

/// The skipped IDs shown in full; the rest are counted.
const SKIPPED_SHOWN: usize = 20;

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Editing,
    Checking,
    /// Checked: the members the server will add and the IDs it will skip.
    Confirm {
        added: Vec<String>,
        skipped: Vec<String>,
    },
    Creating,
    Created {
        info: GroupInfo,
        expected: usize,
        skipped: Vec<String>,
    },
    Failed(ApiError),
}

#[component]
pub fn CreateGroup(recent: Recent) -> impl IntoView {
    let app = use_app();
    let scope = page_scope();
    let values = FIELDS.map(|key| kept_draft(format!("groups.create.{key}")));
    let [chosen_id, owner, name, notification, introduction, face_url, ex] = values;
    let group_type = RwSignal::new(0);
    let pasted = kept_draft(PASTED);
    let add_role = RwSignal::new(ROLE_ORDINARY);

    // The member list is a users table with roles, kept as a draft.
    let run = Run::new(app);
    let saved: Vec<(String, i32)> = (draft(LIST).unwrap_or_default().lines())
        .filter_map(|l| <[String; 2]>::try_from(stored::fields(l)).ok())
        .map(|[id, role]| (id, role.parse().unwrap_or(ROLE_ORDINARY)))
        .collect();
    run.lookup.update(|l| {
        for (id, role) in &saved {
            l.add_ids(std::slice::from_ref(id), *role);
        }
    });
    Effect::new(move |_| {
        let lines: Vec<String> = run.lookup.with(|l| {
            l.rows
                .iter()
                .map(|r| stored::line(&[&r.user_id, &r.role.to_string()]))
                .collect()
        });
        set_draft(LIST, &lines.join("\n"));
    });
    let requested = move || {
        run.lookup.with_untracked(|l| {
            l.rows
                .iter()
                .map(|r| (r.user_id.clone(), r.role))
                .collect::<Vec<_>>()
        })
    };

    let owner_error = RwSignal::new(None::<String>);
    let group_id_error = RwSignal::new(None::<String>);
    let pasted_error = RwSignal::new(None::<String>);
    let stage = RwSignal::new(Stage::Editing);
    let owner_registered = RwSignal::new(false);

    let add = move |_| {
        let ids = parse_id_list(&pasted.get_untracked()).ids;
        if ids.is_empty() {
            return pasted_error.set(Some(app.t().err_ids_empty.to_string()));
        }
        pasted_error.set(None);
        run.lookup.update(|l| {
            l.add_ids(&ids, add_role.get_untracked());
        });
        pasted.set(String::new());
        stage.set(Stage::Editing);
    };

    // Check the owner (one call) and every member (the table's run), then
    // say what the server will do before anything is created.
    let check = {
        let scope = scope.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let who = owner.get_untracked().trim().to_string();
            let id_problem = app
                .release()
                .chooses_group_id()
                .then(|| group_id_problem(chosen_id.get_untracked().trim()))
                .flatten();
            group_id_error.set(id_problem.map(|p| {
                let t = app.t();
                match p {
                    GroupIdProblem::TooLong => t.err_group_id_long,
                    GroupIdProblem::Blank => t.err_group_id_blank,
                }
                .to_string()
            }));
            owner_error.set(
                who.is_empty()
                    .then(|| app.t().err_owner_missing.to_string()),
            );
            if who.is_empty() || id_problem.is_some() {
                return;
            }
            // Not known until this check says so.
            owner_registered.set(false);
            stage.set(Stage::Checking);
            let scope = scope.clone();
            leptos::task::spawn_local(async move {
                let req = AccountCheckReq {
                    check_user_id_list: vec![who.clone()],
                };
                let Some(answer) = app.call(&scope, &req).await else {
                    return;
                };
                match answer {
                    Ok(r) => {
                        let ok = (r.iter().map(AccountStatus::from_json))
                            .any(|s| s.user_id == who && s.account_status == REGISTERED);
                        owner_registered.set(ok);
                        if !ok {
                            owner_error.set(Some(app.t().err_owner_unregistered.to_string()));
                            return stage.set(Stage::Editing);
                        }
                        let ids: Vec<String> = requested().into_iter().map(|(id, _)| id).collect();
                        run.failed.set(Vec::new());
                        run.add(steps(&ids, endpoints::ACCOUNT_CHECK_MAX, Step::Accounts));
                    }
                    Err(e) => stage.set(Stage::Failed(e)),
                }
            });
        }
    };
    // When the member check is over, the confirmation says what will happen.
    Effect::new(move |_| {
        if run.running.get() || stage.with(|s| *s != Stage::Checking) || !owner_registered.get() {
            return;
        }
        if !run.failed.with(Vec::is_empty) {
            return stage.set(Stage::Editing);
        }
        let requested = requested();
        let (added, skipped) = run.lookup.with_untracked(|l| {
            let registered: FxHashSet<&str> = (l.rows.iter())
                .filter(|r| r.registered == Some(true))
                .map(|r| r.user_id.as_str())
                .collect();
            expected_members(owner.get_untracked().trim(), &requested, &registered)
        });
        stage.set(Stage::Confirm { added, skipped });
    });

    // v2.3: the members past the first call's cap, invited once the group
    // exists; one table then holds every member's outcome.
    let invites = Run::new(app);

    let create = {
        let scope = scope.clone();
        move || {
            let Stage::Confirm { added, skipped } = stage.get_untracked() else {
                return;
            };
            let release = app.release();
            let (first, rest) = split_for_create(requested(), release.members_per_call());
            let owner_id = owner.get_untracked().trim().to_string();
            let req = CreateGroupReq {
                owner_user_id: owner_id.clone(),
                group_type: group_type.get_untracked(),
                group_name: name.get_untracked(),
                notification: notification.get_untracked(),
                introduction: introduction.get_untracked(),
                face_url: face_url.get_untracked(),
                ex: ex.get_untracked(),
                group_id: if release.chooses_group_id() {
                    chosen_id.get_untracked().trim().to_string()
                } else {
                    String::new()
                },
                // Everyone asked for is sent; the server skips whom it skips.
                member_list: (first.iter().cloned())
                    .map(|(user_id, role_level)| GroupAddMemberInfo {
                        user_id,
                        role_level,
                    })
                    .collect(),
            };
            stage.set(Stage::Creating);
            let scope = scope.clone();
            leptos::task::spawn_local(async move {
                let Some(answer) = app.call(&scope, &req).await else {
                    return;
                };
                match answer.map(|v| GroupInfo::from_json(&v)) {
                    Ok(info) => {
                        let in_first: FxHashSet<&str> =
                            first.iter().map(|(id, _)| id.as_str()).collect();
                        let added_now = added
                            .iter()
                            .filter(|id| in_first.contains(id.as_str()))
                            .count();
                        recent.change(|l| remember(l, &info));
                        if !rest.is_empty() {
                            invite_rest(invites, release, &info.group_id, &first, &rest, &added);
                        }
                        // The form starts over; the report below keeps what was made.
                        for v in values {
                            v.set(String::new());
                        }
                        run.lookup.set(Default::default());
                        stage.set(Stage::Created {
                            info,
                            expected: added_now + 1,
                            skipped,
                        });
                    }
                    Err(e) => stage.set(Stage::Failed(e)),
                }
            });
        }
    };

    let no_error = Signal::stored(None::<String>);
    let busy = flag(move || matches!(stage.get(), Stage::Checking | Stage::Creating));
    let type_choice =
        move |value: i32, label: fn(&'static crate::i18n::Strings) -> &'static str| {
            view! { <option value=value.to_string()>{tr(label)}</option> }
        };
    view! {
        <section class="panel create-group" aria-labelledby="create-title">
            <h2 id="create-title">{tr(|t| t.create_title)}</h2>
            <form class="create-form" novalidate on:submit=check>
                {move || app.release().chooses_group_id().then(|| view! {
                    <TextField id="group-groupID" label=Signal::derive(tr(|t| t.field_custom_group_id)) value=chosen_id
                        error=group_id_error hint=Signal::derive(tr(|t| t.hint_custom_group_id))/>
                })}
                <TextField id="group-owner" label=Signal::derive(tr(|t| t.field_owner)) value=owner error=owner_error/>
                <div class="field">
                    <label for="group-type">{tr(|t| t.field_group_type)}</label>
                    <select id="group-type" prop:value=move || group_type.get().to_string()
                        on:change:target=move |ev| group_type.set(ev.target().value().parse().unwrap_or(0))>
                        {type_choice(0, |t| t.group_type_0)}
                        {type_choice(1, |t| t.group_type_1)}
                    </select>
                </div>
                <TextField id="group-name" label=Signal::derive(tr(|t| t.field_group_name)) value=name error=no_error
                    hint=Signal::derive(tr(|t| t.hint_group_name))/>
                <TextField id="group-notification" label=Signal::derive(tr(|t| t.field_notification)) value=notification error=no_error/>
                <TextField id="group-introduction" label=Signal::derive(tr(|t| t.field_introduction)) value=introduction error=no_error/>
                <TextField id="group-faceURL" kind="url" label=Signal::derive(tr(|t| t.field_face_url)) value=face_url error=no_error/>
                {move || safe_url(&face_url.get()).map(|url| view! {
                    <img class="face preview" src=url.to_string() alt="" width="64" height="64" referrerpolicy="no-referrer"/>
                })}
                <TextField id="group-ex" label=Signal::derive(tr(|t| t.col_ex)) value=ex error=no_error/>

                <fieldset class="members">
                    <legend>{tr(|t| t.members_legend)}</legend>
                    <IdListInput id="group-members" label=Signal::derive(tr(|t| t.members_label)) value=pasted error=pasted_error/>
                    <div class="actions">
                        <div class="field inline">
                            <label for="add-role">{tr(|t| t.add_as)}</label>
                            <select id="add-role" on:change:target=move |ev| add_role.set(ev.target().value().parse().unwrap_or(ROLE_ORDINARY))>
                                <option value=ROLE_ORDINARY.to_string()>{tr(|t| t.role_member)}</option>
                                <option value=ROLE_ADMIN.to_string()>{tr(|t| t.role_admin)}</option>
                            </select>
                        </div>
                        <button type="button" class="secondary add-members" on:click=add>{tr(|t| t.add_members)}</button>
                    </div>
                    <p class="hint">{tr(|t| t.members_rules)}</p>
                    <UserResults run columns=MEMBER_COLUMNS summary=|t| t.members_summary purpose=Purpose::Members id="members"/>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="primary check-create" disabled=busy aria-busy=move || busy.get().to_string()>
                        {move || if busy.get() { app.t().working } else { app.t().check_and_create }}
                    </button>
                </div>
            </form>
            {move || match stage.get() {
                Stage::Confirm { added, skipped } => {
                    let added_set: FxHashSet<&str> = added.iter().map(String::as_str).collect();
                    let admins = run.lookup.with_untracked(|l| {
                        l.rows.iter().filter(|r| r.role == ROLE_ADMIN && added_set.contains(r.user_id.as_str())).count()
                    });
                    let create = create.clone();
                    let cap = app.release().members_per_call();
                    let later = split_for_create(requested(), cap).1.len();
                    view! { <Confirm added=added.len() admins later skipped create=Callback::new(move |()| create()) stage/> }.into_any()
                }
                Stage::Created { info, expected, skipped } => view! {
                    <Created info expected skipped/>
                    <When when=flag(move || invites.lookup.with(|l| !l.rows.is_empty()))>
                        <h3>{tr(|t| t.invited_after_create)}</h3>
                        <RunStatus run=invites/>
                        <UserResults run=invites columns=GROUP_RESULT_COLUMNS summary=|t| t.member_results_summary
                            purpose=Purpose::Results id="created-members"/>
                    </When>
                }.into_any(),
                Stage::Failed(e) => {
                    // HTTP 500 from create_group: the group row may be stored already.
                    let half_made = e.err_code() == Some(500);
                    view! {
                        <ErrorBox error=e/>
                        {half_made.then(|| view! { <p class="warning half-made">{tr(|t| t.half_made)}</p> })}
                    }.into_any()
                }
                _ => ().into_any(),
            }}
        </section>
    }
}

/// What the server will do, for the operator to confirm.
#[component]
fn Confirm(
    added: usize,
    admins: usize,
    /// Members invited after the group is made (v2.3's cap).
    later: usize,
    skipped: Vec<String>,
    create: Callback<()>,
    stage: RwSignal<Stage>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="confirm create-confirm" role="alertdialog" aria-labelledby="create-confirm-title">
            <h3 id="create-confirm-title">{tr(|t| t.confirm_create_title)}</h3>
            <p>{text(move || fill(app.t().confirm_create.form(added), &[("added", &added), ("admins", &admins)]))}</p>
            {(later > 0).then(|| view! { <p class="in-chunks">{counted(|t| t.create_in_chunks, move || later)}</p> })}
            <Skipped skipped/>
            <div class="actions">
                <button type="button" class="primary create" on:click=move |_| create.run(())>{tr(|t| t.create_button)}</button>
                <button type="button" class="secondary" on:click=move |_| stage.set(Stage::Editing)>{tr(|t| t.cancel)}</button>
            </div>
        </div>
    }
}

/// The new group as the server answered, and what differs from the request.
#[component]
fn Created(info: GroupInfo, expected: usize, skipped: Vec<String>) -> impl IntoView {
    let app = use_app();
    let count = info.member_count as usize;
    let id = info.group_id.clone();
    view! {
        <div class="notice created" role="status">
            <h3>{tr(|t| t.created_title)}</h3>
            <p class="group-id">
                "groupID " <code class="new-group-id">{id.clone()}</code> " " <CopyButton text=id.clone()/>
                " " <a class="open-group" href=crate::routes::group(&id)>{tr(|t| t.open_page)}</a>
            </p>
            <p class="created-summary">{text(move || fill(app.t().created_summary, &[
                ("count", &count), ("name", &info.group_name), ("creator", &info.creator_user_id),
            ]))}</p>
            {(count != expected).then(|| view! {
                <p class="warning mismatch">{text(move || fill(app.t().created_mismatch.form(count), &[("count", &count), ("expected", &expected)]))}</p>
            })}
            <Skipped skipped/>
        </div>
    }
}

/// The requested IDs the server skips (or skipped), the first few in full.
#[component]
fn Skipped(skipped: Vec<String>) -> impl IntoView {
    let count = skipped.len();
    (count > 0).then(|| {
        view! {
            <p class="skipped-count">{with_count(|t| t.skipped_members, move || count)}</p>
            <ul class="skipped">
                {skipped.into_iter().take(SKIPPED_SHOWN).map(|id| view! { <li><code>{id}</code></li> }).collect_view()}
            </ul>
        }
    })
}

/// Fills `invites` with one row per member (the first call's marked as
/// created, or skipped when unregistered) and invites `rest` to the new
/// group in calls the release takes.
fn invite_rest(
    invites: Run,
    release: Release,
    group_id: &str,
    first: &[(String, i32)],
    rest: &[(String, i32)],
    added: &[String],
) {
    let pair = |(id, _): &(String, i32)| (String::new(), id.clone());
    let all: Vec<(String, String)> = first.iter().chain(rest).map(pair).collect();
    let added: FxHashSet<&str> = added.iter().map(String::as_str).collect();
    let mut table = Lookup::results(Action::Invite, &all, None);
    table.apply_outcomes(
        "",
        (first.iter())
            .map(|(id, _)| {
                let added = added.contains(id.as_str());
                (id.clone(), Outcome::AtCreation { added })
            })
            .collect(),
    );
    invites.failed.set(Vec::new());
    invites.lookup.set(table);
    let rest: Vec<(String, String)> = rest.iter().map(pair).collect();
    invites.add(plan_action(release, Action::Invite, group_id, "", &rest));
}
