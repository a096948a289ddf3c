//! Claim suggestions in the review screen: `S` shows or hides them, `c` / `C`
//! select the next / previous suggested sentence not yet annotated, and `a`
//! then offers the suggestion's reasons as the note. Showing them scores the
//! whole article once, on a worker thread (for the status bar's count); until
//! that is done, only the sentences on screen are scored as keys come (and
//! `c` / `C` score the sentences they pass over), and after it keys score
//! nothing: the screen's marks are looked up. Both give the same scores
//! (`suggest::between` scores a stretch exactly as `suggest::all`).

use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::Session;
use crate::nav::motion;
use crate::suggest::{self, Suggestion};
use crate::text::ByteOffset;

/// The suggestions of the open article, while they are shown.
#[derive(Debug, Default)]
pub struct Suggestions {
    /// The sentences on screen, scored, in order.
    pub visible: Vec<Suggestion>,
    /// The bytes `visible` was scored for.
    scored_for: Option<(ByteOffset, ByteOffset)>,
    /// Every sentence of the whole article, scored and checked (without
    /// their reasons, made again for the one annotated), once the worker is
    /// done.
    scored: Option<Vec<Suggestion>>,
    /// The suggested ones among them, which the status bar counts.
    suggested: Vec<(ByteOffset, ByteOffset)>,
    /// How many of those no annotation covers: counted again when the
    /// annotations are placed anew, not on every frame.
    unreviewed: Option<usize>,
    counting: Option<Receiver<Vec<Suggestion>>>,
    /// The suggestion `c` / `C` moved to: `a` on it starts with its reasons.
    pending: Option<Suggestion>,
}

impl Session {
    /// Shows or hides suggestions; true when they are now shown. Showing them
    /// starts counting the article's suggestions on a worker thread.
    pub fn toggle_suggestions(&mut self) -> bool {
        if self.suggestions.take().is_some() {
            return false;
        }
        let (sender, receiver) = mpsc::channel();
        let text = self.doc.text.clone();
        std::thread::spawn(move || {
            // The session may be gone by the time the count is made.
            let _ = sender.send(suggest::all_without_reasons(text.as_str()));
        });
        self.suggestions = Some(Suggestions {
            counting: Some(receiver),
            ..Suggestions::default()
        });
        true
    }

    /// Scores the sentences on screen (when the screen shows other text than
    /// last time) and takes in the count once it is made.
    pub fn settle_suggestions(&mut self) {
        let Some(state) = &mut self.suggestions else {
            return;
        };
        if let Some(receiver) = &state.counting {
            match receiver.try_recv() {
                Ok(scored) => {
                    state.suggested = scored
                        .iter()
                        .filter(|s| s.is_suggested())
                        .map(|s| (s.start, s.end))
                        .collect();
                    state.scored = Some(scored);
                    state.unreviewed = None;
                    state.counting = None;
                    state.scored_for = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => state.counting = None,
            }
        }
        if state.scored.is_some() && state.unreviewed.is_none() {
            let spans = &self.spans;
            let count = state
                .suggested
                .iter()
                .filter(|&&(s, e)| spans.overlapping(s, e).is_empty())
                .count();
            state.unreviewed = Some(count);
        }
        let screen = match (self.view.rows.first(), self.view.rows.last()) {
            (Some(first), Some(last)) => (first.1.0, last.1.1.max(first.1.0 + 1)),
            _ => (ByteOffset::ZERO, ByteOffset::ZERO),
        };
        if state.scored_for != Some(screen) {
            state.visible = match &state.scored {
                Some(scored) => {
                    let first = scored.partition_point(|s| s.end <= screen.0);
                    scored
                        .get(first..)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|s| s.start < screen.1)
                        .cloned()
                        .collect()
                }
                None => suggest::between(self.doc.text.as_str(), screen.0, screen.1),
            };
            state.scored_for = Some(screen);
        }
    }

    /// The annotations were placed anew: the unreviewed suggestions are
    /// counted again when the message is settled.
    pub(super) fn recount_suggestions(&mut self) {
        if let Some(state) = &mut self.suggestions {
            state.unreviewed = None;
        }
    }

    /// Whether an anchored annotation overlaps bytes `start..end`.
    pub fn is_annotated(&self, start: ByteOffset, end: ByteOffset) -> bool {
        !self.spans.overlapping(start, end).is_empty()
    }

    /// Suggested sentences no annotation covers yet; `None` while counting
    /// (or when suggestions are hidden).
    pub fn unreviewed_suggestions(&self) -> Option<usize> {
        self.suggestions.as_ref()?.unreviewed
    }

    /// Selects the next (or previous) suggested sentence not yet annotated,
    /// showing suggestions if they were hidden; false when there is none that
    /// way.
    pub fn step_suggestion(&mut self, forward: bool, height: usize) -> bool {
        if self.suggestions.is_none() {
            self.toggle_suggestions();
        }
        let text = self.doc.text.clone();
        let body = text.as_str();
        let cursor = self.cursor;
        let here =
            motion::sentence_at(body, cursor.get()).map_or(cursor, |(s, _)| ByteOffset::new(s));
        let wanted = |s: &Suggestion| s.is_suggested() && !self.is_annotated(s.start, s.end);
        let scored = self.suggestions.as_ref().and_then(|s| s.scored.as_ref());
        let found = if let Some(scored) = scored {
            if forward {
                let from = scored.partition_point(|s| s.start < cursor);
                scored
                    .get(from..)
                    .unwrap_or_default()
                    .iter()
                    .find(|s| wanted(s))
            } else {
                let to = scored.partition_point(|s| s.start < here);
                scored
                    .get(..to)
                    .unwrap_or_default()
                    .iter()
                    .rev()
                    .find(|s| wanted(s))
            }
            .cloned()
        } else if forward {
            // From the cursor on: the sentence starting under it counts, one
            // already entered (as after `c`, the cursor on its end) does not.
            suggest::from(body, cursor)
                .filter(|s| s.start >= cursor)
                .find(|s| wanted(s))
        } else {
            // Backwards a stretch at a time: each sentence is scored with its
            // passage, which is read once a stretch rather than once a step.
            const STRETCH: usize = 64;
            let mut end = here;
            loop {
                let mut start = end;
                for _ in 0..STRETCH {
                    let prev = ByteOffset::new(motion::prev_sentence(body, start.get()));
                    if prev >= start {
                        break;
                    }
                    start = prev;
                }
                if start >= end {
                    break None;
                }
                let found = suggest::between(body, start, end)
                    .into_iter()
                    .rev()
                    .find(|s| s.start < here && wanted(s));
                if found.is_some() {
                    break found;
                }
                end = start;
            }
        };
        let Some(found) = found else {
            return false;
        };
        self.start_selection(found.start);
        // On the sentence's last character, as `v` would leave it, with its
        // start on screen too, where reading it begins.
        let last = body
            .get(..found.end.get())
            .and_then(|t| t.char_indices().next_back())
            .map_or(found.start, |(i, _)| ByteOffset::new(i));
        self.show_then_move(found.start, last, height);
        if let Some(state) = &mut self.suggestions {
            state.pending = Some(found);
        }
        true
    }

    /// The starting note for an annotation of bytes `start..end`: the reasons
    /// of the suggestion `c` / `C` selected, when that is what is annotated.
    pub fn suggested_note(&self, start: ByteOffset, end: ByteOffset) -> Option<String> {
        let pending = self.suggestions.as_ref()?.pending.as_ref()?;
        if pending.start != start || pending.end != end {
            return None;
        }
        // The whole article's scores keep no reasons: score this one again.
        let full = suggest::from(self.doc.text.as_str(), start)
            .next()
            .filter(|s| s.start == start)?;
        Some(full.note())
    }
}
