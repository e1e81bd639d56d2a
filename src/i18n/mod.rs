//! English and Simplified Chinese. Each locale is one value of [`Strings`],
//! so the compiler refuses a locale that lacks a key; the tests check what
//! the compiler cannot (placeholders, blanks, untranslated copies).

mod en;
mod strings;
mod zh;

pub use strings::{Plural, Strings};

/// A text of the UI, picked from the current language's strings.
pub type Pick = fn(&'static Strings) -> &'static str;

/// A text with a number in it, picked from the current language's strings.
pub type PickCounted = fn(&'static Strings) -> Plural;

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

    /// Every text of a locale, the two forms of a counted one included.
    fn all_texts(l: Locale) -> Vec<(&'static str, &'static str)> {
        let t = l.strings();
        let counted = t.counted().into_iter();
        let forms = counted.flat_map(|(k, p)| [(k, p.one), (k, p.other)]);
        t.entries().into_iter().chain(forms).collect()
    }

    #[test]
    fn both_locales_have_the_same_placeholders_and_no_blanks() {
        // Same order in both: one field list makes both structs.
        let en = all_texts(Locale::En);
        let zh = all_texts(Locale::Zh);
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
    fn names_kept_the_same_in_all_locales_exist() {
        let keys: Vec<_> = all_texts(Locale::En).into_iter().map(|(k, _)| k).collect();
        for name in Strings::SAME_IN_ALL_LOCALES {
            assert!(
                keys.contains(name),
                "SAME_IN_ALL_LOCALES names {name}, which is no text"
            );
        }
    }

    /// English nouns that follow a number somewhere in the UI, as
    /// (singular, plural).
    const NOUNS: &[(&str, &str)] = &[
        ("ID", "IDs"),
        ("user", "users"),
        ("member", "members"),
        ("request", "requests"),
        ("recipient", "recipients"),
        ("pair", "pairs"),
        ("line", "lines"),
        ("account", "accounts"),
        ("group", "groups"),
        ("message", "messages"),
        ("notification", "notifications"),
    ];

    /// Every placeholder of `text` filled with `n`.
    fn with_all(text: &str, n: usize) -> String {
        let names = placeholders(text);
        let args: Vec<(&str, &dyn std::fmt::Display)> = names
            .iter()
            .map(|k| (k.as_str(), &n as &dyn std::fmt::Display))
            .collect();
        fill(text, &args)
    }

    /// The words of `s` that stand right after the number `n`.
    fn after_number(s: &str, n: usize) -> Vec<String> {
        let n = n.to_string();
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || "(),.:;?“”·".contains(c))
            .collect();
        (words.windows(2))
            .filter(|w| w[0] == n)
            .map(|w| w[1].to_string())
            .collect()
    }

    #[test]
    fn counted_texts_read_right_with_0_1_and_2() {
        for (key, p) in Locale::En.strings().counted() {
            assert_ne!(p.one, p.other, "{key}: English has two forms");
            for n in [0, 1, 2] {
                let text = with_all(p.form(n), n);
                for word in after_number(&text, n) {
                    for (one, other) in NOUNS {
                        let wrong = if n == 1 { other } else { one };
                        assert_ne!(word, *wrong, "{key} with {n}: {text}");
                    }
                }
            }
        }
        for (key, p) in Locale::Zh.strings().counted() {
            assert_eq!(p.one, p.other, "{key}: Chinese has no grammatical number");
        }
    }

    #[test]
    fn plain_texts_put_no_noun_after_a_number() {
        // A number followed by a noun must be a counted text, or it reads
        // "1 users" for someone.
        for (key, text) in Locale::En.strings().entries() {
            for name in placeholders(text) {
                let mark = format!("{{{name}}} ");
                for rest in text.split(&mark).skip(1) {
                    let word = rest
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("");
                    let noun = NOUNS
                        .iter()
                        .any(|(one, other)| word == *one || word == *other);
                    assert!(!noun, "{key}: “{{{name}}} {word}” needs a counted text");
                }
            }
        }
    }

    #[test]
    fn chinese_is_translated() {
        // Strings that are the same in both languages (API names, "CSV") are
        // few; a Chinese text with no Han character is a missed translation.
        let untranslated: Vec<_> = all_texts(Locale::Zh)
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
