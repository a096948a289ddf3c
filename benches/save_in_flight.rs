//! Exactly one path, frame by frame: with 10,000 annotations, a change made
//! while a save is in flight, and that save finding the file changed on disk
//! by another reviewer (so the session takes a merged copy back). Every frame
//! is one message for the app plus a 200×50 frame drawn into a `TestBackend`;
//! the budget is 16 ms (60 frames a second) for the slowest frame.
//! `cargo bench --bench save_in_flight` prints the median and the slowest.

use std::time::{Duration, Instant};

use margin::app::{App, Keymap, Msg, script};
use margin::config::Config;
use margin::model::AnnotationFile;
use margin::store::locate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod fixture;

const ROUNDS: usize = 15;
const BUDGET: Duration = Duration::from_millis(16);

/// CPU time this thread has used: what a frame costs, without the time the
/// thread waited for a core (the machine may be busy with other work).
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes only the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// One frame: the message, then the screen drawn; its wall-clock and CPU time.
fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>, msg: Msg) -> (Duration, Duration) {
    let (start, cpu) = (Instant::now(), thread_cpu());
    app.update(msg);
    terminal.draw(|f| margin::ui::draw(f, app)).unwrap();
    (start.elapsed(), thread_cpu() - cpu)
}

fn key(keys: &str) -> Msg {
    Msg::Key(script::keys(keys).unwrap()[0])
}

fn main() {
    let dir = fixture::article_with_10k_annotations(false);
    let article = dir.path().join("a.txt");
    let annotations = dir.path().join("a.txt.annotations.json");
    let config = Config {
        reviewer: "bench".into(),
        no_color: false,
        ..Config::default()
    };
    let paths = vec![locate::for_article(&article, None)];
    let mut app = App::new(config, Keymap::default(), paths).unwrap();
    app.update(Msg::Resize(200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    frame(&mut app, &mut terminal, key("<Tab>"));

    let mut frames: Vec<(Duration, Duration)> = Vec::new();
    let mut slowest_kind = String::new();
    for round in 0..ROUNDS {
        // Another reviewer's save lands on disk: the next save must merge it.
        let mut theirs =
            AnnotationFile::parse(&std::fs::read_to_string(&annotations).unwrap()).unwrap();
        if let Some(a) = theirs.annotations.get_mut(5000 + round) {
            a.note = format!("theirs {round}");
            a.modified = "2030-01-01T00:00:00Z".into();
        }
        std::fs::write(&annotations, theirs.to_json()).unwrap();

        // A change: its save starts on the sync thread at once.
        let mut round_frames = vec![("change", frame(&mut app, &mut terminal, key("1")))];
        // A change made while that save is in flight.
        round_frames.push(("change in flight", frame(&mut app, &mut terminal, key("2"))));
        // Frames until both changes are on disk and the merged copy is in.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !app.session.as_ref().unwrap().is_saved() {
            assert!(Instant::now() < deadline, "the save never finished");
            std::thread::sleep(Duration::from_millis(1));
            round_frames.push(("tick", frame(&mut app, &mut terminal, Msg::Tick)));
        }
        round_frames.push(("tick", frame(&mut app, &mut terminal, Msg::Tick)));
        for (kind, d) in round_frames {
            if frames.iter().all(|f| f.1 < d.1) {
                slowest_kind = kind.to_owned();
            }
            frames.push(d);
        }
        let disk = std::fs::read_to_string(&annotations).unwrap();
        assert!(
            disk.contains(&format!("theirs {round}")),
            "their change was kept"
        );
    }
    app.finish().unwrap();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut wall: Vec<Duration> = frames.iter().map(|f| f.0).collect();
    let mut cpu: Vec<Duration> = frames.iter().map(|f| f.1).collect();
    wall.sort();
    cpu.sort();
    let (cpu_median, cpu_max) = (cpu[cpu.len() / 2], *cpu.last().unwrap());
    println!(
        "save in flight, 10,000 annotations, {ROUNDS} rounds, {} frames: CPU median {:.2} ms, slowest {:.2} ms ({slowest_kind}); budget {} ms: {}",
        frames.len(),
        ms(cpu_median),
        ms(cpu_max),
        BUDGET.as_millis(),
        if cpu_max <= BUDGET { "within" } else { "OVER" }
    );
    println!(
        "  wall clock (includes waiting for a core on a busy machine): median {:.2} ms, slowest {:.2} ms",
        ms(wall[wall.len() / 2]),
        ms(*wall.last().unwrap())
    );
}
