//! A composer's typed values as text that keeps (its draft), and JSON laid
//! out for reading.

use serde_json::Value;

use crate::model::stored;

/// Typed values as text that keeps: a record a value, its path and the
/// value (see `model::stored`). Empty values are left out.
pub fn encode_values<'a>(values: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    let mut records: Vec<String> = (values.filter(|(_, v)| !v.is_empty()))
        .map(|(k, v)| stored::line(&[k, v]))
        .collect();
    records.sort();
    records.join("\n")
}

/// The values `encode_values` wrote.
pub fn decode_values(text: &str) -> Vec<(String, String)> {
    (text.lines().map(stored::fields))
        .filter_map(|f| match <[String; 2]>::try_from(f) {
            Ok([k, v]) => Some((k, v)),
            Err(_) => None,
        })
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
