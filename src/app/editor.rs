//! The annotation editor: a form over the selection (or over an existing
//! annotation) with kind, verdict, note, sources and tags. Text fields are
//! `ratatui-textarea` widgets; text loaded from a file is shown with its control
//! characters made visible, and written back unchanged unless it was edited.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::model::{
    Annotation, Kind, Source, Stance, Target, VerdictScale, new_id, now_rfc3339, today,
};
use crate::safe_text;

/// A text field, with the value it was loaded with.
pub struct Input {
    pub area: TextArea<'static>,
    /// The value as loaded (possibly holding characters shown otherwise).
    original: String,
    /// What the field showed when loaded: kept as `original` if not edited.
    shown: String,
    pub multiline: bool,
}

impl Input {
    fn new(value: &str, multiline: bool) -> Input {
        let shown = if multiline {
            safe_text::multiline(value).into_owned()
        } else {
            safe_text::inline(value).into_owned()
        };
        let mut area = TextArea::new(shown.split('\n').map(str::to_owned).collect());
        area.set_cursor_line_style(ratatui::style::Style::default());
        if multiline {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Input {
            area,
            original: value.to_owned(),
            shown,
            multiline,
        }
    }

    fn current(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The field's value: as loaded if untouched, else what was typed.
    pub fn value(&self) -> String {
        let now = self.current();
        if now == self.shown {
            self.original.clone()
        } else {
            now
        }
    }

    pub fn set(&mut self, value: &str) {
        *self = Input::new(value, self.multiline);
        // Text that came back from $EDITOR is the reviewer's own, so it counts as
        // edited even when it looks the same as before.
        self.original = self.current();
        self.shown = self.original.clone();
    }

    fn is_blank(&self) -> bool {
        self.value().trim().is_empty()
    }
}

/// A source being edited.
pub struct SourceForm {
    pub url: Input,
    pub title: Input,
    pub quote: Input,
    pub stance: Option<Stance>,
    original: Option<Source>,
}

impl SourceForm {
    fn new(source: Option<&Source>) -> SourceForm {
        let s = source.cloned().unwrap_or_default();
        SourceForm {
            url: Input::new(&s.url, false),
            title: Input::new(&s.title, false),
            quote: Input::new(&s.quote, false),
            stance: s.stance,
            original: source.cloned(),
        }
    }

    fn is_blank(&self) -> bool {
        self.url.is_blank() && self.title.is_blank() && self.quote.is_blank()
    }

    fn build(&self) -> Source {
        let mut s = self.original.clone().unwrap_or_default();
        s.url = self.url.value().trim().to_owned();
        s.title = self.title.value().trim().to_owned();
        s.quote = self.quote.value().trim().to_owned();
        s.stance = self.stance;
        // A source cited now was accessed today; one loaded keeps its date.
        let url_changed = self.original.as_ref().is_none_or(|o| o.url != s.url);
        if s.accessed.is_empty() && !s.url.is_empty() && url_changed {
            s.accessed = today();
        }
        s
    }
}

/// A part of a source's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourcePart {
    Url,
    Title,
    Quote,
    Stance,
}

/// The field with focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Verdict,
    Note,
    Source(usize, SourcePart),
    Tags,
}

/// What the editor asks of the app after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Continue,
    /// Close the editor and discard.
    Cancelled,
    /// Close the editor; the annotation is `before` → `after`.
    Saved {
        before: Option<Box<Annotation>>,
        after: Box<Annotation>,
    },
}

pub struct Editor {
    /// The annotation being edited; `None` for a new one.
    pub original: Option<Annotation>,
    pub target: Target,
    pub kind: Kind,
    pub verdict: Option<String>,
    pub note: Input,
    /// Always ends with one blank source, where a new one is typed.
    pub sources: Vec<SourceForm>,
    pub tags: Input,
    pub focus: Field,
    /// Esc was pressed with changes: waiting for y/n.
    pub confirm_discard: bool,
    reviewer: String,
}

impl Editor {
    /// A new annotation over `target`, or (with `existing`) that annotation.
    pub fn new(target: Target, existing: Option<&Annotation>, reviewer: &str) -> Editor {
        let a = existing.cloned();
        let mut sources: Vec<SourceForm> = a
            .iter()
            .flat_map(|a| a.sources.iter())
            .map(|s| SourceForm::new(Some(s)))
            .collect();
        sources.push(SourceForm::new(None));
        Editor {
            target: a.as_ref().map_or(target, |a| a.target.clone()),
            kind: a.as_ref().map_or(Kind::Claim, |a| a.kind),
            verdict: a.as_ref().and_then(|a| a.verdict.clone()),
            note: Input::new(a.as_ref().map_or("", |a| a.note.as_str()), true),
            tags: Input::new(
                &a.as_ref().map(|a| a.tags.join(", ")).unwrap_or_default(),
                false,
            ),
            sources,
            focus: Field::Note,
            confirm_discard: false,
            reviewer: reviewer.to_owned(),
            original: a,
        }
    }

    /// The fields in Tab order.
    pub fn fields(&self) -> Vec<Field> {
        let mut out = vec![Field::Kind, Field::Verdict, Field::Note];
        for i in 0..self.sources.len() {
            for part in [
                SourcePart::Url,
                SourcePart::Title,
                SourcePart::Quote,
                SourcePart::Stance,
            ] {
                out.push(Field::Source(i, part));
            }
        }
        out.push(Field::Tags);
        out
    }

    pub fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.focus = fields.get(next).copied().unwrap_or(Field::Note);
    }

    /// The annotation as the form now describes it.
    pub fn build(&self) -> Annotation {
        let now = now_rfc3339();
        let mut a = self.original.clone().unwrap_or_else(|| Annotation {
            id: new_id(),
            target: self.target.clone(),
            kind: Kind::Claim,
            verdict: None,
            note: String::new(),
            sources: Vec::new(),
            tags: Vec::new(),
            reviewer: self.reviewer.clone(),
            created: now.clone(),
            modified: now.clone(),
            conflicts: Vec::new(),
            ..Annotation::default()
        });
        a.kind = self.kind;
        a.verdict = self.verdict.clone();
        a.note = self.note.value().trim_end().to_owned();
        a.sources = self
            .sources
            .iter()
            .filter(|s| !s.is_blank())
            .map(SourceForm::build)
            .collect();
        let tags = self.tags.value();
        a.tags = tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        a.modified = now;
        a
    }

    /// Whether saving would change anything.
    pub fn is_changed(&self) -> bool {
        let built = self.build();
        match &self.original {
            Some(o) => !o.same_content(&built),
            None => {
                !built.note.is_empty()
                    || !built.sources.is_empty()
                    || !built.tags.is_empty()
                    || built.verdict.is_some()
                    || built.kind != Kind::Claim
            }
        }
    }

    pub fn save(&self) -> Outcome {
        let after = self.build();
        if let Some(o) = &self.original
            && o.same_content(&after)
        {
            return Outcome::Cancelled;
        }
        Outcome::Saved {
            before: self.original.clone().map(Box::new),
            after: Box::new(after),
        }
    }

    /// Esc: close, or ask first when something would be lost.
    pub fn cancel(&mut self) -> Outcome {
        if self.confirm_discard || !self.is_changed() {
            return Outcome::Cancelled;
        }
        self.confirm_discard = true;
        Outcome::Continue
    }

    /// A key that no binding took: typing, or choosing in a choice field.
    pub fn key(&mut self, key: KeyEvent, scale: &VerdictScale) -> Outcome {
        if self.confirm_discard {
            return match key.code {
                KeyCode::Char('y' | 'Y') => Outcome::Cancelled,
                _ => {
                    self.confirm_discard = false;
                    Outcome::Continue
                }
            };
        }
        let forward = matches!(key.code, KeyCode::Right | KeyCode::Char(' ' | 'l'));
        let backward = matches!(key.code, KeyCode::Left | KeyCode::Char('h'));
        match self.focus {
            Field::Kind if forward || backward => self.kind = cycle(&Kind::ALL, self.kind, forward),
            Field::Verdict => self.verdict_key(key, scale, forward, backward),
            Field::Source(i, SourcePart::Stance) if forward || backward => {
                if let Some(s) = self.sources.get_mut(i) {
                    let options = [
                        None,
                        Some(Stance::Supports),
                        Some(Stance::Refutes),
                        Some(Stance::Context),
                    ];
                    s.stance = cycle(&options, s.stance, forward);
                }
            }
            Field::Kind | Field::Source(_, SourcePart::Stance) => {
                if key.code == KeyCode::Enter {
                    self.move_focus(true);
                }
            }
            Field::Note => {
                self.note.area.input(key);
            }
            Field::Tags => self.line_key(key, |e| &mut e.tags),
            Field::Source(i, part) => {
                let is_last = i + 1 == self.sources.len();
                if key.code == KeyCode::Char('d') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    // Ctrl-d removes a source (the blank one at the end stays).
                    if !is_last {
                        self.sources.remove(i);
                        self.focus = Field::Source(i, SourcePart::Url);
                    }
                    return Outcome::Continue;
                }
                if let Some(form) = self.sources.get_mut(i) {
                    let input = match part {
                        SourcePart::Url => &mut form.url,
                        SourcePart::Title => &mut form.title,
                        _ => &mut form.quote,
                    };
                    if key.code == KeyCode::Enter {
                        self.move_focus(true);
                    } else {
                        input.area.input(key);
                    }
                }
                // Typing into the blank source makes it real: offer a new blank one.
                if is_last && self.sources.last().is_some_and(|s| !s.is_blank()) {
                    self.sources.push(SourceForm::new(None));
                }
            }
        }
        Outcome::Continue
    }

    fn verdict_key(&mut self, key: KeyEvent, scale: &VerdictScale, forward: bool, backward: bool) {
        let mut options: Vec<Option<String>> = vec![None];
        options.extend(scale.verdicts.iter().map(|v| Some(v.key.clone())));
        match key.code {
            KeyCode::Char('0') => self.verdict = None,
            KeyCode::Char(c @ '1'..='9') => {
                let n = c as usize - '0' as usize;
                if let Some(v) = scale.nth(n) {
                    self.verdict = Some(v.key.clone());
                }
            }
            KeyCode::Enter => self.move_focus(true),
            _ if forward || backward => {
                let current = self.verdict.clone();
                self.verdict = cycle(&options, current, forward);
            }
            _ => {}
        }
    }

    fn line_key(&mut self, key: KeyEvent, field: impl Fn(&mut Editor) -> &mut Input) {
        if key.code == KeyCode::Enter {
            self.move_focus(true);
        } else {
            field(self).area.input(key);
        }
    }

    /// Text pasted into the field with focus (bracketed paste).
    pub fn paste(&mut self, text: &str) {
        let input = match self.focus {
            Field::Note => &mut self.note,
            Field::Tags => &mut self.tags,
            Field::Source(i, part) => match self.sources.get_mut(i) {
                Some(s) => match part {
                    SourcePart::Url => &mut s.url,
                    SourcePart::Title => &mut s.title,
                    SourcePart::Quote => &mut s.quote,
                    SourcePart::Stance => return,
                },
                None => return,
            },
            Field::Kind | Field::Verdict => return,
        };
        let text = if input.multiline {
            line_endings_to_lf(text)
        } else {
            text.replace(['\r', '\n'], " ")
        };
        input.area.insert_str(text);
    }
}

/// Text with every CRLF and lone CR (what terminals send for a pasted line
/// break) turned into LF, the only line ending a note holds.
pub fn line_endings_to_lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The option after (or before) `current` in `options`, wrapping around.
fn cycle<T: Clone + PartialEq>(options: &[T], current: T, forward: bool) -> T {
    let n = options.len().max(1);
    let at = options.iter().position(|o| *o == current).unwrap_or(0);
    let next = if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    options.get(next).cloned().unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            start: 0,
            end: 5,
            exact: "Hello".into(),
            prefix: String::new(),
            suffix: " world".into(),
            extra: Default::default(),
        }
    }

    fn typed(e: &mut Editor, s: &str) {
        for c in s.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            e.key(
                KeyEvent::new(code, KeyModifiers::NONE),
                &VerdictScale::default(),
            );
        }
    }

    #[test]
    fn a_new_annotation_gets_the_note_source_and_tags_typed() {
        let mut e = Editor::new(target(), None, "ana");
        typed(&mut e, "Wrong date.\nSee the record.");
        e.focus = Field::Source(0, SourcePart::Url);
        typed(&mut e, "https://example.org\nThe record\n");
        e.focus = Field::Source(0, SourcePart::Stance);
        e.key(
            KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
            &VerdictScale::default(),
        );
        e.key(
            KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
            &VerdictScale::default(),
        );
        e.focus = Field::Tags;
        typed(&mut e, "dates, , history");
        e.focus = Field::Verdict;
        typed(&mut e, "5");
        let Outcome::Saved { before, after } = e.save() else {
            panic!()
        };
        assert!(before.is_none());
        assert_eq!(after.note, "Wrong date.\nSee the record.");
        assert_eq!(after.verdict.as_deref(), Some("false"));
        assert_eq!(after.sources.len(), 1);
        assert_eq!(after.sources[0].url, "https://example.org");
        assert_eq!(after.sources[0].title, "The record");
        assert_eq!(after.sources[0].stance, Some(Stance::Refutes));
        assert_eq!(after.tags, vec!["dates", "history"]);
        assert_eq!(after.reviewer, "ana");
        assert_eq!(
            e.sources.len(),
            2,
            "a blank source is offered after the typed one"
        );
    }

    #[test]
    fn untouched_hostile_text_is_shown_safely_and_kept_as_it_was() {
        let mut a = Editor::new(target(), None, "ana").build();
        a.note = "evil \u{1b}]0;pwned\u{7} note".into();
        let mut e = Editor::new(target(), Some(&a), "bob");
        assert!(!e.note.area.lines().concat().contains('\u{1b}'));
        assert_eq!(e.save(), Outcome::Cancelled, "nothing changed");
        assert!(!e.is_changed());
        e.focus = Field::Tags;
        typed(&mut e, "x");
        let Outcome::Saved { after, .. } = e.save() else {
            panic!()
        };
        assert_eq!(
            after.note, a.note,
            "the note was not edited, so it is kept exactly"
        );
        assert_eq!(after.reviewer, a.reviewer);
    }

    #[test]
    fn cancel_asks_only_when_something_would_be_lost() {
        let mut e = Editor::new(target(), None, "ana");
        assert_eq!(e.cancel(), Outcome::Cancelled);
        let mut e = Editor::new(target(), None, "ana");
        typed(&mut e, "note");
        assert_eq!(e.cancel(), Outcome::Continue);
        assert!(e.confirm_discard);
        e.key(
            KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE),
            &VerdictScale::default(),
        );
        assert!(!e.confirm_discard);
        e.cancel();
        assert_eq!(
            e.key(
                KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE),
                &VerdictScale::default()
            ),
            Outcome::Cancelled
        );
    }

    #[test]
    fn tab_order_runs_through_every_field_and_wraps() {
        let mut e = Editor::new(target(), None, "ana");
        let order = e.fields();
        assert_eq!(order.first(), Some(&Field::Kind));
        assert_eq!(order.last(), Some(&Field::Tags));
        e.focus = Field::Tags;
        e.move_focus(true);
        assert_eq!(e.focus, Field::Kind);
        e.move_focus(false);
        assert_eq!(e.focus, Field::Tags);
    }
}
