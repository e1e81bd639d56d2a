//! The typed OpenIM v2 admin client. Everything here except `transport` is
//! plain Rust and is tested natively with `cargo test`.

pub mod auth;
pub mod body;
pub mod cms;
pub mod cms_blocks;
pub mod cms_logs;
pub mod cms_stats;
pub mod endpoints;
pub mod envelope;
pub mod error;
pub mod friend;
pub mod group;
pub mod ids;
pub mod msg;
pub mod opid;
pub mod release;
pub mod user;

#[cfg(target_arch = "wasm32")]
pub mod cms_transport;
#[cfg(target_arch = "wasm32")]
pub mod probe;
#[cfg(target_arch = "wasm32")]
pub mod transport;

pub use endpoints::Endpoint;
pub use error::{ApiError, ErrorKind};
