//! What happens on disk under an open article: the article changed by
//! another program (reloaded), and saves that fail (the work kept in a
//! recovery copy, said where, and offered again the next time).

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Message};
use crate::model::AnnotationFile;
use crate::store::recovery;
use crate::summary::counted;

/// A recovery copy found for the file just opened, waiting for the
/// reviewer's answer.
pub(super) struct Offer {
    path: PathBuf,
    copy: AnnotationFile,
}

impl App {
    /// Reloads the article if it changed on disk since it was read: checked
    /// before every message and every frame, so a text rewritten in place
    /// (even a memory-mapped one) is not read again once it changed.
    pub fn check_article(&mut self) {
        if let Some(message) = self.reload_changed_article() {
            self.message = Some(message);
        }
    }

    /// The status bar's word on a reload, when the article had changed.
    pub(super) fn reload_changed_article(&mut self) -> Option<Message> {
        if self.loading.is_some() {
            return None;
        }
        let s = self.session.as_mut()?;
        if !s.article_changed() {
            return None;
        }
        Some(match s.reload_article() {
            Ok(()) => Message {
                text: "the article changed on disk: reloaded, annotations anchored again".into(),
                error: false,
            },
            Err(e) => Message {
                text: format!("the article changed on disk and cannot be read again: {e}"),
                error: true,
            },
        })
    }

    /// Offers the recovery copy found for the file just opened, if any.
    pub(super) fn offer_recovery_copy(&mut self, found: Option<recovery::Found>) {
        let Some((path, copy)) = found else {
            return;
        };
        let shown = crate::safe_text::path(&path);
        match copy {
            Ok(copy) => {
                self.message = Some(Message {
                    // The keys first: a narrow status bar cuts the end, and
                    // the path is long.
                    text: format!(
                        "earlier unsaved work: y merges it in, x discards it ({} from a \
                         session that could not save; any other key decides later; it is in \
                         {shown})",
                        counted(copy.annotations.len(), "annotation")
                    ),
                    error: true,
                });
                self.offer = Some(Offer { path, copy });
            }
            Err(e) => self.error(format!("a recovery copy cannot be read: {e}")),
        }
    }

    /// The answer to a recovery offer: `y` takes the copy, `x` discards it,
    /// anything else leaves it for next time. Whether the key was the answer.
    pub(super) fn answer_offer(&mut self, key: &KeyEvent) -> bool {
        let Some(offer) = self.offer.take() else {
            return false;
        };
        match (key.code, &mut self.session) {
            (KeyCode::Char('y'), Some(s)) => {
                s.take_recovery_copy(&offer.copy);
                self.info(format!(
                    "merged {} from the recovery copy; saving",
                    counted(offer.copy.annotations.len(), "annotation")
                ));
            }
            (KeyCode::Char('x'), _) => {
                let _ = std::fs::remove_file(&offer.path);
                self.info("recovery copy discarded");
            }
            _ => {
                self.message = None;
                return false;
            }
        }
        true
    }

    /// Where the work of a session that could not save is kept, making sure
    /// the copy is current: for the message after exit, once the screen is
    /// gone (while it runs, the sync thread keeps the copy).
    pub(super) fn recovery_copy(&mut self) -> Option<PathBuf> {
        let s = self.session.as_ref()?;
        recovery::write(&s.doc.paths.annotations, &s.doc.file).ok()
    }
}
