//! The annotation editor drawn as a form over the review screen: the quote,
//! then kind, verdict, note, sources and tags, scrolled so the field with focus
//! is always visible, and the editor's keys from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::style::Theme;
use super::{truncate, wrap_clipped};
use crate::app::editor::{Editor, Field, Purpose, SourcePart};
use crate::app::geometry::centered;
use crate::app::{Action, App, Keymap};
use crate::safe_text;

const LABEL: u16 = 10;

/// The editor's title, and what its save hint says instead of the table's
/// (`None`: the table's), in full and short: a final decision and a settled
/// conflict are saved differently from an annotation, and say so.
fn purpose_words(editor: &Editor) -> (&'static str, Option<(&'static str, &'static str)>) {
    match editor.purpose {
        Purpose::Annotate if editor.original.is_some() => (" Edit annotation ", None),
        Purpose::Annotate => (" New annotation ", None),
        Purpose::FinalDecision => (
            " Final decision ",
            Some(("save the final decision", "save final")),
        ),
        Purpose::SettleConflict => (" Settle conflict ", Some(("settle the conflict", "settle"))),
    }
}

/// The key hints of the editor's mode, the save key's saying what saving
/// does (in full for the form's footer, short for the status bar).
pub(super) fn hints(keys: &Keymap, editor: &Editor, full: bool) -> Vec<(String, &'static str)> {
    let saves = purpose_words(editor)
        .1
        .map(|(long, short)| if full { long } else { short });
    let save_hint = keys
        .bindings()
        .find(|(b, _)| b.action == Action::SaveAnnotation)
        .map(|(b, _)| b.hint);
    keys.hints(editor.context())
        .into_iter()
        .map(|(k, w)| match saves {
            Some(saves) if Some(w) == save_hint => (k, saves),
            _ => (k, w),
        })
        .collect()
}

/// One row group of the form.
struct Row {
    field: Field,
    height: u16,
}

pub(super) fn draw(frame: &mut Frame, app: &App, screen: Rect, theme: &Theme) {
    let config = &app.config;
    let keys = &app.keymap;
    let Some(editor) = &app.editor else {
        return;
    };
    let title = purpose_words(editor).0;
    let hints: Vec<String> = hints(keys, editor, true)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(100),
        screen.height.saturating_sub(2),
    );
    let block = Block::bordered()
        .title(title)
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < LABEL + 4 {
        return;
    }
    let quote_h = if inner.height >= 14 { 2 } else { 1 };
    let quote: Vec<Line> = wrap_clipped(
        &editor.target.exact,
        usize::from(inner.width),
        usize::from(quote_h),
    )
    .into_iter()
    .map(|l| Line::styled(l, Style::default().add_modifier(Modifier::ITALIC)))
    .collect();
    frame.render_widget(
        Paragraph::new(quote),
        Rect {
            height: quote_h,
            ..inner
        },
    );
    let footer = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    let footer_line = if editor.confirm_discard {
        Line::styled(
            truncate(
                &format!("Discard the changes? {}", hints.join(", ")),
                usize::from(inner.width),
            ),
            theme.error(),
        )
    } else {
        Line::styled(
            truncate(&hints.join(" · "), usize::from(inner.width)),
            theme.dim(),
        )
    };
    frame.render_widget(Paragraph::new(footer_line), footer);

    let body = Rect {
        y: inner.y + quote_h,
        height: inner.height.saturating_sub(quote_h + 1),
        ..inner
    };
    let note_h = (body.height / 3).clamp(3, 10);
    let mut rows = vec![
        Row {
            field: Field::Kind,
            height: 1,
        },
        Row {
            field: Field::Verdict,
            height: 1,
        },
        Row {
            field: Field::Note,
            height: note_h,
        },
    ];
    for i in 0..editor.sources.len() {
        for part in [
            SourcePart::Url,
            SourcePart::Title,
            SourcePart::Quote,
            SourcePart::Stance,
        ] {
            rows.push(Row {
                field: Field::Source(i, part),
                height: 1,
            });
        }
    }
    rows.push(Row {
        field: Field::Tags,
        height: 1,
    });

    // Scroll so the focused row fits.
    let focus_top: u16 = rows
        .iter()
        .take_while(|r| r.field != editor.focus)
        .map(|r| r.height)
        .sum();
    let focus_h = rows
        .iter()
        .find(|r| r.field == editor.focus)
        .map_or(1, |r| r.height);
    let skip = (focus_top + focus_h).saturating_sub(body.height);

    let change = format!(
        "{}/{} change",
        keys.key_of(Action::PrevOption),
        keys.key_of(Action::NextOption)
    );
    let mut y: u16 = 0;
    for row in &rows {
        let top = y;
        y += row.height;
        if top < skip || top - skip + row.height > body.height {
            continue;
        }
        let rect = Rect {
            x: body.x,
            y: body.y + top - skip,
            width: body.width,
            height: row.height,
        };
        let focused = row.field == editor.focus;
        let label_style = if focused {
            theme.focused_label()
        } else {
            theme.dim()
        };
        let label = match row.field {
            Field::Kind => "Kind".to_owned(),
            Field::Verdict => "Verdict".to_owned(),
            Field::Note => "Note".to_owned(),
            Field::Tags => "Tags".to_owned(),
            Field::Source(i, SourcePart::Url) => {
                if i + 1 == editor.sources.len() {
                    "+ Source".to_owned()
                } else {
                    format!("Source {}", i + 1)
                }
            }
            Field::Source(_, SourcePart::Title) => "  title".to_owned(),
            Field::Source(_, SourcePart::Quote) => "  quote".to_owned(),
            Field::Source(_, SourcePart::Stance) => "  stance".to_owned(),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(label, label_style)),
            Rect {
                width: LABEL,
                height: 1,
                ..rect
            },
        );
        let value_rect = Rect {
            x: rect.x + LABEL,
            width: rect.width - LABEL,
            ..rect
        };
        let choice = |text: String, hint: &str| {
            let style = if focused {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(format!("‹ {text} ›"), style),
                Span::styled(
                    if focused {
                        format!("  {hint}")
                    } else {
                        String::new()
                    },
                    theme.dim(),
                ),
            ])
        };
        match row.field {
            Field::Kind => frame.render_widget(
                Paragraph::new(choice(
                    safe_text::inline(editor.kind.as_str()).into_owned(),
                    &change,
                )),
                value_rect,
            ),
            Field::Verdict => {
                let label = editor
                    .verdict
                    .as_deref()
                    .map_or("not judged", |v| config.verdicts.label(v));
                let n = u8::try_from(config.verdicts.verdicts.len().clamp(1, 9)).unwrap_or(9);
                let pick = format!(
                    "{}–{} pick, {} clear, {change}",
                    keys.key_of(Action::PickVerdict(1)),
                    keys.key_of(Action::PickVerdict(n)),
                    keys.key_of(Action::ClearPickedVerdict),
                );
                frame.render_widget(
                    Paragraph::new(choice(safe_text::inline(label).into_owned(), &pick)),
                    value_rect,
                );
            }
            Field::Source(i, SourcePart::Stance) => {
                let stance = editor
                    .sources
                    .get(i)
                    .and_then(|s| s.stance.as_ref())
                    .map_or("none".into(), |s| safe_text::inline(s.as_str()));
                frame.render_widget(
                    Paragraph::new(choice(
                        stance.into_owned(),
                        &format!("supports / refutes / context: {change}"),
                    )),
                    value_rect,
                );
            }
            Field::Note => frame.render_widget(&editor.note.area, value_rect),
            Field::Tags => frame.render_widget(&editor.tags.area, value_rect),
            Field::Source(i, part) => {
                if let Some(s) = editor.sources.get(i) {
                    let input = match part {
                        SourcePart::Url => &s.url,
                        SourcePart::Title => &s.title,
                        SourcePart::Quote | SourcePart::Stance => &s.quote,
                    };
                    frame.render_widget(&input.area, value_rect);
                }
            }
        }
    }
}
