//! The passage around a sentence: claims come in runs (an argument lays out
//! its figures and records one after another), and a sentence amid claims is
//! more likely one itself than the same sentence amid greetings and
//! questions. Gencheva et al. ("A Context-Aware Approach for Detecting
//! Worth-Checking Claims in Political Debates", RANLP 2017) found the
//! neighbouring sentences among the strongest signals.
//!
//! A passage counts against the text around it, not against a fixed mark: in
//! a news report where every sentence holds a fact, no sentence rises for its
//! neighbours alone; in a debate, a run of figures stands out from the
//! pleasantries around it. The numbers were set by hand and checked against
//! the CLEF 2019 training debates only.

use std::collections::VecDeque;

/// How many sentences on each side of a sentence make its passage.
pub(super) const REACH: usize = 4;

/// How many sentences on each side make the text the passage is measured
/// against: the whole of an article of up to 200 sentences.
pub(super) const SURROUNDINGS: usize = 100;

/// How much the passage's mean evidence, above or below that of its
/// surroundings, moves the sentence's own.
pub(super) const WEIGHT: f64 = 1.5;

/// How far the passage moves the sentence at `index` of `evidence` (the
/// sentences' own evidence, a window of the article), the sentence itself
/// left out of both means.
pub(super) fn shift(evidence: impl Iterator<Item = f64> + Clone, index: usize) -> f64 {
    let mean = |reach: usize| {
        let (sum, count) = evidence
            .clone()
            .enumerate()
            .filter(|&(i, _)| i != index && i.abs_diff(index) <= reach)
            .fold((0.0, 0usize), |(s, n), (_, e)| (s + e, n + 1));
        (count > 0).then(|| sum / count as f64)
    };
    match (mean(REACH), mean(SURROUNDINGS)) {
        (Some(passage), Some(surroundings)) => WEIGHT * (passage - surroundings),
        _ => 0.0,
    }
}

/// Walks a sequence of items with their own evidence and yields each with
/// its own evidence and the shift its passage gives it, holding at most
/// `2 * SURROUNDINGS + 1` items. The first `skip` items are context only: read, not
/// yielded.
pub(super) struct Window<T, I> {
    items: I,
    /// Items (taken once yielded) and their own evidence.
    held: VecDeque<(Option<T>, f64)>,
    /// The index in `held` of the next item to yield.
    next: usize,
    skip: usize,
}

impl<T, I: Iterator<Item = (T, f64)>> Window<T, I> {
    pub(super) fn new(items: I, skip: usize) -> Self {
        Window {
            items,
            held: VecDeque::with_capacity(2 * SURROUNDINGS + 2),
            next: 0,
            skip,
        }
    }
}

impl<T, I: Iterator<Item = (T, f64)>> Iterator for Window<T, I> {
    type Item = (T, f64, f64);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            // Read ahead until the item to yield has its followers (or the
            // items ran out), and drop what lies beyond reach behind it.
            while self.held.len() <= self.next + SURROUNDINGS {
                match self.items.next() {
                    Some((item, own)) => self.held.push_back((Some(item), own)),
                    None => break,
                }
            }
            while self.next > SURROUNDINGS {
                self.held.pop_front();
                self.next -= 1;
            }
            let index = self.next;
            let moved = shift(self.held.iter().map(|&(_, own)| own), index);
            let (item, own) = self.held.get_mut(index)?;
            let own = *own;
            let item = item.take();
            self.next += 1;
            if self.skip > 0 {
                self.skip -= 1;
                continue;
            }
            return item.map(|item| (item, own, moved));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shift of each item computed the plain way, over the whole list.
    fn plain(evidence: &[f64]) -> Vec<f64> {
        (0..evidence.len())
            .map(|i| shift(evidence.iter().copied(), i))
            .collect()
    }

    #[test]
    fn the_window_gives_each_item_the_mean_of_its_neighbours() {
        for len in [0usize, 1, 2, 5, 9, 10, 23, 250, 450] {
            let evidence: Vec<f64> = (0..len).map(|i| ((i * 7) % 5) as f64 - 3.0).collect();
            let expected = plain(&evidence);
            for skip in (0..len.min(12)).chain([len / 2, len.saturating_sub(1)]) {
                let got: Vec<(usize, f64, f64)> =
                    Window::new(evidence.iter().copied().enumerate(), skip).collect();
                assert_eq!(got.len(), len - skip, "len {len} skip {skip}");
                for (i, own, moved) in got {
                    assert_eq!(own, evidence[i]);
                    assert!((moved - expected[i]).abs() < 1e-12, "item {i} of {len}");
                }
            }
        }
    }

    #[test]
    fn claims_around_raise_a_sentence_and_small_talk_lowers_it() {
        // A run of claims (1.0) amid small talk (-3.0), and the reverse.
        let mut text = vec![-3.0; 40];
        text[18..23].fill(1.0);
        assert!(shift(text.iter().copied(), 20) > 0.0);
        assert!(shift(text.iter().copied(), 5) < 0.0);
        let even = vec![0.5; 30];
        assert_eq!(shift(even.iter().copied(), 10), 0.0);
        assert_eq!(shift([2.0].into_iter(), 0), 0.0);
        assert_eq!(shift(std::iter::empty(), 0), 0.0);
    }
}
