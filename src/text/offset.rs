//! The two index spaces of an article, as distinct types so one cannot stand
//! for the other: character offsets ([`CharOffset`], Unicode scalar values,
//! what annotation files count) and byte offsets into the article string
//! ([`ByteOffset`], what slicing, layout and the screen use). A [`Text`]
//! converts between them through its character index
//! ([`Text::byte_of`], [`Text::char_of`]).
//!
//! Both are plain integers in files (`serde(transparent)`). Arithmetic stays
//! inside one space: an offset plus or minus a count is an offset, the
//! difference of two offsets is a count.
//!
//! [`Text`]: super::Text
//! [`Text::byte_of`]: super::Text::byte_of
//! [`Text::char_of`]: super::Text::char_of

use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};

use serde::{Deserialize, Serialize};

macro_rules! offset {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(usize);

        impl $name {
            pub const ZERO: $name = $name(0);

            pub const fn new(offset: usize) -> $name {
                $name(offset)
            }

            /// The plain number, for arithmetic on counts and for output.
            pub const fn get(self) -> usize {
                self.0
            }

            pub const fn saturating_add(self, count: usize) -> $name {
                $name(self.0.saturating_add(count))
            }

            pub const fn saturating_sub(self, count: usize) -> $name {
                $name(self.0.saturating_sub(count))
            }

            pub const fn checked_sub(self, count: usize) -> Option<$name> {
                match self.0.checked_sub(count) {
                    Some(n) => Some($name(n)),
                    None => None,
                }
            }

            /// How far apart two offsets are, whichever comes first.
            pub const fn abs_diff(self, other: $name) -> usize {
                self.0.abs_diff(other.0)
            }
        }

        impl Add<usize> for $name {
            type Output = $name;
            fn add(self, count: usize) -> $name {
                $name(self.0 + count)
            }
        }

        impl AddAssign<usize> for $name {
            fn add_assign(&mut self, count: usize) {
                self.0 += count;
            }
        }

        impl Sub<usize> for $name {
            type Output = $name;
            fn sub(self, count: usize) -> $name {
                $name(self.0 - count)
            }
        }

        impl SubAssign<usize> for $name {
            fn sub_assign(&mut self, count: usize) {
                self.0 -= count;
            }
        }

        /// The count between two offsets (`self` must not come first).
        impl Sub for $name {
            type Output = usize;
            fn sub(self, start: $name) -> usize {
                self.0 - start.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

offset! {
    /// An offset in Unicode scalar values from the start of an article's
    /// normalised text: what `target.start` and `target.end` count.
    CharOffset
}

offset! {
    /// An offset in bytes into an article's normalised text (always on a
    /// character boundary when it came from a [`super::Text`]).
    ByteOffset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_stays_in_its_space_and_files_hold_plain_numbers() {
        let start = CharOffset::new(3);
        let end = start + 4;
        assert_eq!(end - start, 4);
        assert_eq!(end.saturating_sub(10), CharOffset::ZERO);
        assert_eq!(start.abs_diff(end), 4);
        assert_eq!(serde_json::to_string(&end).unwrap(), "7");
        let back: ByteOffset = serde_json::from_str("12").unwrap();
        assert_eq!(back, ByteOffset::new(12));
        assert_eq!(back.to_string(), "12");
    }
}
