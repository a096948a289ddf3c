//! The `margin` binary: everything lives in the library; this only hands over.

// Loading 10,000 annotations makes some 200,000 small allocations; with the
// system allocator they cost as much as parsing the JSON (scripts/bench-launch).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    margin::cli::main()
}
