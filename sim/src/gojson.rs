//! Response bytes the way Go's `encoding/json` writes them (docs/api.md#encoding).
//!
//! gin's `c.JSON` marshals with `encoding/json`: compact output, struct fields
//! in declaration order, map keys sorted, no trailing newline, and strings with
//! `<`, `>`, `&`, U+2028 and U+2029 escaped. `Go` models exactly that: `Obj`
//! keeps the order it is given (a Go struct); `map()` sorts (a Go map).

use std::fmt::Write as _;

/// A JSON value with an explicit key order.
#[derive(Clone, Debug, PartialEq)]
pub enum Go {
    Null,
    Bool(bool),
    Int(i64),
    /// A Go `float64`, e.g. a number inside a `map[string]interface{}`.
    Float(f64),
    Str(String),
    Arr(Vec<Go>),
    Obj(Vec<(String, Go)>),
}

impl Go {
    pub fn str(s: impl Into<String>) -> Go {
        Go::Str(s.into())
    }

    /// A Go struct: fields in the order given.
    pub fn obj() -> ObjBuilder {
        ObjBuilder(Vec::new())
    }

    /// A Go `map[string]...`: keys sorted byte-wise, as `encoding/json` does.
    pub fn map(mut fields: Vec<(String, Go)>) -> Go {
        fields.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        Go::Obj(fields)
    }

    pub fn strs<S: AsRef<str>>(items: &[S]) -> Go {
        Go::Arr(items.iter().map(|s| Go::str(s.as_ref())).collect())
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = String::new();
        self.write(&mut out);
        out.into_bytes()
    }

    pub fn encode_string(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Go::Null => out.push_str("null"),
            Go::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Go::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Go::Float(f) => out.push_str(&format_float64(*f)),
            Go::Str(s) => write_string(out, s),
            Go::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Go::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Builds a Go struct value field by field.
pub struct ObjBuilder(Vec<(String, Go)>);

impl ObjBuilder {
    pub fn field(mut self, key: &str, value: Go) -> Self {
        self.0.push((key.to_string(), value));
        self
    }

    /// `json:",omitempty"` on a string.
    pub fn str_omitempty(self, key: &str, value: &str) -> Self {
        if value.is_empty() {
            self
        } else {
            self.field(key, Go::str(value))
        }
    }

    /// `json:",omitempty"` on an integer.
    pub fn int_omitempty(self, key: &str, value: i64) -> Self {
        if value == 0 {
            self
        } else {
            self.field(key, Go::Int(value))
        }
    }

    pub fn build(self) -> Go {
        Go::Obj(self.0)
    }
}

/// Writes a quoted string with Go's escaping rules (HTML-safe).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `encoding/json`'s float64 format: plain decimal unless the exponent is
/// below -6 or at least 21, then `1e+21` style.
pub fn format_float64(f: f64) -> String {
    if !f.is_finite() {
        return "null".to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let abs = f.abs();
    if (1e-6..1e21).contains(&abs) {
        format!("{f}")
    } else {
        go_exponent(&format!("{f:e}"))
    }
}

/// Rust writes `1e21` / `1.5e-7`; Go writes `1e+21` / `1.5e-07`.
pub fn go_exponent(rust: &str) -> String {
    match rust.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            let digits = if digits.len() < 2 {
                format!("0{digits}")
            } else {
                digits.to_string()
            };
            format!("{mantissa}e{sign}{digits}")
        }
        None => rust.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_go() {
        let v = Go::str("<a href=\"x\">&\u{2028}\u{1}é</a>");
        assert_eq!(
            v.encode_string(),
            r#""\u003ca href=\"x\"\u003e\u0026\u2028\u0001é\u003c/a\u003e""#
        );
    }

    #[test]
    fn del_is_not_escaped() {
        assert_eq!(Go::str("\u{7f}").encode_string(), "\"\u{7f}\"");
    }

    #[test]
    fn struct_order_and_map_order() {
        let v = Go::obj()
            .field("errCode", Go::Int(0))
            .field("errMsg", Go::str(""))
            .field(
                "data",
                Go::map(vec![
                    ("userID".into(), Go::str("u")),
                    ("faceURL".into(), Go::str("f")),
                    ("MsgID".into(), Go::str("")),
                ]),
            )
            .build();
        assert_eq!(
            v.encode_string(),
            r#"{"errCode":0,"errMsg":"","data":{"MsgID":"","faceURL":"f","userID":"u"}}"#
        );
    }

    #[test]
    fn floats_like_go() {
        assert_eq!(format_float64(1.0), "1");
        assert_eq!(format_float64(1.5), "1.5");
        assert_eq!(format_float64(1e21), "1e+21");
        assert_eq!(format_float64(1e20), "100000000000000000000");
        assert_eq!(format_float64(1e-7), "1e-07");
        assert_eq!(format_float64(0.000001), "0.000001");
    }
}
