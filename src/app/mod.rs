//! The review application's state, changed only through [`Msg`]s: every key,
//! click, paste, resize and timer tick goes through [`App::update`], so a whole
//! review can be driven and checked without a terminal.

pub mod adjudication;
pub mod editor;
pub mod geometry;
pub mod keymap;
mod loading;
pub mod queue;
pub mod script;
pub mod session;
mod view;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::anchor;
use crate::config::Config;
use crate::store::Document;
use crate::store::locate::Paths;

pub use editor::Editor;
pub use geometry::Areas;
pub use keymap::{Action, Context, Keymap};
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

/// How long `flush` waits for the disk when an article is closed.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(5);

pub struct App {
    pub config: Config,
    pub keymap: Keymap,
    /// Present when several articles (a folder) are under review.
    pub queue: Option<Queue>,
    /// The article open for review; `None` shows the queue.
    pub session: Option<Session>,
    pub editor: Option<Editor>,
    pub focus: Focus,
    /// The search being typed after `/`.
    pub prompt: Option<String>,
    /// The help overlay, with its scroll offset.
    pub help: Option<usize>,
    pub message: Option<Message>,
    pub size: (u16, u16),
    pub quit: bool,
    /// `q` was pressed while a save was failing: the next `q` quits anyway.
    quit_armed: bool,
    /// The annotation file still loading in the background; `session` shows
    /// the article meanwhile.
    loading: Option<loading::Loading>,
    /// Why the app had to stop (the annotation file could not be loaded).
    pub failure: Option<String>,
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
            focus: Focus::Article,
            prompt: None,
            help: None,
            message: None,
            size: (80, 24),
            quit: false,
            quit_armed: false,
            loading: None,
            failure: None,
        }
    }

    /// The app over one article whose text is shown at once while its
    /// annotation file loads in the background (the review screen's way in).
    pub fn open_in_background(config: Config, keymap: Keymap, paths: Paths) -> Result<App, String> {
        let text = crate::text::Text::load(&paths.article).map_err(|e| e.to_string())?;
        let mut app = App::new_empty(config, keymap);
        app.install(Session::new(Document::unloaded(
            paths.clone(),
            text.clone(),
        )));
        app.loading = Some(loading::Loading::start(paths, text));
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
        let waiting = self.loading.take().map(|l| l.waiting).unwrap_or_default();
        match result {
            Ok(session) => self.install(session),
            Err(e) => {
                self.failure = Some(e);
                self.quit = true;
                return None;
            }
        }
        let mut request = None;
        for msg in waiting {
            let r = self.update(msg);
            request = request.or(r);
        }
        request
    }

    fn open(&mut self, doc: Document) {
        self.install(Session::new(doc));
    }

    fn install(&mut self, mut session: Session) {
        let areas = self.areas();
        let text = areas.article_text();
        session.layout.set_width(usize::from(text.width));
        self.session = Some(session);
        self.focus = Focus::Article;
        self.editor = None;
    }

    pub fn areas(&self) -> Areas {
        geometry::areas(self.size.0, self.size.1)
    }

    /// Handles one message; returns work for the runtime, if any.
    pub fn update(&mut self, msg: Msg) -> Option<Request> {
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
        if let Some(s) = &mut self.session {
            s.tick(Instant::now());
            if let Some(notice) = s.notice.take() {
                self.message = Some(Message {
                    text: notice,
                    error: false,
                });
            }
        }
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
            s.ensure_cursor_visible(usize::from(text.height));
        }
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

    /// The keymap context keys are looked up in now.
    pub fn context(&self) -> Context {
        if self.editor.is_some() {
            Context::Editor
        } else if self.session.is_none() {
            Context::Queue
        } else if self.focus == Focus::List {
            Context::List
        } else {
            Context::Article
        }
    }

    fn key(&mut self, key: KeyEvent) -> Option<Request> {
        if key.code != KeyCode::Char('q') {
            self.quit_armed = false;
        }
        if let Some(scroll) = self.help {
            match key.code {
                KeyCode::Char('j') | KeyCode::Down => self.help = Some(scroll + 1),
                KeyCode::Char('k') | KeyCode::Up => self.help = Some(scroll.saturating_sub(1)),
                KeyCode::PageDown | KeyCode::Char(' ') => self.help = Some(scroll + 10),
                KeyCode::PageUp => self.help = Some(scroll.saturating_sub(10)),
                _ => self.help = None,
            }
            return None;
        }
        if self.prompt.is_some() {
            self.prompt_key(key);
            return None;
        }
        if self.editor.is_some() {
            return self.editor_key(key);
        }
        self.message = None;
        let context = self.context();
        let action = self.keymap.action(context, &key)?;
        self.action(action);
        None
    }

    fn action(&mut self, action: Action) {
        let height = usize::from(self.areas().article_text().height);
        match action {
            Action::Help => self.help = Some(0),
            Action::Quit => self.request_quit(),
            Action::SwitchFocus if self.session.is_some() => {
                self.focus = match self.focus {
                    Focus::Article => Focus::List,
                    Focus::List => Focus::Article,
                };
            }
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::BackToQueue => self.back_to_queue(),
            Action::QueueDown | Action::QueueUp | Action::QueueOpen => self.queue_action(action),
            Action::Undo | Action::Redo => self.undo_redo(action == Action::Undo),
            Action::Search => self.prompt = Some(String::new()),
            Action::Annotate => self.annotate(),
            Action::Edit => self.edit_selected(),
            Action::Delete => self.delete_selected(),
            Action::Verdict(n) => self.set_verdict(Some(n)),
            Action::ClearVerdict => self.set_verdict(None),
            _ => {
                let Some(s) = &mut self.session else { return };
                if let Err(problem) = s.navigate(action, height) {
                    self.info(problem);
                }
            }
        }
    }

    fn request_quit(&mut self) {
        if let Some(s) = &mut self.session
            && let Err(e) = s.flush(FLUSH_TIMEOUT)
            && !self.quit_armed
        {
            self.quit_armed = true;
            let q = self
                .keymap
                .key_of(Action::Quit)
                .map(|k| k.to_string())
                .unwrap_or_default();
            self.error(format!(
                "could not save: {e}. Press {q} again to quit anyway (unsaved changes are lost)"
            ));
            return;
        }
        self.quit = true;
    }

    /// Saves and closes the current article, keeping the queue's figures current.
    fn close_session(&mut self) -> bool {
        let Some(s) = &mut self.session else {
            return true;
        };
        if let Err(e) = s.flush(FLUSH_TIMEOUT) {
            self.error(format!("could not save, the article stays open: {e}"));
            return false;
        }
        if let (Some(q), Some(s)) = (&mut self.queue, &self.session) {
            q.update_selected(&s.doc);
        }
        self.session = None;
        self.editor = None;
        true
    }

    fn step_article(&mut self, delta: isize) {
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
        if !self.close_session() {
            return;
        }
        if let Some(q) = &mut self.queue {
            q.selected = next;
        }
        self.queue_action(Action::QueueOpen);
    }

    fn back_to_queue(&mut self) {
        if self.queue.is_none() {
            self.info("one article only: open a folder for a review queue");
            return;
        }
        self.close_session();
    }

    fn queue_action(&mut self, action: Action) {
        let Some(q) = &mut self.queue else { return };
        match action {
            Action::QueueDown => q.move_by(1),
            Action::QueueUp => q.move_by(-1),
            _ => match q.open_selected() {
                Ok(doc) => self.open(doc),
                Err(e) => self.error(e.to_string()),
            },
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let height = usize::from(self.areas().article_text().height);
        let Some(s) = &mut self.session else { return };
        let done = if undo { s.undo() } else { s.redo() };
        if done {
            s.follow_selected(height);
        } else {
            self.info(if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            });
        }
    }

    fn annotate(&mut self) {
        let Some(s) = &mut self.session else { return };
        let Some((start, end)) = s.annotation_range() else {
            self.info("nothing to annotate here: select a passage with v or s");
            return;
        };
        let text = &s.doc.text;
        let target = text
            .char_of(start)
            .zip(text.char_of(end))
            .and_then(|(cs, ce)| anchor::target_for(text, cs, ce));
        match target {
            Some(target) => {
                self.editor = Some(Editor::new(target, None, &self.config.reviewer));
            }
            None => self.info("nothing to annotate here: select a passage with v or s"),
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
        s.apply(Some(a), None);
        let u = self
            .keymap
            .key_of(Action::Undo)
            .map(|k| k.to_string())
            .unwrap_or_default();
        self.info(format!("deleted ({u} undoes)"));
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

    fn editor_key(&mut self, key: KeyEvent) -> Option<Request> {
        let action = self.keymap.action(Context::Editor, &key);
        let editor = self.editor.as_mut()?;
        if editor.confirm_discard {
            let outcome = editor.key(key, &self.config.verdicts);
            self.editor_outcome(outcome);
            return None;
        }
        let outcome = match action {
            Some(Action::NextField) => {
                editor.move_focus(true);
                editor::Outcome::Continue
            }
            Some(Action::PrevField) => {
                editor.move_focus(false);
                editor::Outcome::Continue
            }
            Some(Action::SaveAnnotation) => editor.save(),
            Some(Action::Cancel) => editor.cancel(),
            Some(Action::ExternalEditor) => return Some(Request::EditNote(editor.note.value())),
            _ => editor.key(key, &self.config.verdicts),
        };
        self.editor_outcome(outcome);
        None
    }

    fn editor_outcome(&mut self, outcome: editor::Outcome) {
        match outcome {
            editor::Outcome::Continue => {}
            editor::Outcome::Cancelled => self.editor = None,
            editor::Outcome::Saved { before, after } => {
                self.editor = None;
                let height = usize::from(self.areas().article_text().height);
                if let Some(s) = &mut self.session {
                    s.apply(before.map(|b| *b), Some(*after));
                    s.clear_selection();
                    s.follow_selected(height);
                }
            }
        }
    }

    fn note_edited(&mut self, result: Result<String, String>) {
        match (result, &mut self.editor) {
            (Ok(note), Some(editor)) => {
                let note = editor::line_endings_to_lf(&note);
                editor.note.set(note.trim_end_matches('\n'));
            }
            (Err(e), _) => self.error(format!("$EDITOR: {e}")),
            (Ok(_), None) => {}
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some(editor) = &mut self.editor {
            editor.paste(text);
        } else if let Some(prompt) = &mut self.prompt {
            prompt.push_str(&text.replace(['\n', '\r'], " "));
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        match key.code {
            KeyCode::Esc => self.prompt = None,
            KeyCode::Enter => {
                let needle = std::mem::take(prompt);
                self.prompt = None;
                if needle.is_empty() {
                    return;
                }
                let height = usize::from(self.areas().article_text().height);
                if let Some(s) = &mut self.session {
                    s.search = Some(needle);
                    if let Err(problem) = s.navigate(Action::NextMatch, height) {
                        self.info(problem);
                    }
                }
            }
            KeyCode::Backspace if prompt.pop().is_none() => self.prompt = None,
            KeyCode::Backspace => {}
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => prompt.clear(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => prompt.push(c),
            _ => {}
        }
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        if self.editor.is_some() || self.help.is_some() || self.prompt.is_some() {
            return;
        }
        let areas = self.areas();
        let Some(s) = &mut self.session else {
            if let (Some(q), MouseEventKind::Down(MouseButton::Left)) =
                (&mut self.queue, mouse.kind)
            {
                let row = usize::from(mouse.row.saturating_sub(2)) + q.top;
                if row < q.items.len() {
                    q.selected = row;
                }
            }
            return;
        };
        let text_area = areas.article_text();
        let list_area = areas.list_rows();
        let inside = |r: ratatui::layout::Rect| {
            mouse.column >= r.x
                && mouse.column < r.x + r.width
                && mouse.row >= r.y
                && mouse.row < r.y + r.height
        };
        let height = usize::from(text_area.height);
        match mouse.kind {
            MouseEventKind::ScrollDown if inside(text_area) => s.scroll(3, height),
            MouseEventKind::ScrollUp if inside(text_area) => s.scroll(-3, height),
            MouseEventKind::ScrollDown if inside(list_area) => s.list_move(3),
            MouseEventKind::ScrollUp if inside(list_area) => s.list_move(-3),
            MouseEventKind::Down(MouseButton::Left) if inside(text_area) => {
                self.focus = Focus::Article;
                let at = s.offset_at(
                    usize::from(mouse.row - text_area.y),
                    usize::from(mouse.column - text_area.x),
                    height,
                );
                s.cursor = at;
                s.clear_selection();
                s.select_entry_at_cursor();
            }
            MouseEventKind::Drag(MouseButton::Left) if inside(text_area) => {
                let at = s.offset_at(
                    usize::from(mouse.row - text_area.y),
                    usize::from(mouse.column - text_area.x),
                    height,
                );
                if s.selection.is_none() || s.selection_end.is_some() {
                    s.start_selection(s.cursor);
                }
                s.cursor = at;
            }
            MouseEventKind::Down(MouseButton::Left) if inside(list_area) => {
                self.focus = Focus::List;
                let row = usize::from(mouse.row - list_area.y) + s.list_top;
                if row < s.entries.len() {
                    s.selected = Some(row);
                }
            }
            _ => {}
        }
    }

    /// Whether a change waits to be handed to the saver.
    pub fn has_pending_save(&self) -> bool {
        self.session.as_ref().is_some_and(Session::has_pending_save)
    }

    /// Saves what is pending before the process ends; the error, if saving failed.
    pub fn finish(&mut self) -> Result<(), String> {
        match &mut self.session {
            Some(s) => s.flush(FLUSH_TIMEOUT),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_review;
