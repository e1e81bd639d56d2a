//! Serving a built dashboard on the same origin (`--dashboard DIR`).

mod common;
use common::*;
use std::path::PathBuf;

/// Removes the temporary site when the test ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A dashboard directory with one file of each served type, next to a
/// secret file outside it.
fn site() -> (TempDir, Server) {
    let base = std::env::temp_dir().join(format!(
        "openim-sim-static-{}-{}",
        std::process::id(),
        now_millis() + rand_suffix()
    ));
    let dist = base.join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(base.join("secret.txt"), "top secret").unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>dash</title>",
    )
    .unwrap();
    std::fs::write(dist.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("app.js"), "export{}").unwrap();
    std::fs::write(dist.join("assets/style.css"), "body{}").unwrap();
    std::fs::write(dist.join("config.json"), "{}").unwrap();
    std::fs::write(dist.join("logo.svg"), "<svg/>").unwrap();
    std::fs::write(dist.join("icon.png"), b"\x89PNG").unwrap();
    let server = with(openim_sim::Config {
        users: 0,
        quiet: true,
        dashboard: Some(dist),
        ..openim_sim::Config::default()
    });
    (TempDir(base), server)
}

fn rand_suffix() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static N: AtomicI64 = AtomicI64::new(0);
    N.fetch_add(1_000_000, Ordering::SeqCst)
}

#[tokio::test]
async fn files_are_served_with_their_types() {
    let (_base, s) = site();
    for (path, ty) in [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/app_bg.wasm", "application/wasm"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/config.json", "application/json"),
        ("/logo.svg", "image/svg+xml"),
        ("/icon.png", "image/png"),
    ] {
        let r = s.call("GET", path, None, "").await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some(ty), "{path}");
    }
    let r = s.call("GET", "/app.js", None, "").await;
    assert_eq!(r.text(), "export{}");
}

#[tokio::test]
async fn client_routes_fall_back_to_index_html() {
    let (_base, s) = site();
    for path in ["/users", "/groups/abc/members", "/login?next=%2Fusers"] {
        let r = s.call("GET", path, None, "").await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.text(), "<!doctype html><title>dash</title>");
    }
    // A missing file with an extension is a 404, not the app.
    s.call("GET", "/missing.js", None, "")
        .await
        .assert(404, "404 page not found");
    s.call("GET", "/assets/missing.css", None, "")
        .await
        .assert(404, "404 page not found");
}

#[tokio::test]
async fn paths_outside_the_directory_are_refused() {
    let (_base, s) = site();
    for path in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt",
    ] {
        let r = s.call("GET", path, None, "").await;
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("top secret"), "{path}");
    }
}

#[tokio::test]
async fn head_has_no_body_and_the_api_still_works() {
    let (_base, s) = site();
    let r = s.call("HEAD", "/app.js", None, "").await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    let r = s
        .post("/auth/user_token", None, &fixture("user_token.request"))
        .await;
    assert_eq!(r.json()["errCode"], 0);
    s.call("OPTIONS", "/app.js", None, "")
        .await
        .assert(200, "\"Options Request!\"");
}
