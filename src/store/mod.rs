//! Storage: finding, loading and safely saving annotation files. A save is
//! read-merge-write under a lock file and atomic; a file that fails to parse is
//! never overwritten.

pub(crate) mod atomic;
pub(crate) mod confine;
pub mod locate;
pub(crate) mod merge;
mod read;
pub(crate) mod recovery;
pub(crate) mod sync;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use atomic::write_atomic;
pub use locate::Paths;
pub use read::{MAX_FILE_BYTES, load_file};
use read::{parse_bytes, read_existing};

use crate::anchor::{self, Anchoring};
use crate::model::{Annotation, AnnotationFile, ArticleMeta};
use crate::text::{ArticleError, Text};

/// Why an annotation file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The annotation file exists but cannot be read as a file (a folder, a
    /// FIFO, an I/O error).
    #[error("{path}: {problem}")]
    Unreadable { path: PathBuf, problem: String },
    /// Reading or writing would leave the tree the user opened (see [`confine`]).
    #[error("{path}: refused: {problem}")]
    Refused { path: PathBuf, problem: String },
    #[error("{path}: another margin is saving this file; try again")]
    Locked { path: PathBuf },
    #[error(
        "{path}: {size} bytes is too large for an annotation file (the limit is {MAX_FILE_BYTES})"
    )]
    TooLarge { path: PathBuf, size: u64 },
}

impl StoreError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaveOutcome {
    /// The file had changed on disk and those changes were merged in.
    pub merged_from_disk: bool,
    /// How many annotations got a new entry in `conflicts` from that merge.
    pub conflicts: usize,
    /// Whether bytes were written (false when the file already said the same).
    pub written: bool,
}

/// One read-merge-write of the annotation file at `path`, under its lock file.
///
/// `base` is the version `file` was derived from, with the digest of its bytes if
/// known: when the file on disk is no longer that version (another reviewer saved,
/// git replaced it), the changes are merged into `file` by id rather than
/// overwritten. A file on disk that does not parse is left alone and reported.
/// Returns what happened and the digest of the bytes now on disk.
pub fn save_file(
    path: &Path,
    base: Option<(&AnnotationFile, Option<[u8; 32]>)>,
    file: &mut AnnotationFile,
    article_sha256: &str,
) -> Result<(SaveOutcome, [u8; 32]), StoreError> {
    confine::check_annotation_file(path)?;
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| StoreError::io(folder, e))?;
    }
    let _lock = atomic::Lock::acquire(path)?;
    atomic::remove_stale_temporaries(path);
    let on_disk = read_existing(path)?;
    let disk_digest = on_disk.as_deref().map(digest);
    let base_digest = base.and_then(|(_, d)| d);
    let mut outcome = SaveOutcome::default();
    if let Some(bytes) = &on_disk
        && (base_digest.is_none() || disk_digest != base_digest)
    {
        let disk = parse_bytes(path, bytes)?;
        let base_file = base.map(|(b, _)| b);
        if Some(&disk) != base_file {
            let result = merge::merge(base_file, file, &disk);
            *file = result.file;
            outcome.merged_from_disk = true;
            outcome.conflicts = result.conflicts;
        }
    }
    article_sha256.clone_into(&mut file.article.sha256);
    file.sort();
    let json = file.to_json();
    let new_digest = digest(json.as_bytes());
    if disk_digest != Some(new_digest) {
        write_atomic(path, json.as_bytes())?;
        outcome.written = true;
    }
    Ok((outcome, new_digest))
}

/// An article with its annotation file, as loaded for editing.
#[derive(Debug, Clone)]
pub struct Document {
    pub paths: Paths,
    pub text: Text,
    pub file: AnnotationFile,
    /// The file as it was on disk when last loaded or saved (`None`: no file yet),
    /// shared with the review session and its saver rather than copied.
    base: Option<Arc<AnnotationFile>>,
    /// Digest of the bytes last read or written, so a save can tell "unchanged on
    /// disk" without parsing the file again (a large file takes longer to parse than
    /// to hash).
    base_digest: Option<[u8; 32]>,
}

/// SHA-256 of an annotation file's bytes: how saves tell whether the file on disk
/// is still the one they last saw.
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).into()
}

/// Where each of `annotations` sits in `text`, in order.
pub fn resolve_all(text: &Text, annotations: &[Annotation]) -> Vec<Anchoring> {
    // Annotations are sorted by position, so the pages of a mapped article
    // behind the current one can go as the pass moves on: resolving 10,000
    // annotations never makes a 100 MB article resident all at once.
    const RELEASE_EVERY: usize = 512;
    let mut released = 0;
    let mut out = Vec::with_capacity(annotations.len());
    for (i, annotation) in annotations.iter().enumerate() {
        out.push(anchor::resolve(&annotation.target, text));
        if i % RELEASE_EVERY == RELEASE_EVERY - 1
            && let Some(byte) = text.byte_of(annotation.target.start)
        {
            let keep_from = byte.get().saturating_sub(1 << 20);
            if keep_from > released {
                text.release(released, keep_from - released);
                released = keep_from;
            }
        }
    }
    out
}

/// A new, empty annotation file for the article.
fn new_file(paths: &Paths, text: &Text) -> Result<AnnotationFile, StoreError> {
    Ok(AnnotationFile::new(ArticleMeta {
        path: locate::relative_article_path(&paths.annotations, &paths.article)?,
        title: text
            .page()
            .and_then(|page| page.title.clone())
            .unwrap_or_else(|| crate::title::default_title(text.as_str())),
        url: text
            .page()
            .and_then(|page| page.url.clone())
            .unwrap_or_default(),
        ..ArticleMeta::default()
    }))
}

/// Reads the article of `paths`, if margin may read it there (see
/// [`confine::check_article`]).
pub fn read_article(paths: &Paths) -> Result<Text, StoreError> {
    confine::check_article(paths)?;
    Ok(Text::load(&paths.article)?)
}

impl Document {
    /// Loads the article and its annotation file, or starts a new file in memory.
    pub fn open(paths: Paths) -> Result<Document, StoreError> {
        let text = read_article(&paths)?;
        Document::with_text(paths, text)
    }

    /// As [`Document::open`], with the article's text already loaded.
    pub fn with_text(paths: Paths, text: Text) -> Result<Document, StoreError> {
        Document::with_text_and(paths, text, |_, _| ()).map(|(doc, ())| doc)
    }

    /// As [`Document::with_text`], running `work` on the loaded annotations
    /// (in file order) while the working copy is made: the two cores share
    /// the cost of opening a large file.
    pub fn with_text_and<R: Send>(
        paths: Paths,
        text: Text,
        work: impl FnOnce(&Text, &[Annotation]) -> R + Send,
    ) -> Result<(Document, R), StoreError> {
        let on_disk = read_existing(&paths.annotations)?;
        let (base_digest, base) = match on_disk {
            Some(bytes) => std::thread::scope(|scope| {
                let hashing = scope.spawn(|| digest(&bytes));
                let parsed = parse_bytes(&paths.annotations, &bytes);
                // A digest that could not be made is unknown: the next save
                // then reads the file on disk again instead of trusting it.
                (hashing.join().ok(), parsed.map(|f| Some(Arc::new(f))))
            }),
            None => (None, Ok(None)),
        };
        let base = base?;
        let (file, result) = match base.as_deref() {
            Some(loaded) => std::thread::scope(|scope| {
                let copying = scope.spawn(|| loaded.clone());
                let result = work(&text, &loaded.annotations);
                // Cloning cannot fail short of running out of memory, which
                // aborts; joining is then only a formality.
                let file = copying.join().unwrap_or_else(|_| loaded.clone());
                (file, result)
            }),
            None => {
                let file = new_file(&paths, &text)?;
                let result = work(&text, &file.annotations);
                (file, result)
            }
        };
        Ok((
            Document {
                paths,
                text,
                file,
                base,
                base_digest,
            },
            result,
        ))
    }

    /// The article with an empty annotation file, nothing read from disk: what
    /// the review screen shows while the real file loads.
    pub fn unloaded(paths: Paths, text: Text) -> Result<Document, StoreError> {
        let file = new_file(&paths, &text)?;
        Ok(Document {
            paths,
            text,
            file,
            base: None,
            base_digest: None,
        })
    }

    /// Whether the annotation file exists on disk.
    pub fn exists_on_disk(&self) -> bool {
        self.base.is_some()
    }

    /// Where each annotation sits in the current text, in `file.annotations` order.
    pub fn anchorings(&self) -> Vec<Anchoring> {
        resolve_all(&self.text, &self.file.annotations)
    }

    /// Saves atomically under the lock file. Changes made on disk since this
    /// document was loaded (another reviewer, a `git pull`) are merged, not
    /// clobbered; a file on disk that no longer parses is left alone and reported.
    pub fn save(&mut self) -> Result<SaveOutcome, StoreError> {
        let base = self.base.as_deref().map(|b| (b, self.base_digest));
        let (outcome, written_digest) = save_file(
            &self.paths.annotations,
            base,
            &mut self.file,
            &self.text.sha256(),
        )?;
        self.base = Some(Arc::new(self.file.clone()));
        self.base_digest = Some(written_digest);
        Ok(outcome)
    }

    /// The file as last loaded or saved, and the digest of its bytes on disk.
    pub fn base(&self) -> Option<(&Arc<AnnotationFile>, Option<[u8; 32]>)> {
        self.base.as_ref().map(|b| (b, self.base_digest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, new_id};

    fn doc_in(dir: &Path, article: &str) -> Document {
        let path = dir.join("a.txt");
        std::fs::write(&path, article).unwrap();
        Document::open(locate::for_article(&path, None)).unwrap()
    }

    fn annotate(doc: &mut Document, quote: &str) -> String {
        let byte = doc.text.as_str().find(quote).unwrap();
        let start = doc
            .text
            .char_of(crate::text::ByteOffset::new(byte))
            .unwrap();
        let target = anchor::target_for(&doc.text, start, start + quote.chars().count()).unwrap();
        let id = new_id();
        doc.file.annotations.push(Annotation {
            id: id.clone(),
            target,
            ..Annotation::default()
        });
        id
    }

    #[test]
    fn new_document_saves_a_file_that_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "Title line\nA claim here.\n");
        assert!(!doc.exists_on_disk());
        annotate(&mut doc, "A claim");
        let outcome = doc.save().unwrap();
        assert!(outcome.written && !outcome.merged_from_disk);
        let back = load_file(&doc.paths.annotations).unwrap();
        assert_eq!(back.article.path, "a.txt");
        assert_eq!(back.article.title, "Title line");
        assert_eq!(back.annotations.len(), 1);
        assert_eq!(back.article.sha256, doc.text.sha256());
    }

    #[test]
    fn work_alongside_loading_sees_the_loaded_annotations_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "One claim. Two claim. Three claim.");
        annotate(&mut doc, "Two claim.");
        annotate(&mut doc, "One claim.");
        doc.save().unwrap();
        let text = Text::load(&doc.paths.article).unwrap();
        let (loaded, quotes) =
            Document::with_text_and(doc.paths.clone(), text, |_, annotations| {
                annotations
                    .iter()
                    .map(|a| a.target.exact.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap();
        assert_eq!(
            quotes,
            ["One claim.", "Two claim."],
            "sorted as in the file"
        );
        assert_eq!(loaded.file, **loaded.base().unwrap().0);
        assert_eq!(
            loaded.base().unwrap().1,
            Some(digest(&std::fs::read(&doc.paths.annotations).unwrap()))
        );
        // No file yet: the work sees the new, empty file.
        let other = dir.path().join("b.txt");
        std::fs::write(&other, "Text.").unwrap();
        let paths = locate::for_article(&other, None);
        let text = Text::load(&paths.article).unwrap();
        let (fresh, count) = Document::with_text_and(paths, text, |_, a| a.len()).unwrap();
        assert_eq!(count, 0);
        assert!(!fresh.exists_on_disk());
    }

    #[test]
    fn concurrent_changes_on_disk_are_merged_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = doc_in(dir.path(), "One claim. Two claim. Three claim.");
        first.save().unwrap();
        let mut second = Document::open(first.paths.clone()).unwrap();
        let a = annotate(&mut first, "One claim.");
        first.save().unwrap();
        let b = annotate(&mut second, "Two claim.");
        let outcome = second.save().unwrap();
        assert!(outcome.merged_from_disk);
        let back = load_file(&first.paths.annotations).unwrap();
        assert!(back.find(&a).is_some() && back.find(&b).is_some());
    }

    #[test]
    fn a_file_that_fails_to_parse_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = doc_in(dir.path(), "Some text.");
        doc.save().unwrap();
        let broken = b"{\"format\": \"margin/1\", \"article\": ";
        std::fs::write(&doc.paths.annotations, broken).unwrap();
        annotate(&mut doc, "Some");
        let err = doc.save().unwrap_err();
        assert!(matches!(err, StoreError::Parse { line: 1, .. }), "{err}");
        assert_eq!(std::fs::read(&doc.paths.annotations).unwrap(), broken);
    }

    #[test]
    fn parse_errors_name_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        std::fs::write(&path, "{\n  \"format\": \"margin/1\",\n  oops\n}").unwrap();
        let msg = load_file(&path).unwrap_err().to_string();
        assert!(msg.ends_with("x.json:3:3: key must be a string"), "{msg}");
    }
}
