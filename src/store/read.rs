//! Reading annotation files: only regular files inside the user's tree, no
//! larger than [`MAX_FILE_BYTES`], parsed with errors that name the file, line
//! and column.

use std::io::Read;
use std::path::Path;

use super::{StoreError, confine};
use crate::model::{AnnotationFile, ParseError};

/// The largest annotation file margin reads: far above any real review (10,000
/// annotations take about 10 MB), far below what would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and parses an annotation file.
pub fn load_file(path: &Path) -> Result<AnnotationFile, StoreError> {
    match read_existing(path)? {
        Some(bytes) => parse_bytes(path, &bytes),
        None => Err(unreadable(path, "no such file")),
    }
}

/// The bytes of the annotation file at `path`; `None` when it does not exist yet.
pub(super) fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    confine::check_annotation_file(path)?;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(path, &e.to_string())),
    };
    if meta.is_dir() {
        return Err(unreadable(path, "is a folder, not an annotation file"));
    }
    if !meta.is_file() {
        return Err(unreadable(path, "not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, &e.to_string()))?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    // A file that grew since its size was read is still held to the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e.to_string()))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_FILE_BYTES {
        return Err(too_large(path, read));
    }
    Ok(Some(bytes))
}

/// Parses an annotation file's bytes; errors carry the line and column.
pub(super) fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<AnnotationFile, StoreError> {
    let parse_error = |line, column, message| StoreError::Parse {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let content = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_and_column(bytes, e.valid_up_to());
        parse_error(line, column, "not valid UTF-8".to_owned())
    })?;
    AnnotationFile::parse(content).map_err(|e| match e {
        ParseError::Json {
            line,
            column,
            message,
        } => parse_error(line, column, message),
        other @ ParseError::Format { .. } => parse_error(
            1,
            1,
            other.to_string().trim_start_matches("1:1: ").to_owned(),
        ),
    })
}

/// The 1-based line and column (in characters) of byte `at`, which follows
/// only valid UTF-8.
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = bytes.get(..at).unwrap_or_default();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let column = before
        .get(line_start..)
        .map_or(0, |rest| String::from_utf8_lossy(rest).chars().count());
    (line, column + 1)
}

fn unreadable(path: &Path, problem: &str) -> StoreError {
    StoreError::Unreadable {
        path: path.to_owned(),
        problem: problem.to_owned(),
    }
}

fn too_large(path: &Path, size: u64) -> StoreError {
    StoreError::TooLarge {
        path: path.to_owned(),
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_none_and_load_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        assert!(read_existing(&path).unwrap().is_none());
        let message = load_file(&path).unwrap_err().to_string();
        assert!(message.ends_with("a.json: no such file"), "{message}");
    }

    #[test]
    fn folders_and_fifos_are_not_annotation_files() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("f.json");
        std::fs::create_dir(&folder).unwrap();
        let message = read_existing(&folder).unwrap_err().to_string();
        assert!(
            message.ends_with("is a folder, not an annotation file"),
            "{message}"
        );
        let fifo = dir.path().join("p.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let message = read_existing(&fifo).unwrap_err().to_string();
        assert!(message.ends_with("not a regular file"), "{message}");
    }

    #[test]
    fn bad_utf8_is_placed_by_line_and_character_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"{\n  \"\xc3\xa9t\xc3\xa9\xff\"\n}").unwrap();
        let message = load_file(&path).unwrap_err().to_string();
        assert!(
            message.ends_with("a.json:2:7: not valid UTF-8"),
            "{message}"
        );
    }
}
