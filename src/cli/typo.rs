//! `margin lsit`: a first argument that names no file but is one typo away
//! from a command gets "did you mean `list`?" instead of "no such file".

use std::path::Path;

use clap::CommandFactory;

/// The command `first` was probably meant to be, when `first` is not a path
/// that exists and is within two edits (a swap counts as one) of a command.
pub fn meant_command(first: &Path) -> Option<String> {
    if first.exists() {
        return None;
    }
    let word = first.to_str()?;
    if word.contains(['/', '.']) || word.is_empty() {
        return None;
    }
    let command = super::Cli::command();
    closest(word, command.get_subcommands().map(|c| c.get_name()))
}

fn closest<'a>(word: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    names
        .map(|name| (strsim::damerau_levenshtein(word, name), name))
        .filter(|(distance, name)| *distance <= 2 && *distance < name.len() / 2 + 1)
        .min()
        .map(|(_, name)| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_find_their_command() {
        let names = ["list", "check", "export", "add", "merge", "meta"];
        let near = |w: &str| closest(w, names.iter().copied());
        assert_eq!(near("lsit").as_deref(), Some("list"));
        assert_eq!(near("exprot").as_deref(), Some("export"));
        assert_eq!(near("chekc").as_deref(), Some("check"));
        assert_eq!(near("article"), None);
        assert_eq!(
            near("xyz"),
            None,
            "too far from add for a three-letter word"
        );
    }

    #[test]
    fn real_paths_and_file_names_are_left_alone() {
        assert_eq!(meant_command(Path::new("lsit.txt")), None);
        assert_eq!(meant_command(Path::new("samples/lsit")), None);
        assert_eq!(meant_command(Path::new("src")), None, "an existing folder");
        assert_eq!(meant_command(Path::new("lsit")).as_deref(), Some("list"));
    }
}
