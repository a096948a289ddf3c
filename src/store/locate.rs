//! Finding files: which annotation file belongs to an article (and the other way
//! round), and which articles and annotation files lie under a folder.

use std::path::{Component, Path, PathBuf};

use super::StoreError;

/// The name of the workspace folder that holds annotation files.
pub const ANNOTATIONS_DIR: &str = "annotations";

/// Suffix of an annotation file kept beside its article.
pub const SIDECAR_SUFFIX: &str = ".annotations.json";

/// An article and the annotation file that belongs to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Paths {
    pub article: PathBuf,
    pub annotations: PathBuf,
}

/// The annotation file for `article`, by the three rules of the design: an explicit
/// file; the nearest `annotations/` folder in the article's folder or an ancestor;
/// a sidecar beside the article.
pub fn for_article(article: &Path, explicit: Option<&Path>) -> Paths {
    if let Some(file) = explicit {
        return Paths {
            article: article.to_owned(),
            annotations: file.to_owned(),
        };
    }
    let absolute = absolute(article);
    let in_workspace = absolute.parent().and_then(|folder| {
        folder.ancestors().find_map(|dir| {
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
    }
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
/// annotation file's folder, with `/` separators.
pub fn relative_article_path(annotation_file: &Path, article: &Path) -> String {
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
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        to_parts
            .iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Every article and annotation file under `folder`, one entry per annotation file,
/// sorted by article path. Hidden folders, `target` and `node_modules` are skipped.
pub fn walk(folder: &Path) -> Result<Vec<Paths>, StoreError> {
    let mut found = Vec::new();
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
            found.push(for_article(path, None));
        }
    }
    found.sort_by(|a, b| a.article.cmp(&b.article));
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(absolute(&p.annotations)));
    Ok(found)
}

/// The articles named on a command line: folders are walked, annotation files name
/// their article, anything else is an article. Missing paths are an error.
pub fn gather(paths: &[PathBuf]) -> Result<Vec<Paths>, StoreError> {
    let mut out = Vec::new();
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
    Ok(out)
}

fn absolute(path: &Path) -> PathBuf {
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
            ),
            "../../samples/a.txt"
        );
        assert_eq!(
            relative_article_path(
                Path::new("/w/a.txt.annotations.json"),
                Path::new("/w/a.txt")
            ),
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
