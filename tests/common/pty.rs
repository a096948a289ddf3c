//! Running the real `margin` binary in a pseudo-terminal, with a terminal
//! emulator (vt100) reading its output: what a user's terminal would show and
//! do (title changes, clipboard writes, bells) is recorded for the tests.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::Workspace;

/// What the emulated terminal was asked to do besides drawing.
#[derive(Default, Debug)]
pub struct Recorder {
    pub titles: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
    pub bells: usize,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub parser: Arc<Mutex<vt100::Parser<Recorder>>>,
    /// Every byte the program wrote, for checks on the raw stream.
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    /// Starts `margin ARGS…` in `ws` on a `cols` × `rows` terminal.
    pub fn spawn(ws: &Workspace, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_with_env(ws, args, cols, rows, &[])
    }

    pub fn spawn_with_env(
        ws: &Workspace,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        Pty::spawn_program(ws, env!("CARGO_BIN_EXE_margin"), args, cols, rows, env)
    }

    /// Starts `program ARGS…` (a wrapper that runs margin in the end) with
    /// margin's test environment.
    pub fn spawn_program(
        ws: &Workspace,
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(ws.path());
        cmd.env("HOME", ws.join("home"));
        cmd.env("XDG_CONFIG_HOME", ws.join("home/.config"));
        cmd.env("XDG_DATA_HOME", ws.join("home/.local/share"));
        cmd.env("USER", "tester");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
            Recorder::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
        }
    }

    /// Types `bytes` as a terminal would send them.
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // A lone ESC followed at once by more bytes would read as Alt-key.
        std::thread::sleep(Duration::from_millis(if bytes.ends_with('\u{1b}') {
            120
        } else {
            30
        }));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle`; panics with the screen if not.
    pub fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{needle:?} never showed; the screen:\n{}", self.screen());
    }

    /// Waits for the program to end; its exit code (`None`: still running).
    pub fn wait_exit(&mut self) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().unwrap() as i32;
        // SAFETY: kill has no memory effects; the pid is our own child.
        unsafe {
            libc::kill(pid, signal);
        }
    }

    /// Whether the terminal is back as it was: main screen, cursor shown, no
    /// mouse reporting or bracketed paste, and the line discipline cooked again.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
        let fd = self.master.as_raw_fd().unwrap();
        // SAFETY: tcgetattr fills the struct we own; fd is the live pty master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        assert!(
            t.c_lflag & libc::ICANON != 0,
            "raw mode left on (no ICANON)"
        );
        assert!(t.c_lflag & libc::ECHO != 0, "raw mode left on (no ECHO)");
    }
}

impl Drop for Pty {
    /// A failed test must not leave its margin running.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Key names as a terminal sends them.
pub const ESC: &str = "\u{1b}";
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";

pub fn ctrl(c: char) -> String {
    char::from((c as u8) & 0x1f).to_string()
}
