//! One module per routed page.

pub mod directory;
pub mod login;
pub mod not_found;
pub mod user;
pub mod users;
