//! The CMS API (`open_im_cms_api`, docs/cms.md): a second gin server with
//! its own prefix, envelopes, token check and routes, in three generations
//! (docs/cms.md#cms-generations): A = v2.0.8 (`/api`), B = v2.0.9 to
//! v2.3.0-rc2 (`/cms`, the sim's 2.0.10, 2.1.0 and 2.2.0), C = v2.3.2 and
//! v2.3.3 (`/cms`, every route POST with camelCase JSON).
//!
//! It reads and writes the same tables as the main API (one Redis, one
//! MySQL): a main-API token passes its token check as it is
//! (docs/cms.md#cms-token-check, trap T1).

pub mod ab;
pub mod c;
pub mod query;
pub mod stats;

use crate::gojson::Go;
use crate::release::Release;
use crate::reply::Reply;
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::CmsBlock;
use crate::token::Times;

/// A CMS generation (docs/cms.md#cms-generations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gen {
    A,
    B,
    C,
}

impl Gen {
    pub fn of(release: Release) -> Gen {
        match release {
            Release::V2_0_8 => Gen::A,
            r if r.is_2_3() => Gen::C,
            _ => Gen::B,
        }
    }

    /// Every route's prefix (docs/cms.md#cms-deploy).
    pub fn prefix(self) -> &'static str {
        match self {
            Gen::A => "/api",
            Gen::B | Gen::C => "/cms",
        }
    }
}

/// A request as a CMS handler sees it.
pub struct Req<'a> {
    /// The path after the prefix, e.g. `/group/get_groups`.
    pub sub: &'a str,
    pub query: &'a str,
    /// The `token` header; absent reads as "".
    pub token: &'a str,
    pub body: &'a [u8],
    pub content_type: &'a str,
    /// A fault asked the back-end service to fail this call (`/_sim/faults`).
    pub service_fails: bool,
}

pub type Handler = fn(&mut Sim, &Req) -> Reply;

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub handler: Handler,
    /// Behind the token check (every route but login, docs/cms.md#cms-routes).
    pub auth: bool,
    /// `/_sim/faults` can make its back-end call fail.
    pub faultable: bool,
}

pub fn routes(gen: Gen) -> &'static [Route] {
    match gen {
        Gen::A | Gen::B => ab::ROUTES,
        Gen::C => c::ROUTES,
    }
}

/// What the CMS engine does with a method and a path after the prefix.
pub enum Found {
    Route(&'static Route),
    /// gin's RedirectTrailingSlash to this path (without the query).
    Redirect(String),
    NotFound,
}

pub fn find(gen: Gen, method: &str, sub: &str) -> Found {
    let table = routes(gen);
    if let Some(r) = table.iter().find(|r| r.method == method && r.path == sub) {
        return Found::Route(r);
    }
    if let Some(trimmed) = sub.strip_suffix('/') {
        if table
            .iter()
            .any(|r| r.method == method && r.path == trimmed)
        {
            return Found::Redirect(format!("{}{trimmed}", gen.prefix()));
        }
    }
    Found::NotFound
}

/// The `/_sim/faults` key of a CMS route: `cms_` and its last segment.
pub fn fault_name(sub: &str) -> String {
    format!("cms_{}", crate::faults::endpoint_name(sub))
}

/// Whether `name` is the fault key of a faultable route of `gen`.
pub fn is_fault_name(name: &str, gen: Gen) -> bool {
    routes(gen)
        .iter()
        .any(|r| r.faultable && fault_name(r.path) == name)
}

/// The text of a failed gRPC call to a service that is gone.
pub const UNAVAILABLE: &str = "rpc error: code = Unavailable desc = connection error";

/// gin's default 404 body.
pub const NOT_FOUND: &str = "404 page not found";

/// `(offset, limit)` of gorm's `Limit(show).Offset(show * (page - 1))`; a
/// negative offset or limit means none.
pub fn window(page: i64, show: i64) -> (usize, usize) {
    let offset = usize::try_from(show.saturating_mul(page.saturating_sub(1))).unwrap_or(0);
    let limit = usize::try_from(show).unwrap_or(usize::MAX);
    (offset, limit)
}

#[derive(Clone, Copy, PartialEq)]
enum Tok {
    Any,
    One,
    Ch(char),
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// MySQL `LIKE '%<pat>%'` under the default case-insensitive collation:
/// `%` matches any run, `_` one character, `\` escapes the next
/// (docs/cms.md#cms-traps, trap T9: the text is a pattern, not plain text).
pub fn like_contains(hay: &str, pat: &str) -> bool {
    let mut p = vec![Tok::Any];
    let mut it = pat.chars();
    while let Some(c) = it.next() {
        p.push(match c {
            '%' => Tok::Any,
            '_' => Tok::One,
            '\\' => Tok::Ch(lower(it.next().unwrap_or('\\'))),
            c => Tok::Ch(lower(c)),
        });
    }
    p.push(Tok::Any);
    let h: Vec<char> = hay.chars().map(lower).collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < h.len() {
        let step = j < p.len()
            && match p[j] {
                Tok::One => true,
                Tok::Ch(c) => c == h[i],
                Tok::Any => false,
            };
        if step {
            i += 1;
            j += 1;
        } else if j < p.len() && p[j] == Tok::Any {
            star = Some((j, i));
            j += 1;
        } else if let Some((sj, si)) = star {
            j = sj + 1;
            i = si + 1;
            star = Some((sj, si + 1));
        } else {
            return false;
        }
    }
    while j < p.len() && p[j] == Tok::Any {
        j += 1;
    }
    j == p.len()
}

/// A search text pasted into the SQL (trap T9): a quote breaks the
/// statement, which MySQL refuses.
pub fn breaks_sql(text: &str) -> bool {
    text.contains('\'')
}

/// MySQL's answer to the broken statement.
pub fn sql_syntax_error(text: &str) -> String {
    let near = &text[text.find('\'').unwrap_or(0)..];
    format!("Error 1064: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{near}%' at line 1")
}

/// The CMS login's check (docs/cms.md#cms-login): the ID at position i of
/// `manager.appManagerUid` with the secret at position i of
/// `manager.secrets`; a match gets an ordinary token for platform 1 (IOS),
/// which also passes the main API.
pub fn admin_token(sim: &mut Sim, id: &str, secret: &str) -> Option<String> {
    let cfg = &sim.config;
    let matched = (0..cfg.admins.len()).any(|i| {
        cfg.admins[i] == id && cfg.admin_secrets.get(i).map(String::as_str) == Some(secret)
    });
    if !matched {
        return None;
    }
    let now = now_secs();
    let release = cfg.release;
    let times = Times {
        now,
        nbf: if release.is_2_3() { now - 300 } else { now },
        ttl_days: cfg.token_ttl(),
    };
    let key = cfg.access_secret.clone();
    let issued = sim
        .state
        .tokens
        .issue(&key, id, release.platform_name(1), times);
    Some(issued.token)
}

/// A block until `end`: a new row begins now; an existing one gets the new
/// end (docs/cms.md#cms-block-user).
pub fn put_block(sim: &mut Sim, user_id: &str, end: i64, now: i64) {
    match sim.state.cms_blocks.get_mut(&user_id.to_string()) {
        Some(b) => b.end_disable_time = end,
        None => {
            sim.state.cms_blocks.insert(
                user_id.to_string(),
                CmsBlock {
                    user_id: user_id.to_string(),
                    begin_disable_time: now,
                    end_disable_time: end,
                    create_time: now,
                },
            );
        }
    }
}

/// Runs a route: the token check first where the route has one
/// (docs/cms.md#cms-token-check), then its handler.
pub fn run(sim: &mut Sim, gen: Gen, route: &Route, req: &Req) -> Reply {
    if route.auth {
        if let Err(cause) = sim.check_token(req.token) {
            return match gen {
                Gen::A | Gen::B => ab::token_refused(),
                Gen::C => c::token_refused(cause),
            };
        }
    }
    (route.handler)(sim, req)
}

/// A Go `[]T` that is nil when empty (`null`), as the CMS's lists are.
pub fn list_or_null(items: Vec<Go>) -> Go {
    if items.is_empty() {
        Go::Null
    } else {
        Go::Arr(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_is_a_pattern() {
        assert!(like_contains("Product Team", "team"));
        assert!(like_contains("Product Team", ""));
        assert!(like_contains("深圳技术交流群", "技术"));
        assert!(!like_contains("Product Team", "teams"));
        assert!(like_contains("abc", "a_c"));
        assert!(like_contains("Product Team", "p%t"));
        assert!(!like_contains("a_c", "a\\_d"));
        assert!(like_contains("50% off", "50\\%"));
        assert!(!like_contains("50 off", "50\\%"));
    }

    #[test]
    fn windows() {
        assert_eq!(window(1, 20), (0, 20));
        assert_eq!(window(3, 20), (40, 20));
        assert_eq!(window(2, -1), (0, usize::MAX));
    }
}
