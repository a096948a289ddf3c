//! Cohen's κ from a confusion matrix, plain or weighted, computed the way
//! scikit-learn's `cohen_kappa_score` does: κ = 1 − Σ w·O ÷ Σ w·E, where E is
//! what the two raters' margins would give by chance.

/// A square table of counts: `rows` are the first rater's categories, columns
/// the second's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Confusion {
    size: usize,
    cells: Vec<u64>,
}

impl Confusion {
    pub(crate) fn new(size: usize) -> Confusion {
        Confusion {
            size,
            cells: vec![0; size.saturating_mul(size)],
        }
    }

    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Counts one item the first rater put in `row` and the second in `column`.
    pub(crate) fn add(&mut self, row: usize, column: usize) {
        self.add_many(row, column, 1);
    }

    /// Counts `n` items the first rater put in `row` and the second in `column`.
    pub(crate) fn add_many(&mut self, row: usize, column: usize, n: u64) {
        if row < self.size
            && column < self.size
            && let Some(cell) = self.cells.get_mut(row * self.size + column)
        {
            *cell += n;
        }
    }

    pub(crate) fn get(&self, row: usize, column: usize) -> u64 {
        if row >= self.size || column >= self.size {
            return 0;
        }
        self.cells
            .get(row * self.size + column)
            .copied()
            .unwrap_or(0)
    }

    pub(crate) fn total(&self) -> u64 {
        self.cells.iter().sum()
    }

    /// Items on the diagonal: both raters chose the same category.
    pub(crate) fn agreed(&self) -> u64 {
        (0..self.size).map(|i| self.get(i, i)).sum()
    }

    pub(crate) fn row_total(&self, row: usize) -> u64 {
        (0..self.size).map(|j| self.get(row, j)).sum()
    }

    pub(crate) fn column_total(&self, column: usize) -> u64 {
        (0..self.size).map(|i| self.get(i, column)).sum()
    }

    /// κ with disagreement weights `weight(i, j)` (zero on the diagonal);
    /// `None` when there is nothing to compare or chance alone would give
    /// perfect agreement (one category only), where κ is undefined.
    pub(crate) fn kappa(&self, weight: impl Fn(usize, usize) -> f64) -> Option<f64> {
        let n = self.total();
        if n == 0 {
            return None;
        }
        let n = n as f64;
        let rows: Vec<f64> = (0..self.size).map(|i| self.row_total(i) as f64).collect();
        let columns: Vec<f64> = (0..self.size)
            .map(|j| self.column_total(j) as f64)
            .collect();
        let mut observed = 0.0;
        let mut expected = 0.0;
        for (i, row) in rows.iter().enumerate() {
            for (j, column) in columns.iter().enumerate() {
                let w = weight(i, j);
                observed += w * self.get(i, j) as f64;
                expected += w * row * column / n;
            }
        }
        (expected != 0.0).then(|| 1.0 - observed / expected)
    }

    /// Plain κ: any two different categories disagree fully.
    pub(crate) fn cohen(&self) -> Option<f64> {
        self.kappa(|i, j| if i == j { 0.0 } else { 1.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(size: usize, items: &[(usize, usize)]) -> Confusion {
        let mut c = Confusion::new(size);
        for &(i, j) in items {
            c.add(i, j);
        }
        c
    }

    #[test]
    fn textbook_example() {
        // 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o 0.7,
        // p_e 0.5, κ 0.4.
        let mut items = vec![(0, 0); 20];
        items.extend(vec![(0, 1); 5]);
        items.extend(vec![(1, 0); 10]);
        items.extend(vec![(1, 1); 15]);
        let k = table(2, &items).cohen().unwrap();
        assert!((k - 0.4).abs() < 1e-12, "{k}");
    }

    #[test]
    fn perfect_agreement_is_one_and_one_category_is_undefined() {
        assert_eq!(table(3, &[(0, 0), (1, 1), (2, 2)]).cohen(), Some(1.0));
        assert_eq!(table(3, &[(1, 1), (1, 1)]).cohen(), None);
        assert_eq!(Confusion::new(3).cohen(), None);
    }

    #[test]
    fn linear_weights_give_partial_credit() {
        // Ratings (1,2), (2,3), (3,3), (1,1) on labels 1..3: two items off by
        // one, so Σ w·O = 2; Σ w·E from the margins, spelled out below.
        let c = table(3, &[(0, 1), (1, 2), (2, 2), (0, 0)]);
        let rows = [2.0, 1.0, 1.0];
        let cols = [1.0, 1.0, 2.0];
        let mut expected = 0.0;
        for (i, row) in rows.iter().enumerate() {
            for (j, col) in cols.iter().enumerate() {
                expected += (i as f64 - j as f64).abs() * row * col / 4.0;
            }
        }
        let k = c.kappa(|i, j| (i as f64 - j as f64).abs()).unwrap();
        assert!((k - (1.0 - 2.0 / expected)).abs() < 1e-12);
        assert!(k > c.cohen().unwrap());
    }
}
