//! Opening an article while its annotation file loads in the background: the
//! first screen shows the text at once (parsing and anchoring 10,000
//! annotations takes longer than drawing it), and keys typed meanwhile wait
//! and are replayed, in order, when the annotations arrive. The review queue
//! opens its articles this way too.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::session::Anchorings;
use super::{App, Keymap, Msg, Queue, Session};
use crate::config::Config;
use crate::store::Document;
use crate::store::locate::Paths;
use crate::store::recovery::Found;
use crate::text::Text;

/// The loaded document with where each annotation sits: the expensive part
/// of opening, done off the main thread.
/// With it, the recovery copy an earlier session left, if any (looked for
/// here too: opening reads no file on the app's thread).
type Loaded = Result<(Document, Anchorings, Option<Found>), String>;

pub(super) struct Loading {
    receiver: Receiver<Loaded>,
    /// Input that came before the annotations, replayed after them.
    pub waiting: Vec<Msg>,
    /// Whether a failure ends the app (the one article of the command line)
    /// or is only reported (an article opened from the queue).
    pub fatal: bool,
}

impl Loading {
    /// Starts reading and anchoring the annotation file of `paths` on a
    /// worker thread (and the article first, when `text` is not loaded yet).
    pub(super) fn start(paths: Paths, text: Option<Text>, fatal: bool) -> Loading {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let text = match text {
                Some(text) => Ok(text),
                None => crate::store::read_article(&paths).map_err(|e| e.to_string()),
            };
            let loaded: Loaded = text.and_then(|text| {
                let found = crate::store::recovery::find(&paths.annotations);
                let (doc, anchorings) = Document::with_text_and(paths, text, Anchorings::new)
                    .map_err(|e| e.to_string())?;
                Ok((doc, anchorings, found))
            });
            // The app may have quit meanwhile; nobody is left to tell.
            let _ = sender.send(loaded);
        });
        Loading {
            receiver,
            waiting: Vec::new(),
            fatal,
        }
    }

    /// The loaded session (or why it could not load), once it is ready.
    pub(super) fn try_finish(&self) -> Option<Result<(Session, Option<Found>), String>> {
        match self.receiver.try_recv() {
            Ok(loaded) => Some(
                loaded.map(|(doc, anchorings, found)| (Session::resolved(doc, anchorings), found)),
            ),
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
        app
    }
}
