//! The verdict scale: which verdicts exist, their labels, ratings and colours.

use serde::{Deserialize, Serialize};

/// One verdict a reviewer can give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub key: String,
    pub label: String,
    /// ClaimReview `ratingValue` on a 1–5 scale; `None` for verdicts that rate nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// A colour name or `#rrggbb` for the review screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// The ordered verdicts; keys `1`–`9` pick them in this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VerdictScale {
    pub verdicts: Vec<Verdict>,
}

impl Default for VerdictScale {
    fn default() -> Self {
        let v = |key: &str, label: &str, rating: Option<u8>, color: &str| Verdict {
            key: key.into(),
            label: label.into(),
            rating,
            color: Some(color.into()),
        };
        VerdictScale {
            verdicts: vec![
                // Backgrounds on which black or white text reaches WCAG AA in
                // both the xterm and the Tango palette (see ui::contrast).
                v("true", "True", Some(5), "lightgreen"),
                v("mostly-true", "Mostly true", Some(4), "lightcyan"),
                v("mixed", "Mixed", Some(3), "yellow"),
                v("mostly-false", "Mostly false", Some(2), "magenta"),
                v("false", "False", Some(1), "red"),
                v("misleading", "Misleading", Some(2), "blue"),
                v("unverifiable", "Unverifiable", None, "gray"),
            ],
        }
    }
}

impl VerdictScale {
    pub fn get(&self, key: &str) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.key == key)
    }

    /// The verdict picked by number key `n` (1-based).
    pub fn nth(&self, n: usize) -> Option<&Verdict> {
        self.verdicts.get(n.checked_sub(1)?)
    }

    /// Human label for a verdict key; unknown keys are shown as they are.
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).map_or(key, |v| v.label.as_str())
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.verdicts.iter().map(|v| v.key.as_str())
    }

    /// Checks the scale is usable: keys non-empty and unique, ratings 1–5.
    pub fn validate(&self) -> Result<(), String> {
        if self.verdicts.is_empty() {
            return Err("the verdict scale is empty".into());
        }
        for (i, v) in self.verdicts.iter().enumerate() {
            if v.key.trim().is_empty() {
                return Err(format!("verdict {} has an empty key", i + 1));
            }
            if self.verdicts.iter().take(i).any(|w| w.key == v.key) {
                return Err(format!("verdict key {:?} appears twice", v.key));
            }
            if let Some(r) = v.rating
                && !(1..=5).contains(&r)
            {
                return Err(format!("verdict {:?}: rating {r} is not in 1–5", v.key));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scale_matches_the_design_order_and_ratings() {
        let s = VerdictScale::default();
        let keys: Vec<&str> = s.keys().collect();
        assert_eq!(
            keys,
            [
                "true",
                "mostly-true",
                "mixed",
                "mostly-false",
                "false",
                "misleading",
                "unverifiable"
            ]
        );
        assert_eq!(s.nth(5).unwrap().key, "false");
        assert_eq!(s.get("misleading").unwrap().rating, Some(2));
        assert_eq!(s.get("unverifiable").unwrap().rating, None);
        assert!(s.nth(0).is_none() && s.nth(8).is_none());
        assert!(s.validate().is_ok());
    }

    #[test]
    fn validate_rejects_duplicates_and_bad_ratings() {
        let mut s = VerdictScale::default();
        s.verdicts[1].key = "true".into();
        assert!(s.validate().unwrap_err().contains("twice"));
        let mut s = VerdictScale::default();
        s.verdicts[0].rating = Some(9);
        assert!(s.validate().is_err());
    }
}
