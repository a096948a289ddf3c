//! Widgets that draw the review state with ratatui.
