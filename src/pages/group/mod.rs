//! One group at `/groups/:groupID`, read back from the server: its record,
//! its members page by page, and every change the admin API can make to
//! it, each confirmed and read back afterwards
//! (docs/readback.md#readback-groups).

mod info;
mod members;
mod whole;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::endpoints::{encode, Encoded};
use crate::api::group::{GetGroupsInfoReq, GroupInfo, GroupMember};
use crate::api::transport::Scope;
use crate::api::ApiError;
use crate::components::bulk::Run;
use crate::components::confirm::{Ask, Confirm};
use crate::model::members::{is_last_page, member_row, page_request};
use crate::model::users::Lookup;
use crate::state::{page_scope, use_app, AppState};

#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let group_id = Memo::new(move |_| params.with(|p| p.get("groupID").unwrap_or_default()));
    // Another group in the address is a new page.
    move || view! { <GroupDetail group_id=group_id.get()/> }
}

/// What the group's record read came to: None while it is read, then the
/// record, or None inside when the server does not know the group.
type InfoRead = Option<Result<Option<GroupInfo>, ApiError>>;

/// The page's state, shared by its sections.
#[derive(Clone, Copy)]
struct Group {
    app: AppState,
    id: StoredValue<String>,
    info: RwSignal<InfoRead>,
    /// The members as read; its table is the page's member list.
    members: Run,
    /// Members read so far while a read is on; None when it is over.
    reading: RwSignal<Option<usize>>,
    /// Why the last member read stopped early.
    members_error: RwSignal<Option<ApiError>>,
    /// The last per-user action and its results.
    acts: Run,
    /// The write waiting for its confirmation.
    ask: RwSignal<Option<Ask>>,
    /// The last single write (transfer, whole-group actions, edit).
    outcome: RwSignal<Option<Result<(), ApiError>>>,
    /// Renewed by every read, so an older read still under way stops.
    generation: StoredValue<u64>,
    scope: StoredValue<Scope>,
}

impl Group {
    fn info(self) -> Option<GroupInfo> {
        self.info.with(|i| i.clone().and_then(Result::ok).flatten())
    }

    fn name(self) -> String {
        self.info
            .with_untracked(|i| i.clone().and_then(Result::ok).flatten())
            .map(|g| g.group_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.id.get_value())
    }

    /// Reads the record and every member again.
    fn reload(self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let app = self.app;
        let id = self.id.get_value();
        let scope = self.scope.get_value();
        leptos::task::spawn_local(async move {
            let req = encode(&GetGroupsInfoReq {
                group_id_list: vec![id.clone()],
            });
            if let Some(answer) = app.records(&scope, req).await {
                let found = answer
                    .map(|list| (list.iter().map(GroupInfo::from_json)).find(|g| g.group_id == id));
                if self.generation.get_value() == generation {
                    if let Ok(Some(info)) = &found {
                        crate::pages::groups::remember_read(info);
                    }
                    self.info.set(Some(found));
                }
            }
        });
        leptos::task::spawn_local(self.read_members(generation));
    }

    /// Reads the members page by page into a new table; the selection is
    /// kept for the members still there.
    async fn read_members(self, generation: u64) {
        let (app, id, scope) = (self.app, self.id.get_value(), self.scope.get_value());
        let release = app.release();
        let selected = self.members.lookup.with_untracked(Lookup::selected_ids);
        let now = crate::session::now_secs();
        self.members_error.set(None);
        self.reading.set(Some(0));
        let mut read = 0;
        loop {
            let req = encode(&page_request(release, &id, read as u32));
            let Some(answer) = app.records(&scope, req).await else {
                break; // the session ended; its guard takes over
            };
            if self.generation.get_value() != generation {
                return;
            }
            let page = match answer {
                Ok(page) => page,
                Err(e) => {
                    self.members_error.set(Some(e));
                    break;
                }
            };
            let got = page.len();
            let rows = (page.iter())
                .map(|m| member_row(GroupMember::from_json(m), now))
                .collect();
            self.members.lookup.update(|l| {
                if read == 0 {
                    *l = Lookup::of_rows(rows);
                } else {
                    l.extend(rows);
                }
            });
            read += got;
            self.reading.set(Some(read));
            if is_last_page(release, got) {
                break;
            }
        }
        self.members.lookup.update(|l| {
            let keep: Vec<usize> = selected.iter().filter_map(|id| l.position(id)).collect();
            l.select(keep, true);
        });
        self.reading.set(None);
    }

    /// Sends one write and reads the group back, whatever the answer.
    fn write(self, req: Encoded) {
        let (app, scope) = (self.app, self.scope.get_value());
        self.outcome.set(None);
        leptos::task::spawn_local(async move {
            // No answer: the session ended and the form waits for sign-in.
            if let Some(answer) = app.write(&scope, req).await {
                self.outcome.set(Some(answer));
                self.reload();
            }
        });
    }
}

/// The last group page left, with all its members read: one, so the
/// memory it holds stays that of one page.
mod kept {
    use std::cell::RefCell;

    use crate::api::group::GroupInfo;
    use crate::model::users::Lookup;

    /// How long a group read stays good for a return to its page.
    pub const KEPT_MS: f64 = 30_000.0;

    thread_local! {
        static LAST: RefCell<Option<(String, f64, GroupInfo, Lookup)>> = const { RefCell::new(None) };
    }

    pub fn put(group_id: String, info: GroupInfo, members: Lookup) {
        LAST.with(|l| *l.borrow_mut() = Some((group_id, js_sys::Date::now(), info, members)));
    }

    /// The group's record and members if it was left less than KEPT_MS ago.
    pub fn take(group_id: &str) -> Option<(GroupInfo, Lookup)> {
        let (id, at, info, members) = LAST.with(|l| l.borrow_mut().take())?;
        (id == group_id && js_sys::Date::now() - at < KEPT_MS).then_some((info, members))
    }
}

#[component]
fn GroupDetail(group_id: String) -> impl IntoView {
    let app = use_app();
    let group = Group {
        app,
        id: StoredValue::new(group_id.clone()),
        info: RwSignal::new(None),
        members: Run::new(app),
        reading: RwSignal::new(None),
        members_error: RwSignal::new(None),
        acts: Run::new(app),
        ask: RwSignal::new(None),
        outcome: RwSignal::new(None),
        generation: StoredValue::new(0),
        scope: StoredValue::new(page_scope()),
    };
    // A group left less than KEPT_MS ago comes back as it was read; a
    // 100,000-member group is 100 calls to read again.
    match kept::take(&group_id) {
        Some((info, members)) => {
            group.info.set(Some(Ok(Some(info))));
            group.members.lookup.set(members);
        }
        None => group.reload(),
    }
    on_cleanup(move || {
        let whole = group.reading.try_get_untracked() == Some(None)
            && group.members_error.try_with_untracked(Option::is_none) == Some(true);
        let info = group
            .info
            .try_get_untracked()
            .flatten()
            .and_then(Result::ok)
            .flatten();
        if let (true, Some(info)) = (whole, info) {
            if let Some(members) = group.members.lookup.try_update_untracked(std::mem::take) {
                kept::put(group.id.get_value(), info, members);
            }
        }
    });
    // A finished action is read back from the server.
    group.acts.when_finished(move || group.reload());
    view! {
        <section class="page group">
            <info::Header group/>
            <Confirm ask=group.ask/>
            <info::Info group/>
            <members::Members group/>
            <whole::Whole group/>
        </section>
    }
}
