//! margin: review and annotate articles from the terminal.
//!
//! The core (`text`, `model`, `anchor`, `store`, `export`) knows nothing of
//! terminals; `app` is the review state changed only through messages; `ui` draws
//! that state; `tui` is the thin terminal runtime; `cli` is the command line.

pub mod anchor;
pub mod model;
pub mod text;
