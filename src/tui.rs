//! The terminal runtime: setup, restore on every exit, and the event loop.
