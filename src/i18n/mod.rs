//! English and Simplified Chinese. Each locale is one value of [`Strings`],
//! so the compiler refuses a locale that lacks a key; the tests check what
//! the compiler cannot (placeholders, blanks, untranslated copies).

mod en;
mod strings;
mod zh;

pub use strings::Strings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Zh,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Zh];

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &en::EN,
            Locale::Zh => &zh::ZH,
        }
    }

    /// BCP 47 tag, also used for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }

    /// The locale's own name, shown in the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Zh => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Locale::Zh)
        } else if t.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// First supported language in the browser's preference list.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or_default()
    }
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn both_locales_have_the_same_keys_and_placeholders() {
        let en = Locale::En.strings().entries();
        let zh = Locale::Zh.strings().entries();
        let en_keys: Vec<_> = en.iter().map(|(k, _)| *k).collect();
        let zh_keys: Vec<_> = zh.iter().map(|(k, _)| *k).collect();
        assert_eq!(en_keys, zh_keys);
        for ((key, e), (_, z)) in en.iter().zip(zh.iter()) {
            assert_eq!(
                placeholders(e),
                placeholders(z),
                "placeholders differ in {key}"
            );
            assert!(!e.trim().is_empty(), "empty English {key}");
            assert!(!z.trim().is_empty(), "empty Chinese {key}");
        }
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = Locale::En
            .strings()
            .entries()
            .iter()
            .map(|(k, _)| *k)
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn chinese_is_translated() {
        // Strings that are the same in both languages (API names, "CSV") are
        // few; a Chinese text with no Han character is a missed translation.
        let untranslated: Vec<_> = Locale::Zh
            .strings()
            .entries()
            .into_iter()
            .filter(|(_, z)| !z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            .map(|(k, _)| k)
            .filter(|k| !Strings::SAME_IN_ALL_LOCALES.contains(k))
            .collect();
        assert!(untranslated.is_empty(), "not translated: {untranslated:?}");
    }

    #[test]
    fn browser_preferences_pick_the_first_supported_language() {
        assert_eq!(
            Locale::from_preferences(["fr-FR", "zh-CN", "en"]),
            Locale::Zh
        );
        assert_eq!(Locale::from_preferences(["en-GB", "zh"]), Locale::En);
        assert_eq!(Locale::from_preferences(["de"]), Locale::En);
        assert_eq!(Locale::from_tag("zh-Hans-CN"), Some(Locale::Zh));
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} of {b}, {a}", &[("a", &1), ("b", &"x")]),
            "1 of x, 1"
        );
    }
}
