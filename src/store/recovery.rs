//! Recovery copies: when an annotation file cannot be saved (a read-only
//! folder, a full disk), the working copy is written to the data folder
//! instead, under a name made from the annotation file's full path (so two
//! files never share one), and offered again the next time that file opens.

use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use crate::model::AnnotationFile;

/// The folder recovery copies are kept in (`~/.local/share/margin/recovery`
/// on Linux).
#[cfg(not(test))]
fn folder(_annotations: &Path) -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "margin").map(|d| d.data_dir().join("recovery"))
}

/// Unit tests never write into the data folder of whoever runs them, nor
/// leave a folder behind: the copies of an annotation file in a test's
/// temporary folder (the one directly inside the system's, made with
/// `tempfile`) are kept in it, and go with it. Nothing is kept for a file
/// elsewhere.
#[cfg(test)]
fn folder(annotations: &Path) -> Option<PathBuf> {
    let temp = std::env::temp_dir();
    let absolute = std::path::absolute(annotations).ok()?;
    let own = absolute.strip_prefix(&temp).ok()?.components().next()?;
    Some(temp.join(own).join(".margin-recovery"))
}

/// Where the recovery copy of the annotation file at `annotations` lives:
/// its file name, for people, and a digest of its absolute path, so that
/// files of the same name in different folders never collide.
pub(crate) fn path_for(annotations: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(annotations).ok()?;
    let digest = crate::text::sha256_hex(absolute.as_os_str().as_encoded_bytes());
    let name = annotations
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let short = digest.get(..16).unwrap_or(&digest);
    Some(folder(&absolute)?.join(format!("{name}.{short}.recovery.json")))
}

/// Writes `file`, the working copy of `annotations`, as its recovery copy;
/// where it went.
pub(crate) fn write(annotations: &Path, file: &AnnotationFile) -> Result<PathBuf, String> {
    let path = path_for(annotations).ok_or("no data folder for a recovery copy")?;
    if let Some(parent) = path.parent() {
        create_private_folder(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    write_atomic(&path, file.to_json().as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// A recovery copy found: where it is, and its content (or why it cannot be
/// read).
pub(crate) type Found = (PathBuf, Result<AnnotationFile, String>);

/// The recovery copy of `annotations`, if there is one.
pub(crate) fn find(annotations: &Path) -> Option<Found> {
    let path = path_for(annotations)?;
    let content = std::fs::read_to_string(&path).ok()?;
    let file = AnnotationFile::parse(&content).map_err(|e| format!("{}: {e}", path.display()));
    Some((path, file))
}

/// Removes the recovery copy of `annotations` (its work is saved or discarded).
pub(crate) fn remove(annotations: &Path) {
    if let Some(path) = path_for(annotations) {
        let _ = std::fs::remove_file(path);
    }
}

/// A folder only its owner can read: notes may be private until shared.
fn create_private_folder(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_files_of_the_same_name_get_different_recovery_copies() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("one/annotations/a.txt.json");
        let a = path_for(&one).unwrap();
        let b = path_for(&dir.path().join("two/annotations/a.txt.json")).unwrap();
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("a.txt.json."), "{name}");
        assert_eq!(a, path_for(&one).unwrap());
    }

    #[test]
    fn a_tests_recovery_copies_stay_in_its_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let annotations = dir.path().join("annotations/a.txt.json");
        let file = AnnotationFile::new(crate::model::ArticleMeta::default());
        let copy = write(&annotations, &file).unwrap();
        assert!(copy.starts_with(dir.path()), "{}", copy.display());
        assert!(find(&annotations).is_some());
        let kept = copy.parent().unwrap().to_path_buf();
        drop(dir);
        assert!(!kept.exists(), "removed with the test's folder");
    }
}
