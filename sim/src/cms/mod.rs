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

use crate::bind::{FieldDef, StructDef};
use crate::cms_index::{chat_receiver, Work};
use crate::gojson::Go;
use crate::gotime::{day_of, parse_date};
use crate::release::Release;
use crate::reply::Reply;
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::state::{CmsBlock, Member, Message, State};
use crate::token::Times;

// The request structs' field builder and rules, as the main API's.
pub(crate) use crate::requests::{field as f, NONE as N, REQ as R};

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

/// A route behind the token check that `/_sim/faults` cannot fail.
pub const fn route(method: &'static str, path: &'static str, handler: Handler) -> Route {
    Route {
        method,
        path,
        handler,
        auth: true,
        faultable: false,
    }
}

/// `route` without the token check (login).
pub const fn open(route: Route) -> Route {
    Route {
        auth: false,
        ..route
    }
}

/// `route` whose back-end call `/_sim/faults` can fail.
pub const fn faultable(route: Route) -> Route {
    Route {
        faultable: true,
        ..route
    }
}

/// A request struct of the CMS's `cms_api_struct` package.
pub const fn def(name: &'static str, fields: &'static [FieldDef]) -> StructDef {
    StructDef {
        pkg: "cms_api_struct",
        name,
        fields,
    }
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

/// Runs `f` and keeps what it visited in `sim.cms_work` (the cost a test
/// reads back, docs/cms.md#cms-buckets).
pub fn metered<T>(sim: &mut Sim, f: impl FnOnce(&Sim, &mut Work) -> T) -> T {
    let mut work = Work::default();
    let out = f(sim, &mut work);
    sim.cms_work = work;
    out
}

/// A statistics range, `from` and `to` as `2006-01-02`, in day numbers;
/// else the first parse error (docs/cms.md#cms-statistics).
pub fn day_range(from: &str, to: &str) -> Result<(i64, i64), String> {
    let from = parse_date(from)?;
    let to = parse_date(to)?;
    Ok((day_of(from), day_of(to)))
}

/// The rows of `all` inside `window`, and how many there are in all.
pub fn page_of<T>(all: Vec<T>, (offset, limit): (usize, usize)) -> (Vec<T>, usize) {
    let n = all.len();
    (all.into_iter().skip(offset).take(limit).collect(), n)
}

/// The owner row of a group (its first role-2 member): (userID, its member
/// nickname).
pub fn owner(sim: &Sim, group_id: &str) -> Option<(String, String)> {
    let id = sim.state.group_owner(group_id)?;
    let nickname = sim
        .state
        .member(group_id, &id)
        .map(|m| m.nickname.clone())
        .unwrap_or_default();
    Some((id, nickname))
}

/// A page of a group's members and their total, every member or those
/// whose nickname contains `name` (a LIKE pattern, trap T9), in roster
/// order (docs/cms.md#cms-get-group-members).
pub fn member_page<'a>(
    st: &'a State,
    group_id: &str,
    name: &str,
    window: (usize, usize),
) -> (Vec<&'a Member>, usize) {
    let (ids, total): (Vec<String>, usize) = if name.is_empty() {
        let page = st.member_page(group_id, window.0, window.1);
        let ids = page.ids.iter().map(|s| s.to_string()).collect();
        (ids, st.member_count(group_id))
    } else {
        let all: Vec<String> = (st.members_of(group_id))
            .filter(|m| like_contains(&m.nickname, name))
            .map(|m| m.user_id.clone())
            .collect();
        page_of(all, window)
    };
    let rows = ids
        .iter()
        .filter_map(|id| st.member(group_id, id))
        .collect();
    (rows, total)
}

/// Positions of the stored messages a chat-log search keeps, in table
/// order, starting from the smallest index that applies
/// (docs/cms.md#cms-get-chat-logs).
pub struct LogFilter<'a> {
    pub sessions: &'a [i64],
    pub sender: Option<&'a str>,
    pub recv: Option<&'a str>,
    pub day: Option<i64>,
    pub content_type: i64,
    pub content: &'a str,
}

impl LogFilter<'_> {
    fn run(&self, sim: &Sim, work: &mut Work) -> Vec<u32> {
        let st = &sim.state;
        let all: Vec<u32>;
        let candidates = match st.cms.log_candidates(self.day, self.sender, self.recv) {
            Some(list) => list,
            None => {
                all = (0..st.messages.len() as u32).collect();
                &all
            }
        };
        let mut out = Vec::new();
        for &at in candidates {
            work.messages += 1;
            let m = &st.messages[at as usize];
            let keep = (self.sessions.is_empty() || self.sessions.contains(&m.session_type))
                && self.sender.is_none_or(|s| m.send_id == s)
                && self.recv.is_none_or(|r| chat_receiver(m) == r)
                && self
                    .day
                    .is_none_or(|d| day_of(m.send_time.div_euclid(1000)) == d)
                && (self.content_type == 0 || m.content_type == self.content_type)
                && (self.content.is_empty() || like_contains(&m.content, self.content));
            if keep {
                out.push(at);
            }
        }
        out
    }

    /// One page of the matches as `item` renders them, and the number of
    /// matches; a row `item` cannot render is dropped but still counted.
    pub fn page(
        &self,
        sim: &mut Sim,
        window: (usize, usize),
        item: impl Fn(&Sim, &Message) -> Option<Go>,
    ) -> (Vec<Go>, usize) {
        let hits = metered(sim, |sim, work| self.run(sim, work));
        let (offset, limit) = window;
        let items = (hits.iter().skip(offset).take(limit))
            .filter_map(|&at| item(sim, &sim.state.messages[at as usize]))
            .collect();
        (items, hits.len())
    }
}

/// Where a page answer's total stands in the route's Go struct.
#[derive(Clone, Copy)]
pub enum TotalAt {
    /// Right after the list.
    AfterList,
    /// After the paging keys.
    Last,
}

/// A page answer: the list under `list` (`null` when empty), the current
/// page and page size under the generation's `paging` keys, and `total`
/// where the route's Go struct has it.
pub fn paged(
    paging: [&str; 2],
    (list, items): (&str, Vec<Go>),
    (key, total, at): (&str, i64, TotalAt),
    (page, show): (i64, i64),
) -> Go {
    let mut obj = Go::obj().field(list, list_or_null(items));
    if let TotalAt::AfterList = at {
        obj = obj.field(key, Go::Int(total));
    }
    obj = obj
        .field(paging[0], Go::Int(page))
        .field(paging[1], Go::Int(show));
    if let TotalAt::Last = at {
        obj = obj.field(key, Go::Int(total));
    }
    obj.build()
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
