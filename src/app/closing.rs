//! Leaving an article (to quit, for another article of the queue, back to
//! the queue) without waiting for the disk: the sync thread is asked to save
//! now, and each tick looks whether it is done; opening an article from the
//! queue happens on a worker thread.

use std::time::Duration;

use super::loading::Loading;
use super::{App, Queue, SaveState, Session};
use crate::keymap::Action;
use crate::summary::Summary;

/// How long `finish` waits for the disk when the program ends.
pub(super) const FLUSH_TIMEOUT: Duration = Duration::from_secs(5);

/// What closing the article is for, done once its changes are saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closing {
    Quit,
    /// Open the article this far along the queue.
    Step(isize),
    BackToQueue,
}

impl App {
    pub(super) fn request_quit(&mut self) {
        let saved = self.session.as_ref().is_none_or(Session::is_saved);
        if saved || self.quit_armed {
            self.quit = true;
            return;
        }
        self.close(Closing::Quit);
    }

    /// Closes the article once every change is on disk, then does what was
    /// asked; the sync thread is asked to save now, and the app keeps
    /// running while it does: nothing here waits for the disk.
    fn close(&mut self, closing: Closing) {
        if let Some(s) = &self.session {
            s.save_now();
        }
        self.closing = Some(closing);
        self.continue_closing();
        if self.closing.is_some() {
            self.info("saving…");
        }
    }

    /// Goes on with a close that waits for the disk: done when saved,
    /// abandoned (and said) when saving failed.
    pub(super) fn continue_closing(&mut self) {
        let Some(closing) = self.closing else { return };
        let failed = match self.session.as_ref().map(Session::save_state) {
            Some(SaveState::Failed(e)) => Some(e.clone()),
            _ => None,
        };
        let saved = self.session.as_ref().is_none_or(Session::is_saved);
        match (saved, failed) {
            (true, _) => {
                self.closing = None;
                self.message = None;
                match closing {
                    Closing::Quit => self.quit = true,
                    Closing::Step(delta) => {
                        self.close_now();
                        if let Some(q) = &mut self.queue {
                            q.selected = q.selected.saturating_add_signed(delta);
                        }
                        self.open_selected();
                    }
                    Closing::BackToQueue => self.close_now(),
                }
            }
            (false, Some(e)) => {
                self.closing = None;
                if closing == Closing::Quit {
                    self.quit_armed = true;
                    let q = self.keymap.key_of(Action::Quit);
                    // What to do first: a narrow status bar cuts the end.
                    let kept = match self.session.as_ref().and_then(Session::recovery) {
                        Some(Ok(path)) => format!(
                            "your work is kept in {} and offered when you open this article again",
                            crate::safe_text::path(path)
                        ),
                        _ => {
                            "the recovery copy failed too: unsaved changes would be lost".to_owned()
                        }
                    };
                    self.error(format!("not saved: press {q} again to quit; {kept} ({e})"));
                } else {
                    self.error(format!("could not save, the article stays open: {e}"));
                }
            }
            (false, None) => {}
        }
    }

    /// Closes the article, keeping the queue's figures current.
    fn close_now(&mut self) {
        if let (Some(q), Some(s)) = (&mut self.queue, &self.session) {
            let mut summary = Summary::default();
            for e in &s.entries {
                if let Some(a) = s.doc.file.annotations.get(e.index) {
                    summary.add(a, Some(e.anchoring.status));
                }
            }
            let annotated: Vec<_> = s.entries.iter().filter_map(|e| e.anchoring.range).collect();
            let all = crate::suggest::all(s.doc.text.as_str());
            let suggested = crate::suggest::unannotated(&all, &annotated);
            q.update_selected(&s.doc, summary, suggested);
        }
        self.session = None;
        self.editor = None;
        self.reply = None;
    }

    pub(super) fn step_article(&mut self, delta: isize) {
        let Some(q) = &self.queue else {
            self.info("one article only: open a folder for a review queue");
            return;
        };
        let next = q.selected.saturating_add_signed(delta);
        if next >= q.items.len() || (delta < 0 && q.selected == 0) {
            self.info(if delta > 0 {
                "this is the last article"
            } else {
                "this is the first article"
            });
            return;
        }
        self.close(Closing::Step(delta));
    }

    pub(super) fn back_to_queue(&mut self) {
        if self.queue.is_none() {
            self.info("one article only: open a folder for a review queue");
            return;
        }
        self.close(Closing::BackToQueue);
    }

    /// Opens the queue's selected article: read and anchored on a worker
    /// thread, keys typed meanwhile replayed once it is open.
    pub(super) fn open_selected(&mut self) {
        let Some(paths) = self.queue.as_ref().and_then(Queue::selected_paths) else {
            return;
        };
        self.loading = Some(Loading::start(paths, None, false));
    }
}
