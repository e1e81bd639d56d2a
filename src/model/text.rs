//! Case folding for filters. In the browser it is the browser's own
//! `toLowerCase`: Rust's would add its Unicode case tables (about 19 KB of
//! wasm) for the same answers.

/// `text` in lower case, for case-insensitive matching (any script).
#[cfg(target_arch = "wasm32")]
pub fn fold_case(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    js_sys::JsString::from(text).to_lower_case().into()
}

/// `text` in lower case, for case-insensitive matching (any script).
#[cfg(not(target_arch = "wasm32"))]
pub fn fold_case(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_ascii_and_other_scripts() {
        assert_eq!(fold_case("Alice_T42"), "alice_t42");
        assert_eq!(fold_case("ÉLISE Ωμέγα"), "élise ωμέγα");
        assert_eq!(fold_case("张伟"), "张伟");
    }
}
