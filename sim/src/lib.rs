//! openim-sim: an in-memory stand-in for the OpenIM v2 admin REST API.
//!
//! It answers the admin routes with the real server's status codes, bodies
//! (byte for byte, Go-style JSON), binding errors, token rules and CORS, as
//! the server's source defines them for the release it plays (v2.0.8 unless
//! `Config::release` says otherwise, docs/releases.md#release-routes), and
//! can serve a built dashboard on the same origin.

pub mod bind;
pub mod config;
pub mod content;
pub mod control;
pub mod csp;
pub mod demo;
pub mod faults;
pub mod godecode;
pub mod gojson;
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

/// Binds, prints the listening URL, and serves until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let host = if addr.ip().is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    println!("openim-sim listening on http://{host}:{}", addr.port());
    if let Some(dir) = &config.dashboard {
        println!("serving dashboard from {}", dir.display());
    }
    if config.control {
        println!("test-control endpoints enabled under /_sim/");
    }
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    axum::serve(listener, app(config))
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
