//! The users table shared by the lookup page and the directory: one row per
//! user ID, filled in as account_check, get_users_info and online-status
//! answers arrive, with selection, sorting and an incremental filter that
//! stay fast at 100,000 rows.

mod export;
#[cfg(test)]
mod fixtures;
mod lookup;
mod row;
mod view;

pub use export::{csv_row, CSV_HEADER};
pub use lookup::{Lookup, Summary};
pub use row::{pair_key, UserRow};
pub use view::{window, Filtered, Ordered, Show, Sort};
