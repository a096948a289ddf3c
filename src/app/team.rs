//! Team review on the review screen: the adjudication view (`A`) and the
//! list's reviewer filter (`r`). Settling goes through the session like any
//! other edit, so it is saved at once and undoable.

use super::App;
use super::adjudication::{self, Adjudication};
use super::editor::{Editor, Purpose};
use crate::agree::{self, Dispute};
use crate::history;
use crate::keymap::Action;
use crate::model::{Annotation, new_id, now_rfc3339};
use crate::safe_text;

/// What a version written in the editor settles (`e` in the adjudication view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Settling {
    /// Reviewers' different verdicts: saved as a new `final` annotation that
    /// adjudicates these ids.
    Verdicts(Vec<String>),
    /// The merge conflict of the annotation with this id: saved as its
    /// settled version, `conflicts` cleared, the versions kept in `history`.
    Conflict(String),
}

impl App {
    pub(super) fn open_adjudication(&mut self) {
        let Some(s) = &self.session else {
            self.info("open an article first");
            return;
        };
        // An empty view says so itself.
        self.adjudication = Some(Adjudication::of(s));
    }

    /// Finds the disputes again after a change, if the view is open.
    pub(super) fn refresh_adjudication(&mut self) {
        if let (Some(view), Some(s)) = (&mut self.adjudication, &self.session) {
            view.refresh(s);
        }
    }

    pub(super) fn settle_dispute(&mut self, n: u8) {
        let (Some(view), Some(s)) = (&self.adjudication, &mut self.session) else {
            return;
        };
        if let Some(Dispute::FileField { field }) = view.current() {
            let field = field.clone();
            return self.keep_file_value(&field, n);
        }
        let choices = view.choices(&s.doc.file);
        let annotations = &s.doc.file.annotations;
        if let Some(Dispute::Verdicts { members }) = view.current()
            && let Some(unjudged) = members
                .get(usize::from(n).wrapping_sub(1))
                .and_then(|&i| annotations.get(i))
                .filter(|a| a.verdict.is_none())
        {
            let who = safe_text::inline(&unjudged.reviewer).into_owned();
            let e = self.keymap.key_of(Action::WriteFinal);
            self.info(format!(
                "{who} gave no verdict here: choose another, or {e} to write one"
            ));
            return;
        }
        let Some(settlement) = view.settle(
            annotations,
            usize::from(n),
            &self.config.reviewer,
            &now_rfc3339(),
            new_id(),
        ) else {
            let message = if choices == 0 {
                "nothing to settle here".to_owned()
            } else {
                format!("choose 1–{choices}")
            };
            self.info(message);
            return;
        };
        let conflict = matches!(view.current(), Some(Dispute::Conflict { .. }));
        let verdict = settlement
            .after
            .verdict
            .as_deref()
            .map_or("not judged", |v| self.config.verdicts.label(v))
            .to_owned();
        let settled = settlement.after.adjudicates.len();
        s.apply(settlement.before, Some(settlement.after));
        self.refresh_adjudication();
        let u = self.keymap.key_of(Action::Undo);
        self.info(if conflict {
            format!("kept version {n}; the other stays in the history ({u} undoes)")
        } else {
            format!(
                "final verdict: {} (settles {settled} annotations; {u} undoes)",
                safe_text::inline(&verdict)
            )
        });
    }

    /// Keeps value `n` of file-level field `field`; the other sides' values
    /// leave the file's `conflicts`.
    fn keep_file_value(&mut self, field: &str, n: u8) {
        let Some(s) = &mut self.session else { return };
        let choices = s.doc.file.field_versions(field).len();
        let shown = safe_text::inline(field).into_owned();
        let kept = usize::from(n)
            .checked_sub(1)
            .and_then(|pick| s.doc.file.keeping_field_version(field, pick));
        let Some(fields) = kept else {
            self.info(if usize::from(n) <= choices {
                format!("value {n} cannot be the file's {shown}: keep another")
            } else {
                format!("choose 1–{choices}")
            });
            return;
        };
        s.apply_fields(fields);
        self.refresh_adjudication();
        let u = self.keymap.key_of(Action::Undo);
        self.info(format!(
            "kept value {n} of {shown}; the other is dropped from `conflicts` ({u} undoes)"
        ));
    }

    /// Closes the view at the current dispute's span, selected in the list.
    pub(super) fn jump_to_dispute(&mut self) {
        let height = self.article_height();
        let (Some(view), Some(s)) = (&self.adjudication, &mut self.session) else {
            return;
        };
        if let Some(Dispute::FileField { field }) = view.current() {
            let shown = safe_text::inline(field).into_owned();
            let n = s.doc.file.field_versions(field).len();
            self.info(format!(
                "the file's {shown} has no place in the text: a number (1–{n}) keeps a value"
            ));
            return;
        }
        let Some(id) = view
            .current()
            .and_then(|d| d.first())
            .and_then(|i| s.doc.file.annotations.get(i))
            .map(|a| a.id.clone())
        else {
            self.adjudication = None;
            return;
        };
        if s.entry_of(&id).is_none() {
            // Hidden by the reviewer filter: show everyone's again.
            s.set_reviewer_filter(None);
        }
        s.selected = s.entry_of(&id);
        s.jump_to_span(height);
        self.adjudication = None;
        self.focus = super::Focus::List;
    }

    /// `e`: the editor, on the disputed span, for a decision written by hand;
    /// on a merge conflict, on the versions combined.
    pub(super) fn write_final(&mut self) {
        let (Some(view), Some(s)) = (&self.adjudication, &self.session) else {
            return;
        };
        let annotations = &s.doc.file.annotations;
        let reviewer = &self.config.reviewer;
        let (settling, editor) = match view.current() {
            Some(Dispute::Verdicts { members }) => {
                let Some(first) = members.first().and_then(|&i| annotations.get(i)) else {
                    return;
                };
                let editor = Editor::new(first.target.clone(), None, reviewer);
                (
                    Settling::Verdicts(view.adjudicated_ids(annotations)),
                    editor.for_purpose(Purpose::FinalDecision),
                )
            }
            Some(Dispute::Conflict { index }) => {
                let Some(a) = annotations.get(*index) else {
                    return;
                };
                let start = agree::combined_versions(a);
                let editor = Editor::new(start.target.clone(), Some(&start), reviewer);
                (
                    Settling::Conflict(a.id.clone()),
                    editor.for_purpose(Purpose::SettleConflict),
                )
            }
            Some(Dispute::FileField { field }) => {
                let keys = format!(
                    "{}–{}",
                    self.keymap.key_of(Action::Settle(1)),
                    self.keymap.key_of(Action::Settle(2))
                );
                let shown = safe_text::inline(field).into_owned();
                self.info(format!(
                    "the file's {shown} is settled by keeping a value: {keys}"
                ));
                return;
            }
            None => {
                self.info("nothing to settle");
                return;
            }
        };
        self.settling = Some(settling);
        self.editor = Some(editor);
    }

    /// The annotation saved from the editor opened by `e`, as the change it
    /// makes to the file (before, after), and what to tell the editor.
    pub(super) fn settled_by_hand(
        &self,
        settling: Settling,
        written: Annotation,
    ) -> (Option<Annotation>, Annotation, String) {
        let by = &self.config.reviewer;
        let at = if written.modified.is_empty() {
            now_rfc3339()
        } else {
            written.modified.clone()
        };
        let u = self.keymap.key_of(Action::Undo);
        match settling {
            Settling::Verdicts(ids) => {
                let settles = ids.len();
                let mut decision = adjudication::make_final(written, ids);
                history::record(&mut decision, None, by, &at);
                let message =
                    format!("final decision saved (settles {settles} annotations; {u} undoes)");
                (None, decision, message)
            }
            Settling::Conflict(id) => {
                // Gone meanwhile (a change merged from disk): what was written
                // is kept all the same.
                let now = self
                    .session
                    .as_ref()
                    .and_then(|s| s.doc.file.find(&id))
                    .cloned();
                let settled =
                    agree::settle_written(now.as_ref().unwrap_or(&written), &written, by, &at);
                let message =
                    format!("conflict settled; the versions stay in the history ({u} undoes)");
                (now, settled, message)
            }
        }
    }

    /// `r`: everyone's annotations → mine → each other reviewer's → everyone's.
    pub(super) fn cycle_reviewer_filter(&mut self) {
        let me = self.config.reviewer.clone();
        let Some(s) = &mut self.session else { return };
        let mut others: Vec<String> = s
            .doc
            .file
            .annotations
            .iter()
            .map(|a| a.reviewer.clone())
            .filter(|r| *r != me)
            .collect();
        others.sort();
        others.dedup();
        let mut cycle: Vec<Option<String>> = vec![None, Some(me.clone())];
        cycle.extend(others.into_iter().map(Some));
        let at = cycle
            .iter()
            .position(|f| *f == s.reviewer_filter)
            .unwrap_or(0);
        let next = cycle.get(at + 1).cloned().flatten();
        s.set_reviewer_filter(next.clone());
        let shown = match next {
            None => "everyone's annotations".to_owned(),
            Some(r) if r == me => "your annotations only".to_owned(),
            Some(r) if r.is_empty() => "annotations without a reviewer".to_owned(),
            Some(r) => format!("{}'s annotations only", safe_text::inline(&r)),
        };
        self.info(format!("showing {shown}"));
    }
}
