//! The README shows what the program does, made by the program: its key table
//! is the keymap's, and its screen capture is the real screen drawn by the
//! app. `MARGIN_BLESS_README=1 cargo test --test readme` rewrites both. Every
//! `margin` command of its examples runs on a copy of the samples.

mod common;

use std::path::Path;

use margin::app::{App, Msg, script};
use margin::config::Config;
use margin::keymap::{BINDINGS, Chord, HelpRow, Keymap};
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const KEYS_HEADER: &str = "| where | keys | action |\n| --- | --- | --- |\n";
const CAPTURE_COMMAND: &str = "$ margin samples/putin-meets-choe-son-hui.txt      # then ] ] ]\n";
const SAMPLE: &str = "putin-meets-choe-son-hui.txt";

fn readme() -> String {
    std::fs::read_to_string(README).unwrap()
}

/// The README's rendering of one binding's keys: `` `j` `↓` ``.
fn keys_cell(keys: &[Chord]) -> String {
    let cells: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    cells.join(" ")
}

/// The key table, as the help overlay lists it.
fn key_table() -> String {
    let keymap = Keymap::default();
    let mut out = String::from(KEYS_HEADER);
    let mut title = "";
    for row in keymap.help_rows() {
        match row {
            HelpRow::Title(context) => title = context.title(),
            HelpRow::Key(binding, keys) => {
                out.push_str(&format!(
                    "| {title} | {} | {} |\n",
                    keys_cell(keys),
                    binding.help
                ));
                title = "";
            }
            HelpRow::Blank => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The review screen over the sample and its finished review, after `] ] ]`.
fn capture() -> String {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("samples")).unwrap();
    std::fs::create_dir_all(dir.path().join("annotations/samples")).unwrap();
    std::fs::copy(
        root.join("samples").join(SAMPLE),
        dir.path().join("samples").join(SAMPLE),
    )
    .unwrap();
    let ann = format!("annotations/samples/{SAMPLE}.json");
    std::fs::copy(root.join(&ann), dir.path().join(&ann)).unwrap();
    let config = Config {
        reviewer: "tester".into(),
        no_color: true,
        ..Config::default()
    };
    let paths = vec![locate::for_article(
        &dir.path().join("samples").join(SAMPLE),
        None,
    )];
    let mut app = App::new(config, Keymap::default(), paths).unwrap();
    let (w, h) = (100, 27);
    app.update(Msg::Resize(w, h));
    for k in script::keys("] ] ]").unwrap() {
        app.update(Msg::Key(k));
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| margin::ui::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::from(CAPTURE_COMMAND);
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The README's block that starts with `start` and ends at `end` (excluded),
/// replaced by `expected` when blessing; whether it matched.
fn check_block(readme: &mut String, start: &str, end: &str, expected: &str) -> bool {
    let from = readme
        .find(start)
        .unwrap_or_else(|| panic!("README lacks {start:?}"));
    let to = from + readme[from..].find(end).unwrap();
    if readme[from..to] == *expected {
        return true;
    }
    readme.replace_range(from..to, expected);
    false
}

#[test]
fn the_key_table_and_the_screen_capture_are_made_by_the_program() {
    let mut text = readme();
    let keys_ok = check_block(&mut text, KEYS_HEADER, "\n\n", &key_table());
    let capture_ok = check_block(&mut text, CAPTURE_COMMAND, "```", &capture());
    if std::env::var_os("MARGIN_BLESS_README").is_some() {
        std::fs::write(README, &text).unwrap();
        return;
    }
    assert!(
        keys_ok,
        "the README's key table differs from the keymap:\n{}",
        key_table()
    );
    assert!(
        capture_ok,
        "the README's screen capture differs from the screen:\n{}",
        capture()
    );
}

#[test]
fn the_readme_names_every_action_and_its_example_config_is_valid() {
    let readme = readme();
    for b in BINDINGS {
        let numbered = ["verdict_", "pick_verdict_", "settle_"]
            .iter()
            .any(|p| b.name.starts_with(p) && !b.name.ends_with('1') && !b.name.ends_with('9'));
        if !numbered {
            assert!(
                readme.contains(&format!("`{}`", b.name)),
                "README lacks action {}",
                b.name
            );
        }
    }
    let start = readme.find("[keys]\n").unwrap();
    let end = start + readme[start..].find("```").unwrap();
    let config = Config::parse(Path::new("README.md"), &readme[start..end]).unwrap();
    Keymap::new(&config.keys).unwrap();
}

/// The README's list of commands (the fenced block under `## Commands`).
fn commands_block(readme: &str) -> &str {
    let section = &readme[readme.find("## Commands").unwrap()..];
    let start = section.find("```\n").unwrap() + 4;
    let end = start + section[start..].find("```").unwrap();
    &section[start..end]
}

#[test]
fn the_readme_lists_every_subcommand_of_the_help() {
    use clap::CommandFactory;
    let readme = readme();
    let block = commands_block(&readme);
    let cli = margin::cli::Cli::command();
    let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
    assert!(names.contains(&"list"), "subcommands: {names:?}");
    for name in names {
        assert!(
            block.contains(&format!("margin {name}")),
            "the README's command list lacks `margin {name}`:\n{block}"
        );
    }
}

/// Every `margin` command of the README's `sh` examples, in order: a line
/// that starts with `$ margin` (with the lines its `\\` continues) or with
/// `margin `, without a trailing `# comment` and without what it pipes into.
fn example_commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending: Option<String> = None;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = line.trim_end();
        let command = match pending.take() {
            Some(start) => format!("{start} {}", line.trim_start()),
            None if line.starts_with("$ margin ") => line[2..].to_owned(),
            None if line.starts_with("margin ") => line.to_owned(),
            None => continue,
        };
        if let Some(start) = command.strip_suffix('\\') {
            pending = Some(start.trim_end().to_owned());
            continue;
        }
        let command = command.split(" # ").next().unwrap();
        let command = command.split(" | ").next().unwrap();
        out.push(command.trim().to_owned());
    }
    out
}

#[test]
fn every_margin_command_of_the_readme_examples_runs_on_the_samples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws = common::Workspace::new();
    for folder in ["samples", "annotations/samples"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            ws.write(&format!("{folder}/{name}"), std::fs::read(&path).unwrap());
        }
    }
    let page = "tests/fixtures/bridge.html";
    ws.write(page, std::fs::read(root.join(page)).unwrap());
    let commands = example_commands(&readme());
    assert!(commands.len() >= 15, "{commands:#?}");
    for command in &commands {
        let words = shlex::split(command).unwrap();
        assert_eq!(words[0], "margin", "{command}");
        // As a reviewer new to the samples, as a reader trying them is.
        let out = ws.margin().args(&words[1..]).output().unwrap();
        // 0, or 1 for problems found (a failed date check, an orphan): never
        // 2, an unknown file, id or option.
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "`{command}` exits {code:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
