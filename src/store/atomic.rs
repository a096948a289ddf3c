//! Crash-safe writing: a temporary file in the same folder, fsync, rename, fsync of
//! the folder; permissions kept; symlinks written through; a lock file beside the
//! annotation file so two margin processes never interleave their saves.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;

/// Suffix of temporary files; a leftover one is removed by the next save.
const TEMP_SUFFIX: &str = ".margin-tmp";

/// How long a save waits for another process's save to finish.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Follows symlinks so that a linked annotation file is updated, not replaced.
/// A link that leads to nothing is an error: writing through it would create a
/// file wherever the link says, which may be anywhere.
fn resolve_links(path: &Path) -> Result<PathBuf, StoreError> {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) => {
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Err(_) => break,
        }
    }
    if current != path && std::fs::symlink_metadata(&current).is_err() {
        return Err(StoreError::Refused {
            path: path.to_owned(),
            problem:
                "a symlink to nothing that exists; margin never creates a file through a symlink"
                    .to_owned(),
        });
    }
    Ok(current)
}

/// `.NAME` + `end` beside `target`'s name, byte for byte: a name that is not
/// UTF-8 keeps its own temporary and lock files, not a mangled shared one.
fn dot_name(target: &Path, end: &str) -> OsString {
    let mut name = OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(end);
    name
}

fn temp_prefix(target: &Path) -> OsString {
    dot_name(target, ".")
}

/// Writes `bytes` to `path` so that readers see the old content or the new, never
/// a mix, even if the process is killed at any instant.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, |out| {
        out.write_all(bytes).map_err(|e| StoreError::io(path, e))
    })
}

/// Like `write_atomic`, for content written piece by piece (an export of any
/// size): `write` fills a buffered temporary file, which replaces `path` only
/// once `write` succeeded and everything is on disk. An existing file's
/// permissions are kept; a new one gets 0666 less the umask. Errors name
/// `path`, never the temporary file.
pub(crate) fn write_atomic_with<T, E: From<StoreError>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let target = resolve_links(path)?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let io = |e| StoreError::io(&target, e);
    let temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&folder)
        .map_err(|e| io(without_temporary_path(e)))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, temp.as_file());
    let result = write(&mut out)?;
    out.flush().map_err(io)?;
    drop(out);
    if let Ok(meta) = std::fs::metadata(&target) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io)?;
    } else {
        set_default_permissions(temp.as_file()).map_err(io)?;
    }
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(&target).map_err(|e| io(e.error))?;
    // The rename is durable only once the folder itself is on disk.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(result)
}

/// The error of creating a temporary file, without the temporary file's name
/// (which tempfile adds, and which means nothing to the user).
fn without_temporary_path(e: std::io::Error) -> std::io::Error {
    // An OS error is left as it is; tempfile wraps its own as "… at path …".
    if e.get_ref().is_none() {
        return e;
    }
    match e.to_string().rsplit_once(" at path ") {
        Some((message, _)) => std::io::Error::new(e.kind(), message.to_owned()),
        None => e,
    }
}

/// A new file gets what a plain `create` would give it (0666 less the umask),
/// not the 0600 of a temporary file: annotation files are shared.
#[cfg(unix)]
fn set_default_permissions(file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = 0o666 & !current_umask();
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(unix)]
fn current_umask() -> u32 {
    // Reading the umask needs a syscall that also sets it; /proc shows it safely.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &File) -> std::io::Result<()> {
    Ok(())
}

/// Removes temporary files an interrupted save left beside `path`. Called with
/// the lock held, so no other save is using them.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let Ok(target) = resolve_links(path) else {
        return;
    };
    let prefix = temp_prefix(&target);
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty());
    let Ok(entries) = std::fs::read_dir(folder.unwrap_or(Path::new("."))) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.as_encoded_bytes();
        if name.starts_with(prefix.as_encoded_bytes()) && name.ends_with(TEMP_SUFFIX.as_bytes()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An exclusive lock on `.<name>.lock` beside the annotation file, released on
/// drop. The lock file is removed when the lock is released (while still held),
/// so none is left in the folder to be committed by mistake. A waiting process
/// that then locks the removed file notices it is no longer the one at that
/// path and starts again, so two processes can never hold locks on two
/// different files of the same name. (A process killed while holding the lock
/// leaves the file; the next save locks it and removes it.)
pub(crate) struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    pub(crate) fn acquire(path: &Path) -> Result<Lock, StoreError> {
        let target = resolve_links(path)?;
        let lock_path = target.with_file_name(dot_name(&target, ".lock"));
        let started = Instant::now();
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)
                .map_err(|e| StoreError::io(&lock_path, e))?;
            match file.try_lock() {
                Ok(()) if still_at(&file, &lock_path) => {
                    return Ok(Lock {
                        file,
                        path: lock_path,
                    });
                }
                // Locked a file its holder has just removed: open the new one.
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: path.to_owned(),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path, e)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if cfg!(unix) && still_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the open `file` (not removed, not replaced).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Without inode numbers the lock file is never removed, so it is always current.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_not_private_temporaries() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.json");
        write_atomic(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !current_umask());
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn never_creates_a_file_through_a_dangling_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.json");
        let target = dir.path().join("elsewhere/profile");
        std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            write_atomic(&link, b"x"),
            Err(StoreError::Refused { .. })
        ));
        assert!(Lock::acquire(&link).is_err());
        assert_eq!(
            std::fs::read_dir(dir.path().join("elsewhere"))
                .unwrap()
                .count(),
            0,
            "no file, no lock file"
        );
    }

    #[test]
    fn stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        let stale = dir.path().join(".f.json.abc123.margin-tmp");
        let other = dir.path().join(".g.json.abc123.margin-tmp");
        std::fs::write(&stale, "torn").unwrap();
        std::fs::write(&other, "keep").unwrap();
        remove_stale_temporaries(&path);
        assert!(!stale.exists() && other.exists());
    }

    #[test]
    fn a_held_lock_makes_others_wait_then_give_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        let held = Lock::acquire(&path).unwrap();
        drop(held);
        let again = Lock::acquire(&path);
        assert!(again.is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn no_lock_file_is_left_and_the_lock_still_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        let counter = dir.path().join("counter");
        std::fs::write(&counter, "0").unwrap();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let (path, counter) = (path.clone(), counter.clone());
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let _lock = Lock::acquire(&path).unwrap();
                        let n: u32 = std::fs::read_to_string(&counter).unwrap().parse().unwrap();
                        std::thread::yield_now();
                        std::fs::write(&counter, (n + 1).to_string()).unwrap();
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&counter).unwrap(), "200");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("counter")]);
    }
}
