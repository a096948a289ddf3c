//! Moving through article text: word, sentence and paragraph motions, search,
//! and the index that finds annotations by position. Pure functions over byte
//! offsets of a `&str`; each does work in proportion to the distance it moves,
//! so they stay fast on a 100 MB article.

pub(crate) mod motion;
pub(crate) mod search;
pub mod spans;
