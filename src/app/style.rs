//! Colours and emphasis: verdict colours from the configured scale, the glyph
//! that tells verdicts apart without colour, and the monochrome fallbacks used
//! when `NO_COLOR` (or `no_color`) is set. Every coloured background gets the
//! black or white text that reads on it (see [`super::contrast`]); no text is
//! coloured on the terminal's own background, whose colour is unknown.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use super::contrast;
use crate::config::Config;
use crate::model::Verdict;

/// The palette for one frame.
pub(crate) struct Theme {
    pub color: bool,
}

/// The glyph of a verdict (`None`: not judged yet), shown beside its colour
/// so verdicts differ without colour too. Known keys first, then by rating,
/// so a configured scale with ratings gets sensible glyphs.
pub(crate) fn verdict_glyph(verdict: Option<&Verdict>) -> char {
    let Some(v) = verdict else { return '○' };
    match (v.key.as_str(), v.rating) {
        ("misleading", _) => '!',
        ("unverifiable", _) => '?',
        (_, Some(5)) => '✓',
        (_, Some(4)) => '+',
        (_, Some(3)) => '±',
        (_, Some(2)) => '−',
        (_, Some(1)) => '✗',
        (_, None) => '?',
        _ => '●',
    }
}

impl Theme {
    pub(crate) fn new(config: &Config) -> Theme {
        Theme {
            color: !config.no_color,
        }
    }

    /// The colour of a verdict; `None` when not judged yet (unjudged spans are
    /// underlined in the terminal's own colours) or without colour.
    pub(crate) fn verdict_color(&self, config: &Config, verdict: Option<&str>) -> Option<Color> {
        if !self.color {
            return None;
        }
        let key = verdict?;
        config
            .verdicts
            .get(key)
            .and_then(|v| v.color.as_deref())
            .and_then(|c| Color::from_str(c).ok())
            .or(Some(Color::Gray))
    }

    /// A verdict's colour as a background, with text that reads on it.
    pub(crate) fn badge(&self, color: Option<Color>) -> Style {
        match color {
            Some(c) => Style::default().bg(c).fg(contrast::text_on(c)),
            None => Style::default(),
        }
    }

    /// An annotated span of the article.
    pub(crate) fn span(&self, color: Option<Color>, overlapping: bool) -> Style {
        let mut style = match color {
            Some(c) => self.badge(Some(c)),
            None => Style::default().add_modifier(Modifier::UNDERLINED),
        };
        if overlapping {
            style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        style
    }

    /// Reversed video: over plain text it is the terminal's own pair, over a
    /// coloured span the same pair swapped, so it reads wherever it falls.
    pub(crate) fn selection(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub(crate) fn search_match(&self) -> Style {
        if self.color {
            Style::default().bg(Color::LightYellow).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::ITALIC)
        }
    }

    /// A suggested sentence not yet annotated: a quiet mark.
    pub(crate) fn suggested(&self) -> Style {
        Style::default().add_modifier(Modifier::ITALIC)
    }

    /// A failed certain check (a date that does not exist): loud.
    pub(crate) fn failed_check(&self) -> Style {
        let style = Style::default().add_modifier(Modifier::BOLD | Modifier::CROSSED_OUT);
        if self.color {
            style.fg(Color::LightRed)
        } else {
            style
        }
    }

    pub(crate) fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub(crate) fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub(crate) fn error(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// Borders only (no text): the pane or dialog that has the keys.
    pub(crate) fn focused_border(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// The label of the editor field that has the keys.
    pub(crate) fn focused_label(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub(crate) fn mode(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::LightCyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Every style that sets a text colour, for the contrast test.
    #[cfg(test)]
    fn coloured_text_styles(&self, config: &Config) -> Vec<(String, Style)> {
        let mut styles = vec![
            ("search match".to_owned(), self.search_match()),
            ("error".to_owned(), self.error()),
            (
                "input".to_owned(),
                crate::app::editor::input_style(self.color),
            ),
            ("mode".to_owned(), self.mode()),
            ("unjudged span".to_owned(), self.span(None, false)),
            ("unjudged badge".to_owned(), self.badge(None)),
            ("selection".to_owned(), self.selection()),
            ("focused label".to_owned(), self.focused_label()),
            ("dim".to_owned(), self.dim()),
            ("cursor".to_owned(), self.cursor()),
        ];
        for v in &config.verdicts.verdicts {
            let color = self.verdict_color(config, Some(&v.key));
            styles.push((format!("{} span", v.key), self.span(color, false)));
            styles.push((format!("{} overlap", v.key), self.span(color, true)));
            styles.push((format!("{} badge", v.key), self.badge(color)));
            let matched = self.span(color, false).patch(self.search_match());
            styles.push((format!("{} span matched", v.key), matched));
        }
        styles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_and_background_pair_reaches_aa_in_xterm_and_tango() {
        let config = Config::default();
        let theme = Theme { color: true };
        for (name, style) in theme.coloured_text_styles(&config) {
            match (style.fg, style.bg) {
                // The terminal's own pair (or reversed): its colours, its contrast.
                (None, None) => {}
                (Some(fg), Some(bg)) => {
                    for palette in contrast::PALETTES {
                        let r = contrast::ratio(
                            contrast::rgb(fg, palette).unwrap(),
                            contrast::rgb(bg, palette).unwrap(),
                        );
                        assert!(r >= contrast::AA, "{name}: {fg:?} on {bg:?} is {r:.2}:1");
                    }
                }
                (fg, bg) => panic!("{name}: {fg:?} on {bg:?} depends on the terminal's colour"),
            }
        }
    }

    #[test]
    fn unjudged_spans_and_markers_use_the_terminals_own_colours() {
        let config = Config::default();
        let theme = Theme { color: true };
        assert_eq!(theme.verdict_color(&config, None), None);
        let span = theme.span(None, false);
        assert_eq!((span.fg, span.bg), (None, None));
        assert!(span.add_modifier.contains(Modifier::UNDERLINED));
    }

    #[test]
    fn each_verdict_of_the_default_scale_has_its_own_glyph() {
        let scale = crate::model::VerdictScale::default();
        let mut glyphs: Vec<char> = scale
            .verdicts
            .iter()
            .map(|v| verdict_glyph(Some(v)))
            .collect();
        glyphs.push(verdict_glyph(None));
        let mut unique = glyphs.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), glyphs.len(), "{glyphs:?}");
        for g in glyphs {
            assert_eq!(unicode_width::UnicodeWidthChar::width(g), Some(1), "{g}");
        }
    }
}
