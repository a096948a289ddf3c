//! Where each annotation of a session sits in the article: resolutions
//! remembered by a fingerprint of their target, and the list's order.

use std::collections::HashMap;

use super::Entry;
use crate::anchor::Status;
use crate::model::{Annotation, Target};
use crate::nav::spans::SpanIndex;
use crate::store;
use crate::text::{ByteOffset, CharOffset, Text};

/// Where a target was found. The article does not change during a session, so
/// a target resolves the same way every time: rebuilding the list after a
/// change resolves only targets not seen before.
#[derive(Debug, Clone, Copy)]
pub(super) struct Anchored {
    pub(super) range: Option<(ByteOffset, ByteOffset)>,
    pub(super) status: Status,
}

/// The key a target's resolution is remembered under: a 64-bit hash of what
/// resolving reads, so the cache holds no copies of 10,000 quotes.
pub(super) fn fingerprint(target: &Target) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (target.start, target.end).hash(&mut h);
    target.exact.hash(&mut h);
    target.prefix.hash(&mut h);
    target.suffix.hash(&mut h);
    h.finish()
}

/// Where every annotation of a document sits, worked out from its
/// resolutions: what a session needs before it can list them. Built on the
/// loading thread when the review screen opens.
pub struct Anchoring {
    pub(super) anchored: HashMap<u64, Anchored>,
    pub(super) entries: Vec<Entry>,
    pub(super) spans: SpanIndex,
}

impl Anchoring {
    /// Resolves `annotations` (a document's, in file order) in `text`.
    pub fn new(text: &Text, annotations: &[Annotation]) -> Anchoring {
        let resolutions = store::resolve_all(text, annotations);
        let mut anchored = HashMap::with_capacity(resolutions.len());
        let mut entries = Vec::with_capacity(resolutions.len());
        for (index, (a, r)) in annotations.iter().zip(&resolutions).enumerate() {
            let found = Anchored {
                range: r.range.and_then(|(s, e)| byte_range(text, s, e)),
                status: r.status,
            };
            anchored.insert(fingerprint(&a.target), found);
            entries.push(Entry {
                index,
                range: found.range,
                status: found.status,
            });
        }
        let spans = order_entries(&mut entries);
        Anchoring {
            anchored,
            entries,
            spans,
        }
    }
}

/// Sorts entries for the list, anchored by position first, orphans after,
/// each in file order; returns the span index over the anchored ones.
pub(super) fn order_entries(entries: &mut [Entry]) -> SpanIndex {
    entries.sort_by_key(|e| (e.range.is_none(), e.range.unwrap_or_default(), e.index));
    let ranges: Vec<(ByteOffset, ByteOffset)> = entries.iter().map_while(|e| e.range).collect();
    SpanIndex::new(&ranges)
}

/// The byte range of characters `start..end` of `text`.
pub(super) fn byte_range(
    text: &Text,
    start: CharOffset,
    end: CharOffset,
) -> Option<(ByteOffset, ByteOffset)> {
    Some((text.byte_of(start)?, text.byte_of(end)?))
}
