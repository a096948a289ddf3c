//! Colours and emphasis: verdict colours from the configured scale, and the
//! monochrome fallbacks used when `NO_COLOR` (or `no_color`) is set.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config::Config;

/// The palette for one frame.
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(config: &Config) -> Theme {
        Theme {
            color: !config.no_color,
        }
    }

    /// The colour of a verdict (`None`: not judged yet).
    pub fn verdict_color(&self, config: &Config, verdict: Option<&str>) -> Option<Color> {
        if !self.color {
            return None;
        }
        match verdict {
            None => Some(Color::Blue),
            Some(key) => config
                .verdicts
                .get(key)
                .and_then(|v| v.color.as_deref())
                .and_then(|c| Color::from_str(c).ok())
                .or(Some(Color::Gray)),
        }
    }

    /// An annotated span of the article.
    pub fn span(&self, color: Option<Color>, overlapping: bool) -> Style {
        let mut style = match color {
            Some(c) => Style::default().bg(c).fg(Color::Black),
            None => Style::default().add_modifier(Modifier::UNDERLINED),
        };
        if overlapping {
            style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        style
    }

    pub fn selection(&self) -> Style {
        if self.color {
            Style::default().bg(Color::LightBlue).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn search_match(&self) -> Style {
        if self.color {
            Style::default().bg(Color::LightYellow).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::ITALIC)
        }
    }

    /// A suggested sentence not yet annotated: a quiet mark.
    pub fn suggested(&self) -> Style {
        Style::default().add_modifier(Modifier::ITALIC)
    }

    /// A failed certain check (a date that does not exist): loud.
    pub fn failed_check(&self) -> Style {
        let style = Style::default().add_modifier(Modifier::BOLD | Modifier::CROSSED_OUT);
        if self.color {
            style.fg(Color::LightRed)
        } else {
            style
        }
    }

    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn focused_border(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn mode(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Cyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
}
