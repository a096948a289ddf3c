//! `csv`: RFC 4180 with a header row, one annotation a row. A cell that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
//! carriage return) gets a leading `'`, so opening the file runs nothing.

use std::io::Write;

use super::{Article, Writer};
use crate::model::VerdictScale;

pub struct Csv {
    scale: VerdictScale,
}

impl Csv {
    pub fn new(scale: VerdictScale) -> Csv {
        Csv { scale }
    }
}

const HEADER: &[&str] = &[
    "article",
    "title",
    "url",
    "id",
    "kind",
    "verdict",
    "verdict_label",
    "quote",
    "start",
    "end",
    "note",
    "source_urls",
    "source_titles",
    "tags",
    "reviewer",
    "created",
    "modified",
    "anchoring",
    "annotation_file",
    "status",
];

/// `cell`, made inert for spreadsheets.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn row(out: &mut dyn Write, cells: &[&str]) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *out);
    w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
        .map_err(std::io::Error::other)?;
    w.flush()
}

impl Writer for Csv {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        row(out, HEADER)
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let meta = &article.file.article;
        for (a, status) in &article.annotations {
            let verdict = a.verdict.as_deref().unwrap_or_default();
            let label = a
                .verdict
                .as_deref()
                .map(|v| self.scale.label(v))
                .unwrap_or_default();
            let urls: Vec<&str> = a.sources.iter().map(|s| s.url.as_str()).collect();
            let titles: Vec<&str> = a.sources.iter().map(|s| s.title.as_str()).collect();
            let (start, end) = (a.target.start.to_string(), a.target.end.to_string());
            let (urls, titles, tags) = (urls.join("\n"), titles.join("\n"), a.tags.join(", "));
            row(
                out,
                &[
                    &article.path,
                    &meta.title,
                    &meta.url,
                    &a.id,
                    a.kind.as_str(),
                    verdict,
                    label,
                    &a.target.exact,
                    &start,
                    &end,
                    &a.note,
                    &urls,
                    &titles,
                    &tags,
                    &a.reviewer,
                    &a.created,
                    &a.modified,
                    status.map(|s| s.as_str()).unwrap_or_default(),
                    &article.annotation_file,
                    a.status.as_str(),
                ],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, fixture};
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_everything_else_kept() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("plain, \"quoted\""), "plain, \"quoted\"");
    }

    #[test]
    fn rows_round_trip_through_a_csv_reader() {
        let out = fixture::export(Format::Csv);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][10], "It grew 3%.\nSee \"the table\", row =2.");
        assert_eq!(&rows[1][10], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&rows[0][13], "numbers, =cmd");
        assert_eq!(&rows[0][6], "False");
        insta::assert_snapshot!(out);
    }
}
