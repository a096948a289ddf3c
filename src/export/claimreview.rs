//! `claimreview`: one schema.org `ClaimReview` per judged claim, rated on the
//! configured verdict scale (`ratingValue` 1–5, absent for verdicts without a
//! rating; `alternateName` is always the verdict's label).

use std::io::Write;

use serde_json::json;

use super::{Article, Writer, set_field, write_array_item};
use crate::model::{Kind, VerdictScale};

pub(crate) struct ClaimReview {
    scale: VerdictScale,
    first: bool,
}

impl ClaimReview {
    pub(crate) fn new(scale: VerdictScale) -> ClaimReview {
        ClaimReview { scale, first: true }
    }
}

/// Where the review of annotation `id` lives: the article's URI with the
/// fragment `margin-ID` (in place of any fragment it had, never a second `#`).
fn review_url(article: &str, id: &str) -> String {
    let fragment = format!("margin-{id}");
    match ::url::Url::parse(article) {
        Ok(mut url) => {
            url.set_fragment(Some(&fragment));
            url.into()
        }
        Err(_) => {
            let base = article.split_once('#').map_or(article, |(base, _)| base);
            format!("{base}#{fragment}")
        }
    }
}

impl Writer for ClaimReview {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(b"[")
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let meta = &article.file.article;
        for (a, _) in &article.annotations {
            let Some(verdict) = a.verdict.as_deref().filter(|_| a.kind == Kind::Claim) else {
                continue;
            };
            let mut rating = json!({
                "@type": "Rating",
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": self.scale.label(verdict),
            });
            if let Some(value) = self.scale.get(verdict).and_then(|v| v.rating) {
                set_field(&mut rating, "ratingValue", json!(value));
            }
            let mut appearance = json!({ "@type": "CreativeWork", "url": article.uri });
            if !meta.title.is_empty() {
                set_field(&mut appearance, "headline", json!(meta.title));
            }
            let date = a.modified.get(..10).unwrap_or(&a.modified);
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": review_url(&article.uri, &a.id),
                "claimReviewed": a.target.exact,
                "itemReviewed": { "@type": "Claim", "appearance": appearance },
                "author": { "@type": "Person", "name": if a.reviewer.is_empty() { "unknown" } else { &a.reviewer } },
                "datePublished": date,
                "reviewRating": rating,
            });
            if !a.note.is_empty() {
                set_field(&mut review, "reviewBody", json!(a.note));
            }
            write_array_item(out, &mut self.first, "  ", &review)?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(if self.first { b"]\n" } else { b"\n]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, fixture};

    #[test]
    fn one_review_per_judged_claim() {
        let out = fixture::export(Format::Claimreview);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), 1, "the unjudged question is left out");
        let r = &items[0];
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["claimReviewed"], "The budget grew by 4% in 2024,");
        assert_eq!(r["reviewRating"]["alternateName"], "False");
        assert_eq!(r["reviewRating"]["ratingValue"], 1);
        assert_eq!(r["reviewRating"]["bestRating"], 5);
        assert_eq!(r["reviewRating"]["worstRating"], 1);
        assert_eq!(
            r["itemReviewed"]["appearance"]["url"],
            "https://news.example/budget"
        );
        assert_eq!(r["author"]["name"], "ana");
        assert_eq!(r["datePublished"], "2026-11-22");
        assert_eq!(
            r["url"],
            "https://news.example/budget#margin-0190aaaa-0000-7000-8000-000000000001"
        );
        insta::assert_snapshot!(out);
    }

    #[test]
    fn a_review_url_has_one_fragment() {
        assert_eq!(
            super::review_url("https://n.example/a#top", "x"),
            "https://n.example/a#margin-x"
        );
        assert_eq!(
            super::review_url("urn:margin:article:a.txt", "x"),
            "urn:margin:article:a.txt#margin-x"
        );
    }
}
