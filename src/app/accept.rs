//! The list's accept-edit key: an approximate annotation takes the edited text
//! now at its place (see [`super::session::Session::accept_edit`]).

use super::App;

impl App {
    pub(super) fn accept_edit(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some(entry) = s.selected else {
            self.info("no annotation selected");
            return;
        };
        if s.accept_edit(entry) {
            self.info("edit accepted: the quote is the article's text now (the old one is in the history)");
        } else {
            self.info("only an approximate annotation has an edit to accept");
        }
    }
}
