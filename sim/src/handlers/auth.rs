//! POST /auth/user_token (docs/api.md#user-token).

use super::{bind_or_400, Call};
use crate::gojson::Go;
use crate::reply::{gin_h, Reply};
use crate::requests::USER_TOKEN_REQ;
use crate::rng::now_secs;
use crate::sim::Sim;

pub fn user_token(sim: &mut Sim, call: &Call) -> Reply {
    let req = bind_or_400!(call, USER_TOKEN_REQ);
    if req.str("secret") != sim.config.secret {
        // v2.0.0–v2.0.8 wording; errCode 401 inside an HTTP 400.
        return Reply::json(400, gin_h(401, "not authorized", vec![]));
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
    let (key, ttl) = (sim.config.access_secret.clone(), sim.config.token_ttl_days);
    let issued = sim
        .state
        .tokens
        .issue(&key, &user_id, req.int("platform"), now_secs(), ttl);
    Reply::with_data(0, "", data(&issued.token, issued.expires_at))
}
