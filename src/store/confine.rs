//! Keeping margin inside the tree the user opened. Annotation files and the
//! `article.path` they carry come from other people, so a symlinked annotation
//! file is followed only to an existing regular file inside its tree, nothing
//! is ever created through a dangling symlink, and an article named by an
//! annotation file (not by the user) is read only when it lies inside that
//! file's tree.
//!
//! An annotation file's tree is its workspace (the parent of the `annotations`
//! folder it lies in, or the nearest folder holding one) or, outside a
//! workspace, its own folder; never above the git repository holding it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::locate::{ANNOTATIONS_DIR, Paths, absolute, within_repository};

/// The tree an annotation file belongs to, as the user wrote it (not resolved):
/// the workspace found as [`super::locate::for_article`] finds it, searched no
/// higher than the root of the git repository holding the file.
pub(crate) fn tree_of(annotation_file: &Path) -> PathBuf {
    let file = absolute(annotation_file);
    let folder = file.parent().unwrap_or(Path::new("/"));
    for dir in within_repository(folder) {
        let is_repository = dir.join(".git").exists();
        if dir.file_name().is_some_and(|n| n == ANNOTATIONS_DIR)
            && !is_repository
            && let Some(workspace) = dir.parent()
        {
            return workspace.to_owned();
        }
        if dir.join(ANNOTATIONS_DIR).is_dir() {
            return dir.to_owned();
        }
    }
    folder.to_owned()
}

/// Where `path` really is: the part that exists with every symlink resolved,
/// the part that does not yet exist appended. `Err` names the first symlink on
/// the way that leads nowhere (or cannot be followed).
fn real_location(path: &Path) -> Result<PathBuf, PathBuf> {
    let whole = absolute(path);
    let mut missing: Vec<OsString> = Vec::new();
    let mut current = whole.as_path();
    loop {
        match std::fs::canonicalize(current) {
            Ok(mut real) => {
                real.extend(missing.iter().rev());
                return Ok(real);
            }
            // Something is there but cannot be resolved: a dangling link or a loop.
            Err(_) if std::fs::symlink_metadata(current).is_ok() => {
                return Err(current.to_owned());
            }
            Err(_) => {
                let (Some(name), Some(parent)) = (current.file_name(), current.parent()) else {
                    return Ok(whole);
                };
                missing.push(name.to_owned());
                current = parent;
            }
        }
    }
}

fn refused(path: &Path, problem: String) -> StoreError {
    StoreError::Refused {
        path: path.to_owned(),
        problem,
    }
}

/// Checks that reading or writing the annotation file at `path` stays inside
/// its tree: every symlink on the way (the file itself or a folder) must lead
/// to something that exists, and the file's real location must lie inside the
/// tree. Called before every read and every save.
pub(crate) fn check_annotation_file(path: &Path) -> Result<(), StoreError> {
    let tree = tree_of(path);
    let real = real_location(path).map_err(|link| {
        let which = if link == absolute(path) {
            "it".to_owned()
        } else {
            format!("the folder {} on its way", link.display())
        };
        refused(
            path,
            format!(
                "{which} is a symlink to nothing that exists; margin never creates a file through a symlink"
            ),
        )
    })?;
    let real_tree = real_location(&tree).unwrap_or_else(|_| tree.clone());
    if !real.starts_with(&real_tree) {
        return Err(refused(
            path,
            format!(
                "a symlink leads to {}, outside {}; margin follows a symlinked annotation file only inside its tree (name the real file instead)",
                real.display(),
                tree.display()
            ),
        ));
    }
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(refused(
            path,
            "a symlink to something that is not a regular file".to_owned(),
        ));
    }
    Ok(())
}

/// Checks that the article of `paths` may be read: an article the user named is
/// read wherever it is; one named only by the annotation file's `article.path`
/// must lie inside the annotation file's tree (symlinks resolved), or a shared
/// file could make margin read, hash and quote any file the user can read.
pub(crate) fn check_article(paths: &Paths) -> Result<(), StoreError> {
    if paths.article_named {
        return Ok(());
    }
    if absolute(&paths.article) == absolute(&paths.annotations) {
        return Err(refused(
            &paths.annotations,
            "article.path names the annotation file itself".to_owned(),
        ));
    }
    let tree = tree_of(&paths.annotations);
    let real_tree = real_location(&tree).unwrap_or_else(|_| tree.clone());
    // A link that leads nowhere reads nothing; loading reports the missing article.
    let inside = real_location(&paths.article)
        .ok()
        .is_none_or(|real| real.starts_with(&real_tree));
    if inside {
        return Ok(());
    }
    Err(refused(
        &paths.annotations,
        format!(
            "its article.path leads to {}, outside {}; margin reads an article outside the tree only when you name it on the command line",
            paths.article.display(),
            tree.display()
        ),
    ))
}

/// The same file, by identity: both exist and are one inode (hard links and
/// symlinks included).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn paths(article: &Path, annotations: &Path, named: bool) -> Paths {
        Paths {
            article: article.to_owned(),
            annotations: annotations.to_owned(),
            article_named: named,
        }
    }

    #[test]
    fn the_tree_is_the_workspace_or_the_folder_within_the_repository() {
        assert_eq!(
            tree_of(Path::new("/w/annotations/samples/a.txt.json")),
            Path::new("/w")
        );
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("repo/docs")).unwrap();
        let sidecar = root.join("repo/docs/a.txt.annotations.json");
        assert_eq!(tree_of(&sidecar), root.join("repo/docs"), "no workspace");
        std::fs::create_dir_all(root.join("repo/annotations")).unwrap();
        assert_eq!(
            tree_of(&sidecar),
            root.join("repo"),
            "a sidecar in a workspace"
        );
        // An annotations folder above the repository does not widen its tree.
        std::fs::remove_dir(root.join("repo/annotations")).unwrap();
        std::fs::create_dir_all(root.join("annotations")).unwrap();
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        assert_eq!(tree_of(&sidecar), root.join("repo/docs"));
    }

    #[test]
    fn plain_files_and_links_inside_the_tree_are_fine() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("annotations/samples")).unwrap();
        let file = root.join("annotations/samples/a.txt.json");
        check_annotation_file(&file).unwrap();
        std::fs::write(root.join("annotations/real.json"), "{}").unwrap();
        symlink("../real.json", &file).unwrap();
        check_annotation_file(&file).unwrap();
        // A new file in a folder that does not exist yet.
        check_annotation_file(&root.join("annotations/new/deep/b.txt.json")).unwrap();
    }

    #[test]
    fn dangling_links_and_links_out_of_the_tree_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        let outside = dir.path().join("home");
        std::fs::create_dir_all(root.join("annotations/samples")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let file = root.join("annotations/samples/a.txt.json");
        symlink(outside.join(".bash_profile"), &file).unwrap();
        let err = check_annotation_file(&file).unwrap_err().to_string();
        assert!(err.contains("symlink to nothing that exists"), "{err}");
        std::fs::write(outside.join(".bash_profile"), "x").unwrap();
        let err = check_annotation_file(&file).unwrap_err().to_string();
        assert!(err.contains("outside"), "{err}");
        // A symlinked folder on the way counts too, existing target or not.
        let linked = root.join("annotations/linked");
        symlink(&outside, &linked).unwrap();
        assert!(check_annotation_file(&linked.join("b.txt.json")).is_err());
        symlink(outside.join("gone"), root.join("annotations/gone")).unwrap();
        assert!(check_annotation_file(&root.join("annotations/gone/c.txt.json")).is_err());
    }

    #[test]
    fn an_article_from_the_file_is_read_only_inside_the_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("annotations")).unwrap();
        std::fs::create_dir_all(root.join("samples")).unwrap();
        std::fs::write(root.join("samples/a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        let file = root.join("annotations/samples/a.txt.json");
        check_article(&paths(&root.join("samples/a.txt"), &file, false)).unwrap();
        let outside = dir.path().join("secret.txt");
        assert!(check_article(&paths(&outside, &file, false)).is_err());
        check_article(&paths(&outside, &file, true)).unwrap();
        // A symlink inside the tree that leads out is outside.
        symlink(&outside, root.join("samples/link.txt")).unwrap();
        assert!(check_article(&paths(&root.join("samples/link.txt"), &file, false)).is_err());
        // The annotation file is never its own article.
        assert!(check_article(&paths(&file, &file, false)).is_err());
    }

    #[test]
    fn same_file_sees_links() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, "x").unwrap();
        std::fs::hard_link(&a, dir.path().join("h")).unwrap();
        symlink(&a, dir.path().join("s")).unwrap();
        assert!(same_file(&a, &dir.path().join("h")));
        assert!(same_file(&a, &dir.path().join("s")));
        assert!(!same_file(&a, &dir.path().join("missing")));
    }
}
