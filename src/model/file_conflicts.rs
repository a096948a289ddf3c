//! A file's file-level merge conflicts (`article.title`, a field margin does
//! not know at the top level, …): the values such a field has, and keeping
//! one of them. The other sides' values stay in the file's `conflicts` until
//! one is kept.

use serde_json::Value;

use super::{AnnotationFile, ArticleMeta, Extra};

/// Top-level names that are the file's own, never a field to set from a
/// conflict entry (a hand-made entry may name them).
const FILE_OWN: [&str; 4] = ["format", "article", "conflicts", "annotations"];

/// Everything of an annotation file but its format and annotations: what
/// settling a file-level conflict changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFields {
    pub article: ArticleMeta,
    pub extra: Extra,
    pub conflicts: Vec<Value>,
}

impl FileFields {
    pub fn of(file: &AnnotationFile) -> FileFields {
        FileFields {
            article: file.article.clone(),
            extra: file.extra.clone(),
            conflicts: file.conflicts.clone(),
        }
    }

    /// Puts these fields into `file`.
    pub fn apply_to(&self, file: &mut AnnotationFile) {
        file.article.clone_from(&self.article);
        file.extra.clone_from(&self.extra);
        file.conflicts.clone_from(&self.conflicts);
    }
}

impl AnnotationFile {
    /// The values file-level field `field` (as [`AnnotationFile::conflicting_fields`]
    /// names it) has: the one in the file first, then each other side's
    /// value a merge kept, in order. `Null` stands for no value.
    pub fn field_versions(&self, field: &str) -> Vec<Value> {
        let mut out = vec![self.field_value(field)];
        out.extend(
            self.conflicts
                .iter()
                .filter_map(|entry| value_in(entry, field))
                .cloned(),
        );
        out
    }

    fn field_value(&self, field: &str) -> Value {
        let value = match field.strip_prefix("article.") {
            Some(name) => serde_json::to_value(&self.article)
                .ok()
                .and_then(|v| v.get(name).cloned()),
            None => self.extra.get(field).cloned(),
        };
        value.unwrap_or(Value::Null)
    }

    /// The file-level fields once version `pick` of
    /// [`AnnotationFile::field_versions`] is kept: `field` set to it, and
    /// every other value of it dropped from `conflicts`. `None` when there is
    /// no such version, or it cannot be that field's value (a number for the
    /// article's path, a field that is the file's own).
    pub fn keeping_field_version(&self, field: &str, pick: usize) -> Option<FileFields> {
        let value = self.field_versions(field).get(pick)?.clone();
        let mut fields = FileFields::of(self);
        match field.strip_prefix("article.") {
            Some(name) => {
                let Ok(Value::Object(mut map)) = serde_json::to_value(&fields.article) else {
                    return None;
                };
                // The article's fields are omitted when empty: no value is none.
                if value.is_null() {
                    map.remove(name);
                } else {
                    map.insert(name.to_owned(), value);
                }
                fields.article = serde_json::from_value(Value::Object(map)).ok()?;
            }
            None if FILE_OWN.contains(&field) => return None,
            None if value.is_null() => {
                fields.extra.remove(field);
            }
            None => {
                fields.extra.insert(field.to_owned(), value);
            }
        }
        drop_field(&mut fields.conflicts, field);
        Some(fields)
    }
}

/// Field `field`'s value in one entry of the file's `conflicts`.
fn value_in<'a>(entry: &'a Value, field: &str) -> Option<&'a Value> {
    match field.strip_prefix("article.") {
        Some(name) => entry.get("article")?.as_object()?.get(name),
        None => entry.as_object()?.get(field),
    }
}

/// Drops `field` from every entry of `conflicts`, and entries left empty.
pub(super) fn drop_field(conflicts: &mut Vec<Value>, field: &str) {
    for entry in conflicts.iter_mut().filter_map(Value::as_object_mut) {
        match field.strip_prefix("article.") {
            Some(name) => {
                if let Some(article) = entry.get_mut("article").and_then(Value::as_object_mut) {
                    article.remove(name);
                    if article.is_empty() {
                        entry.remove("article");
                    }
                }
            }
            None => {
                entry.remove(field);
            }
        }
    }
    conflicts.retain(|e| e.as_object().is_none_or(|o| !o.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> AnnotationFile {
        let mut f = AnnotationFile::new(ArticleMeta {
            path: "a.txt".into(),
            title: "Ours".into(),
            ..ArticleMeta::default()
        });
        f.extra.insert("x-owner".into(), "desk".into());
        f.conflicts = vec![
            serde_json::json!({"article": {"title": "Theirs", "url": "https://b.example"}, "x-owner": "web"}),
            serde_json::json!({"article": {"title": "Third"}}),
        ];
        f
    }

    #[test]
    fn each_field_lists_the_files_value_then_each_other_sides() {
        let f = file();
        assert_eq!(
            f.field_versions("article.title"),
            ["Ours", "Theirs", "Third"]
        );
        assert_eq!(
            f.field_versions("article.url"),
            [Value::Null, Value::from("https://b.example")]
        );
        assert_eq!(f.field_versions("x-owner"), ["desk", "web"]);
    }

    #[test]
    fn keeping_a_version_sets_it_and_drops_only_that_fields_other_values() {
        let f = file();
        let kept = f.keeping_field_version("article.title", 1).unwrap();
        assert_eq!(kept.article.title, "Theirs");
        assert_eq!(kept.article.path, "a.txt");
        assert_eq!(
            kept.conflicts,
            [serde_json::json!({"article": {"url": "https://b.example"}, "x-owner": "web"})]
        );
        let mut g = f.clone();
        kept.apply_to(&mut g);
        assert_eq!(g.conflicting_fields(), ["article.url", "x-owner"]);

        let none = f.keeping_field_version("article.url", 0).unwrap();
        assert_eq!(none.article.url, "", "keeping no value");
        let web = f.keeping_field_version("x-owner", 1).unwrap();
        assert_eq!(web.extra["x-owner"], "web");
        assert!(f.keeping_field_version("article.title", 3).is_none());
    }

    #[test]
    fn a_value_that_cannot_be_the_field_is_refused() {
        let mut f = file();
        f.conflicts = vec![serde_json::json!({"article": {"path": 3}, "annotations": []})];
        assert!(f.keeping_field_version("article.path", 1).is_none());
        assert!(f.keeping_field_version("annotations", 1).is_none());
        assert_eq!(f.conflicts.len(), 1, "nothing dropped");
    }
}
