//! margin: review and annotate articles from the terminal.
//!
//! The core (`text`, `model`, `anchor`, `store`, `export`) knows nothing of
//! terminals; `app` is the review state changed only through messages; `ui` draws
//! that state; `tui` is the thin terminal runtime; `cli` is the command line.

// Library code never panics on input: no unwrap, expect, indexing or byte-index
// string slicing outside tests. An exception carries an `#[allow]` with the reason.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic
    )
)]

pub mod agree;
pub mod anchor;
pub mod app;
pub mod cli;
pub mod config;
pub mod export;
pub mod history;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod nav;
pub mod page;
pub mod safe_text;
pub mod store;
pub mod suggest;
pub mod summary;
pub mod text;
pub mod title;
pub mod tui;
pub mod ui;
