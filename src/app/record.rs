//! The review record's keys: `t` moves the selected annotation's status on,
//! `R` opens a reply under it, and the reply is added to its thread.

use super::App;
use super::reply::ReplyDraft;
use crate::keymap::Action;

impl App {
    pub(super) fn cycle_status(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some(entry) = s.selected else {
            self.info("no annotation selected");
            return;
        };
        if let Some(status) = s.cycle_status(entry) {
            self.info(format!("status: {status}"));
        }
    }

    pub(super) fn start_reply(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(a) = s.selected.and_then(|i| s.annotation(i)) else {
            self.info("no annotation selected");
            return;
        };
        self.reply = Some(ReplyDraft::new(a));
    }

    pub(super) fn send_reply(&mut self) {
        let Some(draft) = self.reply.take() else {
            return;
        };
        let text = draft.text();
        if text.trim().is_empty() {
            let cancel = self.keymap.key_of(Action::CancelReply);
            self.info(format!(
                "the reply is empty: write it, or {cancel} to drop it"
            ));
            self.reply = Some(draft);
            return;
        }
        let Some(s) = &mut self.session else { return };
        let added = s
            .entry_of(&draft.annotation)
            .is_some_and(|entry| s.add_reply(entry, &text));
        if added {
            self.info("reply added");
        } else {
            self.error("the annotation is gone: the reply was not added");
        }
    }
}
