//! The character index: byte offsets of every `CHECKPOINT_EVERY`-th
//! character, so that converting a character offset (what annotation files
//! count) to a byte offset (what slicing needs) never walks the whole text.

use super::{ByteOffset, CharOffset, Text};

/// How many characters lie between two byte checkpoints of a [`Text`].
pub(super) const CHECKPOINT_EVERY: usize = 1024;

impl Text {
    /// Byte offset of character `char_offset`; [`Text::char_end`] maps to the
    /// text's byte length.
    pub fn byte_of(&self, char_offset: CharOffset) -> Option<ByteOffset> {
        let char_offset = char_offset.get();
        if char_offset > self.char_len {
            return None;
        }
        if char_offset == self.char_len {
            return Some(ByteOffset::new(self.as_str().len()));
        }
        let checkpoint = char_offset / CHECKPOINT_EVERY;
        let base = *self.checkpoints.get(checkpoint)?;
        let rest = char_offset - checkpoint * CHECKPOINT_EVERY;
        if self.block_is_ascii(checkpoint) {
            return Some(ByteOffset::new(base + rest));
        }
        self.as_str()
            .get(base..)?
            .char_indices()
            .nth(rest)
            .map(|(b, _)| ByteOffset::new(base + b))
    }

    /// Character offset of byte `byte_offset`, which must lie on a character boundary.
    pub fn char_of(&self, byte_offset: ByteOffset) -> Option<CharOffset> {
        let byte_offset = byte_offset.get();
        if !self.as_str().is_char_boundary(byte_offset) {
            return None;
        }
        let checkpoint = self
            .checkpoints
            .partition_point(|&b| b <= byte_offset)
            .saturating_sub(1);
        let base = self.checkpoints.get(checkpoint).copied().unwrap_or(0);
        let before = checkpoint * CHECKPOINT_EVERY;
        if self.block_is_ascii(checkpoint) {
            return Some(CharOffset::new(before + (byte_offset - base)));
        }
        let between = self.as_str().get(base..byte_offset)?;
        Some(CharOffset::new(before + between.chars().count()))
    }

    /// Whether the characters from checkpoint `i` to the next (or to the end) are
    /// all one byte long, so offsets inside the block convert by arithmetic.
    fn block_is_ascii(&self, i: usize) -> bool {
        let Some(&base) = self.checkpoints.get(i) else {
            return false;
        };
        let (next_byte, next_char) = match self.checkpoints.get(i + 1) {
            Some(&next) => (next, (i + 1) * CHECKPOINT_EVERY),
            None => (self.as_str().len(), self.char_len),
        };
        next_byte - base == next_char.saturating_sub(i * CHECKPOINT_EVERY)
    }

    /// The characters `start..end` (end exclusive), if that range lies in the text.
    pub fn slice(&self, start: CharOffset, end: CharOffset) -> Option<&str> {
        if start > end {
            return None;
        }
        let a = self.byte_of(start)?;
        let b = self.byte_of(end)?;
        self.bytes(a, b)
    }

    /// The bytes `start..end` (end exclusive), if they lie in the text on
    /// character boundaries.
    pub fn bytes(&self, start: ByteOffset, end: ByteOffset) -> Option<&str> {
        self.as_str().get(start.get()..end.get())
    }

    /// Up to `n` characters ending at character `end`.
    pub fn before(&self, end: CharOffset, n: usize) -> &str {
        self.slice(end.saturating_sub(n), end).unwrap_or_default()
    }

    /// Up to `n` characters starting at character `start`.
    pub fn after(&self, start: CharOffset, n: usize) -> &str {
        let start = start.min(self.char_end());
        self.slice(start, start.saturating_add(n).min(self.char_end()))
            .unwrap_or_default()
    }
}

/// Byte offsets of every `CHECKPOINT_EVERY`-th character, and the character count.
pub(super) fn index_chars(text: &str) -> (Vec<usize>, usize) {
    let mut index = CharIndex::default();
    index.feed(text, 0);
    (index.checkpoints, index.chars)
}

/// Builds the checkpoints of a [`Text`] from its text, fed in pieces that each end
/// on a character boundary.
#[derive(Default)]
pub(super) struct CharIndex {
    pub(super) checkpoints: Vec<usize>,
    pub(super) chars: usize,
}

impl CharIndex {
    /// Indexes `piece`, which starts at byte `base` of the whole text. ASCII runs
    /// (most prose) are counted a block at a time rather than per character.
    pub(super) fn feed(&mut self, piece: &str, base: usize) {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if self.chars.is_multiple_of(CHECKPOINT_EVERY)
                && self.checkpoints.len() == self.chars / CHECKPOINT_EVERY
            {
                self.checkpoints.push(base + at);
            }
            let wanted = CHECKPOINT_EVERY - self.chars % CHECKPOINT_EVERY;
            if let Some(block) = bytes.get(at..at + wanted)
                && block.is_ascii()
            {
                at += wanted;
                self.chars += wanted;
                continue;
            }
            for c in piece.get(at..).unwrap_or_default().chars().take(wanted) {
                at += c.len_utf8();
                self.chars += 1;
            }
        }
    }
}
