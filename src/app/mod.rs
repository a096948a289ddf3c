//! The review session's state, changed only through messages (`update`), testable
//! without a terminal.
