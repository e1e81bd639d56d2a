//! Sign-in: exchange the secret for a token, then prove the ID is an admin
//! before letting the operator in.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::auth::{check_login, LoginProblem, ParseTokenReq, UserTokenReq, ADMIN_PLATFORM};
use crate::api::release::Release;
use crate::api::transport::{call, Connection, Scope};
use crate::api::user::{AccountCheckReq, PLATFORMS};
use crate::api::ApiError;
use crate::components::error_box::ErrorBox;
use crate::components::field_error::FieldError;
use crate::components::text_field::TextField;
use crate::i18n::{fill, Strings};
use crate::routes::safe_return_path;
use crate::session::Session;
use crate::state::{flag, kept_draft, page_scope, text, tr, use_app, When};

/// Draft key of the last admin ID signed in with in this tab.
const LAST_USER: &str = "login.user";

/// errCode the v2 server gives non-admins on admin-only calls.
const NO_PERMISSION: i64 = 801;

#[derive(Clone, Debug, PartialEq)]
enum Failure {
    Api(ApiError),
    NotAdmin(String),
    /// The server's answers fit no v2 release.
    UnknownRelease,
}

#[derive(Clone, Copy, PartialEq)]
enum Busy {
    Idle,
    SigningIn,
    Detecting,
    CheckingAdmin,
}

fn problem_text(t: &Strings, p: LoginProblem) -> &'static str {
    match p {
        LoginProblem::SecretMissing => t.err_secret_missing,
        LoginProblem::SecretTooLong => t.err_secret_too_long,
        LoginProblem::UserIdMissing => t.err_user_missing,
        LoginProblem::UserIdTooLong => t.err_user_too_long,
        LoginProblem::PlatformOutOfRange => t.err_platform,
        LoginProblem::ServerUrlInvalid => t.err_server_url,
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let query = use_query_map();
    let scope = page_scope();

    // What was typed into index.html's form before the app started.
    let typed = crate::components::boot_form::take();
    let server = RwSignal::new(typed.as_ref().map(|t| t.server.clone()).unwrap_or_default());
    let secret = RwSignal::new(typed.as_ref().map(|t| t.secret.clone()).unwrap_or_default());
    let user_id = RwSignal::new(match &typed {
        Some(t) => t.user_id.clone(),
        None => crate::session::draft(LAST_USER).unwrap_or_default(),
    });
    let platform = RwSignal::new(
        typed
            .as_ref()
            .and_then(|t| t.platform.parse().ok())
            .unwrap_or(ADMIN_PLATFORM),
    );
    // "": detect at sign-in (or take config.json's); else a release key.
    let release = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<LoginProblem>::new());
    let failure = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(Busy::Idle);

    // Already signed in (a bookmark, the back button): carry on.
    Effect::new(move |_| {
        if app.signed_in() {
            let next = safe_return_path(query.get_untracked().get("next").as_deref());
            navigate(&next, Default::default());
        }
    });

    // Preset (or restricted) server from config.json, once it has loaded;
    // a server the operator already typed stays, unless it is not allowed.
    Effect::new(move |_| {
        let config = app.config.get();
        if config.is_restricted() || server.get_untracked().is_empty() {
            server.set(config.initial_server());
        }
    });

    let problem_for = move |wanted: &'static [LoginProblem]| {
        Signal::derive(move || {
            problems
                .get()
                .into_iter()
                .find(|p| wanted.contains(p))
                .map(|p| problem_text(app.t(), p).to_string())
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() != Busy::Idle {
            return;
        }
        let server_url = server
            .get_untracked()
            .trim()
            .trim_end_matches('/')
            .to_string();
        let found = check_login(
            &server_url,
            &secret.get_untracked(),
            &user_id.get_untracked(),
            platform.get_untracked(),
        );
        let found = if app.config.get_untracked().allows(&server_url) || !found.is_empty() {
            found
        } else {
            vec![LoginProblem::ServerUrlInvalid]
        };
        failure.set(None);
        problems.set(found.clone());
        if !found.is_empty() {
            return;
        }
        let req = UserTokenReq {
            secret: secret.get_untracked(),
            platform: platform.get_untracked(),
            user_id: user_id.get_untracked().trim().to_string(),
        };
        let scope = scope.clone();
        let chosen = Release::from_key(&release.get_untracked())
            .or_else(|| app.config.get_untracked().release());
        busy.set(Busy::SigningIn);
        leptos::task::spawn_local(async move {
            let outcome = sign_in(&server_url, &scope, &req, chosen, busy).await;
            busy.set(Busy::Idle);
            match outcome {
                Ok(session) => {
                    secret.set(String::new());
                    crate::session::set_draft(LAST_USER, &session.user_id);
                    // The effect above takes the operator on from here.
                    app.sign_in(session);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };

    let platform_options = move || {
        let admin = app.t().platform_admin;
        PLATFORMS
            .iter()
            .map(|(id, name)| (*id, format!("{id} · {name}")))
            .chain(std::iter::once((
                ADMIN_PLATFORM,
                format!("{ADMIN_PLATFORM} · {admin}"),
            )))
            .map(|(id, label)| view! { <option value=id.to_string()>{label}</option> })
            .collect_view()
    };

    view! {
        <section class="page narrow login">
            <h1>{tr(|t| t.login_title)}</h1>
            <When when=app.session_ended.into()>
                <p class="notice" role="status">{tr(|t| t.session_ended)}</p>
            </When>
            <p class="intro">{tr(|t| t.login_intro)}</p>
            <form class="login-form" id="login-form" novalidate on:submit=submit>
                {move || {
                    let config = app.config.get();
                    if config.is_restricted() {
                        view! {
                            <div class="field">
                                <label for="login-server">{tr(|t| t.server_choice_label)}</label>
                                <select id="login-server" prop:value=server
                                    on:change:target=move |ev| server.set(ev.target().value())>
                                    {config.servers.iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <TextField id="login-server" kind="url" autocomplete="url"
                                placeholder="https://im.example.com:10002"
                                label=Signal::derive(tr(|t| t.server_label))
                                hint=Signal::derive(tr(|t| t.server_hint))
                                value=server error=problem_for(&[LoginProblem::ServerUrlInvalid])/>
                        }.into_any()
                    }
                }}
                <TextField id="login-secret" kind="password" autocomplete="current-password"
                    label=Signal::derive(tr(|t| t.secret_label))
                    value=secret error=problem_for(&[LoginProblem::SecretMissing, LoginProblem::SecretTooLong])/>
                <TextField id="login-user" autocomplete="username" placeholder="openIM123456"
                    label=Signal::derive(tr(|t| t.user_id_label))
                    value=user_id error=problem_for(&[LoginProblem::UserIdMissing, LoginProblem::UserIdTooLong])/>
                <div class="field">
                    <label for="login-platform">{tr(|t| t.platform_label)}</label>
                    <select id="login-platform" aria-describedby="login-platform-hint login-platform-error"
                        prop:value=move || platform.get().to_string()
                        on:change:target=move |ev| platform.set(ev.target().value().parse().unwrap_or(0))>
                        {platform_options}
                    </select>
                    <p class="hint" id="login-platform-hint">{tr(|t| t.platform_hint)}</p>
                    <FieldError id="login-platform-error" message=problem_for(&[LoginProblem::PlatformOutOfRange])/>
                </div>
                <details class="advanced">
                    <summary>{tr(|t| t.advanced_options)}</summary>
                    <div class="field">
                        <label for="login-release">{tr(|t| t.release_label)}</label>
                        <select id="login-release" aria-describedby="login-release-hint" prop:value=release
                            on:change:target=move |ev| release.set(ev.target().value())>
                            <option value="">{move || match app.config.get().release() {
                                Some(r) => fill(app.t().release_configured, &[("release", &r.label())]),
                                None => app.t().release_detect.to_string(),
                            }}</option>
                            {Release::ALL.map(|r| view! { <option value=r.key()>{r.label()}</option> })}
                        </select>
                        <p class="hint" id="login-release-hint">{tr(|t| t.release_hint)}</p>
                    </div>
                    <TextField id="login-cms" label=Signal::derive(tr(|t| t.cms_label)) value=kept_draft(crate::keys::CMS_URL)
                        error=Signal::stored(None::<String>) hint=Signal::derive(tr(|t| t.cms_hint)) placeholder="https://im.example.com/cms"/>
                </details>
                <button type="submit" class="primary" disabled=flag(move || busy.get() != Busy::Idle)>
                    {move || match busy.get() {
                        Busy::Idle => app.t().login_button,
                        Busy::SigningIn => app.t().logging_in,
                        Busy::Detecting => app.t().detecting_release,
                        Busy::CheckingAdmin => app.t().checking_admin,
                    }}
                </button>
            </form>
            {move || failure.get().map(|f| match f {
                Failure::Api(e) => view! { <ErrorBox error=e/> }.into_any(),
                Failure::NotAdmin(user) => view! {
                    <p class="error-box not-admin" role="alert">{text(move || fill(app.t().err_not_admin, &[("user", &user)]))}</p>
                }.into_any(),
                Failure::UnknownRelease => view! {
                    <p class="error-box unknown-release" role="alert">{tr(|t| t.err_unknown_release)}</p>
                }.into_any(),
            })}
        </section>
    }
}

/// When the server itself says the token expires (v2.0.10+), which is what
/// counts if its clock or configuration differs from what user_token said.
async fn real_expiry(signed: &Connection, scope: &Scope) -> Option<i64> {
    if !signed.release.has(crate::api::endpoints::PARSE_TOKEN) {
        return None;
    }
    let parsed = call(signed, scope, &ParseTokenReq {}).await.ok()?;
    // The server spells the key with capitals.
    Some(crate::api::group::number(&parsed, "ExpireTimeSeconds")).filter(|&s| s > 0)
}

/// user_token, the server's release (`chosen`, or found out by probing),
/// then an admin-only call: the real server silently answers non-admins
/// with "everyone offline", so a non-admin must be stopped here.
async fn sign_in(
    server: &str,
    scope: &Scope,
    req: &UserTokenReq,
    chosen: Option<Release>,
    busy: RwSignal<Busy>,
) -> Result<Session, Failure> {
    // user_token has one route in every release.
    let anonymous = Connection {
        server: server.to_string(),
        token: None,
        release: Release::default(),
    };
    let token = call(&anonymous, scope, req).await.map_err(Failure::Api)?;
    let token = crate::api::auth::UserTokenResp::from_json(&token);
    let release = match chosen {
        Some(release) => release,
        None => {
            busy.set(Busy::Detecting);
            (crate::api::probe::detect(server).await).ok_or(Failure::UnknownRelease)?
        }
    };
    busy.set(Busy::CheckingAdmin);
    let signed = Connection {
        server: server.to_string(),
        token: Some(token.token.clone()),
        release,
    };
    let probe = AccountCheckReq {
        check_user_id_list: Vec::new(),
    };
    match call(&signed, scope, &probe).await {
        Ok(_) => Ok(Session {
            server: server.to_string(),
            user_id: if token.user_id.is_empty() {
                req.user_id.clone()
            } else {
                token.user_id
            },
            expired_time: real_expiry(&signed, scope)
                .await
                .unwrap_or(token.expired_time),
            token: token.token,
            release: release.key().into(),
            cms: String::new(),
        }),
        Err(e) if e.err_code() == Some(NO_PERMISSION) => {
            Err(Failure::NotAdmin(req.user_id.clone()))
        }
        Err(e) => Err(Failure::Api(e)),
    }
}
