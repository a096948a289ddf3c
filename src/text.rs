//! Article text: loading an article from disk, normalising it (BOM, line endings),
//! hashing it, and addressing it in Unicode scalar values.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::page::PageMeta;
use sha2::{Digest, Sha256};

/// How many characters lie between two byte checkpoints of a [`Text`].
const CHECKPOINT_EVERY: usize = 1024;

/// Articles at least this large are memory-mapped rather than read: the first
/// screen then costs the same at any size, and pages not on screen are left to
/// the page cache instead of the process's memory.
const MAP_AT_LEAST: u64 = if cfg!(test) { 1 << 10 } else { 4 << 20 };

/// Large texts are checked and indexed this many bytes at a time; the pages of
/// each window are handed back to the kernel afterwards, so a pass over the whole
/// article never makes it all resident at once.
const WINDOW: usize = if cfg!(test) { 4 << 10 } else { 8 << 20 };

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: is a folder, not an article")]
    IsDirectory { path: PathBuf },
    #[error("{path}: not a regular file")]
    NotRegular { path: PathBuf },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), not a text article")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}:{line}:{column}: not valid UTF-8")]
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{path}: web page too large ({size} bytes; the limit is {limit})")]
    PageTooLarge {
        path: PathBuf,
        size: usize,
        limit: usize,
    },
    #[error("{path}: no article text found in this web page")]
    NoArticleText { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An article's text after normalisation, with an index from character offsets to
/// byte offsets so that slicing by characters does not walk the whole text.
#[derive(Clone)]
pub struct Text {
    text: Arc<Storage>,
    /// `checkpoints[i]` is the byte offset of character `i * CHECKPOINT_EVERY`.
    checkpoints: Arc<[usize]>,
    char_len: usize,
    /// The SHA-256, computed on first use: hashing a large article is only needed
    /// when saving, and can be done off the thread that draws the first screen.
    hash: Arc<OnceLock<String>>,
    /// Title and canonical URL when the article is a saved web page.
    page: Option<Arc<PageMeta>>,
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Text")
            .field("char_len", &self.char_len)
            .field("bytes", &self.as_str().len())
            .finish()
    }
}

impl Text {
    /// Normalises `raw` exactly as Python's `open(path, encoding="utf-8-sig").read()`:
    /// a leading BOM dropped, every CRLF and lone CR turned into LF.
    pub fn new(raw: &str) -> Text {
        Text::from_string(raw.to_owned())
    }

    /// As [`Text::new`], taking ownership so that a large article is not copied.
    pub fn from_string(mut text: String) -> Text {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            text = normalise_line_endings(&text);
        }
        let (checkpoints, char_len) = index_chars(&text);
        Text {
            text: Arc::new(Storage::Owned(text)),
            checkpoints: checkpoints.into(),
            char_len,
            hash: Arc::default(),
            page: None,
        }
    }

    /// Reads and normalises the article at `path`.
    pub fn load(path: &Path) -> Result<Text, ArticleError> {
        if crate::page::is_web_page(path) {
            return Text::load_page(path);
        }
        let file = open_regular_file(path)?;
        let size = file.metadata().map_or(0, |m| m.len());
        if size >= MAP_AT_LEAST
            && let Some(text) = Text::map(path, &file)?
        {
            return Ok(text);
        }
        let bytes = read_all(path, file, size)?;
        Text::from_bytes(path, bytes)
    }

    /// The article text of a saved web page, with its title and URL.
    fn load_page(path: &Path) -> Result<Text, ArticleError> {
        let file = open_regular_file(path)?;
        let size = file.metadata().map_or(0, |m| m.len());
        if size > crate::page::MAX_PAGE_BYTES as u64 {
            return Err(ArticleError::PageTooLarge {
                path: path.to_owned(),
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: crate::page::MAX_PAGE_BYTES,
            });
        }
        let bytes = read_all(path, file, size)?;
        let (text, meta) = crate::page::extract(path, &bytes)?;
        let mut text = Text::from_string(text);
        text.page = Some(Arc::new(meta));
        Ok(text)
    }

    /// The title and canonical URL of a saved web page; `None` for a text article.
    pub fn page(&self) -> Option<&PageMeta> {
        self.page.as_deref()
    }

    /// Maps a large article instead of reading it. `None` when it cannot be used
    /// as it is on disk (it has CR line endings to normalise, or mapping failed),
    /// in which case it is read as usual.
    fn map(path: &Path, file: &std::fs::File) -> Result<Option<Text>, ArticleError> {
        // SAFETY: the mapping is read-only and private. margin never writes
        // articles; another program truncating the article while it is shown
        // raises SIGBUS, which the terminal runtime turns into a clean exit. An
        // article rewritten in place underneath a session is noticed (its size,
        // time and inode are checked before every key and frame) and read
        // again before the old text is used; a write landing inside one frame
        // is the window this trades away for never holding a 100 MB article in
        // memory (the same trade ripgrep and most pagers make).
        let Ok(map) = (unsafe { memmap2::Mmap::map(file) }) else {
            return Ok(None);
        };
        let start = if map.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        let body = map.get(start..).unwrap_or_default();
        let mut index = CharIndex::default();
        let mut at = 0;
        while at < body.len() {
            let end = last_char_boundary(body, at.saturating_add(WINDOW)).max(at + 1);
            let window = body.get(at..end).unwrap_or_default();
            if let Some(offset) = memchr::memchr(0, window) {
                return Err(ArticleError::Binary {
                    path: path.to_owned(),
                    offset: start + at + offset,
                });
            }
            if memchr::memchr(b'\r', window).is_some() {
                return Ok(None);
            }
            match std::str::from_utf8(window) {
                Ok(valid) => index.feed(valid, at),
                // Decode the whole file the slow way for the exact position.
                Err(_) => return Text::from_bytes(path, map.to_vec()).map(Some),
            }
            release(&map, start + at, end - at);
            at = end;
        }
        Ok(Some(Text {
            char_len: index.chars,
            checkpoints: index.checkpoints.into(),
            text: Arc::new(Storage::Mapped { map, start }),
            hash: Arc::default(),
            page: None,
        }))
    }

    /// Runs `f` over the text a window at a time, letting the pages of a mapped
    /// article go once each window is done.
    fn for_each_window(&self, mut f: impl FnMut(&str)) {
        let text = self.as_str();
        let mut at = 0;
        while at < text.len() {
            let mut end = at.saturating_add(WINDOW).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            f(text.get(at..end).unwrap_or_default());
            self.release(at, end - at);
            at = end;
        }
    }

    /// Tells the kernel that the bytes `at..at + len` of a mapped article are not
    /// needed for now: they leave the process's resident memory and come back from
    /// the page cache when next read. Does nothing for a text held in memory.
    pub fn release(&self, at: usize, len: usize) {
        if let Storage::Mapped { map, start } = &*self.text {
            release(map, start + at, len);
        }
    }

    /// The beginning of the article at `path`, at most about `max_bytes` of it, cut
    /// at a line break: enough to draw a first screen at once while the whole
    /// article loads. `complete` says whether this is in fact the whole article.
    /// Errors in the part read are reported as [`Text::load`] would.
    pub fn load_prefix(path: &Path, max_bytes: usize) -> Result<Prefix, ArticleError> {
        use std::io::Read;
        if crate::page::is_web_page(path) {
            // A page's text exists only once the whole page is parsed.
            return Ok(Prefix {
                text: Text::load_page(path)?,
                complete: true,
            });
        }
        let file = open_regular_file(path)?;
        let mut bytes = Vec::with_capacity(max_bytes.saturating_add(1).min(1 << 24));
        let io = |e| ArticleError::Io {
            path: path.to_owned(),
            source: e,
        };
        file.take(max_bytes.saturating_add(1) as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        let complete = bytes.len() <= max_bytes;
        if !complete {
            // Keep whole lines, so the preview does not end in a cut character.
            let cut = memchr::memrchr(b'\n', &bytes).map_or_else(
                || last_char_boundary(&bytes, max_bytes),
                |newline| newline + 1,
            );
            bytes.truncate(cut);
        }
        Ok(Prefix {
            text: Text::from_bytes(path, bytes)?,
            complete,
        })
    }

    /// Decodes raw file content, rejecting binary data and invalid UTF-8.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Text, ArticleError> {
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(ArticleError::Binary {
                path: path.to_owned(),
                offset,
            });
        }
        match String::from_utf8(bytes) {
            Ok(s) => Ok(Text::from_string(s)),
            Err(e) => {
                let bytes = e.as_bytes();
                let e = e.utf8_error();
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = valid
                    .get(line_start..)
                    .map_or(0, |rest| String::from_utf8_lossy(rest).chars().count())
                    + 1;
                Err(ArticleError::InvalidUtf8 {
                    path: path.to_owned(),
                    line,
                    column,
                })
            }
        }
    }

    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Length in Unicode scalar values.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Hex SHA-256 of the normalised text's UTF-8 bytes.
    pub fn sha256(&self) -> String {
        self.hash
            .get_or_init(|| {
                let mut hasher = Sha256::new();
                self.for_each_window(|window| hasher.update(window.as_bytes()));
                hex(&hasher.finalize())
            })
            .clone()
    }

    /// Byte offset of character `char_offset`; `char_len()` maps to the text's byte length.
    pub fn byte_of(&self, char_offset: usize) -> Option<usize> {
        if char_offset > self.char_len {
            return None;
        }
        if char_offset == self.char_len {
            return Some(self.as_str().len());
        }
        let checkpoint = char_offset / CHECKPOINT_EVERY;
        let base = *self.checkpoints.get(checkpoint)?;
        let rest = char_offset - checkpoint * CHECKPOINT_EVERY;
        if self.block_is_ascii(checkpoint) {
            return Some(base + rest);
        }
        self.as_str()
            .get(base..)?
            .char_indices()
            .nth(rest)
            .map(|(b, _)| base + b)
    }

    /// Character offset of byte `byte_offset`, which must lie on a character boundary.
    pub fn char_of(&self, byte_offset: usize) -> Option<usize> {
        if !self.as_str().is_char_boundary(byte_offset) {
            return None;
        }
        let checkpoint = self
            .checkpoints
            .partition_point(|&b| b <= byte_offset)
            .saturating_sub(1);
        let base = self.checkpoints.get(checkpoint).copied().unwrap_or(0);
        if self.block_is_ascii(checkpoint) {
            return Some(checkpoint * CHECKPOINT_EVERY + (byte_offset - base));
        }
        let between = self.as_str().get(base..byte_offset)?;
        Some(checkpoint * CHECKPOINT_EVERY + between.chars().count())
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
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end {
            return None;
        }
        let a = self.byte_of(start)?;
        let b = self.byte_of(end)?;
        self.as_str().get(a..b)
    }

    /// Up to `n` characters ending at character `end`.
    pub fn before(&self, end: usize, n: usize) -> &str {
        self.slice(end.saturating_sub(n), end).unwrap_or_default()
    }

    /// Up to `n` characters starting at character `start`.
    pub fn after(&self, start: usize, n: usize) -> &str {
        let start = start.min(self.char_len);
        self.slice(start, start.saturating_add(n).min(self.char_len))
            .unwrap_or_default()
    }

    /// The first non-empty line, trimmed: the article's default title.
    pub fn first_line(&self) -> Option<&str> {
        self.as_str().lines().map(str::trim).find(|l| !l.is_empty())
    }
}

/// Byte offsets of every `CHECKPOINT_EVERY`-th character, and the character count.
fn index_chars(text: &str) -> (Vec<usize>, usize) {
    let mut index = CharIndex::default();
    index.feed(text, 0);
    (index.checkpoints, index.chars)
}

fn normalise_line_endings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push('\n');
        rest = rest.get(i + 1..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a [`Text`]'s bytes live.
enum Storage {
    Owned(String),
    /// A large article mapped from disk, valid UTF-8 from `start` (after a BOM).
    Mapped {
        map: memmap2::Mmap,
        start: usize,
    },
}

impl Storage {
    fn as_str(&self) -> &str {
        match self {
            Storage::Owned(s) => s,
            Storage::Mapped { map, start } => {
                let bytes = map.get(*start..).unwrap_or_default();
                // SAFETY: `Text::map` checked every byte from `start` with
                // `str::from_utf8` before building this; the mapping is read-only.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }
}

/// Hands the whole pages inside `at..at + len` of `map` back to the kernel.
fn release(map: &memmap2::Mmap, at: usize, len: usize) {
    const PAGE: usize = 4096;
    let first = at.div_ceil(PAGE) * PAGE;
    let last = (at.saturating_add(len) / PAGE) * PAGE;
    if last > first && last <= map.len() {
        // SAFETY: a private, read-only file mapping that is never written: pages
        // dropped with MADV_DONTNEED are read again from the file on next access,
        // with the same content, so no borrow of the text can observe a change.
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, first, last - first)
        };
    }
}

/// Builds the checkpoints of a [`Text`] from its text, fed in pieces that each end
/// on a character boundary.
#[derive(Default)]
struct CharIndex {
    checkpoints: Vec<usize>,
    chars: usize,
}

impl CharIndex {
    /// Indexes `piece`, which starts at byte `base` of the whole text. ASCII runs
    /// (most prose) are counted a block at a time rather than per character.
    fn feed(&mut self, piece: &str, base: usize) {
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

/// The start of an article, read for a first screen (see [`Text::load_prefix`]).
#[derive(Debug, Clone)]
pub struct Prefix {
    pub text: Text,
    pub complete: bool,
}

/// The largest index `<= max` in `bytes` that does not split a UTF-8 sequence.
fn last_char_boundary(bytes: &[u8], max: usize) -> usize {
    let mut cut = max.min(bytes.len());
    // Continuation bytes look like 0b10xx_xxxx; a sequence is at most 4 bytes.
    while cut > 0 && bytes.get(cut).is_some_and(|b| b & 0xc0 == 0x80) {
        cut -= 1;
    }
    cut
}

/// Opens a file for reading, with errors that say what the path is when it is
/// not a regular file.
fn open_regular_file(path: &Path) -> Result<std::fs::File, ArticleError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ArticleError::NotFound {
            path: path.to_owned(),
        },
        _ => ArticleError::Io {
            path: path.to_owned(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(ArticleError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if !meta.is_file() {
        return Err(ArticleError::NotRegular {
            path: path.to_owned(),
        });
    }
    std::fs::File::open(path).map_err(|e| ArticleError::Io {
        path: path.to_owned(),
        source: e,
    })
}

/// Reads a whole file, with errors that say what the path is when it is not a file.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, ArticleError> {
    let file = open_regular_file(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    read_all(path, file, size)
}

fn read_all(path: &Path, mut file: std::fs::File, size: u64) -> Result<Vec<u8>, ArticleError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes).map_err(|e| ArticleError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_prefix_ends_at_a_line_break_and_says_whether_it_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "first line\r\nsecond line\nthird é line\n").unwrap();
        let whole = Text::load_prefix(&path, 1000).unwrap();
        assert!(whole.complete);
        assert_eq!(whole.text, Text::load(&path).unwrap());
        let part = Text::load_prefix(&path, 20).unwrap();
        assert!(!part.complete);
        assert_eq!(part.text.as_str(), "first line\n");
        // No line break within reach: cut before a split character.
        std::fs::write(&path, "aé".repeat(10)).unwrap();
        let part = Text::load_prefix(&path, 5).unwrap();
        assert_eq!(part.text.as_str(), "aéa");
        assert!(matches!(
            Text::load_prefix(dir.path(), 10),
            Err(ArticleError::IsDirectory { .. })
        ));
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
        assert_eq!(mapped.char_len(), owned.char_len());
        assert_eq!(mapped.checkpoints, owned.checkpoints);
        assert_eq!(mapped.sha256(), owned.sha256());
        assert_eq!(mapped.sha256(), sha256_hex(owned.as_str().as_bytes()));
        for c in (0..owned.char_len()).step_by(997) {
            assert_eq!(mapped.byte_of(c), owned.byte_of(c));
            assert_eq!(mapped.slice(c, c + 3), owned.slice(c, c + 3));
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
        assert_eq!(t.slice(0, 1), Some("a"));
        // The family emoji is five scalar values: three people and two joiners.
        assert_eq!(t.slice(1, 6), Some("👩‍👩‍👧"));
        assert_eq!(t.slice(6, 7), Some("b"));
        assert_eq!(t.slice(7, 9), Some("🇫🇷"));
        assert_eq!(t.slice(10, 12), Some("漢字"));
        assert_eq!(t.slice(12, 14), Some("e\u{301}"));
        assert_eq!(t.slice(3, 2), None);
        assert_eq!(t.slice(0, 100), None);
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
            prop_assert_eq!(t.char_len(), chars.len());
            for (i, (b, _)) in chars.iter().enumerate().step_by(13) {
                prop_assert_eq!(t.byte_of(i), Some(*b));
                prop_assert_eq!(t.char_of(*b), Some(i));
            }
        }

        #[test]
        fn char_and_byte_offsets_agree(s in "\\PC{0,3000}") {
            let t = Text::new(&s);
            let chars: Vec<(usize, char)> = t.as_str().char_indices().collect();
            prop_assert_eq!(t.char_len(), chars.len());
            for (i, (b, _)) in chars.iter().enumerate().step_by(7) {
                prop_assert_eq!(t.byte_of(i), Some(*b));
                prop_assert_eq!(t.char_of(*b), Some(i));
            }
            prop_assert_eq!(t.byte_of(chars.len()), Some(t.as_str().len()));
            prop_assert_eq!(t.byte_of(chars.len() + 1), None);
        }
    }
}
