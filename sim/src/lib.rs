//! openim-sim: an in-memory stand-in for the OpenIM v2 admin REST API.
//!
//! It answers the admin routes with the real server's status codes, bodies
//! (byte for byte, Go-style JSON), binding errors, token rules and CORS, as
//! the server's source defines them for the release it plays (v2.0.8 unless
//! `Config::release` says otherwise, docs/releases.md#release-routes), and
//! can serve a built dashboard on the same origin. A second listener plays
//! the release's CMS API on the same tables (docs/cms.md, `cms`).

pub mod bind;
pub mod cms;
pub mod cms_index;
pub mod config;
pub mod content;
pub mod control;
pub mod csp;
pub mod demo;
pub mod faults;
pub mod godecode;
pub mod gojson;
pub mod gotime;
pub mod handlers;
pub mod http;
pub mod negotiate;
pub mod release;
pub mod reply;
pub mod requests;
pub mod rng;
pub mod roster;
pub mod sim;
pub mod state;
pub mod static_files;
pub mod table;
pub mod token;

pub use config::Config;
pub use release::Release;

use std::sync::{Arc, Mutex};

/// The router with fresh state built from `config` (admins, demo data).
pub fn app(config: Config) -> axum::Router {
    app_with_state(config).0
}

/// The router plus a handle on its state, for tests that arrange or inspect
/// the tables directly.
pub fn app_with_state(config: Config) -> (axum::Router, http::Shared) {
    let shared: http::Shared = Arc::new(Mutex::new(sim::Sim::new(config)));
    let router = axum::Router::new()
        .fallback(http::dispatch)
        .with_state(shared.clone());
    (router, shared)
}

/// The CMS API's router (docs/cms.md) on the same state as the main API's.
pub fn cms_app(shared: http::Shared) -> axum::Router {
    axum::Router::new()
        .fallback(http::cms_dispatch)
        .with_state(shared)
}

fn url_host(addr: std::net::SocketAddr) -> String {
    if addr.ip().is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    }
}

/// Binds the main port and the CMS port (unless turned off), prints the
/// listening URLs, and serves until Ctrl-C or SIGTERM. A CMS port that was
/// not asked for and is taken is skipped with a warning.
pub async fn serve(config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let host = url_host(addr);
    let cms_listener = match config.cms_listen_port() {
        None => None,
        Some((port, explicit)) => {
            match tokio::net::TcpListener::bind((config.host.as_str(), port)).await {
                Ok(l) => Some(l),
                Err(e) if !explicit => {
                    eprintln!("openim-sim: CMS API not started, port {port}: {e} (set --cms-port)");
                    None
                }
                Err(e) => return Err(e),
            }
        }
    };
    println!("openim-sim listening on http://{host}:{}", addr.port());
    if let Some(l) = &cms_listener {
        let a = l.local_addr()?;
        let prefix = cms::Gen::of(config.release).prefix();
        println!(
            "openim-sim CMS API listening on http://{}:{}{prefix}",
            url_host(a),
            a.port()
        );
    }
    if let Some(dir) = &config.dashboard {
        println!("serving dashboard from {}", dir.display());
    }
    if config.control {
        println!("test-control endpoints enabled under /_sim/");
    }
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let (router, shared) = app_with_state(config);
    if let Some(l) = cms_listener {
        let cms = cms_app(shared);
        tokio::spawn(async move {
            let served = axum::serve(l, cms)
                .with_graceful_shutdown(shutdown_signal())
                .await;
            if let Err(e) = served {
                eprintln!("openim-sim: CMS API: {e}");
            }
        });
    }
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
