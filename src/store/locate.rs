//! Finding files: which annotation file belongs to an article (and the other way
//! round), and which articles and annotation files lie under a folder.

use std::path::{Component, Path, PathBuf};

use super::StoreError;

/// The name of the workspace folder that holds annotation files.
pub const ANNOTATIONS_DIR: &str = "annotations";

/// Suffix of an annotation file kept beside its article.
pub const SIDECAR_SUFFIX: &str = ".annotations.json";

/// An article and the annotation file that belongs to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Paths {
    pub article: PathBuf,
    pub annotations: PathBuf,
    /// Whether the user named the article (on the command line, or by opening a
    /// folder holding it). `false`: the path came from the annotation file's
    /// `article.path`, which is read only inside the file's tree (see
    /// [`super::confine`]).
    pub article_named: bool,
}

/// The annotation file for `article`, by the three rules of the design: an explicit
/// file; the nearest `annotations/` folder in the article's folder or an ancestor;
/// a sidecar beside the article.
pub fn for_article(article: &Path, explicit: Option<&Path>) -> Paths {
    if let Some(file) = explicit {
        return Paths {
            article: article.to_owned(),
            annotations: file.to_owned(),
            article_named: true,
        };
    }
    let absolute = absolute(article);
    let in_workspace = absolute.parent().and_then(|folder| {
        within_repository(folder).find_map(|dir| {
            let candidate = dir.join(ANNOTATIONS_DIR);
            if !candidate.is_dir() {
                return None;
            }
            let relative = absolute.strip_prefix(dir).ok()?;
            // An article inside the annotations folder itself is not a workspace article.
            if relative.starts_with(ANNOTATIONS_DIR) {
                return None;
            }
            let mut name = relative.as_os_str().to_owned();
            name.push(".json");
            Some(candidate.join(name))
        })
    });
    let annotations = in_workspace.unwrap_or_else(|| {
        let mut name = article.file_name().unwrap_or_default().to_owned();
        name.push(SIDECAR_SUFFIX);
        article.with_file_name(name)
    });
    Paths {
        article: article.to_owned(),
        annotations: display_form(&annotations),
        article_named: true,
    }
}

/// `folder` and its ancestors up to the root of the git repository holding it
/// (the folder with `.git`), or all of them outside a repository: an
/// `annotations/` folder above a clone is not the clone's to write into.
pub(super) fn within_repository(folder: &Path) -> impl Iterator<Item = &Path> {
    let mut done = false;
    folder.ancestors().take_while(move |dir| {
        let take = !done;
        done = dir.join(".git").exists();
        take
    })
}

/// Whether `path` names an annotation file rather than an article.
pub fn is_annotation_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
}

/// Whether `path` names an article margin reviews (`.txt`, `.md`, and saved
/// web pages, `.html` and `.htm`).
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "txt" || e == "md" || e == "markdown")
        || crate::page::is_web_page(path)
}

/// An article or an annotation file given by the user, as both paths.
pub fn resolve_input(path: &Path, explicit: Option<&Path>) -> Result<Paths, StoreError> {
    if is_annotation_file(path) && explicit.is_none() {
        let file = super::load_file(path)?;
        return Ok(Paths {
            article: article_of(path, &file.article.path),
            annotations: path.to_owned(),
            article_named: false,
        });
    }
    Ok(for_article(path, explicit))
}

/// The article an annotation file names, relative to the annotation file's folder.
pub fn article_of(annotation_file: &Path, article_path: &str) -> PathBuf {
    let folder = annotation_file.parent().unwrap_or(Path::new(""));
    normalise(&folder.join(article_path))
}

/// `article.path` as written into an annotation file: the article relative to the
/// annotation file's folder, with `/` separators. A path that is not valid UTF-8
/// cannot be written into JSON text without changing it (and then never being
/// found again), so it is refused: the user renames the file.
pub fn relative_article_path(annotation_file: &Path, article: &Path) -> Result<String, StoreError> {
    let folder = match annotation_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let from = absolute(folder);
    let to = absolute(article);
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.len().saturating_sub(common);
    let mut parts: Vec<&str> = vec![".."; ups];
    for part in to_parts.iter().skip(common) {
        let Some(name) = part.as_os_str().to_str() else {
            return Err(StoreError::Refused {
                path: article.to_owned(),
                problem: "the file name is not valid UTF-8, which an annotation file cannot record; rename it".to_owned(),
            });
        };
        parts.push(name);
    }
    Ok(parts.join("/"))
}

/// Every article and annotation file under `folder`, one entry per annotation file,
/// sorted by article path. Hidden folders, `target` and `node_modules` are skipped.
pub fn walk(folder: &Path) -> Result<Vec<Paths>, StoreError> {
    let mut found = Vec::new();
    let mut siblings = std::collections::HashMap::new();
    let entries = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_type().is_dir() && {
                    let name = e.file_name().to_string_lossy();
                    name.starts_with('.') || name == "target" || name == "node_modules"
                })
        });
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::Io {
            path: e.path().unwrap_or(folder).to_owned(),
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let inside_annotations = path
            .strip_prefix(folder)
            .ok()
            .is_some_and(|rel| rel.components().any(|c| c.as_os_str() == ANNOTATIONS_DIR))
            || folder.file_name().is_some_and(|n| n == ANNOTATIONS_DIR);
        if is_annotation_file(path)
            && (inside_annotations || path.to_string_lossy().ends_with(SIDECAR_SUFFIX))
        {
            found.push(resolve_input(path, None)?);
        } else if is_article(path) && !inside_annotations {
            found.push(beside_a_sibling(path, &mut siblings));
        }
    }
    found.sort_by(|a, b| a.article.cmp(&b.article));
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(absolute(&p.annotations)));
    Ok(found)
}

/// [`for_article`] for an article of a walked folder, at the cost of one look
/// up the folder's ancestors per folder rather than per article: the rules
/// depend only on the folder, so siblings keep their annotation files side
/// by side (a folder of 5,000 articles opens without 10,000 failed `stat`s).
fn beside_a_sibling(
    article: &Path,
    siblings: &mut std::collections::HashMap<PathBuf, Paths>,
) -> Paths {
    let folder = article.parent().unwrap_or(Path::new("")).to_owned();
    let derived = siblings.get(&folder).and_then(|first| {
        let sidecar = first
            .annotations
            .to_string_lossy()
            .ends_with(SIDECAR_SUFFIX);
        let mut name = article.file_name()?.to_owned();
        name.push(if sidecar { SIDECAR_SUFFIX } else { ".json" });
        let mut paths = first.clone();
        paths.annotations = first.annotations.parent()?.join(name);
        paths.article = article.to_owned();
        Some(paths)
    });
    derived.unwrap_or_else(|| {
        let paths = for_article(article, None);
        siblings.insert(folder, paths.clone());
        paths
    })
}

/// The articles named on a command line: folders are walked, annotation files name
/// their article, anything else is an article. Missing paths are an error. An
/// article named on the command line counts as named for the annotation files
/// that name it too.
pub fn gather(paths: &[PathBuf]) -> Result<Vec<Paths>, StoreError> {
    let mut out: Vec<Paths> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                StoreError::Article(crate::text::ArticleError::NotFound { path: path.clone() })
            }
            _ => StoreError::io(path, e),
        })?;
        if meta.is_dir() {
            out.extend(walk(path)?);
        } else {
            out.push(resolve_input(path, None)?);
        }
    }
    let named: Vec<&PathBuf> = paths.iter().filter(|p| !is_annotation_file(p)).collect();
    for p in &mut out {
        if !p.article_named {
            p.article_named = named
                .iter()
                .any(|n| super::confine::same_file(n, &p.article));
        }
    }
    Ok(out)
}

/// `path` made absolute and normalised, without resolving symlinks.
pub(super) fn absolute(path: &Path) -> PathBuf {
    normalise(&std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
}

/// Removes `.` and folds `..` lexically, so `annotations/samples/../../samples/a.txt`
/// reads `samples/a.txt`.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// A path relative to the current folder when it lies under it; as given otherwise.
fn display_form(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_owned();
    };
    let abs = absolute(path);
    abs.strip_prefix(&cwd).map(Path::to_owned).unwrap_or(abs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "text").unwrap();
    }

    #[test]
    fn explicit_file_wins() {
        let p = for_article(Path::new("a.txt"), Some(Path::new("x.json")));
        assert_eq!(p.annotations, Path::new("x.json"));
    }

    #[test]
    fn nearest_annotations_folder_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("annotations")).unwrap();
        let article = root.join("samples/deep/a.txt");
        touch(&article);
        let p = for_article(&article, None);
        assert_eq!(
            absolute(&p.annotations),
            absolute(&root.join("annotations/samples/deep/a.txt.json"))
        );
        // A nearer annotations folder wins.
        std::fs::create_dir_all(root.join("samples/annotations")).unwrap();
        let p = for_article(&article, None);
        assert_eq!(
            absolute(&p.annotations),
            absolute(&root.join("samples/annotations/deep/a.txt.json"))
        );
    }

    #[test]
    fn the_search_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("annotations")).unwrap();
        std::fs::create_dir_all(root.join("clone/.git")).unwrap();
        let article = root.join("clone/samples/a.txt");
        touch(&article);
        let p = for_article(&article, None);
        assert_eq!(
            absolute(&p.annotations),
            absolute(&root.join("clone/samples/a.txt.annotations.json"))
        );
        std::fs::create_dir_all(root.join("clone/annotations")).unwrap();
        let p = for_article(&article, None);
        assert_eq!(
            absolute(&p.annotations),
            absolute(&root.join("clone/annotations/samples/a.txt.json"))
        );
    }

    #[test]
    fn sidecar_when_no_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("b.md");
        touch(&article);
        let p = for_article(&article, None);
        assert_eq!(
            absolute(&p.annotations),
            absolute(&dir.path().join("b.md.annotations.json"))
        );
    }

    #[test]
    fn relative_article_paths_go_up_and_down() {
        assert_eq!(
            relative_article_path(
                Path::new("/w/annotations/samples/a.txt.json"),
                Path::new("/w/samples/a.txt")
            )
            .unwrap(),
            "../../samples/a.txt"
        );
        assert_eq!(
            relative_article_path(
                Path::new("/w/a.txt.annotations.json"),
                Path::new("/w/a.txt")
            )
            .unwrap(),
            "a.txt"
        );
        assert_eq!(
            article_of(
                Path::new("annotations/samples/a.txt.json"),
                "../../samples/a.txt"
            ),
            Path::new("samples/a.txt")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_refused_not_mangled() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        let err = relative_article_path(Path::new("/w/x.json"), &Path::new("/w").join(name));
        assert!(matches!(err, Err(StoreError::Refused { .. })), "{err:?}");
    }

    #[test]
    fn walk_finds_articles_and_orphaned_annotation_files_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("annotations/samples")).unwrap();
        touch(&root.join("samples/a.txt"));
        touch(&root.join("samples/b.md"));
        touch(&root.join("samples/.hidden/c.txt"));
        touch(&root.join("samples/notes.json"));
        let found = walk(&root.join("samples")).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| {
                p.article
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.md"]);
    }
}
