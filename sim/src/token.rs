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
pub const INVALID: i32 = 1;
pub const KICKED: i32 = 2;
pub const EXPIRED: i32 = 3;

/// Why a token was refused: the server's 70x code and text (docs/api.md#error-codes),
/// which later releases put into errMsg (docs/releases.md#release-token-status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenError {
    Expired,
    Invalid,
    Malformed,
    NotValidYet,
    Unknown,
    Kicked,
}

impl TokenError {
    pub fn code(self) -> i64 {
        match self {
            TokenError::Expired => 701,
            TokenError::Invalid => 702,
            TokenError::Malformed => 703,
            TokenError::NotValidYet => 704,
            TokenError::Unknown => 705,
            TokenError::Kicked => 706,
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            TokenError::Expired => "token is timed out, please log in again",
            TokenError::Invalid => "token has been invalidated",
            TokenError::Malformed => "that's not even a token",
            TokenError::NotValidYet => "token not active yet",
            TokenError::Unknown => "couldn't handle this token",
            TokenError::Kicked => "user has been kicked",
        }
    }
}

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

/// When a token is issued, from when it is valid, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Times {
    pub now: i64,
    pub nbf: i64,
    pub ttl_days: i64,
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
    /// `nbf` is the "not before" claim: the time of issue, or earlier in
    /// releases that allow for clock skew.
    pub fn issue(&mut self, key: &str, uid: &str, platform: &str, times: Times) -> Issued {
        let Times { now, nbf, ttl_days } = times;
        let platform = platform.to_string();
        let exp = now + ttl_days * 24 * 3600;
        let claims = Claims {
            uid: uid.to_string(),
            platform: platform.clone(),
            exp,
            nbf,
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

    /// `ParseToken`: signature, time claims, then the issued list. v2.0.8
    /// collapses every failure (docs/api.md#token-check); later releases
    /// report its cause.
    pub fn check(&self, key: &str, token: &str, now: i64) -> Result<Claims, TokenError> {
        let claims = verify_jwt(key, token)?;
        if now > claims.exp {
            return Err(TokenError::Expired);
        }
        if now < claims.nbf || now < claims.iat {
            return Err(TokenError::NotValidYet);
        }
        let entry = self
            .by_key
            .get(&(claims.uid.clone(), claims.platform.clone()))
            .and_then(|list| list.iter().find(|t| t.token == token))
            .ok_or(TokenError::Unknown)?;
        match entry.status {
            NORMAL => Ok(claims),
            KICKED => Err(TokenError::Kicked),
            EXPIRED => Err(TokenError::Expired),
            _ => Err(TokenError::Invalid),
        }
    }

    pub fn verify(&self, key: &str, token: &str, now: i64) -> Option<Claims> {
        self.check(key, token, now).ok()
    }

    /// `SetTokenKicked`: every token of the user on that platform is kicked;
    /// returns how many.
    pub fn kick(&mut self, uid: &str, platform: &str) -> usize {
        let key = (uid.to_string(), platform.to_string());
        let list = self.by_key.get_mut(&key).map(Vec::as_mut_slice);
        list.map_or(0, |list| {
            list.iter_mut().for_each(|t| t.status = KICKED);
            list.len()
        })
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

/// Checks the HS256 signature and reads the claims: a token that is not a
/// JWT is malformed (703), a bad signature is "couldn't handle" (705).
pub fn verify_jwt(key: &str, token: &str) -> Result<Claims, TokenError> {
    let (h, p, s) = split_jwt(token).ok_or(TokenError::Malformed)?;
    let claims = read_claims(p).ok_or(TokenError::Malformed)?;
    let sig = URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|_| TokenError::Malformed)?;
    let mut m = HmacSha256::new_from_slice(key.as_bytes()).map_err(|_| TokenError::Unknown)?;
    m.update(format!("{h}.{p}").as_bytes());
    m.verify_slice(&sig).map_err(|_| TokenError::Unknown)?;
    Ok(claims)
}

fn split_jwt(token: &str) -> Option<(&str, &str, &str)> {
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).ok()?).ok()?;
    (header.get("alg")?.as_str()? == "HS256").then_some((h, p, s))
}

fn read_claims(p: &str) -> Option<Claims> {
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
        assert!(verify_jwt("open_im_server", &t).is_ok());
        assert_eq!(verify_jwt("other", &t).err(), Some(TokenError::Unknown));
        assert_eq!(verify_jwt("k", "x.y").err(), Some(TokenError::Malformed));
    }

    #[test]
    fn only_issued_normal_tokens_verify() {
        let mut s = TokenStore::default();
        let times = Times {
            now: 1000,
            nbf: 1000,
            ttl_days: 1,
        };
        let a = s.issue("k", "u", "IOS", times);
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
        assert_eq!(
            s.check("k", &foreign, 1001).err(),
            Some(TokenError::Unknown)
        );
        let late = s.check("k", &a.token, 1000 + 86401).err();
        assert_eq!(late, Some(TokenError::Expired));
        assert_eq!(
            s.check("k", &a.token, 999).err(),
            Some(TokenError::NotValidYet)
        );
        assert_eq!(s.kick("u", "IOS"), 1);
        assert_eq!(s.check("k", &a.token, 1001).err(), Some(TokenError::Kicked));
        s.expire_all();
        assert!(s.verify("k", &a.token, 1001).is_none());
    }
}
