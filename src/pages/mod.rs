//! One module per routed page.

pub mod directory;
pub mod friends;
pub mod group;
pub mod groups;
pub mod login;
pub mod messages;
pub mod not_found;
pub mod notifications;
pub mod overview;
pub mod user;
pub mod users;
