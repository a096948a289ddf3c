//! The README's key table is the keymap table: every binding appears on one
//! line of it with its keys and its help text, so the two cannot drift.

use margin::app::keymap::{BINDINGS, Keymap};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's rendering of one binding's keys: `` `j` `↓` ``.
fn keys_cell(keys: &[margin::app::keymap::Chord]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_binding_is_in_the_readme_with_its_keys_and_help() {
    let readme = readme();
    let keymap = Keymap::default();
    let mut missing = Vec::new();
    for (binding, keys) in keymap.bindings() {
        let cell = keys_cell(keys);
        let line = format!("| {cell} | {} |", binding.help);
        if !readme.lines().any(|l| l.ends_with(&line)) {
            missing.push(line);
        }
    }
    assert!(
        missing.is_empty(),
        "README lacks these key rows:\n{}",
        missing.join("\n")
    );
    assert_eq!(BINDINGS.len(), keymap.bindings().count());
}

/// `cargo test --test readme_keys -- --ignored --nocapture` prints the table.
#[test]
#[ignore]
fn print_the_table() {
    let keymap = Keymap::default();
    let mut last = None;
    println!("| where | keys | action |\n| --- | --- | --- |");
    for (binding, keys) in keymap.bindings() {
        let context = if last == Some(binding.context) {
            ""
        } else {
            binding.context.title()
        };
        last = Some(binding.context);
        println!("| {context} | {} | {} |", keys_cell(keys), binding.help);
    }
}

#[test]
fn the_readme_names_every_action_and_its_example_config_is_valid() {
    let readme = readme();
    for b in BINDINGS {
        let shown =
            !b.name.starts_with("verdict_") || b.name == "verdict_1" || b.name == "verdict_9";
        if shown {
            assert!(
                readme.contains(&format!("`{}`", b.name)),
                "README lacks action {}",
                b.name
            );
        }
    }
    let start = readme.find("[keys]\n").unwrap();
    let end = start + readme[start..].find("```").unwrap();
    let config =
        margin::config::Config::parse(std::path::Path::new("README.md"), &readme[start..end])
            .unwrap();
    Keymap::new(&config.keys).unwrap();
}
