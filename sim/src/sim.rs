//! The server's whole mutable world behind one lock: settings, tables,
//! issued tokens, the request log, the faults asked for and the ID generator.

use crate::config::Config;
use crate::demo;
use crate::faults::Faults;
use crate::reply::{Reply, TokenFailure};
use crate::rng::{md5_hex, now_nanos, now_secs, Rng};
use crate::state::State;
use crate::token::TokenError;

pub struct Sim {
    pub config: Config,
    pub state: State,
    /// Every API request so far, for `GET /_sim/requests`.
    pub requests: Vec<serde_json::Value>,
    /// Set by `POST /_sim/faults`; none until then.
    pub faults: Faults,
    /// The group service stopped after a panic (docs/readback.md#readback-traps,
    /// trap 6); every group route fails until `POST /_sim/restart_group_service`.
    pub group_service_down: bool,
    /// The user service stopped after the CMS's `add_user` (docs/cms.md#cms-traps,
    /// trap T14); user routes fail until `POST /_sim/restart_user_service`.
    pub user_service_down: bool,
    /// What the last CMS statistics or chat-log request visited.
    pub cms_work: crate::cms_index::Work,
    ids: Rng,
}

impl Sim {
    pub fn new(config: Config) -> Sim {
        let state = demo::build(&config);
        Sim {
            config,
            state,
            requests: Vec::new(),
            faults: Faults::default(),
            group_service_down: false,
            user_service_down: false,
            cms_work: Default::default(),
            ids: Rng::from_time(),
        }
    }

    /// Admin status depends only on the userID (docs/api.md#admins).
    pub fn is_admin(&self, user_id: &str) -> bool {
        self.config.admins.iter().any(|a| a == user_id)
    }

    /// `CheckAccess`: an admin, or the user acting on themself.
    pub fn check_access(&self, op: &str, owner: &str) -> bool {
        self.is_admin(op) || op == owner
    }

    /// `GetUserIDFromToken` (docs/api.md#token-check).
    pub fn user_id_from_token(&self, token: &str) -> Option<String> {
        self.check_token(token).ok()
    }

    /// `GetUserIDFromToken` with the cause of a refusal.
    pub fn check_token(&self, token: &str) -> Result<String, TokenError> {
        self.state
            .tokens
            .check(&self.config.access_secret, token, now_secs())
            .map(|c| c.uid)
    }

    /// The operator of a call, or the route's token-failure reply
    /// (docs/releases.md#release-token-status).
    pub fn operator(
        &self,
        token: &str,
        op_id: &str,
        from_2_2: (u16, i64),
    ) -> Result<String, Reply> {
        self.check_token(token).map_err(|cause| {
            let failure = TokenFailure {
                operation_id: op_id,
                token,
                cause,
            };
            Reply::token_error(self.config.release, &failure, from_2_2)
        })
    }

    /// Group IDs: md5 of the nanosecond clock, 32 hex chars (docs/api.md#create-group);
    /// from v2.1.0 its first 8 hex digits as a decimal number
    /// (docs/releases.md#release-create-group).
    pub fn new_group_id(&mut self) -> String {
        loop {
            let mut id = md5_hex(&format!("{}{}", now_nanos(), self.ids.next_u64()));
            if self.config.release >= crate::release::Release::V2_1_0 {
                id = u32::from_str_radix(&id[..8], 16).unwrap_or(0).to_string();
            }
            if self.state.group(&id).is_none() {
                return id;
            }
        }
    }

    /// `utils.GetMsgID(sendID)`: md5(nanotime + sendID + rand) (docs/api.md#msg-ids).
    pub fn new_client_msg_id(&mut self, send_id: &str) -> String {
        md5_hex(&format!(
            "{}{}{}",
            now_nanos(),
            send_id,
            self.ids.next_u64()
        ))
    }

    /// The RPC's serverMsgID: md5(formatted time + "-" + sendID + "-" + rand).
    pub fn new_server_msg_id(&mut self, send_id: &str) -> String {
        md5_hex(&format!(
            "{}-{}-{}",
            now_nanos(),
            send_id,
            self.ids.next_u64()
        ))
    }
}
