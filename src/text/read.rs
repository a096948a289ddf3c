//! Reading article files: only regular files, with errors that say what a
//! path is when it is not one.

use std::path::Path;

use super::ArticleError;

/// The largest index `<= max` in `bytes` that does not split a UTF-8 sequence.
pub(super) fn last_char_boundary(bytes: &[u8], max: usize) -> usize {
    let mut cut = max.min(bytes.len());
    // Continuation bytes look like 0b10xx_xxxx; a sequence is at most 4 bytes.
    while cut > 0 && bytes.get(cut).is_some_and(|b| b & 0xc0 == 0x80) {
        cut -= 1;
    }
    cut
}

/// Opens a file for reading, with errors that say what the path is when it is
/// not a regular file.
pub(super) fn open_regular_file(path: &Path) -> Result<std::fs::File, ArticleError> {
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

pub(super) fn read_all(
    path: &Path,
    mut file: std::fs::File,
    size: u64,
) -> Result<Vec<u8>, ArticleError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes).map_err(|e| ArticleError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    Ok(bytes)
}
