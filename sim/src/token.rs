//! Admin tokens (docs/api.md#token-check, docs/api.md#token-lifetime): HS256 JWTs with the claims
//! `{UID, Platform, exp, nbf, iat}`, plus the server-side list of issued
//! tokens that v2 keeps in Redis (`UID_PID_TOKEN_STATUS:<uid>:<platform>`).
//! A correctly signed token that this process did not issue is rejected.

use crate::gojson::Go;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeMap;

type HmacSha256 = Hmac<Sha256>;

/// Token status values stored per token (docs/api.md#constants).
pub const NORMAL: i32 = 0;
pub const EXPIRED: i32 = 3;

/// Platform names of v2.0.x (docs/api.md#platforms); 8 has no name but is accepted.
pub fn platform_name(id: i64) -> &'static str {
    match id {
        1 => "IOS",
        2 => "Android",
        3 => "Windows",
        4 => "OSX",
        5 => "Web",
        6 => "MiniWeb",
        7 => "Linux",
        _ => "",
    }
}

#[derive(Clone, Debug)]
pub struct Issued {
    pub user_id: String,
    pub platform: String,
    pub token: String,
    pub status: i32,
    pub expires_at: i64,
}

/// The issued-token list, keyed like the Redis hash: (uid, platform name).
#[derive(Default, Debug)]
pub struct TokenStore {
    by_key: BTreeMap<(String, String), Vec<Issued>>,
}

pub struct Claims {
    pub uid: String,
    pub platform: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
}

impl TokenStore {
    /// `CreateToken`: drops this uid+platform's tokens that are no longer
    /// normal or have expired, then adds the new one. Older valid tokens stay.
    pub fn issue(
        &mut self,
        key: &str,
        uid: &str,
        platform_id: i64,
        now: i64,
        ttl_days: i64,
    ) -> Issued {
        let platform = platform_name(platform_id).to_string();
        let exp = now + ttl_days * 24 * 3600;
        let claims = Claims {
            uid: uid.to_string(),
            platform: platform.clone(),
            exp,
            nbf: now,
            iat: now,
        };
        let token = sign(key, &claims);
        let list = self
            .by_key
            .entry((uid.to_string(), platform.clone()))
            .or_default();
        list.retain(|t| t.status == NORMAL && t.expires_at > now && t.token != token);
        let issued = Issued {
            user_id: uid.to_string(),
            platform,
            token,
            status: NORMAL,
            expires_at: exp,
        };
        list.push(issued.clone());
        issued
    }

    /// `ParseToken`: signature, time claims, then the issued list. Any
    /// failure is just `None`, since v2.0.8 collapses them all (docs/api.md#token-check).
    pub fn verify(&self, key: &str, token: &str, now: i64) -> Option<Claims> {
        let claims = verify_jwt(key, token)?;
        if now > claims.exp || now < claims.nbf || now < claims.iat {
            return None;
        }
        let list = self
            .by_key
            .get(&(claims.uid.clone(), claims.platform.clone()))?;
        let entry = list.iter().find(|t| t.token == token)?;
        (entry.status == NORMAL).then_some(claims)
    }

    /// Marks every issued token as expired (status 3), like a lapse of time.
    pub fn expire_all(&mut self) -> usize {
        let mut n = 0;
        for t in self.by_key.values_mut().flatten() {
            t.status = EXPIRED;
            n += 1;
        }
        n
    }

    pub fn all(&self) -> impl Iterator<Item = &Issued> {
        self.by_key.values().flatten()
    }
}

/// Builds the JWT; the claims are marshalled by Go's `encoding/json` in the
/// order of the `Claims` struct (`UID, Platform`, then jwt's `exp, nbf, iat`).
pub fn sign(key: &str, c: &Claims) -> String {
    let header = Go::obj()
        .field("alg", Go::str("HS256"))
        .field("typ", Go::str("JWT"))
        .build();
    let payload = Go::obj()
        .field("UID", Go::str(&c.uid))
        .field("Platform", Go::str(&c.platform))
        .field("exp", Go::Int(c.exp))
        .field("nbf", Go::Int(c.nbf))
        .field("iat", Go::Int(c.iat))
        .build();
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.encode()),
        URL_SAFE_NO_PAD.encode(payload.encode())
    );
    let sig = mac(key, signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

fn mac(key: &str, data: &[u8]) -> Vec<u8> {
    let mut m = HmacSha256::new_from_slice(key.as_bytes()).expect("any key length works for HMAC");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

/// Checks the HS256 signature and reads the claims.
pub fn verify_jwt(key: &str, token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).ok()?).ok()?;
    if header.get("alg")?.as_str()? != "HS256" {
        return None;
    }
    let sig = URL_SAFE_NO_PAD.decode(s).ok()?;
    let mut m = HmacSha256::new_from_slice(key.as_bytes()).ok()?;
    m.update(format!("{h}.{p}").as_bytes());
    m.verify_slice(&sig).ok()?;
    let body: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).ok()?).ok()?;
    Some(Claims {
        uid: body.get("UID")?.as_str()?.to_string(),
        platform: body.get("Platform")?.as_str()?.to_string(),
        exp: body.get("exp")?.as_i64()?,
        nbf: body.get("nbf").and_then(|v| v.as_i64()).unwrap_or(0),
        iat: body.get("iat").and_then(|v| v.as_i64()).unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_documented_token() {
        // The example token of the API document was signed with the default key.
        let c = Claims {
            uid: "openIM123456".into(),
            platform: "IOS".into(),
            exp: 1646293994,
            nbf: 1645689194,
            iat: 1645689194,
        };
        let t = sign("open_im_server", &c);
        assert_eq!(
            t,
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJVSUQiOiJvcGVuSU0xMjM0NTYiLCJQbGF0Zm9ybSI6IklPUyIsImV4cCI6MTY0NjI5Mzk5NCwibmJmIjoxNjQ1Njg5MTk0LCJpYXQiOjE2NDU2ODkxOTR9.cHEgLEHyzC1bmHoPjz7chYqIanfodeLT6LmQhPDeGPA"
        );
        assert!(verify_jwt("open_im_server", &t).is_some());
        assert!(verify_jwt("other", &t).is_none());
    }

    #[test]
    fn only_issued_normal_tokens_verify() {
        let mut s = TokenStore::default();
        let a = s.issue("k", "u", 1, 1000, 1);
        assert!(s.verify("k", &a.token, 1001).is_some());
        let foreign = sign(
            "k",
            &Claims {
                uid: "u".into(),
                platform: "IOS".into(),
                exp: 999999,
                nbf: 0,
                iat: 0,
            },
        );
        assert!(s.verify("k", &foreign, 1001).is_none());
        assert!(s.verify("k", &a.token, 1000 + 86401).is_none());
        s.expire_all();
        assert!(s.verify("k", &a.token, 1001).is_none());
    }
}
