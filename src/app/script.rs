//! Key scripts: a compact way to write key sequences (`"s a Hello <C-s> <Tab> 5"`)
//! for tests, demos and property tests. Words separated by spaces are typed
//! character by character; `<…>` names one key (`<Esc>`, `<Enter>`, `<Tab>`,
//! `<S-Tab>`, `<C-s>`, `<Space>`, `<Down>`, `<PgDn>` …); `<Space>` types a space.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::Chord;

/// The key events of `script`.
pub fn keys(script: &str) -> Result<Vec<KeyEvent>, String> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(close) = rest.find('>')
            && close > 1
        {
            let name = rest.get(1..close).unwrap_or_default();
            let vim = name
                .replace("C-", "Ctrl-")
                .replace("S-", "Shift-")
                .replace("A-", "Alt-");
            let chord = Chord::parse(&vim)?;
            let modifiers =
                if chord.code == KeyCode::Tab && chord.modifiers.contains(KeyModifiers::SHIFT) {
                    out.push(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
                    rest = rest.get(close + 1..).unwrap_or_default();
                    continue;
                } else {
                    chord.modifiers
                };
            out.push(KeyEvent::new(chord.code, modifiers));
            rest = rest.get(close + 1..).unwrap_or_default();
            continue;
        }
        if c != ' ' {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            out.push(KeyEvent::new(KeyCode::Char(c), modifiers));
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_name_keys_and_type_words() {
        let k = keys("sa Hi<Space>x <C-s> <S-Tab> <Esc>").unwrap();
        let codes: Vec<KeyCode> = k.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            vec![
                KeyCode::Char('s'),
                KeyCode::Char('a'),
                KeyCode::Char('H'),
                KeyCode::Char('i'),
                KeyCode::Char(' '),
                KeyCode::Char('x'),
                KeyCode::Char('s'),
                KeyCode::BackTab,
                KeyCode::Esc
            ]
        );
        assert!(k[6].modifiers.contains(KeyModifiers::CONTROL));
        assert!(keys("<Nope>").is_err());
    }
}
