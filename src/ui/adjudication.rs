//! The adjudication view (`A`): one dispute at a time. For reviewers who gave
//! different verdicts, the quoted span once and each reviewer's verdict, note
//! and sources side by side (columns when the screen is wide enough, stacked
//! when not), numbered by the key that makes that verdict final. For a merge
//! conflict, each version the same way and the lines where they differ.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::style::Theme;
use crate::agree::{self, Dispute};
use crate::app::adjudication::Adjudication;
use crate::config::Config;
use crate::model::{Annotation, AnnotationFile};
use crate::safe_text;
use serde_json::Value;

/// The narrowest a reviewer's column may be before they are stacked.
pub(super) const MIN_COLUMN_WIDTH: u16 = 30;

/// Draws the view over `area`.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    view: &Adjudication,
    file: &AnnotationFile,
    config: &Config,
    theme: &Theme,
) {
    let annotations = &file.annotations;
    let total = view.disputes.len();
    let title = if total == 0 {
        " Adjudication ".to_owned()
    } else {
        format!(" Adjudication {}/{total} ", view.selected + 1)
    };
    // The view covers the review screen: nothing of it may show through.
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(title)
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(dispute) = view.current() else {
        let text =
            "Nothing to settle: no claim where reviewers' verdicts differ, no merge conflict.";
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.dim())).wrap(Wrap { trim: false }),
            inner,
        );
        return;
    };
    let quote = dispute
        .first()
        .and_then(|i| annotations.get(i))
        .map(|a| safe_text::inline(&a.target.exact).into_owned())
        .unwrap_or_default();
    let quote_line = Line::styled(
        format!("“{quote}”"),
        Style::default().add_modifier(Modifier::ITALIC),
    );
    let (heading, second, panes, differences) = match dispute {
        Dispute::Verdicts { members } => {
            let members: Vec<&Annotation> =
                members.iter().filter_map(|&i| annotations.get(i)).collect();
            let panes: Vec<Pane> = members
                .iter()
                .enumerate()
                .map(|(n, a)| Pane::of(n + 1, &reviewer_name(a), a, config, theme))
                .collect();
            let heading =
                "Reviewers' verdicts differ on this claim: a number makes that verdict final";
            (heading.to_owned(), quote_line, panes, Vec::new())
        }
        Dispute::Conflict { index } => {
            let Some(a) = annotations.get(*index) else {
                return;
            };
            let versions: Vec<Annotation> = agree::versions(a)
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect();
            let panes: Vec<Pane> = versions
                .iter()
                .enumerate()
                .map(|(n, v)| {
                    let label = if n == 0 {
                        "kept by the merge"
                    } else {
                        "set aside"
                    };
                    Pane::of(n + 1, label, v, config, theme)
                })
                .collect();
            let heading = format!(
                "Merge conflict in {}'s annotation: a number keeps that version",
                safe_text::inline(&reviewer_name(a))
            );
            let differences = differences(&versions, config, theme);
            (heading, quote_line, panes, differences)
        }
        Dispute::FileField { field } => {
            let panes = file
                .field_versions(field)
                .iter()
                .enumerate()
                .map(|(n, value)| Pane::of_value(n + 1, value, theme))
                .collect();
            let heading = format!(
                "Merge conflict in the file's {}: a number keeps that value",
                safe_text::inline(field)
            );
            let second = Line::styled(
                "Both sides changed it; the other side's value waits in the file's `conflicts` until one is kept.",
                theme.dim(),
            );
            (heading, second, panes, Vec::new())
        }
    };
    let mut top = vec![
        Line::styled(heading, Style::default().add_modifier(Modifier::BOLD)),
        second,
    ];
    top.push(Line::default());
    let top_height = wrapped_height(&top, inner.width).min(inner.height / 3 + 2);
    let diff_height = if differences.is_empty() {
        0
    } else {
        (differences.len() as u16 + 1).min(inner.height / 3)
    };
    let [head, body, tail] = inner.layout(&Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Min(0),
        Constraint::Length(diff_height),
    ]));
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }), head);
    draw_panes(frame, body, panes);
    if diff_height > 0 {
        let mut lines = vec![Line::styled(
            "Differences",
            Style::default().add_modifier(Modifier::BOLD),
        )];
        lines.extend(differences);
        frame.render_widget(Paragraph::new(lines), tail);
    }
}

fn reviewer_name(a: &Annotation) -> String {
    if a.reviewer.is_empty() {
        "unknown reviewer".to_owned()
    } else {
        a.reviewer.clone()
    }
}

/// Rows `lines` take when wrapped to `width` (roughly: by character count).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// One reviewer's (or one version's) side.
struct Pane {
    title: Line<'static>,
    body: Vec<Line<'static>>,
}

impl Pane {
    fn of(n: usize, who: &str, a: &Annotation, config: &Config, theme: &Theme) -> Pane {
        let verdict = a
            .verdict
            .as_deref()
            .map_or("not judged", |v| config.verdicts.label(v));
        let mut style = Style::default().add_modifier(Modifier::BOLD);
        if let Some(c) = theme.verdict_color(config, a.verdict.as_deref()) {
            style = style.fg(c);
        }
        let title = Line::from(vec![
            Span::styled(format!(" {n} "), theme.mode()),
            Span::raw(format!(" {} · ", safe_text::inline(who))),
            Span::styled(safe_text::inline(verdict).into_owned(), style),
            Span::raw(" "),
        ]);
        let mut body = Vec::new();
        if a.note.is_empty() {
            body.push(Line::styled("no note", theme.dim()));
        } else {
            for l in safe_text::multiline(&a.note).split('\n') {
                body.push(Line::raw(l.to_owned()));
            }
        }
        for (i, s) in a.sources.iter().enumerate() {
            if i == 0 {
                body.push(Line::default());
            }
            let stance = s
                .stance
                .as_ref()
                .map(|st| format!("[{}] ", safe_text::inline(st.as_str())))
                .unwrap_or_default();
            let shown = if s.title.is_empty() { &s.url } else { &s.title };
            body.push(Line::raw(format!(
                "{}. {stance}{}",
                i + 1,
                safe_text::inline(shown)
            )));
        }
        if !a.modified.is_empty() {
            body.push(Line::styled(
                format!("modified {}", safe_text::inline(&a.modified)),
                theme.dim(),
            ));
        }
        Pane { title, body }
    }
}

impl Pane {
    /// Value `n` of a file-level field: the file's first, then the other
    /// sides' a merge set aside.
    fn of_value(n: usize, value: &Value, theme: &Theme) -> Pane {
        let label = if n == 1 {
            "in the file"
        } else {
            "set aside by the merge"
        };
        let title = Line::from(vec![
            Span::styled(format!(" {n} "), theme.mode()),
            Span::raw(format!(" {label} ")),
        ]);
        let text = match value {
            Value::Null => {
                return Pane {
                    title,
                    body: vec![Line::styled("no value", theme.dim())],
                };
            }
            Value::String(s) => s.clone(),
            other => serde_json::to_string_pretty(other).unwrap_or_default(),
        };
        let body = safe_text::multiline(&text)
            .split('\n')
            .map(|l| Line::raw(l.to_owned()))
            .collect();
        Pane { title, body }
    }
}

/// Side by side when each pane gets [`MIN_COLUMN_WIDTH`], else one under another.
fn draw_panes(frame: &mut Frame, area: Rect, panes: Vec<Pane>) {
    let count = u16::try_from(panes.len()).unwrap_or(u16::MAX).max(1);
    let columns = area.width / count >= MIN_COLUMN_WIDTH;
    let constraints = vec![Constraint::Ratio(1, u32::from(count)); panes.len()];
    let areas = if columns {
        Layout::horizontal(constraints).split(area)
    } else {
        Layout::vertical(constraints).split(area)
    };
    for (pane, rect) in panes.into_iter().zip(areas.iter()) {
        let block = Block::default()
            .borders(if columns { Borders::ALL } else { Borders::TOP })
            .title(pane.title);
        let inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        frame.render_widget(Paragraph::new(pane.body).wrap(Wrap { trim: false }), inner);
    }
}

/// The fields of a version as lines, for comparing versions.
fn described(a: &Annotation, config: &Config) -> String {
    let mut out = String::new();
    let verdict = a
        .verdict
        .as_deref()
        .map_or("not judged", |v| config.verdicts.label(v));
    out.push_str(&format!("verdict: {verdict}\nkind: {}\n", a.kind.as_str()));
    if !a.status.is_draft() {
        out.push_str(&format!("status: {}\n", a.status));
    }
    for l in a.note.lines() {
        out.push_str(&format!("note: {l}\n"));
    }
    for s in &a.sources {
        out.push_str(&format!("source: {}\n", s.url));
    }
    if !a.tags.is_empty() {
        out.push_str(&format!("tags: {}\n", a.tags.join(", ")));
    }
    out.push_str(&format!("quote: {}\n", a.target.exact));
    out
}

/// The lines where each other version differs from the first: `1 −` for the
/// first's, `N +` for version N's.
fn differences(versions: &[Annotation], config: &Config, theme: &Theme) -> Vec<Line<'static>> {
    let Some(first) = versions.first() else {
        return Vec::new();
    };
    let base = described(first, config);
    let mut out = Vec::new();
    for (n, other) in versions.iter().enumerate().skip(1) {
        let theirs = described(other, config);
        let diff = similar::TextDiff::from_lines(&base, &theirs);
        for change in diff.iter_all_changes() {
            let (mark, style) = match change.tag() {
                similar::ChangeTag::Equal => continue,
                similar::ChangeTag::Delete => ("1 −".to_owned(), theme.error()),
                similar::ChangeTag::Insert => (
                    format!("{} +", n + 1),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
            };
            let text = safe_text::inline(change.value().trim_end_matches('\n')).into_owned();
            out.push(Line::styled(format!("{mark} {text}"), style));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::model::Target;
    use crate::text::CharOffset;

    fn claim(id: &str, reviewer: &str, verdict: &str, note: &str) -> Annotation {
        Annotation {
            id: id.into(),
            target: Target {
                start: CharOffset::new(0),
                end: CharOffset::new(30),
                exact: "North Korea has dispatched 10,000 troops".into(),
                ..Target::default()
            },
            verdict: Some(verdict.into()),
            note: note.into(),
            reviewer: reviewer.into(),
            ..Annotation::default()
        }
    }

    fn screen(view: &Adjudication, annotations: &[Annotation], w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let config = Config {
            no_color: true,
            ..Config::default()
        };
        let theme = Theme::new(&config);
        let mut file = AnnotationFile::new(crate::model::ArticleMeta::default());
        file.annotations = annotations.to_vec();
        screen_of(view, &file, &config, &theme, w, h, &mut terminal)
    }

    fn screen_of(
        view: &Adjudication,
        file: &AnnotationFile,
        config: &Config,
        theme: &Theme,
        w: u16,
        h: u16,
        terminal: &mut Terminal<TestBackend>,
    ) -> String {
        terminal
            .draw(|f| draw(f, f.area(), view, file, config, theme))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn disputed() -> (Adjudication, Vec<Annotation>) {
        let list = vec![
            claim("a", "ana", "mostly-true", "Intelligence estimates agree."),
            claim("b", "ben", "mixed", "Neither government confirmed it."),
        ];
        let view = Adjudication {
            disputes: vec![Dispute::Verdicts {
                members: vec![0, 1],
            }],
            selected: 0,
        };
        (view, list)
    }

    #[test]
    fn reviewers_side_by_side_when_wide_and_stacked_when_narrow() {
        let (view, list) = disputed();
        let wide = screen(&view, &list, 100, 20);
        assert!(wide.contains("Adjudication 1/1"), "{wide}");
        assert_eq!(
            wide.matches("North Korea has dispatched").count(),
            1,
            "quote once"
        );
        let row = wide.lines().find(|l| l.contains(" 1  ana")).unwrap();
        assert!(
            row.contains(" 2  ben · Mixed"),
            "one row holds both: {wide}"
        );
        let narrow = screen(&view, &list, 50, 24);
        let one = narrow.lines().position(|l| l.contains(" 1  ana")).unwrap();
        let two = narrow.lines().position(|l| l.contains(" 2  ben")).unwrap();
        assert!(two > one, "stacked: {narrow}");
        assert!(narrow.contains("Mostly true"));
    }

    #[test]
    fn a_merge_conflict_shows_both_versions_and_the_difference() {
        let mut a = claim("c", "ben", "true", "Ben: the date is wrong.");
        let other = claim("c", "ana", "true", "Ana: confirmed by KCNA.");
        a.conflicts = vec![serde_json::to_value(&other).unwrap()];
        let view = Adjudication {
            disputes: vec![Dispute::Conflict { index: 0 }],
            selected: 0,
        };
        let out = screen(&view, &[a], 100, 24);
        assert!(out.contains("Merge conflict in ben's annotation"), "{out}");
        assert!(
            out.contains("kept by the merge") && out.contains("set aside"),
            "{out}"
        );
        assert!(out.contains("1 − note: Ben: the date is wrong."), "{out}");
        assert!(out.contains("2 + note: Ana: confirmed by KCNA."), "{out}");
    }

    #[test]
    fn nothing_to_settle_says_so_and_tiny_sizes_never_panic() {
        let out = screen(&Adjudication::default(), &[], 60, 10);
        assert!(out.contains("Nothing to settle"), "{out}");
        let (view, list) = disputed();
        for (w, h) in [(1, 1), (10, 3), (20, 5), (30, 8)] {
            screen(&view, &list, w, h);
        }
    }

    #[test]
    fn hostile_text_is_shown_inert() {
        let (view, mut list) = disputed();
        list[0].note = "\u{1b}]0;owned\u{7}".into();
        list[1].reviewer = "\u{1b}[31mben".into();
        let out = screen(&view, &list, 100, 20);
        assert!(!out.contains('\u{1b}'), "{out}");
    }

    #[test]
    fn a_file_level_conflict_shows_each_value_numbered_and_escaped() {
        let mut file = AnnotationFile::new(crate::model::ArticleMeta {
            path: "a.txt".into(),
            title: "Putin meets Choe".into(),
            ..crate::model::ArticleMeta::default()
        });
        file.conflicts =
            vec![serde_json::json!({"article": {"title": "Putin and Choe\u{1b}[31m meet"}})];
        let view = Adjudication {
            disputes: vec![Dispute::FileField {
                field: "article.title".into(),
            }],
            selected: 0,
        };
        let config = Config {
            no_color: true,
            ..Config::default()
        };
        let theme = Theme::new(&config);
        for (w, h) in [(100, 20), (50, 24), (10, 3), (1, 1)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            let shown = screen_of(&view, &file, &config, &theme, w, h, &mut terminal);
            if w < 50 {
                continue;
            }
            assert!(shown.contains("file's article.title"), "{shown}");
            assert!(shown.contains(" 1  in the file"), "{shown}");
            assert!(shown.contains(" 2  set aside by the merge"), "{shown}");
            assert!(shown.contains("Putin meets Choe"), "{shown}");
            assert!(shown.contains("Putin and Choe"), "{shown}");
            assert!(!shown.contains('\u{1b}'), "escapes are shown, not sent");
        }
    }
}
