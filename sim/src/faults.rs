//! Faults on purpose, for tests (`/_sim/faults`): a share of an endpoint's
//! calls fail as if the server's RPC had failed, and a share hang: they are
//! processed, but their answer is held back, so a client cannot tell whether
//! its call took effect.

use crate::rng::Rng;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::time::Duration;

/// How long a hung call holds its answer unless `hangMs` says otherwise:
/// longer than any client waits.
const DEFAULT_HANG_MS: u64 = 600_000;

/// Room for rounding when two shares add up to exactly 1.
const EPSILON: f64 = 1e-9;

/// The shares of an endpoint's calls that fail and that hang.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Shares {
    #[serde(default)]
    pub fail: f64,
    #[serde(default)]
    pub hang: f64,
}

/// What happens to one call.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    /// Answered as an RPC failure; the handler does not run.
    Fail,
    /// The handler runs; its answer waits this long.
    Hang(Duration),
}

impl Fault {
    /// The name on the call's `/_sim/requests` record.
    pub fn name(self) -> &'static str {
        match self {
            Fault::Fail => "fail",
            Fault::Hang(_) => "hang",
        }
    }

    /// How long the answer is held back.
    pub fn hold(self) -> Option<Duration> {
        match self {
            Fault::Fail => None,
            Fault::Hang(d) => Some(d),
        }
    }
}

/// The settings in force, keyed by endpoint name for an O(1) look-up.
pub struct Faults {
    by_endpoint: FxHashMap<String, Shares>,
    seed: Option<u64>,
    hang_ms: u64,
    /// Its own generator, so that drawing faults leaves the ID sequence alone.
    rng: Rng,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            by_endpoint: FxHashMap::default(),
            seed: None,
            hang_ms: DEFAULT_HANG_MS,
            rng: Rng::from_time(),
        }
    }
}

/// The last segment of a route, which names its endpoint (`send_msg`).
pub fn endpoint_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Faults {
    /// Reads a `POST /_sim/faults` body, whose keys other than `seed` and
    /// `hangMs` must be endpoints the server has (`is_endpoint`); the error
    /// names what is wrong.
    pub fn parse(body: Value, is_endpoint: impl Fn(&str) -> bool) -> Result<Faults, String> {
        let Value::Object(fields) = body else {
            return Err("expected a JSON object".into());
        };
        let mut faults = Faults::default();
        for (key, value) in fields {
            match key.as_str() {
                "seed" => faults.seed = Some(whole_number(&key, value)?),
                "hangMs" => faults.hang_ms = whole_number(&key, value)?,
                name if !is_endpoint(name) => return Err(format!("unknown endpoint: {name}")),
                _ => {
                    let shares = shares(&key, value)?;
                    faults.by_endpoint.insert(key, shares);
                }
            }
        }
        if let Some(seed) = faults.seed {
            faults.rng = Rng::new(seed);
        }
        Ok(faults)
    }

    /// The settings in the shape `parse` reads.
    pub fn to_json(&self) -> Value {
        let mut out: Map<String, Value> = self
            .by_endpoint
            .iter()
            .map(|(name, shares)| (name.clone(), json!(shares)))
            .collect();
        if let Some(seed) = self.seed {
            out.insert("seed".into(), json!(seed));
        }
        out.insert("hangMs".into(), json!(self.hang_ms));
        Value::Object(out)
    }

    /// One draw for a call to the route `path`, if its endpoint has faults.
    pub fn draw(&mut self, path: &str) -> Option<Fault> {
        self.draw_named(endpoint_name(path))
    }

    /// One draw for a call to the endpoint `name` (a CMS route's is
    /// `cms_<last segment>`).
    pub fn draw_named(&mut self, name: &str) -> Option<Fault> {
        let shares = *self.by_endpoint.get(name)?;
        let u = self.rng.unit();
        if u < shares.fail {
            Some(Fault::Fail)
        } else if u < shares.fail + shares.hang {
            Some(Fault::Hang(Duration::from_millis(self.hang_ms)))
        } else {
            None
        }
    }
}

fn whole_number(key: &str, value: Value) -> Result<u64, String> {
    value
        .as_u64()
        .ok_or_else(|| format!("{key}: expected a whole number >= 0, got {value}"))
}

fn shares(name: &str, value: Value) -> Result<Shares, String> {
    let s: Shares = serde_json::from_value(value).map_err(|e| format!("{name}: {e}"))?;
    let share = |x: f64| (0.0..=1.0).contains(&x);
    if share(s.fail) && share(s.hang) && s.fail + s.hang <= 1.0 + EPSILON {
        Ok(s)
    } else {
        Err(format!(
            "{name}: fail and hang must be shares in [0,1] adding up to at most 1"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The endpoints these tests name.
    fn known(name: &str) -> bool {
        ["send_msg", "user_token"].contains(&name)
    }

    fn parsed(body: Value) -> Faults {
        Faults::parse(body, known).unwrap_or_else(|e| panic!("refused: {e}"))
    }

    fn draws(faults: &mut Faults, n: usize) -> Vec<Option<Fault>> {
        (0..n).map(|_| faults.draw("/manager/send_msg")).collect()
    }

    #[test]
    fn settings_round_trip_with_defaults() {
        let f = parsed(json!({"send_msg": {"fail": 0.1, "hang": 0.02}, "seed": 7}));
        assert_eq!(
            f.to_json(),
            json!({"send_msg": {"fail": 0.1, "hang": 0.02}, "seed": 7, "hangMs": 600000})
        );
        let f = parsed(json!({"user_token": {"hang": 1}, "hangMs": 5}));
        assert_eq!(
            f.to_json(),
            json!({"user_token": {"fail": 0.0, "hang": 1.0}, "hangMs": 5})
        );
        assert_eq!(parsed(json!({})).to_json(), json!({"hangMs": 600000}));
    }

    #[test]
    fn bad_settings_are_refused_with_a_reason() {
        let refused = |body: Value, part: &str| {
            let Err(e) = Faults::parse(body.clone(), known) else {
                panic!("accepted {body}")
            };
            assert!(e.contains(part), "{body}: {e}");
        };
        refused(json!({"nope": {"fail": 0.1}}), "unknown endpoint: nope");
        refused(
            json!({"send_msg": {"fail": 1.5}}),
            "send_msg: fail and hang",
        );
        refused(
            json!({"send_msg": {"hang": -0.1}}),
            "send_msg: fail and hang",
        );
        refused(json!({"send_msg": {"fail": 0.6, "hang": 0.5}}), "at most 1");
        refused(json!({"send_msg": {"fial": 0.1}}), "unknown field `fial`");
        refused(json!({"send_msg": 0.1}), "send_msg:");
        refused(json!({"seed": -1}), "seed:");
        refused(json!({"hangMs": "1"}), "hangMs:");
        refused(json!([]), "JSON object");
        parsed(json!({"send_msg": {"fail": 0.7, "hang": 0.3}}));
    }

    #[test]
    fn only_faulted_endpoints_draw() {
        let mut f = parsed(json!({"send_msg": {"fail": 1}}));
        assert_eq!(f.draw("/manager/send_msg"), Some(Fault::Fail));
        assert_eq!(f.draw("/manager/account_check"), None);
        let mut f = parsed(json!({"send_msg": {"hang": 1}, "hangMs": 250}));
        let hung = f.draw("/manager/send_msg");
        assert_eq!(hung.and_then(Fault::hold), Some(Duration::from_millis(250)));
    }

    #[test]
    fn seeded_draws_respect_the_shares_and_repeat() {
        let body = json!({"send_msg": {"fail": 0.1, "hang": 0.02}, "seed": 7});
        let first = draws(&mut parsed(body.clone()), 2_000);
        let fails = first.iter().filter(|d| **d == Some(Fault::Fail)).count();
        let hangs = first
            .iter()
            .filter(|d| d.and_then(Fault::hold).is_some())
            .count();
        assert!((160..=240).contains(&fails), "{fails} fails of 2,000");
        assert!((20..=60).contains(&hangs), "{hangs} hangs of 2,000");
        assert_eq!(first, draws(&mut parsed(body), 2_000));
        let other = json!({"send_msg": {"fail": 0.1, "hang": 0.02}, "seed": 8});
        assert_ne!(first, draws(&mut parsed(other), 2_000));
    }
}
