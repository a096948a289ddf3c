//! Opening an article while its annotation file loads in the background: the
//! first screen shows the text at once (parsing and anchoring 10,000
//! annotations takes longer than drawing it), and keys typed meanwhile wait
//! and are replayed, in order, when the annotations arrive. The review queue
//! opens its articles this way too.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::session::Anchoring;
use super::{App, Keymap, Msg, Queue, Session};
use crate::config::Config;
use crate::store::Document;
use crate::store::locate::Paths;
use crate::text::Text;

/// The loaded document with where each annotation sits: the expensive part
/// of opening, done off the main thread.
type Loaded = Result<(Document, Anchoring), String>;

pub(super) struct Loading {
    receiver: Receiver<Loaded>,
    /// Input that came before the annotations, replayed after them.
    pub waiting: Vec<Msg>,
}

impl Loading {
    /// Starts reading and anchoring the annotation file of `paths` on a
    /// worker thread.
    pub fn start(paths: Paths, text: Text) -> Loading {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let loaded: Loaded =
                Document::with_text_and(paths, text, Anchoring::new).map_err(|e| e.to_string());
            // The app may have quit meanwhile; nobody is left to tell.
            let _ = sender.send(loaded);
        });
        Loading {
            receiver,
            waiting: Vec::new(),
        }
    }

    /// The loaded session (or why it could not load), once it is ready.
    pub fn try_finish(&self) -> Option<Result<Session, String>> {
        match self.receiver.try_recv() {
            Ok(loaded) => Some(loaded.map(|(doc, anchoring)| Session::resolved(doc, anchoring))),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("the annotation file could not be loaded".to_owned()))
            }
        }
    }
}

impl App {
    /// The review queue over `paths`, shown at once: each article's figures
    /// are filled in by a worker thread, and an article opened from it loads
    /// in the background too, so keys never wait for the disk.
    pub fn queue_in_background(config: Config, keymap: Keymap, paths: Vec<Paths>) -> App {
        let mut app = App::new_empty(config, keymap);
        app.queue = Some(Queue::filling(paths));
        app.background = true;
        app
    }

    /// Shows the article of `paths` at once and loads its annotation file in
    /// the background.
    pub(super) fn open_paths_in_background(&mut self, paths: Paths) -> Result<(), String> {
        let text = crate::store::read_article(&paths).map_err(|e| e.to_string())?;
        let shown = Document::unloaded(paths.clone(), text.clone()).map_err(|e| e.to_string())?;
        self.install(Session::new(shown));
        self.loading = Some(Loading::start(paths, text));
        Ok(())
    }
}
