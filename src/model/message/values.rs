//! A composer's typed values as text that keeps (its draft), and JSON laid
//! out for reading.

use serde_json::Value;

/// Typed values as text that keeps: a line a value, its path, a tab, and
/// the value with backslashes, tabs and line breaks escaped. Empty values
/// are left out.
pub fn encode_values<'a>(values: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    let mut lines: Vec<String> = (values.filter(|(_, v)| !v.is_empty()))
        .map(|(k, v)| {
            let mut line = format!("{k}\t");
            for c in v.chars() {
                match c {
                    '\\' => line.push_str("\\\\"),
                    '\n' => line.push_str("\\n"),
                    '\r' => line.push_str("\\r"),
                    '\t' => line.push_str("\\t"),
                    c => line.push(c),
                }
            }
            line
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// The values `encode_values` wrote.
pub fn decode_values(text: &str) -> Vec<(String, String)> {
    let value = |v: &str| {
        let mut out = String::with_capacity(v.len());
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            out.push(match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some(other) => other,
                    None => break,
                },
                (c, false) => c,
            });
        }
        out
    };
    (text.lines())
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_string(), value(v)))
        .collect()
}

/// JSON text laid out for reading, or None when it does not parse.
pub fn pretty_json(text: &str) -> Option<String> {
    let v: Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&v).ok()
}

#[cfg(test)]
mod tests {
    use crate::model::message::*;

    #[test]
    fn typed_values_survive_being_stored() {
        let typed: Vec<(String, String)> = vec![
            ("c.data".into(), "{\"a\":\"x\\ny\"}\n\tsecond line\\".into()),
            ("c.text".into(), "línea\r\nzwei 行".into()),
            ("empty".into(), String::new()),
        ];
        let stored = encode_values(typed.iter().map(|(k, v)| (k, v)));
        assert_eq!(stored.lines().count(), 2);
        assert_eq!(decode_values(&stored), typed[..2].to_vec());
    }
}
