//! Agreement in plain words: "ana and ben agree on 8 of 11 claims, κ 0.62:
//! substantial", with κ named by the bands of Landis and Koch (1977).

use super::Pair;

/// Landis and Koch's name for a κ.
pub(crate) fn strength(kappa: f64) -> &'static str {
    match kappa {
        k if k < 0.0 => "poor, worse than chance",
        k if k <= 0.20 => "slight",
        k if k <= 0.40 => "fair",
        k if k <= 0.60 => "moderate",
        k if k <= 0.80 => "substantial",
        _ => "almost perfect",
    }
}

/// One sentence on how far a pair of reviewers agree.
pub(crate) fn reading(pair: &Pair) -> String {
    let names = format!("{} and {}", pair.a, pair.b);
    if pair.both_judged == 0 {
        return format!("{names} have judged no claim in common");
    }
    let claims = if pair.both_judged == 1 {
        "claim"
    } else {
        "claims"
    };
    let base = format!(
        "{names} agree on {} of {} {claims}",
        pair.agreed, pair.both_judged
    );
    match pair.kappa {
        Some(k) => format!("{base}, κ {k:.2}: {}", strength(k)),
        None => format!("{base} (κ undefined: a single verdict was used throughout)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agree::kappa::Confusion;

    #[test]
    fn the_issue_s_example_reads_as_it_says() {
        let pair = Pair {
            a: "ana".into(),
            b: "ben".into(),
            both_judged: 11,
            agreement: Some(8.0 / 11.0),
            kappa: Some(0.62),
            weighted_kappa: None,
            span_f1: None,
            agreed: 8,
            confusion: Confusion::new(0),
        };
        assert_eq!(
            reading(&pair),
            "ana and ben agree on 8 of 11 claims, κ 0.62: substantial"
        );
        assert_eq!(strength(0.1), "slight");
        assert_eq!(strength(0.95), "almost perfect");
        assert_eq!(strength(-0.2), "poor, worse than chance");
    }
}
