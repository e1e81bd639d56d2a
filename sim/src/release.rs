//! The OpenIM v2 server release being played (docs/releases.md#release-routes).
//! Releases are ordered, so a change is `release >= Release::V2_2_0`.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Release {
    /// The reference release of docs/api.md.
    #[default]
    V2_0_8,
    V2_0_10,
    V2_1_0,
    V2_2_0,
    /// Its invite/kick binding panics on every call (docs/releases.md#release-limits).
    V2_3_2,
    V2_3_3,
}

impl Release {
    pub const ALL: [Release; 6] = [
        Release::V2_0_8,
        Release::V2_0_10,
        Release::V2_1_0,
        Release::V2_2_0,
        Release::V2_3_2,
        Release::V2_3_3,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Release::V2_0_8 => "2.0.8",
            Release::V2_0_10 => "2.0.10",
            Release::V2_1_0 => "2.1.0",
            Release::V2_2_0 => "2.2.0",
            Release::V2_3_2 => "2.3.2",
            Release::V2_3_3 => "2.3.3",
        }
    }

    /// The 2.3 line, whose changes the tags we play (2.3.2, 2.3.3) share.
    pub fn is_2_3(self) -> bool {
        self >= Release::V2_3_2
    }

    /// `tokenpolicy.accessExpire` of the shipped config (docs/releases.md#release-limits).
    pub fn token_ttl_days(self) -> i64 {
        if self >= Release::V2_3_2 {
            90
        } else {
            3650
        }
    }

    /// The highest platform ID user_token and force_logout accept.
    pub fn max_platform(self) -> i64 {
        if self >= Release::V2_3_2 {
            9
        } else {
            8
        }
    }

    /// The platform's name as the token claims and the token list carry it;
    /// 8 and 9 are named from 2.3.2 on (docs/releases.md#release-limits).
    pub fn platform_name(self, id: i64) -> &'static str {
        match id {
            8 if self >= Release::V2_3_2 => "APad",
            9 if self >= Release::V2_3_2 => "IPad",
            _ => crate::token::platform_name(id),
        }
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Release {
    type Err = String;

    /// "2.3.3" or "v2.3.3".
    fn from_str(s: &str) -> Result<Release, String> {
        let bare = s.trim().trim_start_matches(['v', 'V']);
        Release::ALL
            .into_iter()
            .find(|r| r.as_str() == bare)
            .ok_or_else(|| {
                let known: Vec<&str> = Release::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown release {s:?}; known: {}", known.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_it_prints() {
        for r in Release::ALL {
            assert_eq!(r.as_str().parse::<Release>(), Ok(r));
            assert_eq!(format!("v{r}").parse::<Release>(), Ok(r));
        }
        assert!("2.3.1".parse::<Release>().unwrap_err().contains("2.3.3"));
        assert!(Release::V2_0_10 > Release::V2_0_8 && Release::V2_3_3 > Release::V2_3_2);
    }
}
