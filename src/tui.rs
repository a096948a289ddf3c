//! The terminal runtime: sets the terminal up, turns terminal events into
//! messages for the app, draws, runs `$EDITOR`, and restores the terminal on
//! every way out: quit, Ctrl-C, SIGTERM/SIGHUP/SIGINT/SIGQUIT/SIGUSR1/SIGALRM
//! (and the other signals that end a process), a panic, and SIGBUS (the
//! memory-mapped article truncated underneath the session).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::app::{App, Msg, Request};
use crate::ui;

/// How often the app gets a tick while no key arrives.
const TICK: Duration = Duration::from_millis(200);
/// How often the annotation file loading in the background is looked for.
const LOADING_POLL: Duration = Duration::from_millis(2);

type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Runs the review screen until the reviewer quits or a signal asks to stop.
/// Everything is saved before it returns.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    // Every signal whose default action ends the process and that others may
    // send: each ends the session the same way, saved and restored.
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGUSR1,
        signal_hook::consts::SIGUSR2,
        signal_hook::consts::SIGALRM,
        signal_hook::consts::SIGVTALRM,
        signal_hook::consts::SIGPROF,
        signal_hook::consts::SIGXCPU,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot watch for signals")?;
    }
    fatal::install();
    install_panic_hook();
    let mut terminal = setup().context("cannot set up the terminal")?;
    let result = event_loop(&mut terminal, &mut app, &stop);
    let saved = app.finish();
    restore();
    // ratatui's drop shows the cursor again and reports a failure with
    // `eprintln!`, which panics when the terminal is gone; `restore` did it.
    std::mem::forget(terminal);
    result?;
    if let Some(failure) = app.failure.take() {
        anyhow::bail!(failure);
    }
    saved.map_err(|e| anyhow::anyhow!("could not save the annotations: {e}"))
}

fn event_loop(terminal: &mut Term, app: &mut App, stop: &AtomicBool) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let mut last_tick = Instant::now();
    loop {
        app.check_article();
        terminal.draw(|frame| ui::draw(frame, app))?;
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Changes shown by this frame are handed to the saver now, after the
        // reviewer sees them.
        if app.has_pending_save() {
            app.update(Msg::Tick);
        }
        let wait = if app.is_loading() {
            LOADING_POLL
        } else {
            TICK.saturating_sub(last_tick.elapsed())
        };
        if wait_for_input(wait) == Input::Gone {
            return Ok(());
        }
        // While the annotations load, look for them often but draw only when
        // they arrive or input comes: a frame is work the loader's core shares.
        while app.is_loading() && !input_waiting()? && !stop.load(Ordering::Relaxed) {
            if let Some(request) = app.update(Msg::Tick) {
                serve(terminal, app, request)?;
            }
            if app.is_loading() && wait_for_input(LOADING_POLL) == Input::Gone {
                return Ok(());
            }
        }
        // Take every event already waiting before drawing again, so a burst of
        // keys (a held key, a paste) never queues up behind frames.
        while input_waiting()? {
            if let Some(request) = app.update(to_msg(event::read()?)?) {
                serve(terminal, app, request)?;
            }
            if app.quit {
                break;
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            app.update(Msg::Tick);
        }
    }
}

/// Whether an event is ready to be read without waiting.
fn input_waiting() -> anyhow::Result<bool> {
    Ok(event::poll(Duration::ZERO)?)
}

#[derive(Debug, PartialEq, Eq)]
enum Input {
    Ready,
    Gone,
}

/// Waits up to `timeout` for input on the terminal. crossterm's own wait spins
/// forever on a terminal that has gone away (crossterm-rs/crossterm#793), so
/// the waiting is done here, where a hang-up can be seen. A resize shows up at
/// the next wake-up at the latest.
fn wait_for_input(timeout: Duration) -> Input {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(timeout.as_millis().min(100)).unwrap_or(100);
    // SAFETY: poll reads and writes only the one pollfd we pass.
    let ready = unsafe { libc::poll(&mut fd, 1, millis) };
    if ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::Gone
    } else {
        Input::Ready
    }
}

fn to_msg(event: Event) -> anyhow::Result<Msg> {
    Ok(match event {
        Event::Key(key) => Msg::Key(key),
        Event::Mouse(mouse) => Msg::Mouse(mouse),
        Event::Paste(text) => Msg::Paste(text),
        Event::Resize(w, h) => Msg::Resize(w, h),
        Event::FocusGained | Event::FocusLost => Msg::Tick,
    })
}

/// Does what the app asked for and hands back the result.
fn serve(terminal: &mut Term, app: &mut App, request: Request) -> anyhow::Result<()> {
    match request {
        Request::EditNote(note) => {
            restore();
            let edited = edit_in_editor(&note);
            enter()?;
            terminal.clear()?;
            app.update(Msg::NoteEdited(edited));
        }
    }
    Ok(())
}

/// Writes `note` to a temporary file, runs `$VISUAL`/`$EDITOR` (else `vi`) on
/// it and reads it back.
fn edit_in_editor(note: &str) -> Result<String, String> {
    let command = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let mut words = command.split_whitespace();
    let program = words.next().ok_or("$EDITOR is empty")?;
    let file = tempfile::Builder::new()
        .prefix("margin-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot make a temporary file: {e}"))?;
    std::fs::write(file.path(), note).map_err(|e| e.to_string())?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "{program} exited with {status}; the note is unchanged"
        ));
    }
    std::fs::read_to_string(file.path()).map_err(|e| e.to_string())
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

fn setup() -> io::Result<Term> {
    fatal::remember_terminal();
    enter()?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = io::stdout().flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGBUS cannot be survived (the mapped article is gone), but the terminal
/// can still be given back: the handler restores the saved terminal modes with
/// async-signal-safe calls only, says why, and exits.
mod fatal {
    use std::sync::OnceLock;

    static SAVED: OnceLock<libc::termios> = OnceLock::new();

    /// The escape sequences `restore` sends, as one constant write.
    const RESET: &[u8] =
        b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";
    const MESSAGE: &[u8] = b"margin: the article was truncated or removed while it was open; \
every saved annotation is on disk, the session has stopped\n";

    pub fn remember_terminal() {
        // SAFETY: tcgetattr writes into the zeroed struct we own and reports
        // failure through its return value.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0 {
                let _ = SAVED.set(t);
            }
        }
    }

    extern "C" fn on_sigbus(_: libc::c_int) {
        // SAFETY: write, tcsetattr and _exit are async-signal-safe; SAVED is
        // only read, and was set before the handler was installed or is empty.
        unsafe {
            libc::write(libc::STDOUT_FILENO, RESET.as_ptr().cast(), RESET.len());
            if let Some(t) = SAVED.get() {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
            }
            libc::write(libc::STDERR_FILENO, MESSAGE.as_ptr().cast(), MESSAGE.len());
            libc::_exit(3);
        }
    }

    pub fn install() {
        // SAFETY: the handler only makes async-signal-safe calls (see above).
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    }
}
