//! The `/auth/*` routes: user_token (docs/api.md#user-token), parse_token
//! (docs/releases.md#parse-token) and force_logout (docs/releases.md#force-logout).

use super::{bind_or_400, operator_or_token_error, Call};
use crate::gojson::Go;
use crate::release::Release;
use crate::reply::{gin_h, Reply, TokenFailure};
use crate::requests::{
    FORCE_LOGOUT_REQ, FORCE_LOGOUT_REQ_2_3, PARSE_TOKEN_REQ, USER_TOKEN_REQ, USER_TOKEN_REQ_2_3,
};
use crate::rng::now_secs;
use crate::sim::Sim;
use crate::token::Times;

/// From v2.3.2 a token is valid from five minutes before its issue.
const CLOCK_SKEW_SECS: i64 = 300;

pub fn user_token(sim: &mut Sim, call: &Call) -> Reply {
    let release = sim.config.release;
    let def = if release >= Release::V2_3_2 {
        &USER_TOKEN_REQ_2_3
    } else {
        &USER_TOKEN_REQ
    };
    let req = bind_or_400!(call, *def);
    if req.str("secret") != sim.config.secret {
        // errCode 401 inside an HTTP 400; v2.3.2 names the failed comparison.
        let msg = if release >= Release::V2_3_2 {
            format!(
                "{} params.Secret != config.Config.Secret ",
                req.str("operationID")
            )
        } else {
            "not authorized".to_string()
        };
        return Reply::json(400, gin_h(401, &msg, vec![]));
    }
    let user_id = req.str("userID");
    let data = |token: &str, expired: i64| {
        Go::obj()
            .field("userID", Go::str(&user_id))
            .field("token", Go::str(token))
            .field("expiredTime", Go::Int(expired))
            .build()
    };
    // The RPC looks the user up first; a missing row is ErrDB.
    if sim.state.user(&user_id).is_none() {
        return Reply::with_data(802, "db failed", data("", 0));
    }
    let now = now_secs();
    let times = Times {
        now,
        nbf: if release >= Release::V2_3_2 {
            now - CLOCK_SKEW_SECS
        } else {
            now
        },
        ttl_days: sim.config.token_ttl(),
    };
    let platform = release.platform_name(req.int("platform"));
    let key = sim.config.access_secret.clone();
    let issued = sim.state.tokens.issue(&key, &user_id, platform, times);
    Reply::with_data(0, "", data(&issued.token, issued.expires_at))
}

/// docs/releases.md#parse-token: the header token's absolute expiry. From
/// v2.3 every failure carries errCode 1001, even the bind failure whose
/// HTTP 400 gin has already written.
pub fn parse_token(sim: &mut Sim, call: &Call) -> Reply {
    let v2_3 = sim.config.release.is_2_3();
    let req = match crate::bind::bind(&call.body, &PARSE_TOKEN_REQ) {
        Ok(req) => req,
        Err(e) if v2_3 => return Reply::json(400, gin_h(1001, &e, vec![])),
        Err(e) => return Reply::bind_error(e),
    };
    let op_id = req.str("operationID");
    let checked = sim
        .state
        .tokens
        .check(&sim.config.access_secret, &call.token, now_secs());
    match checked {
        Ok(claims) => {
            let data = Go::obj()
                .field("ExpireTimeSeconds", Go::Int(claims.exp))
                .build();
            Reply::with_data(0, "", data)
        }
        Err(cause) => {
            let failure = TokenFailure {
                operation_id: &op_id,
                token: &call.token,
                cause,
            };
            let msg = failure.message("GetUserIDFromTokenExpireTime", !v2_3);
            let (status, code) = if v2_3 { (200, 1001) } else { (500, 500) };
            Reply::json(status, gin_h(code, &msg, vec![]))
        }
    }
}

/// docs/releases.md#force-logout: admin only. From v2.2.0 every token of the
/// user on that platform is marked kicked and the connection closed; v2.1.0
/// only sends the kick frame, so the token keeps working.
pub fn force_logout(sim: &mut Sim, call: &Call) -> Reply {
    let release = sim.config.release;
    let def = if release >= Release::V2_3_2 {
        &FORCE_LOGOUT_REQ_2_3
    } else {
        &FORCE_LOGOUT_REQ
    };
    let req = bind_or_400!(call, *def);
    let op = operator_or_token_error!(sim, call, req, (500, 500));
    if !sim.is_admin(&op) {
        let msg = format!("{} IsManagerUserID false {op}", req.str("operationID"));
        return Reply::comm(801, &msg);
    }
    if release >= Release::V2_2_0 {
        let (user_id, platform) = (req.str("fromUserID"), req.int("platform"));
        sim.state
            .tokens
            .kick(&user_id, release.platform_name(platform));
        if let Some(set) = sim.state.online.get_mut(&user_id) {
            set.remove(&platform);
            if set.is_empty() {
                sim.state.online.remove(&user_id);
            }
        }
    }
    Reply::comm(0, "")
}
