//! Widgets shared by pages.

pub mod boot_form;
pub mod broadcast;
pub mod broadcast_panel;
pub mod bulk;
pub mod cms;
pub mod confirm;
pub mod content_fields;
pub mod copy_button;
pub mod download;
pub mod error_box;
pub mod field_error;
pub mod force_logout;
pub mod group_list;
pub mod id_list_input;
pub mod oa_preview;
pub mod pager;
pub mod profile_edit;
pub mod progress;
pub mod send;
pub mod server_search;
pub mod templates;
pub mod text_field;
pub mod undo;
pub mod user_table;
