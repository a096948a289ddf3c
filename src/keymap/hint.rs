//! The keys a status-bar hint names: the hinted binding's first key, or a run
//! such as `1–9` when the bindings after it in the table (the same mode, the
//! same kind of action, no hint of their own) go on one character at a time.
//! So "1–9 verdict" says what the help lists as nine lines.

use std::mem::discriminant;

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Chord};

/// The keys shown in the hint of the binding at `at` in `entries` (the
/// keymap's bindings in table order); `None` when it has no key.
pub(super) fn keys(entries: &[(Binding, Vec<Chord>)], at: usize) -> Option<String> {
    let (hinted, chords) = entries.get(at)?;
    let first = *chords.first()?;
    let mut last = first;
    for (binding, chords) in entries.iter().skip(at.saturating_add(1)) {
        let same_run = binding.context == hinted.context
            && binding.hint.is_empty()
            && discriminant(&binding.action) == discriminant(&hinted.action);
        match chords.first() {
            Some(&next) if same_run && Some(next) == successor(last) => last = next,
            _ => break,
        }
    }
    Some(if last == first {
        first.to_string()
    } else {
        format!("{first}–{last}")
    })
}

/// The chord one character on (`1` → `2`, `a` → `b`); none for named keys.
fn successor(chord: Chord) -> Option<Chord> {
    let KeyCode::Char(c) = chord.code else {
        return None;
    };
    let next = char::from_u32(u32::from(c).checked_add(1)?)?;
    Some(Chord {
        code: KeyCode::Char(next),
        ..chord
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::{Context, Keymap};

    fn hint(km: &Keymap, context: Context, word: &str) -> Option<String> {
        km.hints(context)
            .into_iter()
            .find(|(_, w)| *w == word)
            .map(|(keys, _)| keys)
    }

    #[test]
    fn a_run_of_numbered_keys_is_hinted_as_a_range() {
        let km = Keymap::default();
        assert_eq!(hint(&km, Context::List, "verdict").as_deref(), Some("1–9"));
        assert_eq!(
            hint(&km, Context::VerdictField, "pick").as_deref(),
            Some("1–9")
        );
        assert_eq!(
            hint(&km, Context::Adjudication, "settle").as_deref(),
            Some("1–9")
        );
        // A binding alone keeps its one key; the clear key (0) is not in the run.
        assert_eq!(
            hint(&km, Context::Article, "annotate").as_deref(),
            Some("a")
        );
    }

    #[test]
    fn a_rebound_key_ends_the_run_where_it_breaks() {
        let overrides = BTreeMap::from([("verdict_5".to_owned(), "x".to_owned())]);
        let km = Keymap::new(&overrides).unwrap();
        assert_eq!(hint(&km, Context::List, "verdict").as_deref(), Some("1–4"));
        let overrides = BTreeMap::from([("verdict_2".to_owned(), "x".to_owned())]);
        let km = Keymap::new(&overrides).unwrap();
        assert_eq!(hint(&km, Context::List, "verdict").as_deref(), Some("1"));
    }
}
