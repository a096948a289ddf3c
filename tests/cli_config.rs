//! `margin config` and the review screen read one configuration and refuse
//! what they cannot use, naming the file and line: stdout, stderr and exit
//! code are snapshotted together, one snapshot per test (as jj does).

mod common;

use common::Workspace;

/// `margin ARGS…` with `config` as the configuration file: its exit code,
/// stdout and stderr in one text, with the workspace's path made stable.
fn run(config: &str, args: &[&str]) -> String {
    let ws = Workspace::new();
    ws.config(config);
    ws.write("a.txt", "One claim here.\n");
    let out = ws.margin().args(args).output().unwrap();
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    text.replace(&ws.path().display().to_string(), "[ws]")
}

#[test]
fn an_unknown_action_is_named_with_its_line() {
    insta::assert_snapshot!(run(
        "reviewer = \"ana\"\n\n[keys]\nquit = \"Q\"\nnext_wrod = \"f\"\n",
        &["config"]
    ));
}

#[test]
fn a_key_on_two_actions_is_refused_before_the_review_screen_starts() {
    insta::assert_snapshot!(run("[keys]\nannotate = \"j\"\n", &["a.txt"]));
}

#[test]
fn a_binding_that_locks_the_reviewer_out_is_refused() {
    insta::assert_snapshot!(run("[keys]\nsave_annotation = \"e\"\n", &["config"]));
}

#[test]
fn an_unknown_colour_is_named_with_its_line() {
    let config = "[[verdicts]]\nkey = \"yes\"\nlabel = \"Yes\"\ncolor = \"blurple\"\n";
    insta::assert_snapshot!(run(config, &["config"]));
}
