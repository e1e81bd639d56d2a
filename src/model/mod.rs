//! What pages show, as plain data: merging API results, filtering, export.
//! Kept free of the DOM so it is tested natively.

pub mod broadcast;
pub mod bulk;
pub mod chart;
pub mod csv;
pub mod days;
pub mod groups;
pub mod markup;
pub mod members;
pub mod message;
pub mod notification;
pub mod outcome;
pub mod pairs;
pub mod profile;
pub mod stored;
pub mod text;
pub mod users;
