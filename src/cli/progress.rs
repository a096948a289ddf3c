//! Progress of a long command (`list`, `check`, `export` over thousands of
//! files; `agree`, `import`) on stderr: drawn only when stderr is a terminal,
//! the output is not `--json`, and the work has already taken a moment, so a
//! quick run, a pipe, a file or a script sees nothing extra. Messages printed
//! meanwhile go through `message`, which lifts the bar out of their way.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Work that ends sooner than this shows no bar at all.
const QUIET_FOR: Duration = Duration::from_millis(300);

/// A counter over `len` items that may draw itself on stderr.
pub(crate) struct Progress {
    bar: ProgressBar,
    /// Whether the bar may ever be drawn (stderr is a terminal, not `--json`).
    allowed: bool,
    started: Instant,
    shown: bool,
}

impl Progress {
    /// A counter of `len` items, `what` naming them (`files`, `articles`).
    /// `machine_output` (for example `--json`) keeps it hidden.
    pub(crate) fn new(len: usize, what: &str, machine_output: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(
            Some(u64::try_from(len).unwrap_or(u64::MAX)),
            ProgressDrawTarget::hidden(),
        );
        if let Ok(style) =
            ProgressStyle::with_template(&format!("{{bar:30}} {{pos}}/{{len}} {what} {{msg}}"))
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            allowed: may_draw(std::io::stderr().is_terminal(), machine_output),
            started: Instant::now(),
            shown: false,
        }
    }

    /// One more item done.
    pub(crate) fn inc(&mut self) {
        self.bar.inc(1);
        if !self.shown && self.allowed && self.started.elapsed() >= QUIET_FOR {
            self.shown = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Writes `line` to stderr without tearing the bar.
    pub(crate) fn message(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Removes the bar (if it was drawn); called when the work is done.
    pub(crate) fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// Whether a bar may be drawn at all.
fn may_draw(stderr_is_terminal: bool, machine_output: bool) -> bool {
    stderr_is_terminal && !machine_output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_on_a_terminal_and_never_for_machine_output() {
        assert!(may_draw(true, false));
        assert!(!may_draw(false, false), "a pipe or a file");
        assert!(!may_draw(true, true), "--json");
    }

    #[test]
    fn a_quick_run_is_never_drawn() {
        let mut p = Progress::new(3, "files", false);
        p.allowed = true;
        p.inc();
        assert!(!p.shown);
        p.started = Instant::now().checked_sub(QUIET_FOR).unwrap_or(p.started);
        p.inc();
        assert!(p.shown);
        assert_eq!(p.bar.position(), 2);
        p.finish();
    }
}
