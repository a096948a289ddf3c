//! Offsets counted in UTF-16 code units (JavaScript strings: Hypothesis,
//! Label Studio) turned into margin's Unicode scalar values.

use crate::text::CharOffset;

/// The character offset of UTF-16 offset `units` in `text`; `None` past the
/// end or inside a surrogate pair.
pub(super) fn char_of_utf16(text: &str, units: usize) -> Option<CharOffset> {
    let mut seen = 0;
    for (chars, c) in text.chars().enumerate() {
        if seen == units {
            return Some(CharOffset::new(chars));
        }
        if seen > units {
            return None;
        }
        seen += c.len_utf16();
    }
    (seen == units).then(|| CharOffset::new(text.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_count_two_units_and_one_character() {
        let text = "a😀b日c";
        assert_eq!(char_of_utf16(text, 0), Some(CharOffset::new(0)));
        assert_eq!(char_of_utf16(text, 1), Some(CharOffset::new(1)));
        assert_eq!(char_of_utf16(text, 2), None, "inside the surrogate pair");
        assert_eq!(char_of_utf16(text, 3), Some(CharOffset::new(2)));
        assert_eq!(char_of_utf16(text, 5), Some(CharOffset::new(4)));
        assert_eq!(char_of_utf16(text, 6), Some(CharOffset::new(5)));
        assert_eq!(char_of_utf16(text, 7), None);
    }
}
