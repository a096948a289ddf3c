//! User configuration: `config.toml` in the platform's config folder (reviewer
//! name, verdict scale, colours, key overrides), with errors that name the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::str::FromStr;

use ratatui::style::Color;
use serde::{Deserialize, Serialize};

use crate::keymap::Keymap;
use crate::model::VerdictScale;

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Written into every annotation this reviewer makes.
    pub reviewer: String,
    /// The verdicts, in the order keys `1`–`9` pick them.
    pub verdicts: VerdictScale,
    /// Key overrides: action name → key (`"quit" = "Q"`, `"next_annotation" = "ctrl-n"`).
    pub keys: BTreeMap<String, String>,
    /// Turns colour off, like `NO_COLOR`.
    pub no_color: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            reviewer: default_reviewer(),
            verdicts: VerdictScale::default(),
            keys: BTreeMap::new(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

fn default_reviewer() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "reviewer".to_owned())
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Config {
    /// Where the configuration file lives on this platform.
    pub fn path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "margin").map(|d| d.config_dir().join("config.toml"))
    }

    /// Loads the configuration file; a missing file means the defaults.
    pub fn load() -> Result<Config, ConfigError> {
        match Config::path() {
            Some(path) => Config::load_from(&path),
            None => Ok(Config::default()),
        }
    }

    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let content = match std::fs::read_to_string(path) {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(ConfigError::Io {
                    path: path.to_owned(),
                    source: e,
                });
            }
        };
        Config::parse(path, &content)
    }

    pub fn parse(path: &Path, content: &str) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(content).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| line_and_column(content, span.start));
            ConfigError::Syntax {
                path: path.to_owned(),
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        config
            .verdicts
            .validate()
            .map_err(|message| ConfigError::Invalid {
                path: path.to_owned(),
                message,
            })?;
        check_keys_and_colours(path, content, &config)?;
        if config.reviewer.trim().is_empty() {
            config.reviewer = default_reviewer();
        }
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            config.no_color = true;
        }
        Ok(config)
    }

    /// The effective settings as TOML, for `margin config`.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }
}

/// Where `[keys]` entries and verdict colours sit in the file, to name the
/// line of one that cannot be used.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Places {
    keys: BTreeMap<toml::Spanned<String>, toml::Value>,
    verdicts: Vec<ColourPlace>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ColourPlace {
    color: Option<toml::Spanned<String>>,
}

/// Refuses, with the file and line, what the review screen could not use: a
/// `[keys]` entry the keymap refuses (unknown action or key, a key on two
/// actions, a binding that locks the reviewer out) or an unknown colour.
fn check_keys_and_colours(path: &Path, content: &str, config: &Config) -> Result<(), ConfigError> {
    let places: Places = toml::from_str(content).unwrap_or_default();
    let at = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = line_and_column(content, span.start);
        ConfigError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message,
        }
    };
    if let Err(e) = Keymap::new(&config.keys) {
        let span = places
            .keys
            .keys()
            .find(|k| *k.get_ref() == e.name)
            .map_or(0..0, toml::Spanned::span);
        return Err(at(span, e.to_string()));
    }
    for (place, verdict) in places.verdicts.iter().zip(&config.verdicts.verdicts) {
        let Some(colour) = &verdict.color else {
            continue;
        };
        if Color::from_str(colour).is_err() {
            let span = place.color.as_ref().map_or(0..0, toml::Spanned::span);
            return Err(at(
                span,
                format!(
                    "verdict {:?}: unknown colour {colour:?} (a name such as \"green\" or \"light-red\", an index 0–255, or \"#rrggbb\")",
                    verdict.key
                ),
            ));
        }
    }
    Ok(())
}

/// 1-based line and column (in characters) of byte `offset` in `s`.
pub fn line_and_column(s: &str, offset: usize) -> (usize, usize) {
    let before = s.get(..offset).unwrap_or(s);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_reviewer_scale_and_keys() {
        let c = Config::parse(
            Path::new("c.toml"),
            "reviewer = \"ana\"\n[[verdicts]]\nkey = \"yes\"\nlabel = \"Yes\"\nrating = 5\n\n[[verdicts]]\nkey = \"no\"\nlabel = \"No\"\nrating = 1\n[keys]\nquit = \"Q\"\n",
        )
        .unwrap();
        assert_eq!(c.reviewer, "ana");
        assert_eq!(c.verdicts.keys().collect::<Vec<_>>(), ["yes", "no"]);
        assert_eq!(c.keys.get("quit").map(String::as_str), Some("Q"));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = Config::parse(
            Path::new("c.toml"),
            "reviewer = \"ana\"\nverdicts = [\n  { key = 3 }\n]\n",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
        let err = Config::parse(Path::new("c.toml"), "\n\nreviewr = \"x\"\n").unwrap_err();
        assert!(
            err.to_string().starts_with("c.toml:3:1: unknown field"),
            "{err}"
        );
    }

    #[test]
    fn invalid_scales_are_refused() {
        let err = Config::parse(Path::new("c.toml"), "verdicts = []\n").unwrap_err();
        assert!(err.to_string().contains("empty"));
    }

    #[test]
    fn keys_and_colours_the_screen_would_refuse_are_refused_with_their_line() {
        let cases = [
            ("[keys]\nfly = \"f\"\n", 2, "fly"),
            ("[keys]\nquit = \"Hyper-x\"\n", 2, "unknown key"),
            (
                "reviewer = \"a\"\n[keys]\nquit = \"q\"\nannotate = \"j\"\n",
                4,
                "already the key of down",
            ),
            ("[keys]\nquit = \"\"\n", 2, "no way out"),
            (
                "[keys]\nhelp = \"?\"\nsave_annotation = \"e\"\n",
                3,
                "types text",
            ),
            (
                "[[verdicts]]\nkey = \"a\"\nlabel = \"A\"\ncolor = \"blurple\"\n",
                4,
                "blurple",
            ),
        ];
        for (content, line, says) in cases {
            let err = Config::parse(Path::new("c.toml"), content)
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!("c.toml:{line}:")),
                "{content}: {err}"
            );
            assert!(err.contains(says), "{content}: {err}");
        }
        let ok = "[keys]\nquit = \"Q, ctrl-q\"\n[[verdicts]]\nkey = \"a\"\nlabel = \"A\"\ncolor = \"light-red\"\n";
        Config::parse(Path::new("c.toml"), ok).unwrap();
    }

    #[test]
    fn missing_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load_from(&dir.path().join("none.toml")).unwrap();
        assert_eq!(c.verdicts, VerdictScale::default());
    }
}
