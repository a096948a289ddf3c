//! Where each annotation of a session sits in the article: every target's
//! anchoring remembered under its key, the list's entries and their order.

use std::collections::HashMap;

use super::Entry;
use crate::anchor::Anchoring;
use crate::model::{Annotation, Target};
use crate::nav::spans::SpanIndex;
use crate::store;
use crate::text::{ByteOffset, Text};

/// The key a target's anchoring is remembered under: a 64-bit hash of what
/// resolving reads, so the cache holds no copies of 10,000 quotes. The
/// article does not change during a session, so a target anchors the same
/// way every time: rebuilding the list after a change resolves only targets
/// not seen before.
pub(super) fn target_key(target: &Target) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (target.start, target.end).hash(&mut h);
    target.exact.hash(&mut h);
    target.prefix.hash(&mut h);
    target.suffix.hash(&mut h);
    h.finish()
}

/// Every annotation's anchoring in a document, in bytes: what a session needs
/// before it can list them. Built on the loading thread when the review
/// screen opens.
pub struct Anchorings {
    pub(super) by_target: HashMap<u64, Anchoring<ByteOffset>>,
    pub(super) entries: Vec<Entry>,
    pub(super) spans: SpanIndex,
}

impl Anchorings {
    /// Resolves `annotations` (a document's, in file order) in `text`.
    pub fn new(text: &Text, annotations: &[Annotation]) -> Anchorings {
        let found = store::resolve_all(text, annotations);
        let mut by_target = HashMap::with_capacity(found.len());
        let mut entries = Vec::with_capacity(found.len());
        for (index, (a, anchoring)) in annotations.iter().zip(&found).enumerate() {
            let anchoring = anchoring.in_bytes(text);
            by_target.insert(target_key(&a.target), anchoring);
            entries.push(Entry { index, anchoring });
        }
        let spans = order_entries(&mut entries);
        Anchorings {
            by_target,
            entries,
            spans,
        }
    }
}

/// Sorts entries for the list, anchored by position first, orphans after,
/// each in file order; returns the span index over the anchored ones.
pub(super) fn order_entries(entries: &mut [Entry]) -> SpanIndex {
    entries.sort_by_key(|e| {
        let range = e.anchoring.range;
        (range.is_none(), range.unwrap_or_default(), e.index)
    });
    let ranges: Vec<(ByteOffset, ByteOffset)> =
        entries.iter().map_while(|e| e.anchoring.range).collect();
    SpanIndex::new(&ranges)
}
