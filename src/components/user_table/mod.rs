//! The users table of the lookup page and the directory: summary, filter,
//! sort, selection with bulk actions (online check, delete, CSV, open in
//! lookup), and a virtualised list that renders a screenful of rows
//! whether the table holds ten users or a hundred thousand.

mod columns;
mod delete;
mod results;
mod status;
mod table;

pub use columns::{
    Col, Purpose, BLACK_COLUMNS, DESTINATIONS, DIRECTORY_COLUMNS, FRIEND_COLUMNS,
    GROUP_MEMBER_COLUMNS, GROUP_RESULT_COLUMNS, LOOKUP_COLUMNS, MEMBER_COLUMNS,
    PAIR_RESULT_COLUMNS,
};
pub use results::UserResults;
pub use status::{RefreshOnline, RunStatus};

/// Height of one table row, in pixels.
const ROW_HEIGHT: u32 = 44;
/// Height of the table's scrolling box, in pixels.
const VIEWPORT: u32 = 560;
