//! Annotation ids on the command line: any unique prefix names an annotation,
//! as git takes a commit's, and the log shows each id by its shortest unique
//! prefix of at least eight characters.

use std::collections::HashMap;

/// The one id in `ids` that starts with `prefix`.
pub(super) fn resolve<'a>(
    prefix: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<&'a str, String> {
    if prefix.is_empty() {
        return Err("--id is empty".to_owned());
    }
    let mut matches: Vec<&str> = ids
        .into_iter()
        .filter(|id| id.starts_with(prefix))
        .collect();
    matches.sort_unstable();
    matches.dedup();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("--id {prefix:?}: no annotation has this id")),
        many => Err(format!(
            "--id {prefix:?}: {} annotations start with it ({}); give more of the id",
            many.len(),
            many.iter()
                .take(5)
                .map(|id| short(id, 12))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// How short a shown id may get: ids are UUID v7, whose first characters are
/// a timestamp, so fewer would rarely be unique and would look alike.
/// Opens the annotation file of `article` (or `annotations`) for a change to
/// one annotation, named by any unique prefix of its id: the document and the
/// annotation's whole id. Errors name the file.
pub(super) fn open_annotation(
    article: &std::path::Path,
    annotations: Option<&std::path::Path>,
    prefix: &str,
) -> anyhow::Result<(crate::store::Document, String)> {
    let paths = crate::store::locate::resolve_input(article, annotations)?;
    let doc = crate::store::Document::open(paths)?;
    let file_name = crate::safe_text::path(&doc.paths.annotations);
    let id = resolve(prefix, doc.file.annotations.iter().map(|a| a.id.as_str()))
        .map_err(|e| anyhow::anyhow!("{file_name}: {}", crate::safe_text::inline(&e)))?
        .to_owned();
    Ok((doc, id))
}

pub(super) const SHORTEST: usize = 8;

/// Each id's shortest prefix (at least `min` characters) that no other id shares.
pub(super) fn shortest_unique(ids: &[&str], min: usize) -> HashMap<String, String> {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut out = HashMap::new();
    for (i, id) in sorted.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| sorted.get(j));
        let after = sorted.get(i + 1);
        let shared = [before, after]
            .into_iter()
            .flatten()
            .map(|other| common(id, other))
            .max()
            .unwrap_or(0);
        out.insert((*id).to_owned(), short(id, min.max(shared + 1)));
    }
    out
}

fn short(id: &str, chars: usize) -> String {
    id.chars().take(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 3] = [
        "0196f0c2-aaaa-7000-8000-000000000001",
        "0196f0c2-bbbb-7000-8000-000000000002",
        "0197ffff-0000-7000-8000-000000000003",
    ];

    #[test]
    fn a_unique_prefix_names_its_annotation() {
        assert_eq!(resolve("0197", IDS), Ok(IDS[2]));
        assert_eq!(resolve("0196f0c2-b", IDS), Ok(IDS[1]));
        assert_eq!(resolve(IDS[0], IDS), Ok(IDS[0]));
    }

    #[test]
    fn an_ambiguous_or_unknown_prefix_is_an_error_that_says_which() {
        let err = resolve("0196", IDS).unwrap_err();
        assert!(err.contains("2 annotations start with it"), "{err}");
        assert!(err.contains("0196f0c2-aaa"), "{err}");
        assert!(resolve("x", IDS).unwrap_err().contains("no annotation"));
        assert!(resolve("", IDS).is_err());
    }

    #[test]
    fn short_ids_grow_only_where_ids_share_a_start() {
        let short = shortest_unique(&IDS, 8);
        assert_eq!(short[IDS[0]], "0196f0c2-a");
        assert_eq!(short[IDS[1]], "0196f0c2-b");
        assert_eq!(short[IDS[2]], "0197ffff");
    }
}
