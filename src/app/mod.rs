//! The review application's state, changed only through [`Msg`]s: every key,
//! click, paste, resize and timer tick goes through [`App::update`], so a whole
//! review can be driven and checked without a terminal.

mod accept;
pub(crate) mod adjudication;
mod closing;
mod contrast;
pub(crate) mod detail_scroll;
pub(crate) mod detail_text;
mod disk;
mod dispatch;
pub(crate) mod editor;
pub mod geometry;
pub(crate) mod help;
mod loading;
mod pointer;
pub(crate) mod queue;
mod record;
pub(crate) mod record_lines;
pub(crate) mod reply;
pub mod script;
pub(crate) mod session;
pub(crate) mod settle;
pub(crate) mod style;
pub(crate) mod suggestions;
mod team;
mod view;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};

use crate::config::Config;
use crate::store::Document;
use crate::store::locate::Paths;

pub use crate::keymap::{Action, Context, Keymap};
pub use editor::Editor;
pub use geometry::Areas;
pub use queue::Queue;
pub use session::{SaveState, Session};

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time passed: collect save reports, retry failed saves, look for changes
    /// made on disk.
    Tick,
    /// The note came back from `$EDITOR` (or the editor could not run).
    NoteEdited(Result<String, String>),
}

/// Work the app asks the terminal runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Suspend the screen and edit this note in `$EDITOR`.
    EditNote(String),
}

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Article,
    List,
}

/// A message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub config: Config,
    pub keymap: Keymap,
    /// Present when several articles (a folder) are under review.
    pub queue: Option<Queue>,
    /// The article open for review; `None` shows the queue.
    pub session: Option<Session>,
    pub editor: Option<Editor>,
    /// The reply being written, if any.
    pub reply: Option<reply::ReplyDraft>,
    pub focus: Focus,
    /// The search being typed after `/`.
    pub prompt: Option<String>,
    /// The help overlay, with its scroll offset.
    pub help: Option<usize>,
    /// How far the detail pane is scrolled.
    pub detail: detail_scroll::DetailScroll,
    pub message: Option<Message>,
    pub size: (u16, u16),
    pub quit: bool,
    /// Quit was asked for while a save was failing: asking again quits anyway.
    quit_armed: bool,
    /// What to do once every change is saved (quit, another article).
    closing: Option<closing::Closing>,
    /// The annotation file still loading in the background; `session` shows
    /// the article meanwhile.
    loading: Option<loading::Loading>,
    /// Why the app had to stop (the annotation file could not be loaded).
    pub failure: Option<String>,
    /// The adjudication view, when open.
    pub adjudication: Option<adjudication::Adjudication>,
    /// What the editor, opened by `e` in the adjudication view, settles.
    settling: Option<team::Settling>,
    /// A recovery copy of the open file, offered to the reviewer.
    offer: Option<disk::Offer>,
}

impl App {
    /// The app over one article (`paths` of length 1) or a review queue.
    pub fn new(config: Config, keymap: Keymap, paths: Vec<Paths>) -> Result<App, String> {
        let mut app = App::new_empty(config, keymap);
        match paths.as_slice() {
            [] => return Err("no article to review".to_owned()),
            [one] => {
                let doc = Document::open(one.clone()).map_err(|e| e.to_string())?;
                app.open(doc);
            }
            _ => app.queue = Some(Queue::new(paths)),
        }
        Ok(app)
    }

    fn new_empty(config: Config, keymap: Keymap) -> App {
        App {
            config,
            keymap,
            queue: None,
            session: None,
            editor: None,
            reply: None,
            focus: Focus::Article,
            prompt: None,
            help: None,
            detail: detail_scroll::DetailScroll::default(),
            message: None,
            size: (80, 24),
            quit: false,
            quit_armed: false,
            closing: None,
            loading: None,
            failure: None,
            adjudication: None,
            settling: None,
            offer: None,
        }
    }

    /// The app over one article whose text is shown at once while its
    /// annotation file loads in the background (the review screen's way in).
    pub fn open_in_background(config: Config, keymap: Keymap, paths: Paths) -> Result<App, String> {
        let text = crate::store::read_article(&paths).map_err(|e| e.to_string())?;
        let mut app = App::new_empty(config, keymap);
        let shown = Document::unloaded(paths.clone(), text.clone()).map_err(|e| e.to_string())?;
        app.install(Session::new(shown));
        app.loading = Some(loading::Loading::start(paths, Some(text), true));
        Ok(app)
    }

    /// Whether the annotation file is still loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Installs the loaded session once it is ready and replays the input that
    /// waited for it; the first request that input makes, if any.
    fn poll_loading(&mut self) -> Option<Request> {
        let result = self.loading.as_ref()?.try_finish()?;
        let (waiting, fatal) = self
            .loading
            .take()
            .map(|l| (l.waiting, l.fatal))
            .unwrap_or_default();
        match result {
            Ok((session, found)) => {
                self.install(session);
                self.offer_recovery_copy(found);
            }
            Err(e) if fatal => {
                self.failure = Some(e);
                self.quit = true;
                return None;
            }
            // From the queue: back to it, with the reason; the keys typed
            // meanwhile were meant for the article.
            Err(e) => {
                self.session = None;
                self.error(e);
                return None;
            }
        }
        let mut request = None;
        for msg in waiting {
            let r = self.handle(msg);
            request = request.or(r);
        }
        request
    }

    fn open(&mut self, doc: Document) {
        let found = crate::store::recovery::find(&doc.paths.annotations);
        self.install(Session::new(doc));
        self.offer_recovery_copy(found);
    }

    fn install(&mut self, mut session: Session) {
        session.reviewer.clone_from(&self.config.reviewer);
        self.session = Some(session);
        self.focus = Focus::Article;
        self.editor = None;
        self.reply = None;
        self.settle();
    }

    pub fn areas(&self) -> Areas {
        geometry::areas(self.size.0, self.size.1)
    }

    /// Handles one message, then settles the view; returns work for the
    /// runtime, if any.
    pub fn update(&mut self, msg: Msg) -> Option<Request> {
        let reloaded = self.reload_changed_article();
        let request = self.handle(msg);
        if reloaded.is_some() {
            self.message = reloaded;
        }
        self.settle();
        request
    }

    fn handle(&mut self, msg: Msg) -> Option<Request> {
        if self.loading.is_some() {
            match msg {
                Msg::Resize(w, h) => self.resize(w, h),
                Msg::Tick => {}
                other => {
                    if let Some(l) = &mut self.loading {
                        l.waiting.push(other);
                    }
                }
            }
            return self.poll_loading();
        }
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => return self.key(key),
            Msg::Key(_) => {}
            Msg::Mouse(mouse) => self.mouse(mouse),
            Msg::Paste(text) => self.paste(&text),
            Msg::Resize(w, h) => self.resize(w, h),
            Msg::Tick => self.tick(),
            Msg::NoteEdited(result) => self.note_edited(result),
        }
        None
    }

    fn tick(&mut self) {
        if let Some(q) = &mut self.queue {
            q.poll();
        }
        if let Some(s) = &mut self.session {
            s.tick();
            if let Some(notice) = s.notice.take() {
                self.message = Some(Message {
                    text: notice,
                    error: false,
                });
            }
        }
        self.continue_closing();
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let text = self.areas().article_text();
        if let Some(s) = &mut self.session {
            // Keep the first line on screen where it was, rewrapped.
            let article = s.doc.text.clone();
            let top_byte = s.layout.bounds(article.as_str(), s.top).0;
            s.layout.set_width(usize::from(text.width));
            s.top = s.layout.row_at(article.as_str(), top_byte);
        }
    }

    /// The height of the article's text area.
    fn article_height(&self) -> usize {
        usize::from(self.areas().article_text().height)
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The mode keys are looked up in now.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            Context::Help
        } else if self.prompt.is_some() {
            Context::Search
        } else if let Some(editor) = &self.editor {
            editor.context()
        } else if self.reply.is_some() {
            Context::Reply
        } else if self.adjudication.is_some() && self.session.is_some() {
            Context::Adjudication
        } else if self.session.is_none() {
            Context::Queue
        } else if self.focus == Focus::List {
            Context::List
        } else {
            Context::Article
        }
    }

    /// Whether the app waits for work in the background (an article
    /// loading, a save before closing): the runtime then ticks it often.
    pub fn is_waiting(&self) -> bool {
        self.loading.is_some() || self.closing.is_some()
    }

    /// Closes the open article for good, waiting for its sync thread to
    /// end: nothing is left half-written when the process exits.
    pub fn close_session(&mut self) {
        if let Some(s) = self.session.take() {
            s.close();
        }
    }

    /// Saves what is pending before the process ends; the error, if saving failed.
    pub fn finish(&mut self) -> Result<(), String> {
        let flushed = match &mut self.session {
            Some(s) => s.flush(closing::FLUSH_TIMEOUT),
            None => Ok(()),
        };
        flushed.map_err(|e| match self.recovery_copy() {
            Some(path) => format!(
                "{e}; your work is kept in {} and is offered the next time the article is opened",
                crate::safe_text::path(&path)
            ),
            None => format!("{e}; the recovery copy could not be written either"),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_accept;
#[cfg(test)]
mod tests_detail;
#[cfg(test)]
mod tests_input;
#[cfg(test)]
mod tests_motion;
#[cfg(test)]
mod tests_review;
#[cfg(test)]
mod tests_suggest;
#[cfg(test)]
mod tests_team;
