//! Krippendorff's α for any number of coders with missing values, from the
//! coincidence matrix: α = 1 − (n − 1) · Σ o·δ² ÷ Σ n_c·n_k·δ².
//! Units with fewer than two values are not pairable and count for nothing.

/// α over `units`, each the list of value codes (below `size`) its coders gave;
/// `distance(c, k)` is δ² between two codes. `None` when undefined: no
/// pairable unit, or a single value used throughout.
pub fn alpha<'a>(
    units: impl IntoIterator<Item = &'a [usize]>,
    size: usize,
    distance: impl Fn(usize, usize) -> f64,
) -> Option<f64> {
    let mut coincidences = vec![0.0_f64; size.saturating_mul(size)];
    for values in units {
        let m = values.len();
        if m < 2 {
            continue;
        }
        let share = 1.0 / (m - 1) as f64;
        for (x, &c) in values.iter().enumerate() {
            for (y, &k) in values.iter().enumerate() {
                if x != y
                    && c < size
                    && k < size
                    && let Some(cell) = coincidences.get_mut(c * size + k)
                {
                    *cell += share;
                }
            }
        }
    }
    let cell = |c: usize, k: usize| coincidences.get(c * size + k).copied().unwrap_or(0.0);
    let totals: Vec<f64> = (0..size)
        .map(|c| (0..size).map(|k| cell(c, k)).sum())
        .collect();
    let n: f64 = totals.iter().sum();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for (c, n_c) in totals.iter().enumerate() {
        for (k, n_k) in totals.iter().enumerate() {
            let d = distance(c, k);
            observed += cell(c, k) * d;
            expected += n_c * n_k * d;
        }
    }
    (n > 1.0 && expected != 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

/// δ² for nominal values: same or different.
pub fn nominal(c: usize, k: usize) -> f64 {
    if c == k { 0.0 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// the example with four coders, twelve units and missing values; the
    /// values 1–5 are coded 0–4 here.
    fn reliability_data() -> Vec<Vec<usize>> {
        let rows: [[Option<usize>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        (0..12)
            .map(|u| rows.iter().filter_map(|r| r[u]).map(|v| v - 1).collect())
            .collect()
    }

    #[test]
    fn krippendorff_2011_nominal_example_is_0_743() {
        let data = reliability_data();
        let a = alpha(data.iter().map(Vec::as_slice), 5, nominal).unwrap();
        assert!((a - 0.743).abs() < 0.0005, "{a}");
    }

    #[test]
    fn krippendorff_2011_interval_example_is_0_849() {
        let data = reliability_data();
        let interval = |c: usize, k: usize| (c as f64 - k as f64).powi(2);
        let a = alpha(data.iter().map(Vec::as_slice), 5, interval).unwrap();
        assert!((a - 0.849).abs() < 0.0005, "{a}");
    }

    #[test]
    fn undefined_without_pairs_or_with_one_value() {
        let single: Vec<Vec<usize>> = vec![vec![1], vec![2]];
        assert_eq!(alpha(single.iter().map(Vec::as_slice), 3, nominal), None);
        let same: Vec<Vec<usize>> = vec![vec![1, 1], vec![1, 1, 1]];
        assert_eq!(alpha(same.iter().map(Vec::as_slice), 3, nominal), None);
        let perfect: Vec<Vec<usize>> = vec![vec![0, 0], vec![1, 1, 1], vec![2]];
        assert_eq!(
            alpha(perfect.iter().map(Vec::as_slice), 3, nominal),
            Some(1.0)
        );
    }
}
