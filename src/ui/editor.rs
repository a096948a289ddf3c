//! The annotation editor drawn as a form over the review screen: the quote,
//! then kind, verdict, note, sources and tags, scrolled so the field with focus
//! is always visible, and the editor's keys from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::style::Theme;
use super::{centered, truncate};
use crate::app::App;
use crate::app::editor::{Field, Input, SourcePart};
use crate::app::keymap::Context;
use crate::safe_text;

const LABEL: u16 = 10;

/// One row group of the form.
struct Row {
    field: Field,
    height: u16,
}

pub fn draw(frame: &mut Frame, app: &mut App, screen: Rect, theme: &Theme) {
    let hints: Vec<String> = app
        .keymap
        .hints(Context::Editor)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let config = &app.config;
    let Some(editor) = &mut app.editor else {
        return;
    };
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(100),
        screen.height.saturating_sub(2),
    );
    let title = if editor.original.is_some() {
        " Edit annotation "
    } else {
        " New annotation "
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < LABEL + 4 {
        return;
    }
    let quote = format!("\"{}\"", safe_text::inline(&editor.target.exact));
    let quote_h = if inner.height >= 14 { 2 } else { 1 };
    frame.render_widget(
        Paragraph::new(Line::styled(
            quote,
            Style::default().add_modifier(Modifier::ITALIC),
        ))
        .wrap(Wrap { trim: true }),
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
            "Discard this annotation's changes? y discards, any other key goes back",
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
            theme.focused_border().add_modifier(Modifier::BOLD)
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
                    "←/→ or Space to change",
                )),
                value_rect,
            ),
            Field::Verdict => {
                let label = editor
                    .verdict
                    .as_deref()
                    .map_or("not judged", |v| config.verdicts.label(v));
                let n = config.verdicts.verdicts.len().min(9);
                frame.render_widget(
                    Paragraph::new(choice(
                        safe_text::inline(label).into_owned(),
                        &format!("1–{n} pick, 0 clear, ←/→ change"),
                    )),
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
                    Paragraph::new(choice(stance.into_owned(), "supports / refutes / context")),
                    value_rect,
                );
            }
            Field::Note => draw_input(frame, &mut editor.note, value_rect, focused, theme),
            Field::Tags => draw_input(frame, &mut editor.tags, value_rect, focused, theme),
            Field::Source(i, part) => {
                if let Some(s) = editor.sources.get_mut(i) {
                    let input = match part {
                        SourcePart::Url => &mut s.url,
                        SourcePart::Title => &mut s.title,
                        _ => &mut s.quote,
                    };
                    draw_input(frame, input, value_rect, focused, theme);
                }
            }
        }
    }
}

fn draw_input(frame: &mut Frame, input: &mut Input, area: Rect, focused: bool, theme: &Theme) {
    let base = if theme.color {
        Style::default().bg(ratatui::style::Color::DarkGray)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    };
    input.area.set_style(base);
    input.area.set_cursor_style(if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        base
    });
    frame.render_widget(&input.area, area);
}
