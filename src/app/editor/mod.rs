//! The annotation editor: a form over the selection (or over an existing
//! annotation) with kind, verdict, note, sources and tags. Text fields are
//! `ratatui-textarea` widgets; text loaded from a file is shown with its control
//! characters made visible, and written back unchanged unless it was edited.

use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Color, Modifier, Style};

use crate::keymap::Context;
use crate::model::{
    Annotation, Kind, Source, Stance, Target, VerdictScale, new_id, now_rfc3339, today,
};

mod input;

pub(crate) use input::{Input, LINE_LIMIT, NOTE_LIMIT, head};

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
        s.stance = self.stance.clone();
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
    /// Not saved: a field holds something margin does not accept (the
    /// message says what); the focus is on that field.
    Invalid(String),
}

/// What saving the editor does, which its title and hints say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Purpose {
    /// A new annotation, or a change to one.
    #[default]
    Annotate,
    /// The editor's final decision on claims reviewers judged differently
    /// (`e` in the adjudication view).
    FinalDecision,
    /// The version that settles a merge conflict (`e` on a conflict).
    SettleConflict,
}

pub struct Editor {
    /// What saving does.
    pub purpose: Purpose,
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
            purpose: Purpose::Annotate,
            target: a.as_ref().map_or(target, |a| a.target.clone()),
            kind: a.as_ref().map_or(Kind::Claim, |a| a.kind.clone()),
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

    /// The same editor, saving for `purpose`.
    pub fn for_purpose(mut self, purpose: Purpose) -> Editor {
        self.purpose = purpose;
        self
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
        a.kind = self.kind.clone();
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

    pub fn save(&mut self) -> Outcome {
        let bad_url = self.sources.iter().enumerate().find_map(|(i, s)| {
            let url = s.url.value();
            let url = url.trim();
            let why = crate::model::url::validate(url).err()?;
            (!url.is_empty()).then(|| (i, format!("source {} URL: {why}", i + 1)))
        });
        if let Some((i, message)) = bad_url {
            self.focus = Field::Source(i, SourcePart::Url);
            return Outcome::Invalid(message);
        }
        let after = self.build();
        // Settling a conflict with the combined version as it stands is a
        // decision too.
        if let Some(o) = &self.original
            && o.same_content(&after)
            && self.purpose != Purpose::SettleConflict
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
        if !self.is_changed() {
            return Outcome::Cancelled;
        }
        self.confirm_discard = true;
        Outcome::Continue
    }

    /// The keymap mode of the field with focus.
    pub fn context(&self) -> Context {
        if self.confirm_discard {
            return Context::Confirm;
        }
        match self.focus {
            Field::Note => Context::Editor,
            Field::Tags => Context::Field,
            Field::Kind | Field::Source(_, SourcePart::Stance) => Context::Choice,
            Field::Verdict => Context::VerdictField,
            Field::Source(_, SourcePart::Url | SourcePart::Title | SourcePart::Quote) => {
                Context::SourceField
            }
        }
    }

    /// The text field with focus, if the focus is on one.
    fn focused_input(&mut self) -> Option<&mut Input> {
        match self.focus {
            Field::Note => Some(&mut self.note),
            Field::Tags => Some(&mut self.tags),
            Field::Source(i, part) => {
                let s = self.sources.get_mut(i)?;
                match part {
                    SourcePart::Url => Some(&mut s.url),
                    SourcePart::Title => Some(&mut s.title),
                    SourcePart::Quote => Some(&mut s.quote),
                    SourcePart::Stance => None,
                }
            }
            Field::Kind | Field::Verdict => None,
        }
    }

    /// A key no binding took, typed into the text field with focus.
    pub fn type_key(&mut self, key: KeyEvent) {
        if let Some(input) = self.focused_input() {
            input.area.input(key);
        }
        self.offer_blank_source();
    }

    /// Typing into the blank source makes it real: offer a new blank one.
    fn offer_blank_source(&mut self) {
        if self.sources.last().is_none_or(|s| !s.is_blank()) {
            self.sources.push(SourceForm::new(None));
        }
    }

    /// The next (or previous) value of the choice field with focus.
    pub fn cycle_option(&mut self, forward: bool, scale: &VerdictScale) {
        match self.focus {
            Field::Kind => self.kind = cycle(&Kind::ALL, self.kind.clone(), forward),
            Field::Verdict => {
                let mut options: Vec<Option<String>> = vec![None];
                options.extend(scale.verdicts.iter().map(|v| Some(v.key.clone())));
                let current = self.verdict.clone();
                self.verdict = cycle(&options, current, forward);
            }
            Field::Source(i, SourcePart::Stance) => {
                if let Some(s) = self.sources.get_mut(i) {
                    let options = [
                        None,
                        Some(Stance::Supports),
                        Some(Stance::Refutes),
                        Some(Stance::Context),
                    ];
                    s.stance = cycle(&options, s.stance.clone(), forward);
                }
            }
            Field::Note | Field::Tags | Field::Source(..) => {}
        }
    }

    /// Chooses verdict `n` (1-based) of the scale, or none; false when the
    /// scale has no verdict `n`.
    pub fn pick_verdict(&mut self, n: Option<u8>, scale: &VerdictScale) -> bool {
        match n {
            None => self.verdict = None,
            Some(n) => match scale.nth(usize::from(n)) {
                Some(v) => self.verdict = Some(v.key.clone()),
                None => return false,
            },
        }
        true
    }

    /// Removes the source with focus (the blank one at the end stays);
    /// false when there is nothing to remove.
    pub fn remove_source(&mut self) -> bool {
        let Field::Source(i, _) = self.focus else {
            return false;
        };
        if i + 1 >= self.sources.len() {
            return false;
        }
        self.sources.remove(i);
        self.focus = Field::Source(i, SourcePart::Url);
        true
    }

    /// Sets how each text field looks: the one with focus shows its cursor.
    pub fn style_inputs(&mut self, color: bool) {
        let base = input_style(color);
        let focus = self.focus;
        let mut inputs = vec![(Field::Note, &mut self.note), (Field::Tags, &mut self.tags)];
        for (i, s) in self.sources.iter_mut().enumerate() {
            inputs.push((Field::Source(i, SourcePart::Url), &mut s.url));
            inputs.push((Field::Source(i, SourcePart::Title), &mut s.title));
            inputs.push((Field::Source(i, SourcePart::Quote), &mut s.quote));
        }
        for (field, input) in inputs {
            input.area.set_style(base);
            input.area.set_cursor_style(if field == focus {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                base
            });
        }
    }

    /// Text pasted into the field with focus (bracketed paste), up to the
    /// field's limit; the limit when some of the text had to be left out.
    pub fn paste(&mut self, text: &str) -> Option<usize> {
        let input = match self.focus {
            Field::Note => &mut self.note,
            Field::Tags => &mut self.tags,
            Field::Source(i, part) => match self.sources.get_mut(i) {
                Some(s) => match part {
                    SourcePart::Url => &mut s.url,
                    SourcePart::Title => &mut s.title,
                    SourcePart::Quote => &mut s.quote,
                    SourcePart::Stance => return None,
                },
                None => return None,
            },
            Field::Kind | Field::Verdict => return None,
        };
        let limit = input.limit();
        let room = limit.saturating_sub(input.current().chars().count());
        let (text, cut) = head(text, room);
        let text = if input.multiline {
            line_endings_to_lf(text)
        } else {
            text.replace(['\r', '\n'], " ")
        };
        input.area.insert_str(text);
        cut.then_some(limit)
    }
}

/// How a text field of the editor looks. Black on grey: WCAG AA in the xterm
/// and Tango palettes, whatever the terminal's own colours (tested with the
/// other styles in `app::style`).
pub(crate) fn input_style(color: bool) -> Style {
    if color {
        Style::default().bg(Color::Gray).fg(Color::Black)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
}

/// Text with every CRLF and lone CR (what terminals send for a pasted line
/// break) turned into LF, the only line ending a note holds.
pub(crate) fn line_endings_to_lf(text: &str) -> String {
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
mod tests;
