use super::*;
use proptest::prelude::*;

fn c(n: usize) -> CharOffset {
    CharOffset::new(n)
}

fn b(n: usize) -> ByteOffset {
    ByteOffset::new(n)
}

fn load_mapped(content: &[u8]) -> Result<Text, ArticleError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, content).unwrap();
    Text::load(&path)
}

#[test]
fn a_mapped_article_reads_exactly_like_one_held_in_memory() {
    // Multi-byte characters straddle every window boundary.
    let content = format!("\u{feff}{}", "abc é 漢字 👩‍👩‍👧 x\n".repeat(2000));
    let mapped = load_mapped(content.as_bytes()).unwrap();
    assert!(matches!(*mapped.text, Storage::Mapped { .. }));
    let owned = Text::new(&content);
    assert_eq!(mapped, owned);
    assert_eq!(mapped.char_end(), owned.char_end());
    assert_eq!(mapped.checkpoints, owned.checkpoints);
    assert_eq!(mapped.sha256(), owned.sha256());
    assert_eq!(mapped.sha256(), sha256_hex(owned.as_str().as_bytes()));
    for n in (0..owned.char_end().get()).step_by(997) {
        assert_eq!(mapped.byte_of(c(n)), owned.byte_of(c(n)));
        assert_eq!(mapped.slice(c(n), c(n + 3)), owned.slice(c(n), c(n + 3)));
    }
    mapped.release(0, mapped.as_str().len());
    assert_eq!(mapped, owned, "released pages come back unchanged");
}

#[test]
fn a_large_article_with_crlf_binary_or_bad_utf8_is_handled_as_when_read() {
    let crlf = load_mapped("line one\r\n".repeat(1000).as_bytes()).unwrap();
    assert!(matches!(*crlf.text, Storage::Owned(_)));
    assert_eq!(crlf.as_str(), "line one\n".repeat(1000));
    let mut binary = "text ".repeat(3000).into_bytes();
    binary[9000] = 0;
    assert!(matches!(
        load_mapped(&binary),
        Err(ArticleError::Binary { offset: 9000, .. })
    ));
    let mut bad = "line\n".repeat(3000).into_bytes();
    bad[10_001] = 0xff;
    let err = load_mapped(&bad).unwrap_err().to_string();
    assert!(err.ends_with(":2001:2: not valid UTF-8"), "{err}");
}

#[test]
fn normalises_bom_and_line_endings() {
    let t = Text::new("\u{feff}a\r\nb\rc\n\r\nd");
    assert_eq!(t.as_str(), "a\nb\nc\n\nd");
}

#[test]
fn hash_ignores_line_ending_style() {
    assert_eq!(
        Text::new("one\r\ntwo\r\n").sha256(),
        Text::new("one\ntwo\n").sha256()
    );
    assert_ne!(Text::new("one").sha256(), Text::new("two").sha256());
}

#[test]
fn slices_by_scalar_values() {
    let t = Text::new("a👩‍👩‍👧b🇫🇷c漢字e\u{301}\tz");
    assert_eq!(t.slice(c(0), c(1)), Some("a"));
    // The family emoji is five scalar values: three people and two joiners.
    assert_eq!(t.slice(c(1), c(6)), Some("👩‍👩‍👧"));
    assert_eq!(t.slice(c(6), c(7)), Some("b"));
    assert_eq!(t.slice(c(7), c(9)), Some("🇫🇷"));
    assert_eq!(t.slice(c(10), c(12)), Some("漢字"));
    assert_eq!(t.slice(c(12), c(14)), Some("e\u{301}"));
    assert_eq!(t.slice(c(3), c(2)), None);
    assert_eq!(t.slice(c(0), c(100)), None);
}

#[test]
fn rejects_binary_and_invalid_utf8_with_position() {
    let p = Path::new("x.txt");
    assert!(matches!(
        Text::from_bytes(p, b"ab\0c".to_vec()),
        Err(ArticleError::Binary { offset: 2, .. })
    ));
    let err = Text::from_bytes(p, b"ok\nab\xffc".to_vec()).unwrap_err();
    assert_eq!(err.to_string(), "x.txt:2:3: not valid UTF-8");
}

fn mostly_ascii() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        20 => "[a-z .\n]{1,300}",
        1 => "[é漢👩‍👩‍👧🇫🇷\r]{1,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn offsets_agree_across_ascii_blocks(s in mostly_ascii()) {
        let t = Text::new(&s);
        let chars: Vec<(usize, char)> = t.as_str().char_indices().collect();
        prop_assert_eq!(t.char_end(), c(chars.len()));
        for (i, (byte, _)) in chars.iter().enumerate().step_by(13) {
            prop_assert_eq!(t.byte_of(c(i)), Some(b(*byte)));
            prop_assert_eq!(t.char_of(b(*byte)), Some(c(i)));
        }
    }

    #[test]
    fn char_and_byte_offsets_agree(s in "\\PC{0,3000}") {
        let t = Text::new(&s);
        let chars: Vec<(usize, char)> = t.as_str().char_indices().collect();
        prop_assert_eq!(t.char_end(), c(chars.len()));
        for (i, (byte, _)) in chars.iter().enumerate().step_by(7) {
            prop_assert_eq!(t.byte_of(c(i)), Some(b(*byte)));
            prop_assert_eq!(t.char_of(b(*byte)), Some(c(i)));
        }
        prop_assert_eq!(t.byte_of(c(chars.len())), Some(b(t.as_str().len())));
        prop_assert_eq!(t.byte_of(c(chars.len() + 1)), None);
    }
}
