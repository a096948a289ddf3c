//! Article text: what an article is once loaded (here: loading, memory
//! mapping, slicing), with the character index (`index`), normalising
//! (`normalise`), hashing (`hash`) and reading files (`read`) beside it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::page::PageMeta;

mod hash;
mod index;
mod normalise;
mod offset;
mod read;

pub use hash::sha256_hex;
pub use offset::{ByteOffset, CharOffset};
pub use read::read_regular_file;

use index::{CharIndex, index_chars};
use normalise::normalise_line_endings;
use read::{last_char_boundary, open_regular_file, read_all};

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
            let end = text.floor_char_boundary(at.saturating_add(WINDOW));
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

    /// The offset just past the last character: the length in Unicode
    /// scalar values.
    pub fn char_end(&self) -> CharOffset {
        CharOffset::new(self.char_len)
    }
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

#[cfg(test)]
mod tests;
