//! The HTTP layer: one fallback handler that routes like gin v1.7.0 with
//! `r.Use(CorsHandler())` (docs/api.md#cors): CORS headers on every answer,
//! OPTIONS on any path answered with `"Options Request!"`, unknown paths
//! with `404 page not found`, and POST to a route plus `/` redirected (307).

use crate::cms::{self, Found, Gen};
use crate::control;
use crate::csp;
use crate::faults::Fault;
use crate::handlers::{route, Call};
use crate::release::Release;
use crate::reply::Reply;
use crate::sim::Sim;
use crate::static_files::{self, percent_decode};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, Response, StatusCode};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub type Shared = Arc<Mutex<Sim>>;

const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// `CorsHandler` in pkg/utils/cors_middleware.go, verbatim values.
const CORS: [(&str, &str); 6] = [
    ("access-control-allow-origin", "*"),
    ("access-control-allow-methods", "*"),
    ("access-control-allow-headers", "*"),
    (
        "access-control-expose-headers",
        "Content-Length, Access-Control-Allow-Origin, Access-Control-Allow-Headers,Cache-Control,Content-Language,Content-Type,Expires,Last-Modified,Pragma,FooBar",
    ),
    ("access-control-max-age", "172800"),
    ("access-control-allow-credentials", "false"),
];

/// Body of gin's default 404 (served as text/plain, which overrides the
/// JSON content type the CORS middleware set).
const NOT_FOUND: &str = "404 page not found";

/// The Swagger UI page of v2.2.0 and later, reduced to what tells it apart.
const SWAGGER_PAGE: &str = "/swagger/index.html";
const SWAGGER_HTML: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>Swagger UI</title>\n</head>\n<body>\n<div id=\"swagger-ui\"></div>\n</body>\n</html>\n";

pub async fn dispatch(State(shared): State<Shared>, req: Request) -> Response<Body> {
    serve_request(&shared, req, false).await
}

/// The CMS listener (docs/cms.md#cms-deploy): the CMS engine only.
pub async fn cms_dispatch(State(shared): State<Shared>, req: Request) -> Response<Body> {
    serve_request(&shared, req, true).await
}

async fn serve_request(shared: &Shared, req: Request, cms_only: bool) -> Response<Body> {
    let started = Instant::now();
    let method = req.method().clone();
    let raw_path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let token = header(&req, "token");
    let accept_encoding = header(&req, "accept-encoding");
    let content_type = header(&req, "content-type");
    let body = to_bytes(req.into_body(), BODY_LIMIT)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();

    // CorsHandler answers OPTIONS itself on every path (no route exists);
    // the CMS's engine-wide middleware does the same (docs/cms.md#cms-cors).
    if method == Method::OPTIONS {
        return respond(200, "application/json", b"\"Options Request!\"".to_vec());
    }

    let incoming = Incoming {
        path: percent_decode(&raw_path),
        method,
        raw_path,
        query,
        token,
        accept_encoding,
        content_type,
        body,
        started,
    };
    let (resp, hold) = if cms_only {
        let mut sim = lock(shared);
        cms_answer(&mut sim, &incoming)
    } else {
        answer(shared, &incoming)
    };
    if let Some(hold) = hold {
        // A hung call: its effect is stored and the lock is free, so other
        // calls go on while this answer waits.
        tokio::time::sleep(hold).await;
    }
    resp
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Sim> {
    match shared.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// A CMS request, on the CMS listener or, with `--dashboard`, under the
/// generation's prefix on the main port (as an nginx `location /cms/`
/// would pass it on): the route's answer, gin's trailing-slash redirect,
/// or gin's 404, all with the CMS's CORS headers (docs/cms.md#cms-cors).
fn cms_answer(sim: &mut Sim, inc: &Incoming) -> (Response<Body>, Option<Duration>) {
    let gen = Gen::of(sim.config.release);
    let sub = inc
        .path
        .strip_prefix(gen.prefix())
        .filter(|s| s.starts_with('/'));
    let found = sub.map_or(Found::NotFound, |s| cms::find(gen, inc.method.as_str(), s));
    match found {
        Found::Route(route) => {
            let fault = if route.faultable {
                sim.faults.draw_named(&cms::fault_name(route.path))
            } else {
                None
            };
            let req = cms::Req {
                sub: route.path,
                query: inc.query.as_deref().unwrap_or_default(),
                token: inc.token.as_deref().unwrap_or_default(),
                body: &inc.body,
                content_type: inc.content_type.as_deref().unwrap_or_default(),
                service_fails: fault == Some(Fault::Fail),
            };
            let reply = cms::run(sim, gen, route, &req);
            record(sim, inc, &reply, fault);
            let resp = respond(reply.status, "application/json", reply.body);
            (resp, fault.and_then(Fault::hold))
        }
        Found::Redirect(to) => {
            let location = match &inc.query {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            if inc.method == Method::GET {
                // net/http's Redirect for GET: 301 with a short HTML body.
                let body = format!("<a href=\"{location}\">Moved Permanently</a>.\n\n");
                let mut resp = redirect(&location);
                *resp.status_mut() = StatusCode::MOVED_PERMANENTLY;
                resp.headers_mut().insert(
                    "content-type",
                    HeaderValue::from_static("text/html; charset=utf-8"),
                );
                *resp.body_mut() = Body::from(body);
                (resp, None)
            } else {
                (redirect(&location), None)
            }
        }
        Found::NotFound => {
            let reply = Reply {
                status: 404,
                body: NOT_FOUND.as_bytes().to_vec(),
            };
            record(sim, inc, &reply, None);
            (respond(404, "text/plain", reply.body), None)
        }
    }
}

/// A request as read off the wire.
struct Incoming {
    method: Method,
    raw_path: String,
    /// `raw_path` percent-decoded, as gin routes it.
    path: String,
    query: Option<String>,
    token: Option<String>,
    accept_encoding: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
    started: Instant,
}

/// Everything done under the lock: the answer, and how long to hold it
/// back. Being synchronous, it cannot keep the lock across a wait.
fn answer(shared: &Shared, inc: &Incoming) -> (Response<Body>, Option<Duration>) {
    let mut sim = lock(shared);
    let (method, path) = (&inc.method, inc.path.as_str());

    if sim.config.control && path.starts_with("/_sim/") {
        if let Some((status, value)) = control::handle(&mut sim, method.as_str(), path, &inc.body) {
            let bytes = serde_json::to_vec(&value).unwrap_or_default();
            return (respond(status, "application/json", bytes), None);
        }
    }

    // Same origin: with the dashboard served here, `/api/` and `/cms/` are
    // passed to the CMS engine, as deploy/nginx.conf's `location` does; it
    // answers its generation's prefix and 404s the other. The main API has
    // no route under either prefix in any release, and the dashboard no
    // file.
    let under_cms = ["/api", "/cms"].iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with('/'))
    });
    if sim.config.dashboard.is_some() && under_cms && !sim.config.no_cms {
        return cms_answer(&mut sim, inc);
    }

    // From v2.2.0 the API serves its Swagger UI; this one path is never a
    // dashboard file (docs/releases.md#release-detection).
    if method == Method::GET && path == SWAGGER_PAGE && sim.config.release >= Release::V2_2_0 {
        let reply = Reply {
            status: 200,
            body: SWAGGER_HTML.as_bytes().to_vec(),
        };
        record(&mut sim, inc, &reply, None);
        let resp = respond(200, "text/html; charset=utf-8", reply.body);
        return (resp, None);
    }

    if method == Method::GET || method == Method::HEAD {
        if let Some(dir) = sim.config.dashboard.clone() {
            drop(sim);
            let head = method == Method::HEAD;
            let resp = serve_static(&dir, path, inc.accept_encoding.as_deref(), head);
            return (resp, None);
        }
    }

    let release = sim.config.release;
    let handler = if method == Method::POST {
        route(path, release)
    } else {
        None
    };
    let Some(handler) = handler else {
        return (unrouted(&mut sim, inc), None);
    };
    // Drawn after routing and before the handler, once per call.
    let fault = sim.faults.draw(path);
    let reply = match fault {
        Some(Fault::Fail) => Reply::rpc_failed(path),
        // The user service died of the CMS's add_user (trap T14 in
        // docs/cms.md#cms-traps): every user route fails as its RPC does.
        _ if sim.user_service_down && uses_user_service(path) => Reply::rpc_failed(path),
        _ => {
            let call = Call {
                token: inc.token.clone().unwrap_or_default(),
                body: inc.body.clone(),
            };
            handler(&mut sim, &call)
        }
    };
    record(&mut sim, inc, &reply, fault);
    let resp = respond(reply.status, "application/json", reply.body);
    (resp, fault.and_then(Fault::hold))
}

/// No route: gin's trailing-slash redirect or its 404.
fn unrouted(sim: &mut Sim, inc: &Incoming) -> Response<Body> {
    let trimmed = inc.path.strip_suffix('/').filter(|p| !p.is_empty());
    let release = sim.config.release;
    if inc.method == Method::POST && trimmed.and_then(|p| route(p, release)).is_some() {
        // gin's RedirectTrailingSlash: 307 for non-GET, no middleware.
        let location = match &inc.query {
            Some(q) => format!("{}?{q}", trimmed.unwrap_or_default()),
            None => trimmed.unwrap_or_default().to_string(),
        };
        return redirect(&location);
    }
    let reply = Reply {
        status: 404,
        body: NOT_FOUND.as_bytes().to_vec(),
    };
    record(sim, inc, &reply, None);
    respond(404, "text/plain", reply.body)
}

/// The main API's routes served by the user service.
fn uses_user_service(path: &str) -> bool {
    path.starts_with("/user/") && path != "/user/get_users_online_status"
}

fn header(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Prints the access line and, with `--control`, appends to the request
/// log, marking a faulted call. Nothing here grows with the tables unless
/// the log is asked for.
fn record(sim: &mut Sim, inc: &Incoming, reply: &Reply, fault: Option<Fault>) {
    if !sim.config.quiet {
        let op = serde_json::from_slice::<Head>(&inc.body)
            .ok()
            .and_then(|h| h.operation_id)
            .unwrap_or_else(|| "-".into());
        let outcome = match serde_json::from_slice::<Head>(&reply.body)
            .ok()
            .and_then(|h| h.err_code)
        {
            Some(code) => format!("errCode={code}"),
            None => match serde_json::from_slice::<Head>(&reply.body)
                .ok()
                .and_then(|h| h.code)
            {
                Some(code) => format!("code={code}"),
                None => format!("status={}", reply.status),
            },
        };
        let marked = fault.map_or(String::new(), |f| format!(" fault={}", f.name()));
        eprintln!(
            "{} {} operationID={op} {outcome} http={}{marked} {:.1}ms",
            inc.method,
            inc.raw_path,
            reply.status,
            inc.started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if sim.config.control {
        let mut entry = json!({
            "method": inc.method.as_str(),
            "path": inc.raw_path,
            "token": inc.token,
            "body": as_json_or_text(&inc.body),
            "status": reply.status,
            "response": as_json_or_text(&reply.body),
        });
        if let Some(f) = fault {
            entry["fault"] = json!(f.name());
        }
        if let Some(q) = &inc.query {
            entry["query"] = json!(q);
        }
        sim.requests.push(entry);
    }
}

/// The two fields an access line shows; the rest is skipped unparsed.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(rename = "operationID")]
    operation_id: Option<String>,
    #[serde(rename = "errCode")]
    err_code: Option<i64>,
    /// The A/B CMS envelope's code.
    code: Option<i64>,
}

fn as_json_or_text(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

fn serve_static(
    dir: &std::path::Path,
    path: &str,
    accept_encoding: Option<&str>,
    head: bool,
) -> Response<Body> {
    let Some(file) = static_files::lookup(dir, path, accept_encoding) else {
        return respond(404, "text/plain", NOT_FOUND.as_bytes().to_vec());
    };
    let len = file.body.len();
    let body = if head { Vec::new() } else { file.body };
    let mut resp = respond(200, file.content_type, body);
    let headers = resp.headers_mut();
    headers.insert(
        "cache-control",
        HeaderValue::from_static(file.cache_control),
    );
    if let Some(coding) = file.content_encoding {
        headers.insert("content-encoding", HeaderValue::from_static(coding));
    }
    if file.varies {
        headers.insert("vary", HeaderValue::from_static("Accept-Encoding"));
    }
    if let Ok(policy) = HeaderValue::from_str(&csp::policy(dir)) {
        headers.insert("content-security-policy", policy);
    }
    for (k, v) in csp::FIXED_HEADERS {
        headers.insert(k, HeaderValue::from_static(v));
    }
    if head {
        headers.insert("content-length", HeaderValue::from(len));
    }
    resp
}

fn respond(status: u16, content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = resp.headers_mut();
    for (k, v) in CORS {
        headers.insert(k, HeaderValue::from_static(v));
    }
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert("content-type", v);
    }
    resp
}

fn redirect(location: &str) -> Response<Body> {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::TEMPORARY_REDIRECT;
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert("location", v);
    }
    resp
}
