//! Helpers shared by the command-line tests: an isolated workspace and a `margin`
//! command that cannot see the real user's configuration.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod pty;

/// Every `export --format` value.
pub const EXPORT_FORMATS: [&str; 6] = ["json", "jsonl", "csv", "markdown", "w3c", "claimreview"];

/// A temporary folder with its own HOME and XDG_CONFIG_HOME.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home/.config")).unwrap();
        Workspace { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.join(rel)).unwrap()
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }

    /// `margin ARGS…` run in this workspace with an isolated configuration.
    pub fn margin(&self) -> Command {
        let mut cmd = Command::cargo_bin("margin").unwrap();
        cmd.current_dir(self.path())
            .env("HOME", self.join("home"))
            .env("XDG_CONFIG_HOME", self.join("home/.config"))
            .env("USER", "tester")
            .env_remove("NO_COLOR");
        cmd
    }

    /// `margin add ARGS…` as reviewer `user`, which must succeed; returns the
    /// new annotation's id.
    pub fn add_as(&self, user: &str, args: &[&str]) -> String {
        let out = self
            .margin()
            .env("USER", user)
            .arg("add")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    pub fn config(&self, toml: &str) {
        self.write("home/.config/margin/config.toml", toml);
    }
}
