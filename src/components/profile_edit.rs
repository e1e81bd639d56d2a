//! The edit form of one user: every update_user_info field, checked
//! against the server's binding rules before anything is sent, sending only
//! what the operator changed. What is typed is kept as a draft, so a
//! refused session or a reload loses nothing.

use leptos::prelude::*;

use crate::api::user::{safe_url, UserInfo};
use crate::api::ApiError;
use crate::components::error_box::ErrorBox;
use crate::components::text_field::TextField;
use crate::i18n::{fill, Pick};
use crate::model::profile::{update_request, ProfileField, ProfileForm, ProfileProblem};
use crate::state::{page_scope, tr, use_app};

/// The text fields of the form, in order: input id, label, input type.
const FIELDS: [(ProfileField, &str, Pick, &str); 6] = [
    (
        ProfileField::Nickname,
        "nickname",
        |t| t.col_nickname,
        "text",
    ),
    (
        ProfileField::FaceUrl,
        "faceURL",
        |t| t.field_face_url,
        "url",
    ),
    (
        ProfileField::PhoneNumber,
        "phoneNumber",
        |t| t.field_phone,
        "tel",
    ),
    (ProfileField::Birth, "birth", |t| t.field_birth, "date"),
    (ProfileField::Email, "email", |t| t.field_email, "email"),
    (ProfileField::Ex, "ex", |t| t.col_ex, "text"),
];

fn draft_name(user_id: &str, key: &str) -> String {
    format!("user.{user_id}.{key}")
}

/// The value of text field `i` (in [`FIELDS`] order) in `form`.
fn field_of(form: &ProfileForm, i: usize) -> String {
    [
        &form.nickname,
        &form.face_url,
        &form.phone_number,
        &form.birth,
        &form.email,
        &form.ex,
    ][i]
        .clone()
}

fn form_of(values: &[RwSignal<String>; 6], gender: RwSignal<String>) -> ProfileForm {
    let v = |i: usize| values[i].get_untracked();
    ProfileForm {
        nickname: v(0),
        face_url: v(1),
        phone_number: v(2),
        birth: v(3),
        email: v(4),
        ex: v(5),
        gender: gender.get_untracked().parse().unwrap_or(0),
    }
}

/// `info` is the server's profile (None until it answered); `on_saved`
/// gets the user ID after the server accepted a change.
#[component]
pub fn ProfileEdit(
    user_id: String,
    info: Memo<Option<UserInfo>>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let app = use_app();
    let scope = page_scope();
    let id = user_id;
    // The form: typed values are drafts, so a refused session keeps them.
    let values: [RwSignal<String>; 6] = FIELDS.map(|(_, key, _, _)| {
        RwSignal::new(crate::session::draft(&draft_name(&id, key)).unwrap_or_default())
    });
    let gender =
        RwSignal::new(crate::session::draft(&draft_name(&id, "gender")).unwrap_or_default());
    let before = StoredValue::new(None::<ProfileForm>);
    // The server's profile fills the fields nobody has typed into.
    Effect::new({
        let id = id.clone();
        move |_| {
            let Some(info) = info.get() else {
                return;
            };
            let form = ProfileForm::from_info(&info);
            for (i, (_, key, _, _)) in FIELDS.iter().enumerate() {
                if crate::session::draft(&draft_name(&id, key)).is_none() {
                    values[i].set(field_of(&form, i));
                }
            }
            if crate::session::draft(&draft_name(&id, "gender")).is_none() {
                gender.set(form.gender.to_string());
            }
            before.set_value(Some(form));
        }
    });
    let keep = {
        let id = id.clone();
        move |key: &str, value: &str| crate::session::set_draft(&draft_name(&id, key), value)
    };

    let problems = RwSignal::new(Vec::<(ProfileField, ProfileProblem)>::new());
    let saved = RwSignal::new(None::<bool>);
    let save_error = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    let save = {
        let (id, scope) = (id.clone(), scope.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(old) = before.get_value() else {
                return;
            };
            let new = form_of(&values, gender);
            saved.set(None);
            save_error.set(None);
            let req = match update_request(&id, &old, &new) {
                Err(p) => return problems.set(p),
                Ok(None) => {
                    problems.set(Vec::new());
                    return saved.set(Some(false));
                }
                Ok(Some(req)) => req,
            };
            problems.set(Vec::new());
            let (id, scope) = (id.clone(), scope.clone());
            saving.set(true);
            leptos::task::spawn_local(async move {
                let answer = app.call(&scope, &req).await;
                saving.set(false);
                let Some(answer) = answer else {
                    return;
                };
                match answer {
                    Ok(()) => {
                        for (_, key, _, _) in FIELDS {
                            crate::session::set_draft(&draft_name(&id, key), "");
                        }
                        crate::session::set_draft(&draft_name(&id, "gender"), "");
                        saved.set(Some(true));
                        on_saved.run(id);
                    }
                    Err(e) => save_error.set(Some(e)),
                }
            });
        }
    };

    let problem_for = move |field: ProfileField| {
        Signal::derive(move || {
            problems.with(|p| {
                p.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, problem)| match problem {
                        ProfileProblem::TooLong => {
                            fill(app.t().err_too_long, &[("max", &field.max_chars())])
                        }
                        ProfileProblem::BadDate => app.t().err_birth.to_string(),
                    })
            })
        })
    };
    let face = move || values[1].get();
    view! {
        <form class="edit-form" novalidate on:submit=save.clone()>
            <h2>{tr(|t| t.edit_title)}</h2>
            <p class="hint">{tr(|t| t.edit_rules)}</p>
            {FIELDS.into_iter().enumerate().map(|(i, (field, key, label, kind))| {
                let keep = keep.clone();
                let value = values[i];
                // What differs from the server's profile is a draft.
                Effect::new(move |_| {
                    let v = value.get();
                    if let Some(server) = before.with_value(|b| b.as_ref().map(|b| field_of(b, i))) {
                        keep(key, if v == server { "" } else { &v });
                    }
                });
                view! { <TextField id=format!("edit-{key}") label=Signal::derive(tr(label)) kind value error=problem_for(field)/> }
            }).collect_view()}
            {move || safe_url(&face()).map(|url| view! { <img class="face preview" src=url.to_string() alt="" width="64" height="64" referrerpolicy="no-referrer"/> })}
            <div class="field">
                <label for="edit-gender">{tr(|t| t.col_gender)}</label>
                <select id="edit-gender" prop:value=gender on:change:target={
                    let keep = keep.clone();
                    move |ev| {
                        gender.set(ev.target().value());
                        keep("gender", &ev.target().value());
                    }
                }>
                    <option value="0" disabled>{tr(|t| t.gender_unset)}</option>
                    <option value="1">{tr(|t| t.gender_male)}</option>
                    <option value="2">{tr(|t| t.gender_female)}</option>
                </select>
            </div>
            <div class="actions">
                <button type="submit" class="primary" disabled=saving>{tr(|t| t.save_button)}</button>
            </div>
            {move || saved.get().map(|changed| view! {
                <p class="notice saved" role="status">{tr(if changed { |t| t.saved } else { |t| t.nothing_changed })}</p>
            })}
            {move || save_error.get().map(|e| view! { <ErrorBox error=e/> })}
        </form>
    }
}
