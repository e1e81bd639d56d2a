//! gin's `ShouldBindQuery` for the A/B read routes (docs/cms.md#cms-conventions):
//! `url.ParseQuery`, the first value of each key, integers through
//! `strconv.ParseInt` ("" reads as 0), then the `binding:"required"` rules.
//! Any failure is the route's HTTP 200 `code 803` (docs/cms.md#cms-http-status).

use crate::static_files::percent_decode;

/// A query field: its form name, whether it is an integer, whether required.
pub struct Field(pub &'static str, pub Kind, pub bool);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
}

pub const REQ: bool = true;
pub const OPT: bool = false;

/// A bound query.
pub struct Query {
    pairs: Vec<(String, String)>,
}

/// `url.ParseQuery`: `&`-separated, `+` is a space, percent escapes decoded.
pub fn parse(raw: &str) -> Query {
    let pairs = raw
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| percent_decode(&s.replace('+', " "));
            (dec(k), dec(v))
        })
        .collect();
    Query { pairs }
}

impl Query {
    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn str(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().to_string()
    }

    pub fn int(&self, key: &str) -> i64 {
        match self.get(key) {
            Some(v) if !v.is_empty() => v.parse().unwrap_or(0),
            _ => 0,
        }
    }
}

/// Binds `raw` to `fields`; `None` when a value does not parse or a
/// required one is zero.
pub fn bind(raw: &str, fields: &[Field]) -> Option<Query> {
    let q = parse(raw);
    for Field(name, kind, required) in fields {
        let v = q.get(name).unwrap_or_default();
        if *kind == Kind::Int && !v.is_empty() && v.parse::<i64>().is_err() {
            return None;
        }
        let zero = match kind {
            Kind::Str => v.is_empty(),
            Kind::Int => v.is_empty() || v.parse::<i64>() == Ok(0),
        };
        if *required && zero {
            return None;
        }
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_like_gin() {
        let fields = [
            Field("page_number", Kind::Int, REQ),
            Field("name", Kind::Str, OPT),
        ];
        let q = bind("page_number=2&name=a+b%21&name=x", &fields).unwrap();
        assert_eq!((q.int("page_number"), q.str("name")), (2, "a b!".into()));
        assert!(bind("page_number=0", &fields).is_none());
        assert!(bind("page_number=x", &fields).is_none());
        assert!(bind("name=a", &fields).is_none());
    }
}
