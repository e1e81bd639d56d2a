//! Markup built as text, for what a page shows many of and never changes
//! in place (a chart, a page of search results): one string set at once
//! costs less than a view per cell. Every value from the server passes
//! through [`esc`].

use std::fmt::Write;

use crate::api::cms_blocks::Block;
use crate::api::cms_logs::{media_url, LogRow};
use crate::api::msg::REVOKE;
use crate::routes;

/// Text safe inside markup and quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A link to `href` reading `text`, with the muted `note` after it.
fn link(out: &mut String, href: &str, text: &str, note: &str) {
    let _ = write!(out, r#"<a href="{}">{}</a>"#, esc(href), esc(text));
    if !note.is_empty() {
        let _ = write!(out, r#" <span class="muted">{}</span>"#, esc(note));
    }
}

/// A page of chat logs as a table: each row's time (`times`, as the page
/// formats them), sender and receiver linked to their pages, content type
/// and content as text, with `open` linking a media message's http(s)
/// address. A message the server names by clientMsgID (C) gets a `revoke`
/// button carrying its row's index for the table's one click handler; a
/// revoke itself gets none.
pub fn logs_table(
    rows: &[LogRow],
    times: &[String],
    heads: [&str; 5],
    [open, revoke]: [&str; 2],
) -> String {
    let mut out = String::from(r#"<table class="plain logs-table"><thead><tr>"#);
    for head in heads {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, esc(head));
    }
    let named = rows.iter().any(|r| !r.client_msg_id.is_empty());
    if named {
        let _ = write!(
            out,
            r#"<th scope="col"><span class="visually-hidden">{}</span></th>"#,
            esc(revoke)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for (i, (r, time)) in rows.iter().zip(times).enumerate() {
        let _ = write!(
            out,
            r#"<tr><td class="nowrap">{}</td><td class="sender">"#,
            esc(time)
        );
        link(
            &mut out,
            &routes::user(&r.sender_id),
            &r.sender_id,
            &r.sender_name,
        );
        out.push_str(r#"</td><td class="receiver">"#);
        let to = match r.in_group() {
            true => routes::group(&r.receiver_id),
            false => routes::user(&r.receiver_id),
        };
        link(&mut out, &to, &r.receiver_id, &r.receiver_name);
        let _ = write!(
            out,
            r#"</td><td>{}</td><td class="content">{}"#,
            r.content_type,
            esc(&r.content)
        );
        if let Some(url) = media_url(r) {
            let _ = write!(
                out,
                r#" <a href="{}" target="_blank" rel="noopener noreferrer">{}</a>"#,
                esc(&url),
                esc(open)
            );
        }
        out.push_str("</td>");
        if named {
            out.push_str("<td>");
            if !r.client_msg_id.is_empty() && r.content_type != REVOKE as i64 {
                let _ = write!(
                    out,
                    r#"<button type="button" class="secondary revoke-log" data-row="{i}">{}</button>"#,
                    esc(revoke)
                );
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The block list as a table: each user linked, the times as the server
/// wrote them, whether the block still counts at `now` (Unix seconds; C
/// lists expired blocks too, T15), and an unblock button carrying the
/// userID for the list's one click handler.
pub fn blocks_table(
    rows: &[Block],
    now: i64,
    heads: [&str; 5],
    states: [&str; 2],
    unblock: &str,
) -> String {
    let mut out = String::from(r#"<table class="plain blocks-table"><thead><tr>"#);
    for head in heads {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, esc(head));
    }
    // The buttons' column is named for screen readers only.
    let _ = write!(
        out,
        r#"<th scope="col"><span class="visually-hidden">{}</span></th></tr></thead><tbody>"#,
        esc(unblock)
    );
    for b in rows {
        let active = b.active(now);
        let _ = write!(out, r#"<tr data-user-id="{}"><td>"#, esc(&b.user_id));
        link(&mut out, &routes::user(&b.user_id), &b.user_id, "");
        let _ = write!(
            out,
            r#"</td><td>{}</td><td>{}</td><td>{}</td><td><span class="badge {}">{}</span></td>"#,
            esc(&b.nickname),
            esc(&b.begin),
            esc(&b.end),
            if active { "warn" } else { "muted" },
            esc(states[usize::from(!active)])
        );
        let _ = write!(
            out,
            r#"<td><button type="button" class="secondary unblock-one" data-user="{}">{}</button></td></tr>"#,
            esc(&b.user_id),
            esc(unblock)
        );
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_text_and_links_only() {
        let rows = [
            LogRow {
                session_type: 1,
                content_type: 101,
                sender_id: "u/1".into(),
                sender_name: "<script>".into(),
                receiver_id: "u2".into(),
                content: "<img src=x onerror=alert(1)> & \"hi\"".into(),
                ..LogRow::default()
            },
            LogRow {
                session_type: 2,
                content_type: 102,
                sender_id: "u1".into(),
                receiver_id: "g1".into(),
                receiver_name: "Ops".into(),
                content: r#"{"sourcePicture":{"url":"https://cdn.example/a.png?x=1&y=\""}}"#.into(),
                ..LogRow::default()
            },
        ];
        let times = ["t1".to_string(), "t2".to_string()];
        let html = logs_table(
            &rows,
            &times,
            ["Time", "From", "To", "Type", "Content"],
            ["open", "Revoke"],
        );
        assert!(
            html.contains(
                r#"<a href="/users/u%2F1">u/1</a> <span class="muted">&lt;script&gt;</span>"#
            ),
            "{html}"
        );
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;hi&quot;"));
        assert!(!html.contains("<img") && !html.contains("<script"));
        assert!(html.contains(r#"<a href="/groups/g1">g1</a> <span class="muted">Ops</span>"#));
        assert!(html.contains(r#"<a href="https://cdn.example/a.png?x=1&amp;y=&quot;" target="_blank" rel="noopener noreferrer">open</a>"#));
        assert_eq!(html.matches("<tr>").count(), 3);
        // Without clientMsgIDs (A/B) there is nothing to revoke by.
        assert!(!html.contains("Revoke"));
    }

    #[test]
    fn messages_named_by_client_msg_id_offer_a_revoke() {
        let row = |content_type, id: &str| LogRow {
            content_type,
            client_msg_id: id.into(),
            ..LogRow::default()
        };
        let rows = [row(101, "c0"), row(111, "c1"), row(102, "")];
        let times = ["t".to_string(), "t".to_string(), "t".to_string()];
        let html = logs_table(&rows, &times, ["a", "b", "c", "d", "e"], ["open", "Revoke"]);
        // One header for the column, one button: a revoke is not revoked.
        assert!(html.contains(r#"<span class="visually-hidden">Revoke</span>"#));
        assert_eq!(html.matches("revoke-log").count(), 1);
        assert!(html.contains(r#"data-row="0">Revoke</button>"#));
        // Every row has the column, filled or not.
        assert_eq!(html.matches("</td>").count(), 3 * 6);
    }

    #[test]
    fn expired_blocks_say_so() {
        let rows = [
            Block {
                user_id: "u\"1".into(),
                nickname: "<b>".into(),
                end_secs: Some(100),
                ..Block::default()
            },
            Block {
                user_id: "u2".into(),
                end_secs: Some(300),
                ..Block::default()
            },
        ];
        let html = blocks_table(
            &rows,
            200,
            ["a", "b", "c", "d", "e"],
            ["blocked", "expired"],
            "Unblock",
        );
        assert!(html.contains(r#"data-user="u&quot;1""#) && html.contains("&lt;b&gt;"));
        assert!(html.contains(r#"<span class="badge muted">expired</span>"#));
        assert!(html.contains(r#"<span class="badge warn">blocked</span>"#));
        assert_eq!(html.matches("unblock-one").count(), 2);
    }
}
