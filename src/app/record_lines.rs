//! The review record in the detail pane: the reply thread, with reviewer and
//! time, and the last few changes ("ana · 2 h ago · verdict mixed → false").

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

use super::style::Theme;
use crate::history::describe;
use crate::model::Annotation;
use crate::safe_text;

/// How many of the latest history entries the detail pane shows.
pub(crate) const RECENT_CHANGES: usize = 3;

/// The thread and the latest changes of `a`, as of `now`.
pub(crate) fn lines(a: &Annotation, theme: &Theme, now: jiff::Timestamp) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let who = |name: &str| safe_text::inline(if name.is_empty() { "?" } else { name }).into_owned();
    let mut lines = Vec::new();
    if !a.replies.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(format!("Replies ({})", a.replies.len()), bold));
        for r in &a.replies {
            lines.push(Line::styled(
                format!("{} · {}", who(&r.reviewer), describe::ago(&r.created, now)),
                theme.dim(),
            ));
            for l in safe_text::multiline(&r.note).split('\n') {
                lines.push(Line::raw(format!("  {l}")));
            }
        }
    }
    if !a.history.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Changes ({}, latest first)", a.history.len()),
            bold,
        ));
        for e in a.history.iter().rev().take(RECENT_CHANGES) {
            let changes = describe::changes(&e.changes).join(" · ");
            lines.push(Line::styled(
                format!(
                    "{} · {} · {}",
                    who(&e.by),
                    safe_text::inline(&describe::ago(&e.at, now)),
                    safe_text::inline(&changes)
                ),
                theme.dim(),
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HistoryEntry, Reply};

    #[test]
    fn the_thread_and_the_latest_changes_newest_first() {
        let now: jiff::Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        let entry = |at: &str, by: &str, old: &str, new: &str| HistoryEntry {
            at: at.into(),
            by: by.into(),
            changes: [("verdict".to_owned(), [old.into(), new.into()])].into(),
            ..HistoryEntry::default()
        };
        let a = Annotation {
            replies: vec![Reply {
                id: "r".into(),
                reviewer: "ben".into(),
                created: "2026-11-22T11:55:00Z".into(),
                note: "I read it\ndifferently \u{1b}[31m".into(),
                ..Reply::default()
            }],
            history: (0..1000)
                .map(|i| entry("2026-11-22T10:00:00Z", "ana", "mixed", &format!("v{i}")))
                .collect(),
            ..Annotation::default()
        };
        let text: Vec<String> = lines(&a, &Theme { color: false }, now)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(
            text,
            [
                "",
                "Replies (1)",
                "ben · 5 min ago",
                "  I read it",
                "  differently \u{241b}[31m",
                "",
                "Changes (1000, latest first)",
                "ana · 2 h ago · verdict mixed → v999",
                "ana · 2 h ago · verdict mixed → v998",
                "ana · 2 h ago · verdict mixed → v997",
            ]
        );
    }
}
