//! Request bodies as JSON text.

/// The JSON object `object` with `"key":value` put first (`value` is JSON
/// text). Written into the text rather than through a parse, since a bulk
/// run or a broadcast does it for each of many thousand calls. `None`
/// when `object` is no JSON object.
pub fn with_first_field(object: &str, key: &str, value: &str) -> Option<String> {
    let rest = object.trim_start().strip_prefix('{')?;
    let separator = if rest.trim_start().starts_with('}') {
        ""
    } else {
        ","
    };
    let key = serde_json::to_string(key).ok()?;
    Some(format!("{{{key}:{value}{separator}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn parsed(object: &str, key: &str, value: &str) -> Value {
        let text = with_first_field(object, key, value).expect("an object");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn the_field_goes_first_in_any_object() {
        assert_eq!(
            with_first_field(r#"{"a":1}"#, "operationID", r#""op-1""#).unwrap(),
            r#"{"operationID":"op-1","a":1}"#
        );
        assert_eq!(parsed("{}", "recvID", r#""u1""#), json!({"recvID": "u1"}));
        assert_eq!(parsed(" { } ", "k", "[1,2]"), json!({"k": [1, 2]}));
        assert_eq!(
            parsed("{\n  \"a\": {\"b\": null}\n}", "k", "true"),
            json!({"k": true, "a": {"b": null}})
        );
        // A key is written as JSON, whatever it holds.
        assert_eq!(parsed("{}", "a\"b", "0"), json!({"a\"b": 0}));
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        for not_object in ["", "[]", "null", "\"{}\"", "1"] {
            assert_eq!(with_first_field(not_object, "k", "1"), None, "{not_object}");
        }
    }
}
