//! The app's routes, defined once: the router, the navigation, every link
//! and the sign-in's way back all read them from here.

/// A top-level page: its path segment and the path links use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub segment: &'static str,
    pub path: &'static str,
}

/// A page whose path is its segment after a slash, written once.
macro_rules! page {
    ($segment:literal) => {
        Page {
            segment: $segment,
            path: concat!("/", $segment),
        }
    };
}

pub const LOGIN: Page = page!("login");
pub const OVERVIEW: Page = page!("overview");
pub const DIRECTORY: Page = page!("directory");
pub const USERS: Page = page!("users");
pub const GROUPS: Page = page!("groups");
pub const FRIENDS: Page = page!("friends");
pub const MESSAGES: Page = page!("messages");
pub const NOTIFICATIONS: Page = page!("notifications");

/// The parameter of the user page, `/users/:userID`.
pub const USER_PARAM: &str = "userID";
/// The parameter of the group page, `/groups/:groupID`.
pub const GROUP_PARAM: &str = "groupID";

/// Where `/` leads.
pub const HOME: Page = OVERVIEW;

/// Where a sign-in with no usable way back leads: the overview, which
/// moves on to the user pages when no CMS answers.
pub const LANDING: &str = "/overview?start";

/// The pages behind sign-in, in the navigation's order.
pub const PROTECTED: [Page; 7] = [
    OVERVIEW,
    DIRECTORY,
    USERS,
    GROUPS,
    FRIENDS,
    MESSAGES,
    NOTIFICATIONS,
];

/// The user page of `user_id`, which may hold any character.
pub fn user(user_id: &str) -> String {
    format!("{}/{}", USERS.path, encode_component(user_id))
}

/// The group page of `group_id`.
pub fn group(group_id: &str) -> String {
    format!("{}/{}", GROUPS.path, encode_component(group_id))
}

/// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`
/// as UTF-8 percent escapes.
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.extend([
                '%',
                HEX[usize::from(b >> 4)] as char,
                HEX[usize::from(b & 15)] as char,
            ]);
        }
    }
    out
}

/// The sign-in's way back from `?next=`: the value only when it is a route
/// of this app that the browser resolves on the dashboard's own origin,
/// else the home page. Browsers read `\` as `/` and drop tabs and newlines
/// inside a URL, so `/\evil` and `/<tab>/evil` mean `//evil`, another
/// host: only printable ASCII without `\` is accepted, then the path must
/// match a route exactly. Its query and fragment are kept.
pub fn safe_return_path(next: Option<&str>) -> String {
    match next {
        Some(p) if is_app_location(p) => p.to_string(),
        _ => LANDING.to_string(),
    }
}

fn is_app_location(p: &str) -> bool {
    if !p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
        return false;
    }
    let end = p.find(['?', '#']).unwrap_or(p.len());
    let Some(path) = p[..end].strip_prefix('/') else {
        return false;
    };
    match path.split_once('/') {
        None => PROTECTED.iter().any(|page| page.segment == path),
        Some((top, id)) => {
            [USERS.segment, GROUPS.segment].contains(&top)
                && !id.contains('/')
                && !is_dot_segment(id)
        }
    }
}

/// Empty, `.` and `..` (also percent-encoded) would resolve elsewhere.
fn is_dot_segment(s: &str) -> bool {
    ["", ".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"]
        .iter()
        .any(|dots| s.eq_ignore_ascii_case(dots))
}

/// A location as a return path; the router gives the query without `?`.
pub fn location_path(path: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_pages_escape_like_encode_uri_component() {
        assert_eq!(user("openIM123456"), "/users/openIM123456");
        assert_eq!(user("a/b?c#d e"), "/users/a%2Fb%3Fc%23d%20e");
        assert_eq!(user("张"), "/users/%E5%BC%A0");
        assert_eq!(user("-_.!~*'()"), "/users/-_.!~*'()");
        assert_eq!(user("%"), "/users/%25");
        assert_eq!(group("g 1/2"), "/groups/g%201%2F2");
    }

    #[test]
    fn locations_keep_their_query() {
        assert_eq!(location_path("/users", ""), "/users");
        assert_eq!(location_path("/users", "x=1&y=2"), "/users?x=1&y=2");
        assert_eq!(location_path("/users", "?x=1"), "/users?x=1");
    }

    #[test]
    fn routes_of_the_app_are_returned_to() {
        for ok in [
            "/users",
            "/users?x=1",
            "/directory#top",
            "/notifications",
            "/users/openIM123456",
            "/users/a%2Fb%3Fc",
            "/users/%E5%BC%A0?tab=1",
            "/groups/2165283845",
            "/groups/a%2Fb",
        ] {
            assert_eq!(safe_return_path(Some(ok)), ok, "{ok}");
        }
    }

    #[test]
    fn anything_else_goes_home() {
        let bad = [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "javascript:alert(1)",
            "/javascript:alert(1)",
            "data:text/html,x",
            "evil.example",
            "",
            "/",
            "/login",
            "/login?next=/users",
            "/users/",
            "/users/.",
            "/users/..",
            "/users/%2e%2E",
            "/users/a/b",
            "/users//evil.example",
            "/groups/",
            "/groups/..",
            "/groups/a/b",
            "/friends/x",
            "/nowhere",
            "/users\u{a0}",
            "/用户",
        ];
        for p in bad {
            assert_eq!(safe_return_path(Some(p)), "/overview?start", "{p:?}");
        }
        assert_eq!(safe_return_path(None), "/overview?start");
    }
}
