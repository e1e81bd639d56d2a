//! The list of every text the dashboard shows. One field per key; adding a
//! key here makes every locale that lacks it fail to compile.

macro_rules! strings {
    ($($key:ident),* $(,)?; $($counted:ident),* $(,)?) => {
        #[derive(Debug)]
        pub struct Strings {
            $(pub $key: &'static str,)*
            $(pub $counted: Plural,)*
        }

        impl Strings {
            /// Every (key, text) pair of the plain texts, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }

            /// Every (key, text) pair of the counted texts.
            pub fn counted(&self) -> Vec<(&'static str, Plural)> {
                vec![$((stringify!($counted), self.$counted)),*]
            }
        }
    };
}

/// A text that holds a number: the form for exactly one and the form for
/// any other number. A language without grammatical number (Chinese) gives
/// the same text twice, through [`Plural::same`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Plural {
    pub const fn same(text: &'static str) -> Plural {
        Plural {
            one: text,
            other: text,
        }
    }

    /// The form that agrees with `n`.
    pub fn form(&self, n: usize) -> &'static str {
        if n == 1 {
            self.one
        } else {
            self.other
        }
    }
}

strings! {
    app_name, skip_to_content, nav_label, nav_users, signed_in_as, token_expires,
    logout, language, not_found, go_home, loading,

    login_title, login_intro, server_label, server_hint, server_choice_label,
    secret_label, user_id_label, platform_label, platform_hint, platform_admin,
    login_button, logging_in, checking_admin, boot_failed,
    advanced_options, release_label, release_detect, release_configured, release_hint,
    detecting_release, err_unknown_release, err_unavailable, api_release, no_delete_user,
    force_logout_title, force_logout_keeps_token, force_logout_revokes, force_logout_button,
    force_logout_done, invite_broken, field_not_offline_push, not_offline_push_note,
    field_business_operation_id, ct_advanced_revoke, ct_custom_no_conversation,
    ct_custom_online_only, ref_advanced_revoke, ref_v2_3_3, search_title, search_hint,
    search_label, search_in, search_by_any, search_by_id, search_by_name, page_size,
    search_button, page_of, prev_page, next_page, col_created, load_every_id,
    broadcast_per_call, broadcast_per_call_hint,
    err_secret_missing, err_secret_too_long, err_user_missing, err_user_too_long,
    err_platform, err_server_url, err_not_admin, session_ended,

    err_title, err_code_label, err_msg_label, operation_id_label, err_session,
    err_rejected, err_not_admin_call, err_network, err_timeout, err_not_json,
    err_shape, err_aborted, err_server,

    users_title, users_intro, ids_label, ids_hint, ids_submit_hint, ids_duplicates,
    ids_too_long, lookup_button, load_all_button, clear_button, stop_button,
    err_ids_empty, progress_name,
    col_user_id, col_account, col_nickname, col_face, col_gender, col_ex,
    col_online, col_platforms,
    registered, unregistered, unknown, online, offline,
    gender_male, gender_female, gender_unset,
    filter_label, filter_placeholder, show_label, show_all, show_registered,
    show_unregistered, show_online, show_incomplete, export_csv,
    rows_shown, failed_requests, retry_failed, no_matches, no_face,

    field_face_url, field_phone, field_birth, field_email, err_too_long, err_birth, user_not_registered, refresh_label, refresh_off, refresh_every, by_platform, edit_title, edit_rules, save_button, saved, nothing_changed,
    nav_directory, directory_title, directory_intro, reload_button, col_select, select_row, admin_badge, sort_label, sort_listed, sort_user_id, sort_nickname, show_offline, show_selected, selection_label, selected_count, select_shown, clear_selection, check_online, delete_button, delete_warning, delete_type_count, delete_nothing_title, cancel, close, deleted_summary, not_deleted,
    col_from, col_role, col_result, role_member, role_admin, waiting, show_succeeded, show_refused, use_selection, to_lookup, to_new_group, to_members, make_admin, make_member, remove_button, note_invited, note_unknown_or_member, note_not_in_group_now, note_was_not_member, note_owner_not_kickable, note_friends, note_unknown_user, note_blocked, note_already_blocked, note_no_result, note_unknown_group, note_dismissed, note_no_permission, note_unknown_from_user, note_error, note_added_at_creation, note_skipped_at_creation, invited_after_create,
    nav_groups, groups_title, groups_intro, recent_title, recent_why, recent_none, col_group_name, col_owner, col_members, create_title, field_owner, field_group_type, group_type_0, group_type_1, field_group_name, hint_group_name, field_notification, field_introduction, members_legend, members_label, add_as, add_members, members_rules, check_and_create, err_owner_missing, field_custom_group_id, hint_custom_group_id, err_group_id_long, err_group_id_blank, err_owner_unregistered, working, confirm_create_title, skipped_members, create_button, created_title, created_summary, copy_button, copied, half_made, members_title, field_group_id, members_rules_server, invite_button, kick_button, err_group_missing, kick_warning,
    nav_friends, friends_title, friends_intro, import_title, field_from_user, friend_ids_label, import_rules, import_button, pairs_title, pairs_label, pairs_hint, pair_line, pair_not_two, pair_empty, pair_too_long, err_pairs_empty, pairs_button, err_from_missing, black_title, field_black_owner, black_ids_label, black_note_friendship, black_note_messages, black_note_unchecked, black_button, results_title, results_none,
    nav_messages, messages_title, messages_intro, compose_title, field_send_id, field_sender_nickname, field_sender_face, field_platform, field_session_type, session_single, session_group, field_recv_id, field_content_type, ct_text, ct_picture, ct_sound, ct_video, ct_file, ct_custom, ct_revoke, err_required, err_not_number, err_not_http, err_json_field, field_online_only, online_only_note, push_title, push_field_title, push_field_desc, push_field_sound, push_field_badge, send_button, sent_ok, group_send_note, err_600, send_unknown, history_title, history_none, col_time, col_target, col_summary, revoked, sent_short, unknown_short, revoke_button, revoke_confirm, revoke_note, preview_title, preview_invalid, reveal_token, group_not_known, manual_revoke_title, field_revoke_target, field_client_msg_id, err_revoke_fields, err_client_msg_id,
    format_json, ref_title, ref_here, ref_revoke, ref_not, ref_oa, ct_at, ct_merger, ct_card, ct_location, ct_receipt, ct_typing, ct_quote, ct_oa,
    err_zero, err_needs_url, nav_notifications, notifications_title, notifications_intro, field_mix_type, mix_0, mix_1, mix_2, mix_3, mix_4, mix_5, oa_preview_title, oa_preview_note, oa_open_link, oa_history_note, templates_title, templates_note, template_name, template_save, template_use, template_delete, templates_none, err_template_name,
    to_broadcast, broadcast_title, broadcast_intro, broadcast_ids, broadcast_csv, broadcast_concurrency, broadcast_timeout, broadcast_review, broadcast_type_count, broadcast_start, bc_running, bc_paused, bc_paused_session, bc_paused_storage, bc_cancelled, bc_done, bc_counts, bc_rate, bc_pause, bc_resume, bc_retry_failed, bc_retry_unknown, bc_unknown_warning, bc_new, bc_problems, bc_find, bc_not_in, bc_waiting, bc_other_tab, bc_stale,
    refresh_button, members_heading, cms_label, cms_hint, all_groups_title, cms_looking, cms_none, cms_look_again, cms_here, cms_at, cms_ab_note, err_unsafe_search, search_by_group_id, group_not_found, col_status, status_normal, status_muted, status_dismissed, col_creator, col_joined, col_muted_until, group_ownerless, group_owners_many, owner_fix_roles, owner_fix_none, group_edit_title, group_edit_rules, err_cannot_clear, group_actions_title, mute_group_button, unmute_group_button, mute_advice, dismissed_note, mute_group_title, unmute_group_title, dismiss_button, dismiss_title, dismiss_warning, dismiss_type_name, dismiss_confirm, group_done, members_loading, members_stopped, show_managers, show_muted, role_owner, mute_for, dur_10m, dur_1h, dur_1d, dur_7d, dur_30d, mute_button, unmute_button, make_owner, owner_left_out, transfer_title, transfer_warning, transfer_set_role, transfer_type_id, transfer_pick_one, action_results_title, role_needs_v2_1, open_group_title, open_button, open_page, joined_groups_title, joined_none, joined_note, friends_list_title, col_remark, col_since, friends_none, black_list_title, black_none, blocked_by_note, unfriend_button, unblock_button, unfriend_warning, unblock_warning, undo_title, undo_unblock, undo_unfriend, undo_kick, note_unblocked, note_unfriended, note_muted, note_unmuted, note_role_set, note_no_permission_or_db,
    nav_overview, overview_title, overview_intro, range_label, range_week, range_month, range_year, range_custom, field_from_day, field_to_day, show_button, err_bad_day, err_from_after_to, buckets_daily, buckets_monthly, chart_new_users, chart_total_users, chart_active_users, chart_messages, series_private, series_group, chart_new_groups, chart_total_groups, note_new_users, note_total_users, note_active_users, note_messages, note_new_groups, note_total_groups, top_users, top_groups, note_top_users, note_top_users_c, note_top_groups, numbers_label, col_bucket, chart_empty, logs_title, logs_intro, session_any, field_sender, field_receiver, field_content, field_day, field_any_type, logs_ab_note, logs_c_note, err_needs_session_type, err_no_receiver_filter, logs_export, col_sender, col_receiver, col_content_type, open_media, blocks_title, blocks_enforce_ab, blocks_enforce_c, field_block_user, field_block_until, block_button, err_until_past, block_confirm, col_block_begin, col_block_end, block_active, block_expired, blocks_none,

    ;
    // Texts with a number in them: one form per grammatical number.
    ids_count, progress_label, bc_progress, loaded_all, results_summary, directory_summary, delete_title, delete_admins_left_out, delete_confirm, members_summary, confirm_create, create_in_chunks, users_found, broadcast_batches, created_mismatch, kick_title, member_results_summary, pairs_count, pairs_bad_count, group_known_members, broadcast_confirm, delete_only_admins, group_members_summary, mute_title, unmute_title, role_title, unfriend_title, unblock_title, confirm_count, invite_title, listed_summary, groups_found, top_messages, logs_found, blocks_found,
}

impl Strings {
    /// Keys whose text is rightly the same in every language (API field
    /// names as the server spells them).
    pub const SAME_IN_ALL_LOCALES: &'static [&'static str] = &[
        "err_code_label",
        "field_business_operation_id",
        "err_msg_label",
        "operation_id_label",
        "col_user_id",
        "col_ex",
        "sort_user_id",
        "field_group_id",
        "field_from_user",
        "field_sender_nickname",
        "field_sender_face",
        "field_platform",
        "field_recv_id",
        "field_block_user",
        "push_field_title",
        "push_field_desc",
        "push_field_sound",
        "push_field_badge",
    ];
}
