//! The arithmetic of the overview's charts: a round top for the scale and
//! which buckets get a label, so bars and axes are laid out the same way
//! whatever the numbers.

use super::markup::esc;

/// The smallest 1, 2 or 5 times a power of ten at or above `max` (at
/// least 1), so gridlines fall on round numbers.
pub fn nice_max(max: u64) -> u64 {
    let mut step = 1_u64;
    loop {
        for m in [1, 2, 5] {
            if let Some(top) = step.checked_mul(m) {
                if top >= max {
                    return top;
                }
            } else {
                return max;
            }
        }
        step = match step.checked_mul(10) {
            Some(s) => s,
            None => return max,
        };
    }
}

/// Whether bucket `i` of `n` gets a label on the time axis: about six,
/// always the first and the last.
pub fn labelled(i: usize, n: usize) -> bool {
    let every = n.div_ceil(6).max(1);
    i == n.saturating_sub(1) || (i.is_multiple_of(every) && n - 1 - i >= every)
}

/// A bucket's label: `MM-DD` for days, `YYYY-MM` for months, from its
/// `YYYY-MM-DD` start.
pub fn label(date: &str, monthly: bool) -> &str {
    if monthly {
        date.get(..7).unwrap_or(date)
    } else {
        date.get(5..).unwrap_or(date)
    }
}

/// A number on an axis: `1.5k`, `12k`, `3.2M`.
pub fn compact(n: u64) -> String {
    let (scale, unit) = match n {
        0..1_000 => return n.to_string(),
        1_000..1_000_000 => (1_000, "k"),
        _ => (1_000_000, "M"),
    };
    let tenths = n * 10 / scale;
    if tenths < 100 && !tenths.is_multiple_of(10) {
        format!("{}.{}{unit}", tenths / 10, tenths % 10)
    } else {
        format!("{}{unit}", tenths / 10)
    }
}

/// A series drawn: its name and `(YYYY-MM-DD, number)` buckets.
pub type Drawn<'a> = (&'a str, &'a [(String, u64)]);

/// The drawing's size in its own units (tenths of a CSS pixel at its
/// natural size, so every coordinate is a whole number); it scales to its
/// box.
pub const WIDTH: u64 = 6400;
pub const HEIGHT: u64 = 2200;
const LEFT: u64 = 480;
const RIGHT: u64 = 80;
const TOP: u64 = 120;
const BOTTOM: u64 = 280;

/// The inside of the chart's `<svg>`: gridlines with their numbers, the
/// time axis, and bars (side by side for two series) or a line with a dot
/// per bucket. Every bar and dot carries a `<title>` with its bucket and
/// number for pointer users; the same numbers are in the table beside.
pub fn svg(series: &[Drawn], line: bool, monthly: bool) -> String {
    use std::fmt::Write;
    let n = series.iter().map(|s| s.1.len()).max().unwrap_or(0) as u64;
    let max = (series.iter())
        .flat_map(|s| s.1.iter().map(|p| p.1))
        .max()
        .unwrap_or(0);
    let top = nice_max(max);
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let y = |v: u64| TOP + h - (v as f64 * h as f64 / top as f64) as u64;
    let mut out = String::new();
    // A middle gridline only where it falls on a whole number (not on a
    // top of 1 or 5), so the gridlines stay evenly spaced.
    let mut ticks = vec![0, top];
    if top.is_multiple_of(2) {
        ticks.insert(1, top / 2);
    }
    for t in ticks {
        let at = y(t);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{at}" y2="{at}"/><text class="axis" x="{}" y="{}" text-anchor="end">{}</text>"#,
            LEFT + w,
            LEFT - 60,
            at + 40,
            compact(t)
        );
    }
    if n == 0 {
        return out;
    }
    let center = |i: u64| LEFT + (2 * i + 1) * w / (2 * n);
    for (i, (date, _)) in (0..).zip(series[0].1) {
        if labelled(i as usize, n as usize) {
            let _ = write!(
                out,
                r#"<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                center(i),
                HEIGHT - 80,
                esc(label(date, monthly))
            );
        }
    }
    let k_all = series.len() as u64;
    let bar = (w * 8 / (10 * n * k_all)).max(10);
    for (k, (name, points)) in (0..).zip(series) {
        let name = esc(name);
        if line {
            let path: Vec<String> = ((0..).zip(points.iter()))
                .map(|(i, p)| format!("{},{}", center(i), y(p.1)))
                .collect();
            let _ = write!(
                out,
                r#"<polyline class="line s{k}" points="{}"/>"#,
                path.join(" ")
            );
        }
        for (i, (date, v)) in (0..).zip(points.iter()) {
            let tip = format!("<title>{name} {}: {v}</title>", esc(date));
            if line {
                let _ = write!(
                    out,
                    r#"<circle class="dot s{k}" cx="{}" cy="{}" r="30">{tip}</circle>"#,
                    center(i),
                    y(*v)
                );
            } else {
                let x = LEFT + (10 * i + 1) * w / (10 * n) + bar * k;
                let _ = write!(
                    out,
                    r#"<rect class="bar s{k}" x="{x}" y="{}" width="{bar}" height="{}">{tip}</rect>"#,
                    y(*v),
                    TOP + h - y(*v)
                );
            }
        }
    }
    out
}

/// The texts a chart needs from the page, in its language.
pub struct Texts<'a> {
    pub title: &'a str,
    pub numbers: &'a str,
    pub from: &'a str,
}

/// A whole chart below its title, as markup: the totals, the drawing
/// (named for screen readers by its title and totals), a legend for two
/// series, and the numbers as a table, a bucket a row.
pub fn figure(
    texts: &Texts,
    series: &[Drawn],
    totals: &[u64],
    line: bool,
    monthly: bool,
) -> String {
    use std::fmt::Write;
    let totals: Vec<String> = (series.iter().zip(totals))
        .map(|((name, _), n)| match series.len() {
            1 => n.to_string(),
            _ => format!("{name} {n}"),
        })
        .collect();
    let totals = esc(&totals.join(" · "));
    let mut out = format!(
        r#"<p class="chart-total">{totals}</p><svg class="chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}: {totals}">{}</svg>"#,
        esc(texts.title),
        svg(series, line, monthly)
    );
    if series.len() > 1 {
        out.push_str(r#"<p class="legend">"#);
        for (k, (name, _)) in series.iter().enumerate() {
            let _ = write!(out, r#"<span class="key s{k}">{}</span>"#, esc(name));
        }
        out.push_str("</p>");
    }
    let _ = write!(
        out,
        r#"<details class="numbers"><summary>{}</summary><table class="plain"><thead><tr><th scope="col">{}</th>"#,
        esc(texts.numbers),
        esc(texts.from)
    );
    for (name, _) in series {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, esc(name));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, (date, _)) in series.first().map_or(&[][..], |s| s.1).iter().enumerate() {
        let _ = write!(out, r#"<tr><th scope="row">{}</th>"#, esc(date));
        for (_, points) in series {
            let _ = write!(out, "<td>{}</td>", points.get(i).map_or(0, |p| p.1));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></details>");
    out
}

/// A ranked list as markup: each name linked where it has a page.
pub fn ranking(rows: &[(Option<String>, String, String)]) -> String {
    use std::fmt::Write;
    let mut out = String::from(r#"<ol class="top">"#);
    for (href, name, count) in rows {
        let name = esc(name);
        let _ = match href {
            Some(href) => write!(out, r#"<li><a href="{}">{name}</a>"#, esc(href)),
            None => write!(out, "<li><span>{name}</span>"),
        };
        let _ = write!(out, r#" <span class="muted">{}</span></li>"#, esc(count));
    }
    out.push_str("</ol>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_end_on_round_numbers() {
        let cases = [
            (0, 1),
            (1, 1),
            (2, 2),
            (3, 5),
            (7, 10),
            (10, 10),
            (11, 20),
            (480, 500),
            (501, 1000),
            (100_001, 200_000),
        ];
        for (max, top) in cases {
            assert_eq!(nice_max(max), top, "{max}");
        }
        assert_eq!(nice_max(u64::MAX), u64::MAX);
    }

    #[test]
    fn about_six_labels_with_both_ends() {
        let shown = |n| (0..n).filter(|&i| labelled(i, n)).collect::<Vec<_>>();
        assert_eq!(shown(1), [0]);
        assert_eq!(shown(7), [0, 2, 4, 6]);
        assert_eq!(shown(12), [0, 2, 4, 6, 8, 11]);
        assert_eq!(shown(30), [0, 5, 10, 15, 20, 29]);
        assert_eq!(label("2026-12-03", false), "12-03");
        assert_eq!(label("2026-12-01", true), "2026-12");
    }

    fn points(values: &[u64]) -> Vec<(String, u64)> {
        (values.iter().enumerate())
            .map(|(i, v)| (format!("2026-11-{:02}", i + 1), *v))
            .collect()
    }

    #[test]
    fn bars_stand_on_the_axis_in_proportion() {
        let a = points(&[0, 5, 10]);
        let out = svg(&[("New users", &a)], false, false);
        // Scale 0..10: the gridlines read 0, 5 and 10.
        assert!(
            out.contains(">0</text>") && out.contains(">5</text>") && out.contains(">10</text>")
        );
        assert_eq!(out.matches("<rect").count(), 3);
        // The full bar spans the plot's height; the empty one has none.
        assert!(
            out.contains(
                r#"y="120" width="1557" height="1800"><title>New users 2026-11-03: 10</title>"#
            ),
            "{out}"
        );
        assert!(out.contains(r#"height="0"><title>New users 2026-11-01: 0</title>"#));
        assert!(out.contains(">11-01</text>") && out.contains(">11-03</text>"));
        // Two series share each slot.
        let b = points(&[1, 2, 3]);
        let two = svg(&[("Single", &a), ("Groups", &b)], false, false);
        assert_eq!(two.matches("<rect").count(), 6);
        assert!(two.contains(r#"class="bar s1""#));
    }

    #[test]
    fn gridlines_are_evenly_spaced() {
        let grid = |out: &str| {
            (out.split(r#"<line class="grid""#).skip(1))
                .map(|l| {
                    l.split(r#"y1=""#)
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect::<Vec<_>>()
        };
        // A top of 5 has no whole middle: 0 and 5 only, not a "2" off centre.
        let five = svg(&[("New users", &points(&[1, 4]))], false, false);
        assert_eq!(grid(&five), ["1920", "120"]);
        assert!(!five.contains(">2</text>"));
        // A top of 20 has its middle at 10, halfway up.
        let twenty = svg(&[("New users", &points(&[1, 14]))], false, false);
        assert_eq!(grid(&twenty), ["1920", "1020", "120"]);
        assert!(twenty.contains(">10</text>"));
    }

    #[test]
    fn lines_get_a_dot_per_bucket_and_text_is_escaped() {
        let a = vec![("<b>".to_string(), 3), ("2026-12-01".to_string(), 4)];
        let out = svg(&[("Total \"users\"", &a)], true, true);
        assert_eq!(out.matches("<polyline").count(), 1);
        assert_eq!(out.matches("<circle").count(), 2);
        assert!(!out.contains("<b>") && out.contains("&lt;b&gt;"));
        assert!(out.contains("Total &quot;users&quot;"));
        assert!(out.contains(">2026-12</text>"));
        let empty = svg(&[("x", &[])], false, false);
        assert!(!empty.contains("<rect") && empty.contains("<line"));
        let texts = Texts {
            title: "Total",
            numbers: "Numbers",
            from: "From",
        };
        let one = figure(&texts, &[("x", &a)], &[9], true, true);
        assert!(one.starts_with(r#"<p class="chart-total">9</p><svg"#));
        assert!(one.contains(r#"aria-label="Total: 9""#));
        assert!(one.contains(r#"<tbody><tr><th scope="row">&lt;b&gt;</th><td>3</td></tr><tr><th scope="row">2026-12-01</th><td>4</td></tr></tbody>"#));
        assert!(!one.contains("legend"));
        let b = vec![("<b>".to_string(), 1)];
        let two = figure(&texts, &[("A", &a), ("B", &b)], &[7, 1], false, false);
        assert!(two.contains(r#"<p class="chart-total">A 7 · B 1</p>"#));
        assert!(two.contains(r#"<span class="key s1">B</span>"#));
        // A bucket one series lacks reads 0.
        assert!(two.contains("<td>4</td><td>0</td>"));
        let list = ranking(&[
            (
                Some("/users/a%22b".into()),
                "<i>Al</i>".into(),
                "9 messages".into(),
            ),
            (None, "Bo".into(), "2 messages".into()),
        ]);
        assert_eq!(
            list,
            r#"<ol class="top"><li><a href="/users/a%22b">&lt;i&gt;Al&lt;/i&gt;</a> <span class="muted">9 messages</span></li><li><span>Bo</span> <span class="muted">2 messages</span></li></ol>"#
        );
    }

    #[test]
    fn axis_numbers_are_short() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1k"),
            (1_500, "1.5k"),
            (12_345, "12k"),
            (200_000, "200k"),
            (2_500_000, "2.5M"),
        ];
        for (n, text) in cases {
            assert_eq!(compact(n), text);
        }
    }
}
