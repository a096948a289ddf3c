//! JSON whose strings carry no raw control, bidi or invisible character:
//! serde_json escapes only what JSON requires (C0 controls, `"` and `\`), so a
//! note's C1 CSI (U+009B) or right-to-left override (U+202E) would reach
//! whoever prints the output. Every character `safe_text` would show
//! differently is written as a `\uXXXX` escape instead; the JSON value is
//! unchanged, only its spelling.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::safe_text::needs_escape;

/// A formatter that escapes what `needs_escape` finds, around another one.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| needs_escape(*c)) {
            let (clean, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
            writer.write_all(clean.as_bytes())?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = tail.get(c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }

    // Everything else as the wrapped formatter writes it.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as one line of JSON (for JSON Lines).
pub(crate) fn to_writer<W: Write>(out: W, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Escaping(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// `value` as pretty JSON (two spaces).
pub(crate) fn to_writer_pretty<W: Write>(out: W, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// `value` as a pretty JSON string.
pub(crate) fn to_string_pretty(value: &impl Serialize) -> io::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    String::from_utf8(out).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn c1_controls_bidi_and_invisibles_are_escaped_and_read_back_the_same() {
        let hostile = "a\u{1b}[2J b\u{9b}31m c\u{202e}d e\u{2066}f\u{200b}g\u{7f} 漢字 👍🏽";
        let value = json!({ "note": hostile, "tags": [hostile] });
        for text in [
            {
                let mut v = Vec::new();
                to_writer(&mut v, &value).unwrap();
                String::from_utf8(v).unwrap()
            },
            to_string_pretty(&value).unwrap(),
        ] {
            assert!(
                text.chars().all(|c| c == '\n' || !needs_escape(c)),
                "{text:?}"
            );
            for escape in [
                "\\u001b", "\\u009b", "\\u202e", "\\u2066", "\\u200b", "\\u007f",
            ] {
                assert!(text.contains(escape), "{escape} in {text}");
            }
            assert!(text.contains("漢字 👍🏽"), "other text is left as it is");
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn pretty_output_matches_serde_json_for_plain_text() {
        let value = json!({ "a": [1, "two", { "b": null }], "c": "d" });
        assert_eq!(
            to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
