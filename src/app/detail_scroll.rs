//! How far the detail pane (the selected annotation's record) is scrolled:
//! moved by keys and the wheel, kept within the record by `settle`, and back
//! at the top whenever another annotation is selected.

use super::{App, geometry};

/// The detail pane's scroll offset, and whose record it is for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailScroll {
    /// Wrapped rows of the record scrolled past.
    pub top: usize,
    /// The id of the annotation `top` was reached in: a different one
    /// starts at the top.
    of: Option<String>,
}

impl App {
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        self.detail.top = self.detail.top.saturating_add_signed(delta);
    }

    /// Resets the offset for a new selection, else clamps it so the last
    /// screenful of the record is as far as it goes.
    pub(super) fn settle_detail(&mut self) {
        let selected = self
            .session
            .as_ref()
            .and_then(|s| s.annotation(s.selected?))
            .map(|a| a.id.clone());
        if selected != self.detail.of {
            self.detail = DetailScroll {
                top: 0,
                of: selected,
            };
            return;
        }
        let inner = geometry::inner(self.areas().detail);
        let rows = super::detail_text::rows(self, inner, self.detail.top);
        self.detail.top = self
            .detail
            .top
            .min(rows.saturating_sub(usize::from(inner.height)));
    }
}
