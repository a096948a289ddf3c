//! From a key to a change of state: the key is looked up in the keymap for the
//! mode the app is in, and the action it names is carried out here, in one
//! exhaustive match. Keys no binding takes are typed where text is typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::editor::{self, Editor};
use super::{App, Context, Focus, Request};
use crate::anchor;
use crate::keymap::Action;

impl App {
    pub(super) fn key(&mut self, key: KeyEvent) -> Option<Request> {
        if self.answer_offer(&key) {
            return None;
        }
        let context = self.context();
        let action = self.keymap.action(context, &key);
        if action != Some(Action::Quit) {
            self.quit_armed = false;
        }
        if context.parent() == Some(Context::Global) {
            self.message = None;
        }
        match action {
            Some(action) => self.action(action),
            None => {
                self.unbound(context, key);
                None
            }
        }
    }

    /// A key no binding takes: typed, where text is typed; ignored elsewhere.
    fn unbound(&mut self, context: Context, key: KeyEvent) {
        match context {
            Context::Search => {
                if let (Some(prompt), KeyCode::Char(c)) = (&mut self.prompt, key.code)
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    prompt.push(c);
                }
            }
            Context::Editor | Context::Field | Context::SourceField => {
                if let Some(editor) = &mut self.editor {
                    editor.type_key(key);
                }
            }
            Context::Reply => {
                if let Some(reply) = &mut self.reply {
                    reply.type_key(key);
                }
            }
            Context::Global
            | Context::Article
            | Context::List
            | Context::Queue
            | Context::Choice
            | Context::VerdictField
            | Context::Confirm
            | Context::Help
            | Context::Adjudication => {}
        }
    }

    /// Carries out `action`: the one place a key changes the app.
    pub(super) fn action(&mut self, action: Action) -> Option<Request> {
        let height = self.article_height();
        match action {
            Action::Help => self.help = Some(0),
            Action::Quit => self.request_quit(),
            Action::SwitchFocus => {
                if self.session.is_some() {
                    self.focus = match self.focus {
                        Focus::Article => Focus::List,
                        Focus::List => Focus::Article,
                    };
                }
            }
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::BackToQueue => self.back_to_queue(),
            Action::Move(motion) => {
                if let Some(s) = &mut self.session {
                    s.motion(motion, height);
                }
            }
            Action::ToggleSelection => {
                if let Some(s) = &mut self.session {
                    s.toggle_selection(height);
                }
            }
            Action::ClearSelection => {
                if let Some(s) = &mut self.session {
                    s.clear_selection();
                    s.moved(false, height);
                }
            }
            Action::SelectSentence => {
                if let Some(s) = &mut self.session
                    && !s.select_sentence(height)
                {
                    self.info("no sentence under the cursor");
                }
            }
            Action::Annotate => self.annotate(),
            Action::NextAnnotation | Action::PrevAnnotation => {
                let forward = action == Action::NextAnnotation;
                if let Some(s) = &mut self.session
                    && !s.step_annotation(forward, height)
                {
                    self.info(if forward {
                        "no annotation after the cursor"
                    } else {
                        "no annotation before the cursor"
                    });
                }
            }
            Action::ToggleSuggestions => {
                if let Some(s) = &mut self.session {
                    let shown = s.toggle_suggestions();
                    self.info(if shown {
                        "suggestions shown"
                    } else {
                        "suggestions hidden"
                    });
                }
            }
            Action::NextSuggestion | Action::PrevSuggestion => {
                let forward = action == Action::NextSuggestion;
                if let Some(s) = &mut self.session
                    && !s.step_suggestion(forward, height)
                {
                    self.info(if forward {
                        "no suggested claim left after the cursor"
                    } else {
                        "no suggested claim left before the cursor"
                    });
                }
            }
            Action::Search => self.prompt = Some(String::new()),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::RunSearch => self.run_search(),
            Action::CancelSearch => self.prompt = None,
            Action::DeleteSearchChar => {
                if self.prompt.as_mut().and_then(String::pop).is_none() {
                    self.prompt = None;
                }
            }
            Action::ClearSearch => {
                if let Some(p) = &mut self.prompt {
                    p.clear();
                }
            }
            Action::ListDown | Action::ListUp => {
                if let Some(s) = &mut self.session {
                    s.list_move(if action == Action::ListDown { 1 } else { -1 });
                }
            }
            Action::JumpToSpan => {
                if let Some(s) = &mut self.session
                    && !s.jump_to_span(height)
                {
                    self.info("this annotation is orphaned: its quote is no longer in the article");
                }
            }
            Action::Edit => self.edit_selected(),
            Action::Delete => self.delete_selected(),
            Action::Verdict(n) => self.set_verdict(Some(n)),
            Action::ClearVerdict => self.set_verdict(None),
            Action::CycleStatus => self.cycle_status(),
            Action::AcceptEdit => self.accept_edit(),
            Action::Reply => self.start_reply(),
            Action::SendReply => self.send_reply(),
            Action::CancelReply => self.reply = None,
            Action::QueueDown | Action::QueueUp => {
                if let Some(q) = &mut self.queue {
                    q.move_by(if action == Action::QueueDown { 1 } else { -1 });
                }
            }
            Action::QueueOpen => self.open_selected(),
            Action::NextField | Action::PrevField => {
                if let Some(e) = &mut self.editor {
                    e.move_focus(action == Action::NextField);
                }
            }
            Action::SaveAnnotation => {
                let outcome = self.editor.as_mut().map(Editor::save);
                self.editor_outcome(outcome);
            }
            Action::Cancel => {
                let outcome = self.editor.as_mut().map(Editor::cancel);
                self.editor_outcome(outcome);
            }
            Action::ExternalEditor => {
                if let Some(reply) = &self.reply {
                    return Some(Request::EditNote(reply.text()));
                }
                return self
                    .editor
                    .as_ref()
                    .map(|e| Request::EditNote(e.note.value()));
            }
            Action::RemoveSource => {
                if let Some(e) = &mut self.editor
                    && !e.remove_source()
                {
                    self.info("the blank source at the end stays");
                }
            }
            Action::NextOption | Action::PrevOption => {
                if let Some(e) = &mut self.editor {
                    e.cycle_option(action == Action::NextOption, &self.config.verdicts);
                }
            }
            Action::PickVerdict(n) => {
                if let Some(e) = &mut self.editor
                    && !e.pick_verdict(Some(n), &self.config.verdicts)
                {
                    self.info(format!("the verdict scale has no verdict {n}"));
                }
            }
            Action::ClearPickedVerdict => {
                if let Some(e) = &mut self.editor {
                    e.pick_verdict(None, &self.config.verdicts);
                }
            }
            // Discarding is cancelling, confirmed: it ends a final verdict
            // being written too.
            Action::Discard => self.editor_outcome(Some(editor::Outcome::Cancelled)),
            Action::KeepEditing => {
                if let Some(e) = &mut self.editor {
                    e.confirm_discard = false;
                }
            }
            Action::HelpDown => self.scroll_help(1),
            Action::HelpUp => self.scroll_help(-1),
            Action::HelpPageDown => self.scroll_help(10),
            Action::HelpPageUp => self.scroll_help(-10),
            Action::CloseHelp => self.help = None,
            Action::DetailDown => self.scroll_detail(1),
            Action::DetailUp => self.scroll_detail(-1),
            Action::Adjudicate => self.open_adjudication(),
            Action::ReviewerFilter => self.cycle_reviewer_filter(),
            Action::NextDispute | Action::PrevDispute => {
                if let Some(view) = &mut self.adjudication {
                    if action == Action::NextDispute {
                        view.next();
                    } else {
                        view.previous();
                    }
                }
            }
            Action::JumpToDispute => self.jump_to_dispute(),
            Action::Settle(n) => self.settle_dispute(n),
            Action::WriteFinal => self.write_final(),
            Action::CloseAdjudication => self.adjudication = None,
        }
        None
    }

    fn scroll_help(&mut self, delta: isize) {
        if let Some(scroll) = &mut self.help {
            *scroll = scroll.saturating_add_signed(delta);
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let height = self.article_height();
        let Some(s) = &mut self.session else { return };
        let done = if undo { s.undo() } else { s.redo() };
        if done {
            s.follow_selected(height);
            self.refresh_adjudication();
        } else {
            self.info(if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            });
        }
    }

    fn step_match(&mut self, forward: bool) {
        let height = self.article_height();
        let Some(s) = &mut self.session else { return };
        if s.step_match(forward, height) {
            return;
        }
        let message = match &s.search {
            Some(needle) => format!("not found: {}", crate::safe_text::inline(needle)),
            None => format!(
                "no search yet: {} to search",
                self.keymap.key_of(Action::Search)
            ),
        };
        self.info(message);
    }

    fn run_search(&mut self) {
        let needle = self.prompt.take().unwrap_or_default();
        if needle.is_empty() {
            return;
        }
        if let Some(s) = &mut self.session {
            s.search = Some(needle);
        }
        self.step_match(true);
    }

    /// "Select a passage with v or s", with the keys as bound.
    fn nothing_to_annotate(&mut self) {
        let message = format!(
            "nothing to annotate here: select a passage with {} or {}",
            self.keymap.key_of(Action::ToggleSelection),
            self.keymap.key_of(Action::SelectSentence)
        );
        self.info(message);
    }

    fn annotate(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some((start, end)) = s.annotation_range() else {
            self.nothing_to_annotate();
            return;
        };
        let text = &s.doc.text;
        let target = text
            .char_of(start)
            .zip(text.char_of(end))
            .and_then(|(cs, ce)| anchor::target_for(text, cs, ce));
        match target {
            Some(target) => {
                let mut editor = Editor::new(target, None, &self.config.reviewer);
                if let Some(note) = s.suggested_note(start, end) {
                    editor.note.set(&note);
                }
                self.editor = Some(editor);
            }
            None => self.nothing_to_annotate(),
        }
    }

    fn edit_selected(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(a) = s.selected.and_then(|i| s.annotation(i)) else {
            self.info("no annotation selected");
            return;
        };
        self.editor = Some(Editor::new(
            a.target.clone(),
            Some(a),
            &self.config.reviewer,
        ));
    }

    fn delete_selected(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some(a) = s.selected.and_then(|i| s.annotation(i)).cloned() else {
            self.info("no annotation selected");
            return;
        };
        s.delete(&a);
        let u = self.keymap.key_of(Action::Undo);
        self.info(format!(
            "deleted; the file's `deleted` list records it ({u} undoes)"
        ));
    }

    fn set_verdict(&mut self, n: Option<u8>) {
        let Some(s) = &mut self.session else { return };
        let Some(entry) = s.selected else {
            self.info("no annotation selected");
            return;
        };
        let verdict = match n {
            Some(n) => match self.config.verdicts.nth(usize::from(n)) {
                Some(v) => Some(v.key.clone()),
                None => {
                    self.info(format!("the verdict scale has no verdict {n}"));
                    return;
                }
            },
            None => None,
        };
        s.set_verdict(entry, verdict);
    }

    fn editor_outcome(&mut self, outcome: Option<editor::Outcome>) {
        match outcome {
            None | Some(editor::Outcome::Continue) => {}
            Some(editor::Outcome::Cancelled) => {
                self.editor = None;
                self.settling = None;
                // An error about the editor's fields ends with the editor.
                self.message = None;
            }
            Some(editor::Outcome::Invalid(message)) => self.error(message),
            Some(editor::Outcome::Saved { before, after }) => {
                self.editor = None;
                self.message = None;
                let (before, after, message) = match self.settling.take() {
                    Some(settling) => {
                        let (before, after, message) = self.settled_by_hand(settling, *after);
                        (before, after, Some(message))
                    }
                    None => (before.map(|b| *b), *after, None),
                };
                let height = self.article_height();
                if let Some(s) = &mut self.session {
                    s.apply(before, Some(after));
                    s.clear_selection();
                    s.follow_selected(height);
                }
                self.refresh_adjudication();
                if let Some(message) = message {
                    self.info(message);
                }
            }
        }
    }

    pub(super) fn note_edited(&mut self, result: Result<String, String>) {
        if let (Ok(text), Some(reply)) = (&result, &mut self.reply) {
            reply.set(text);
            return;
        }
        match (result, &mut self.editor) {
            (Ok(note), Some(editor)) => {
                let (note, cut) = editor::head(&note, editor::NOTE_LIMIT);
                let note = editor::line_endings_to_lf(note);
                editor.note.set(note.trim_end_matches('\n'));
                if cut {
                    self.error(format!(
                        "the note was cut to its first {} characters",
                        editor::NOTE_LIMIT
                    ));
                }
            }
            (Err(e), _) => self.error(format!("$EDITOR: {e}")),
            (Ok(_), None) => {}
        }
    }
}
