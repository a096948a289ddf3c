//! margin: review and annotate articles from the terminal.
//!
//! The core (`text`, `model`, `anchor`, `store`, `export`) knows nothing of
//! terminals; `app` is the review state changed only through messages; `ui` draws
//! that state; `tui` is the thin terminal runtime; `cli` is the command line.

// Items are as visible as their use needs: `pub` only where tests, benchmarks
// or the binary reach them.
#![cfg_attr(not(test), warn(unreachable_pub))]
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

pub(crate) mod agree;
pub mod anchor;
pub mod app;
pub mod cli;
pub mod config;
pub mod export;
pub mod history;
pub(crate) mod import;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod nav;
pub(crate) mod page;
pub(crate) mod safe_text;
pub mod store;
pub(crate) mod suggest;
pub(crate) mod summary;
pub mod text;
pub(crate) mod title;
pub(crate) mod tui;
pub mod ui;
