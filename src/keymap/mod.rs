//! Every key the review screen reacts to, as data: the modes ([`Context`]),
//! what a key can ask for ([`Action`]), the default table ([`BINDINGS`]) and
//! the effective keymap with `config.toml`'s overrides, looked up by hash.
//! Dispatch, the help overlay, the status-bar hints and the messages that
//! name a key all read this one keymap, so none of them can drift.
//!
//! Adding a key: an [`Action`] variant, a line in [`BINDINGS`], an arm in
//! `App::action` (the compiler asks for it). Adding a mode: a [`Context`]
//! variant (its title, parent and whether text is typed there), its lines, and
//! the case in `App::context` that enters it.

mod chord;
mod hint;
mod table;

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::KeyEvent;

pub use chord::Chord;
pub use table::{BINDINGS, Binding};

/// A mode: where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Outside the editor, the prompt and the help; each of [`Context::Article`],
    /// [`Context::List`] and [`Context::Queue`] falls back to these keys.
    Global,
    /// The article pane has focus.
    Article,
    /// The search prompt after `/`; other keys type.
    Search,
    /// The annotation list has focus.
    List,
    /// The review queue (a folder's articles).
    Queue,
    /// The annotation editor, in any field; in the note, other keys type.
    Editor,
    /// One-line fields (tags, and the ones below); other keys type.
    Field,
    /// A source's URL, title and quote.
    SourceField,
    /// Kind, verdict and stance: a choice among a few values.
    Choice,
    /// The editor's verdict field.
    VerdictField,
    /// "Discard this annotation's changes?"
    Confirm,
    /// A reply being written; other keys type.
    Reply,
    /// The help overlay.
    Help,
    /// The adjudication view (`A`): disputes between reviewers, merge conflicts.
    Adjudication,
}

impl Context {
    /// Every mode, in the order the help lists them.
    pub const ALL: [Context; 14] = [
        Context::Global,
        Context::Article,
        Context::Search,
        Context::List,
        Context::Queue,
        Context::Editor,
        Context::Field,
        Context::SourceField,
        Context::Choice,
        Context::VerdictField,
        Context::Confirm,
        Context::Reply,
        Context::Help,
        Context::Adjudication,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Article => "article",
            Context::Search => "search prompt (other keys type)",
            Context::List => "annotation list",
            Context::Queue => "review queue",
            Context::Editor => "editor (in the note, other keys type)",
            Context::Field => "editor, one-line fields (other keys type)",
            Context::SourceField => "editor, a source's URL, title and quote",
            Context::Choice => "editor, choice fields (kind, verdict, stance)",
            Context::VerdictField => "editor, verdict field",
            Context::Confirm => "discard changes?",
            Context::Reply => "reply (other keys type)",
            Context::Help => "help",
            Context::Adjudication => "adjudication view",
        }
    }

    /// The mode whose keys also work here, unless this mode binds them.
    pub fn parent(self) -> Option<Context> {
        match self {
            Context::Article | Context::List | Context::Queue | Context::Adjudication => {
                Some(Context::Global)
            }
            Context::Field => Some(Context::Editor),
            Context::SourceField | Context::Choice => Some(Context::Field),
            Context::VerdictField => Some(Context::Choice),
            Context::Global
            | Context::Search
            | Context::Editor
            | Context::Confirm
            | Context::Reply
            | Context::Help => None,
        }
    }

    /// Whether unbound printable keys type text here, so that a printable key
    /// bound here (or in a parent) would make typing impossible.
    pub fn takes_text(self) -> bool {
        match self {
            Context::Search
            | Context::Editor
            | Context::Field
            | Context::SourceField
            | Context::Reply => true,
            Context::Global
            | Context::Article
            | Context::List
            | Context::Queue
            | Context::Choice
            | Context::VerdictField
            | Context::Confirm
            | Context::Help
            | Context::Adjudication => false,
        }
    }

    /// This mode and the ones it falls back to, nearest first.
    pub fn chain(self) -> impl Iterator<Item = Context> {
        std::iter::successors(Some(self), |c| c.parent())
    }
}

/// A cursor motion in the article (a selection being made follows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Motion {
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
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // Everywhere.
    Help,
    Quit,
    SwitchFocus,
    Undo,
    Redo,
    NextArticle,
    PrevArticle,
    BackToQueue,
    /// Scroll the detail pane (the selected annotation's record) a row.
    DetailDown,
    DetailUp,
    // The article.
    Move(Motion),
    ToggleSelection,
    SelectSentence,
    ClearSelection,
    Annotate,
    NextAnnotation,
    PrevAnnotation,
    Search,
    NextMatch,
    PrevMatch,
    ToggleSuggestions,
    NextSuggestion,
    PrevSuggestion,
    // The search prompt.
    RunSearch,
    CancelSearch,
    DeleteSearchChar,
    ClearSearch,
    // The annotation list.
    ListDown,
    ListUp,
    JumpToSpan,
    Edit,
    Delete,
    /// Set verdict `n` (1-based) of the scale on the selected annotation.
    Verdict(u8),
    ClearVerdict,
    /// The selected annotation's next review status.
    CycleStatus,
    /// Accept the edited text of the selected approximate annotation.
    AcceptEdit,
    /// Write a reply under the selected annotation.
    Reply,
    // A reply being written.
    SendReply,
    CancelReply,
    // The review queue.
    QueueDown,
    QueueUp,
    QueueOpen,
    // The editor.
    NextField,
    PrevField,
    SaveAnnotation,
    Cancel,
    ExternalEditor,
    RemoveSource,
    NextOption,
    PrevOption,
    /// Choose verdict `n` (1-based) of the scale in the editor's verdict field.
    PickVerdict(u8),
    ClearPickedVerdict,
    Discard,
    KeepEditing,
    // The help overlay.
    HelpDown,
    HelpUp,
    HelpPageDown,
    HelpPageUp,
    CloseHelp,
    // Team review.
    /// Open the adjudication view.
    Adjudicate,
    /// Show all annotations → mine → each reviewer's in the list.
    ReviewerFilter,
    NextDispute,
    PrevDispute,
    /// Close the view at the dispute's span.
    JumpToDispute,
    /// Make reviewer (or version) `n` (1-based) the final one.
    Settle(u8),
    /// Write the final verdict in the editor.
    WriteFinal,
    CloseAdjudication,
}

impl Action {
    /// The ways out of a mode: an action that must keep a key, or the
    /// reviewer could be locked in.
    fn is_way_out(self) -> bool {
        matches!(
            self,
            Action::Quit
                | Action::Cancel
                | Action::SaveAnnotation
                | Action::CancelSearch
                | Action::KeepEditing
                | Action::CloseHelp
                | Action::CloseAdjudication
                | Action::SendReply
                | Action::CancelReply
        )
    }
}

/// One line of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpRow<'a> {
    /// A mode's heading.
    Title(Context),
    /// A binding with its effective keys.
    Key(&'a Binding, &'a [Chord]),
    /// Space between two modes.
    Blank,
}

/// A `[keys]` entry that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("[keys] {name}: {message}")]
pub struct KeymapError {
    /// The entry at fault, as `config.toml` names it.
    pub name: String,
    pub message: String,
}

/// The effective bindings: the table with the configuration's overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Each binding with its keys, in table order.
    entries: Vec<(Binding, Vec<Chord>)>,
    lookup: HashMap<(Context, Chord), Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&BTreeMap::new()).unwrap_or_else(|_| Keymap {
            entries: Vec::new(),
            lookup: HashMap::new(),
        })
    }
}

impl Keymap {
    /// The table with `overrides` (action name → keys, comma separated)
    /// applied; refuses unknown names and keys, a key on two actions of one
    /// mode, a way out left without a key, and a printable key on an action of
    /// a mode where text is typed.
    pub fn new(overrides: &BTreeMap<String, String>) -> Result<Keymap, KeymapError> {
        if let Some(name) = overrides
            .keys()
            .find(|n| !BINDINGS.iter().any(|b| b.name == n.as_str()))
        {
            let closest = BINDINGS
                .iter()
                .map(|b| (strsim::levenshtein(name, b.name), b.name))
                .min()
                .filter(|(distance, _)| *distance <= 3);
            let hint = match closest {
                Some((_, near)) => format!("did you mean {near}?"),
                None => "the help overlay (?) and the README list every action".to_owned(),
            };
            return Err(KeymapError {
                name: name.clone(),
                message: format!("not an action; {hint}"),
            });
        }
        let mut entries = Vec::with_capacity(BINDINGS.len());
        for binding in BINDINGS {
            let keys = overrides
                .get(binding.name)
                .map_or(binding.keys, String::as_str);
            let fault = |message: String| KeymapError {
                name: binding.name.to_owned(),
                message,
            };
            let chords = parse_keys(keys).map_err(fault)?;
            if chords.is_empty() && binding.action.is_way_out() {
                return Err(fault(
                    "needs a key: without one there is no way out".to_owned(),
                ));
            }
            if let Some(k) = chords.iter().find(|k| k.is_printable())
                && binding.context.takes_text()
            {
                return Err(fault(format!(
                    "{k} would type text where this key works; use one with Ctrl or Alt"
                )));
            }
            entries.push((*binding, chords));
        }
        let mut lookup = HashMap::new();
        let mut owner: HashMap<(Context, Chord), &'static str> = HashMap::new();
        for (binding, chords) in &entries {
            for chord in chords {
                if let Some(other) = owner.insert((binding.context, *chord), binding.name) {
                    return Err(clash(overrides, other, binding.name, *chord));
                }
                lookup.insert((binding.context, *chord), binding.action);
            }
        }
        // A key bound in a mode and in a mode it falls back to: one of the
        // two would never be reached.
        for (binding, chords) in &entries {
            for chord in chords {
                for parent in binding.context.chain().skip(1) {
                    if let Some(other) = owner.get(&(parent, *chord)) {
                        return Err(clash(overrides, other, binding.name, *chord));
                    }
                }
            }
        }
        Ok(Keymap { entries, lookup })
    }

    /// The action of `event` in mode `context` (or a mode it falls back to).
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(event);
        context
            .chain()
            .find_map(|c| self.lookup.get(&(c, chord)).copied())
    }

    /// Every binding with its effective keys, in table order.
    pub fn bindings(&self) -> impl Iterator<Item = (&Binding, &[Chord])> {
        self.entries.iter().map(|(b, k)| (b, k.as_slice()))
    }

    /// The help overlay's lines: every binding, grouped by mode.
    pub fn help_rows(&self) -> Vec<HelpRow<'_>> {
        let mut out = Vec::with_capacity(self.entries.len() + 3 * Context::ALL.len());
        for context in Context::ALL {
            let mut rows = self
                .bindings()
                .filter(|(b, _)| b.context == context)
                .peekable();
            if rows.peek().is_none() {
                continue;
            }
            if !out.is_empty() {
                out.push(HelpRow::Blank);
            }
            out.push(HelpRow::Title(context));
            out.extend(rows.map(|(b, k)| HelpRow::Key(b, k)));
        }
        out
    }

    /// The first key of `action`, for hints and messages ("" when unbound).
    pub fn key_of(&self, action: Action) -> String {
        self.entries
            .iter()
            .filter(|(b, _)| b.action == action)
            .find_map(|(_, k)| k.first())
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// Status-bar hints for mode `context`: `(keys, word)` pairs from the
    /// table (a run of numbered keys as `1–9`), most useful first: outside
    /// the editor, help, the mode's own keys, then the global ones (of which
    /// only quitting means something in the queue); in the editor, its keys
    /// for every field, then the field's.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut chain: Vec<Context> = context.chain().collect();
        chain.reverse();
        if chain.first() == Some(&Context::Global) {
            chain.rotate_left(1);
        }
        let numbered = || self.entries.iter().enumerate();
        let help =
            numbered().filter(|(_, (b, _))| b.action == Action::Help && chain.contains(&b.context));
        let rest = chain.iter().flat_map(|c| {
            numbered().filter(move |(_, (b, _))| {
                b.context == *c
                    && b.action != Action::Help
                    && (context != Context::Queue
                        || b.context != Context::Global
                        || b.action == Action::Quit)
            })
        });
        help.chain(rest)
            .filter(|(_, (b, _))| !b.hint.is_empty())
            .filter_map(|(at, (b, _))| Some((hint::keys(&self.entries, at)?, b.hint)))
            .collect()
    }
}

/// `"j, Down"` → its chords; an empty string means no key.
fn parse_keys(keys: &str) -> Result<Vec<Chord>, String> {
    keys.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(Chord::parse)
        .collect()
}

/// The error for `chord` bound to both `a` and `b`, blaming the one the
/// configuration changed.
fn clash(
    overrides: &BTreeMap<String, String>,
    a: &'static str,
    b: &'static str,
    chord: Chord,
) -> KeymapError {
    let (name, other) = if overrides.contains_key(a) {
        (a, b)
    } else {
        (b, a)
    };
    KeymapError {
        name: name.to_owned(),
        message: format!("{chord} is already the key of {other}"),
    }
}

#[cfg(test)]
mod tests;
