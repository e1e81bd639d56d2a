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

const WASM: &str = "/openim-admin-0123456789abcdef_bg.wasm";

/// A built dashboard as the release build leaves it: hashed assets with
/// `.br` and `.gz` beside them, and a config.json naming other servers.
fn built_site(config_json: &str) -> (TempDir, Server) {
    let (base, server) = site();
    let dist = base.0.join("dist");
    let name = WASM.trim_start_matches('/');
    std::fs::write(dist.join(name), b"\0asm-identity").unwrap();
    std::fs::write(dist.join(format!("{name}.br")), b"brotli-bytes").unwrap();
    std::fs::write(dist.join(format!("{name}.gz")), b"gzip-bytes!").unwrap();
    std::fs::write(dist.join("boot.js"), "import('./x.js')").unwrap();
    std::fs::write(dist.join("boot.js.gz"), "gz-boot").unwrap();
    std::fs::write(dist.join("config.json"), config_json).unwrap();
    (base, server)
}

#[tokio::test]
async fn precompressed_variants_follow_accept_encoding() {
    let (_base, s) = built_site("{}");
    for (accept, body, coding) in [
        (Some("gzip, deflate, br, zstd"), "brotli-bytes", Some("br")),
        (Some("gzip"), "gzip-bytes!", Some("gzip")),
        (Some("br;q=0.4, gzip;q=0.9"), "gzip-bytes!", Some("gzip")),
        (Some("zstd"), "\0asm-identity", None),
        (Some("br;q=0, gzip;q=0"), "\0asm-identity", None),
        (Some("identity"), "\0asm-identity", None),
        (None, "\0asm-identity", None),
    ] {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-encoding", a)).into_iter().collect();
        let r = s.call_with("GET", WASM, &headers).await;
        assert_eq!(r.status, 200, "{accept:?}");
        assert_eq!(r.text(), body, "{accept:?}");
        assert_eq!(
            r.header("content-encoding").as_deref(),
            coding,
            "{accept:?}"
        );
        assert_eq!(r.header("vary").as_deref(), Some("Accept-Encoding"));
        // The type is the file's, whichever coding carries it.
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/wasm")
        );
    }
    // Files without variants do not vary.
    let r = s
        .call_with("GET", "/app.js", &[("accept-encoding", "br")])
        .await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.header("vary"), None);
    assert_eq!(r.text(), "export{}");
}

#[tokio::test]
async fn head_describes_the_variant_get_would_send() {
    let (_base, s) = built_site("{}");
    let r = s
        .call_with("HEAD", WASM, &[("accept-encoding", "br")])
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-encoding").as_deref(), Some("br"));
    assert_eq!(r.header("content-length").as_deref(), Some("12"));
    let r = s.call_with("HEAD", WASM, &[]).await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.header("content-length").as_deref(), Some("13"));
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_rest_revalidates() {
    let (_base, s) = built_site("{}");
    let r = s.call_with("GET", WASM, &[]).await;
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    for path in [
        "/",
        "/index.html",
        "/users",
        "/config.json",
        "/boot.js",
        "/app.js",
    ] {
        let r = s.call_with("GET", path, &[]).await;
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-cache"),
            "{path}"
        );
    }
    // An unhashed file with a variant still revalidates.
    let r = s
        .call_with("GET", "/boot.js", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(r.text(), "gz-boot");
    assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
}

#[tokio::test]
async fn dashboard_files_carry_a_strict_policy() {
    let (_base, s) = built_site("{}");
    for path in ["/", "/users", WASM, "/app.js"] {
        let r = s.call_with("GET", path, &[]).await;
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{csp}"
        );
        assert!(csp.contains("style-src 'self';"), "{csp}");
        assert!(csp.contains("connect-src 'self';"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("base-uri 'none'"), "{csp}");
        assert!(csp.contains("form-action 'self'"), "{csp}");
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains(" 'unsafe-eval'"),
            "{csp}"
        );
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));
    }
    // API answers are the real server's, without dashboard headers.
    let r = s
        .post("/auth/user_token", None, &fixture("user_token.request"))
        .await;
    assert_eq!(r.header("content-security-policy"), None);
}

#[tokio::test]
async fn servers_named_in_config_json_may_be_called() {
    let (_base, s) = built_site(
        r#"{"server":"https://im.example.com/api","servers":["https://im.example.com","http://backup.example.com:10002","javascript:alert(1)","https://x.com; script-src *"]}"#,
    );
    let r = s.call_with("GET", "/", &[]).await;
    let csp = r.header("content-security-policy").unwrap();
    assert!(
        csp.contains("connect-src 'self' https://im.example.com http://backup.example.com:10002;"),
        "{csp}"
    );
    assert!(
        !csp.contains("javascript") && !csp.contains("x.com"),
        "{csp}"
    );
}
