//! The one table of keys: every binding with its context, default keys, help
//! text and status-bar hint. The help overlay, the status hints and key
//! dispatch all read this table, and `config.toml` overrides it by action name,
//! so none of them can drift from the others.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    /// Anywhere outside the editor and prompts.
    Global,
    /// The article pane has focus.
    Article,
    /// The annotation list has focus.
    List,
    /// The annotation editor is open.
    Editor,
    /// The review queue (a folder's articles).
    Queue,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Article => "article",
            Context::List => "annotation list",
            Context::Editor => "editor",
            Context::Queue => "review queue",
        }
    }
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Help,
    Quit,
    SwitchFocus,
    Undo,
    Redo,
    NextArticle,
    PrevArticle,
    BackToQueue,
    Down,
    Up,
    NextWord,
    PrevWord,
    NextSentence,
    PrevSentence,
    NextParagraph,
    PrevParagraph,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    ToggleSelection,
    SelectSentence,
    ClearSelection,
    Annotate,
    NextAnnotation,
    PrevAnnotation,
    Search,
    NextMatch,
    PrevMatch,
    ListDown,
    ListUp,
    JumpToSpan,
    Edit,
    Delete,
    /// Pick verdict `n` (1-based) of the scale.
    Verdict(u8),
    ClearVerdict,
    NextField,
    PrevField,
    SaveAnnotation,
    Cancel,
    ExternalEditor,
    QueueDown,
    QueueUp,
    QueueOpen,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The name `config.toml` uses to override the keys.
    pub name: &'static str,
    pub action: Action,
    pub context: Context,
    pub keys: &'static [&'static str],
    pub help: &'static str,
    /// Short word for the status bar, for the most useful keys.
    pub hint: Option<&'static str>,
}

const fn bind(
    name: &'static str,
    action: Action,
    context: Context,
    keys: &'static [&'static str],
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        name,
        action,
        context,
        keys,
        help,
        hint,
    }
}

use Action as A;
use Context as C;

/// The default keys (DESIGN.md's table, plus the queue's).
pub const BINDINGS: &[Binding] = &[
    bind(
        "help",
        A::Help,
        C::Global,
        &["?"],
        "help: every key",
        Some("help"),
    ),
    bind(
        "quit",
        A::Quit,
        C::Global,
        &["q", "Ctrl-c"],
        "quit (everything is already saved)",
        Some("quit"),
    ),
    bind(
        "switch_focus",
        A::SwitchFocus,
        C::Global,
        &["Tab"],
        "switch focus article ↔ annotation list",
        Some("list"),
    ),
    bind(
        "undo",
        A::Undo,
        C::Global,
        &["u"],
        "undo the last change",
        None,
    ),
    bind("redo", A::Redo, C::Global, &["Ctrl-r"], "redo", None),
    bind(
        "next_article",
        A::NextArticle,
        C::Global,
        &["Ctrl-n"],
        "next article of the queue",
        None,
    ),
    bind(
        "prev_article",
        A::PrevArticle,
        C::Global,
        &["Ctrl-p"],
        "previous article of the queue",
        None,
    ),
    bind(
        "back_to_queue",
        A::BackToQueue,
        C::Global,
        &["Ctrl-o"],
        "back to the review queue",
        None,
    ),
    bind(
        "down",
        A::Down,
        C::Article,
        &["j", "Down"],
        "cursor down a line",
        None,
    ),
    bind(
        "up",
        A::Up,
        C::Article,
        &["k", "Up"],
        "cursor up a line",
        None,
    ),
    bind(
        "next_word",
        A::NextWord,
        C::Article,
        &["w"],
        "next word",
        None,
    ),
    bind(
        "prev_word",
        A::PrevWord,
        C::Article,
        &["b"],
        "previous word",
        None,
    ),
    bind(
        "next_sentence",
        A::NextSentence,
        C::Article,
        &[")"],
        "next sentence",
        None,
    ),
    bind(
        "prev_sentence",
        A::PrevSentence,
        C::Article,
        &["("],
        "previous sentence",
        None,
    ),
    bind(
        "next_paragraph",
        A::NextParagraph,
        C::Article,
        &["}"],
        "next paragraph",
        None,
    ),
    bind(
        "prev_paragraph",
        A::PrevParagraph,
        C::Article,
        &["{"],
        "previous paragraph",
        None,
    ),
    bind(
        "top",
        A::Top,
        C::Article,
        &["g", "Home"],
        "top of the article",
        None,
    ),
    bind(
        "bottom",
        A::Bottom,
        C::Article,
        &["G", "End"],
        "bottom of the article",
        None,
    ),
    bind(
        "half_page_down",
        A::HalfPageDown,
        C::Article,
        &["Ctrl-d"],
        "half a page down",
        None,
    ),
    bind(
        "half_page_up",
        A::HalfPageUp,
        C::Article,
        &["Ctrl-u"],
        "half a page up",
        None,
    ),
    bind(
        "page_down",
        A::PageDown,
        C::Article,
        &["PageDown"],
        "a page down",
        None,
    ),
    bind(
        "page_up",
        A::PageUp,
        C::Article,
        &["PageUp"],
        "a page up",
        None,
    ),
    bind(
        "toggle_selection",
        A::ToggleSelection,
        C::Article,
        &["v"],
        "start or end a selection; motions extend it",
        Some("select"),
    ),
    bind(
        "select_sentence",
        A::SelectSentence,
        C::Article,
        &["s"],
        "select the sentence under the cursor",
        Some("sentence"),
    ),
    bind(
        "clear_selection",
        A::ClearSelection,
        C::Article,
        &["Esc"],
        "clear the selection",
        None,
    ),
    bind(
        "annotate",
        A::Annotate,
        C::Article,
        &["a", "Enter"],
        "annotate the selection (or the sentence under the cursor)",
        Some("annotate"),
    ),
    bind(
        "next_annotation",
        A::NextAnnotation,
        C::Article,
        &["]"],
        "next annotation",
        Some("next"),
    ),
    bind(
        "prev_annotation",
        A::PrevAnnotation,
        C::Article,
        &["["],
        "previous annotation",
        None,
    ),
    bind(
        "search",
        A::Search,
        C::Article,
        &["/"],
        "search (smart case)",
        Some("search"),
    ),
    bind(
        "next_match",
        A::NextMatch,
        C::Article,
        &["n"],
        "next match",
        None,
    ),
    bind(
        "prev_match",
        A::PrevMatch,
        C::Article,
        &["N"],
        "previous match",
        None,
    ),
    bind(
        "list_down",
        A::ListDown,
        C::List,
        &["j", "Down"],
        "next annotation in the list",
        None,
    ),
    bind(
        "list_up",
        A::ListUp,
        C::List,
        &["k", "Up"],
        "previous annotation in the list",
        None,
    ),
    bind(
        "jump",
        A::JumpToSpan,
        C::List,
        &["Enter"],
        "jump to the annotated span",
        Some("jump"),
    ),
    bind(
        "edit",
        A::Edit,
        C::List,
        &["e"],
        "edit the annotation",
        Some("edit"),
    ),
    bind(
        "delete",
        A::Delete,
        C::List,
        &["d"],
        "delete the annotation (undoable)",
        Some("delete"),
    ),
    bind(
        "verdict_1",
        A::Verdict(1),
        C::List,
        &["1"],
        "set verdict 1 of the scale",
        Some("verdict"),
    ),
    bind(
        "verdict_2",
        A::Verdict(2),
        C::List,
        &["2"],
        "set verdict 2",
        None,
    ),
    bind(
        "verdict_3",
        A::Verdict(3),
        C::List,
        &["3"],
        "set verdict 3",
        None,
    ),
    bind(
        "verdict_4",
        A::Verdict(4),
        C::List,
        &["4"],
        "set verdict 4",
        None,
    ),
    bind(
        "verdict_5",
        A::Verdict(5),
        C::List,
        &["5"],
        "set verdict 5",
        None,
    ),
    bind(
        "verdict_6",
        A::Verdict(6),
        C::List,
        &["6"],
        "set verdict 6",
        None,
    ),
    bind(
        "verdict_7",
        A::Verdict(7),
        C::List,
        &["7"],
        "set verdict 7",
        None,
    ),
    bind(
        "verdict_8",
        A::Verdict(8),
        C::List,
        &["8"],
        "set verdict 8 (longer scales)",
        None,
    ),
    bind(
        "verdict_9",
        A::Verdict(9),
        C::List,
        &["9"],
        "set verdict 9 (longer scales)",
        None,
    ),
    bind(
        "clear_verdict",
        A::ClearVerdict,
        C::List,
        &["0"],
        "clear the verdict",
        None,
    ),
    bind(
        "next_field",
        A::NextField,
        C::Editor,
        &["Tab"],
        "next field: kind, verdict, note, sources, tags",
        Some("next field"),
    ),
    bind(
        "prev_field",
        A::PrevField,
        C::Editor,
        &["Shift-Tab"],
        "previous field",
        None,
    ),
    bind(
        "save_annotation",
        A::SaveAnnotation,
        C::Editor,
        &["Ctrl-s"],
        "save the annotation",
        Some("save"),
    ),
    bind(
        "cancel",
        A::Cancel,
        C::Editor,
        &["Esc"],
        "cancel (asks if changed)",
        Some("cancel"),
    ),
    bind(
        "external_editor",
        A::ExternalEditor,
        C::Editor,
        &["Ctrl-e"],
        "edit the note in $EDITOR",
        Some("$EDITOR"),
    ),
    bind(
        "queue_down",
        A::QueueDown,
        C::Queue,
        &["j", "Down"],
        "next article",
        None,
    ),
    bind(
        "queue_up",
        A::QueueUp,
        C::Queue,
        &["k", "Up"],
        "previous article",
        None,
    ),
    bind(
        "queue_open",
        A::QueueOpen,
        C::Queue,
        &["Enter"],
        "open the article",
        Some("open"),
    ),
];

/// A key with its modifiers, as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    /// The chord of a key event, normalised so that `G` matches `G` whether or
    /// not the terminal also reported Shift.
    pub fn from_event(event: &KeyEvent) -> Chord {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if modifiers.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                modifiers.insert(KeyModifiers::SHIFT);
                KeyCode::Tab
            }
            other => other,
        };
        Chord { code, modifiers }
    }

    /// Parses `j`, `G`, `Ctrl-d`, `Shift-Tab`, `PageDown`, `Esc`, `F1`, `Space` …
    pub fn parse(s: &str) -> Result<Chord, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "a-", "m-", "shift-", "s-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            let Some(p) = prefix else { break };
            modifiers |= match p {
                "ctrl-" | "c-" => KeyModifiers::CONTROL,
                "alt-" | "a-" | "m-" => KeyModifiers::ALT,
                _ => KeyModifiers::SHIFT,
            };
            rest = rest.get(p.len()..).unwrap_or_default();
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => {
                    modifiers |= KeyModifiers::SHIFT;
                    KeyCode::Tab
                }
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "pageup" | "pgup" => KeyCode::PageUp,
                f if f.starts_with('f') => match f.get(1..).and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("unknown key {s:?}")),
                },
                _ => return Err(format!("unknown key {s:?}")),
            },
        };
        let event = KeyEvent::new(code, modifiers);
        Ok(Chord::from_event(&event))
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The effective bindings: the table with the configuration's overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<(Binding, Vec<Chord>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&BTreeMap::new()).unwrap_or_else(|_| Keymap {
            entries: Vec::new(),
        })
    }
}

impl Keymap {
    /// The table with `overrides` (action name → keys, comma separated) applied.
    pub fn new(overrides: &BTreeMap<String, String>) -> Result<Keymap, String> {
        for name in overrides.keys() {
            if !BINDINGS.iter().any(|b| b.name == name) {
                let names: Vec<&str> = BINDINGS.iter().map(|b| b.name).collect();
                return Err(format!(
                    "[keys] {name:?} is not an action; the actions are: {}",
                    names.join(", ")
                ));
            }
        }
        let mut entries = Vec::with_capacity(BINDINGS.len());
        for binding in BINDINGS {
            let chords = match overrides.get(binding.name) {
                Some(keys) => keys
                    .split(',')
                    .filter(|k| !k.trim().is_empty())
                    .map(|k| Chord::parse(k).map_err(|e| format!("[keys] {}: {e}", binding.name)))
                    .collect::<Result<Vec<_>, _>>()?,
                None => binding
                    .keys
                    .iter()
                    .filter_map(|k| Chord::parse(k).ok())
                    .collect(),
            };
            entries.push((*binding, chords));
        }
        let keymap = Keymap { entries };
        keymap.check_clashes()?;
        Ok(keymap)
    }

    /// Two actions on one key in one context would make one unreachable.
    fn check_clashes(&self) -> Result<(), String> {
        for (i, (a, ka)) in self.entries.iter().enumerate() {
            for (b, kb) in self.entries.iter().skip(i + 1) {
                let overlapping = a.context == b.context
                    || (a.context == Context::Global
                        && matches!(b.context, Context::Article | Context::List | Context::Queue));
                if let Some(k) = ka.iter().find(|k| overlapping && kb.contains(k)) {
                    return Err(format!(
                        "[keys] {k} is bound to both {} and {}",
                        a.name, b.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// The action of `event` in `context` (global bindings apply outside the
    /// editor too).
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(event);
        let lookup = |ctx: Context| {
            self.entries
                .iter()
                .find(|(b, keys)| b.context == ctx && keys.contains(&chord))
                .map(|(b, _)| b.action)
        };
        let own = lookup(context);
        if own.is_some() || context == Context::Editor {
            return own;
        }
        lookup(Context::Global)
    }

    /// Every binding with its effective keys, in table order.
    pub fn bindings(&self) -> impl Iterator<Item = (&Binding, &[Chord])> {
        self.entries.iter().map(|(b, k)| (b, k.as_slice()))
    }

    /// The first key of `action`, for hints and messages.
    pub fn key_of(&self, action: Action) -> Option<Chord> {
        self.entries
            .iter()
            .find(|(b, _)| b.action == action)
            .and_then(|(_, k)| k.first().copied())
    }

    /// Status-bar hints for `context`: `(key, word)` pairs from the table,
    /// help first, then the context's own keys, then the other global ones.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let hinted = |(b, keys): &(Binding, Vec<Chord>)| Some((keys.first()?.to_string(), b.hint?));
        let global = context != Context::Editor;
        let help = self
            .entries
            .iter()
            .filter(|(b, _)| global && b.action == Action::Help);
        let own = self.entries.iter().filter(|(b, _)| b.context == context);
        // The queue has no panes to switch and nothing to undo: of the global
        // keys, only quitting means something there.
        let applies = |b: &Binding| context != Context::Queue || b.action == Action::Quit;
        let other = self.entries.iter().filter(|(b, _)| {
            global && b.context == Context::Global && b.action != Action::Help && applies(b)
        });
        help.chain(own).chain(other).filter_map(hinted).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_default_key_parses_and_no_two_actions_clash() {
        for b in BINDINGS {
            for k in b.keys {
                assert!(Chord::parse(k).is_ok(), "{} {k}", b.name);
            }
        }
        Keymap::new(&BTreeMap::new()).unwrap();
    }

    #[test]
    fn design_keys_reach_their_actions() {
        let km = Keymap::default();
        let ctrl = KeyModifiers::CONTROL;
        let none = KeyModifiers::NONE;
        assert_eq!(
            km.action(
                Context::Article,
                &key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action(Context::Article, &key(KeyCode::Char('d'), ctrl)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            km.action(Context::Article, &key(KeyCode::Char('q'), none)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action(Context::List, &key(KeyCode::Char('5'), none)),
            Some(Action::Verdict(5))
        );
        assert_eq!(
            km.action(Context::Editor, &key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevField)
        );
        assert_eq!(
            km.action(Context::Editor, &key(KeyCode::Char('q'), none)),
            None,
            "q types in the editor"
        );
        assert_eq!(
            km.action(Context::List, &key(KeyCode::Tab, none)),
            Some(Action::SwitchFocus)
        );
    }

    #[test]
    fn overrides_replace_keys_and_bad_ones_are_named() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_owned(), "Q, ctrl-q".to_owned());
        let km = Keymap::new(&o).unwrap();
        assert_eq!(
            km.action(
                Context::Article,
                &key(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            None
        );
        assert_eq!(
            km.action(
                Context::Article,
                &key(KeyCode::Char('q'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(km.key_of(Action::Quit).unwrap().to_string(), "Q");

        o.insert("quit".to_owned(), "Hyper-x".to_owned());
        assert!(Keymap::new(&o).unwrap_err().contains("quit"));
        let mut o = BTreeMap::new();
        o.insert("fly".to_owned(), "f".to_owned());
        assert!(Keymap::new(&o).unwrap_err().contains("fly"));
        let mut o = BTreeMap::new();
        o.insert("annotate".to_owned(), "j".to_owned());
        assert!(Keymap::new(&o).unwrap_err().contains("both"));
    }

    #[test]
    fn hints_come_from_the_table() {
        let km = Keymap::default();
        let hints = km.hints(Context::Article);
        assert!(hints.contains(&("a".to_owned(), "annotate")));
        assert!(hints.contains(&("?".to_owned(), "help")));
        assert!(!km.hints(Context::Editor).iter().any(|(_, w)| *w == "quit"));
        let queue: Vec<&str> = km.hints(Context::Queue).iter().map(|(_, w)| *w).collect();
        assert!(
            queue.contains(&"quit") && queue.contains(&"open"),
            "{queue:?}"
        );
        assert!(
            !queue.contains(&"list"),
            "Tab does nothing in the queue: {queue:?}"
        );
    }
}
