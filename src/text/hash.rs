//! Hashing: the SHA-256 of an article's normalised text (its identity in an
//! annotation file), made a window at a time.

use sha2::{Digest, Sha256};

use super::Text;

impl Text {
    /// Hex SHA-256 of the normalised text's UTF-8 bytes.
    pub fn sha256(&self) -> String {
        self.hash
            .get_or_init(|| {
                let mut hasher = Sha256::new();
                self.for_each_window(|window| hasher.update(window.as_bytes()));
                hex(&hasher.finalize())
            })
            .clone()
    }
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
