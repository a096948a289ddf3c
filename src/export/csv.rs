//! `csv`: RFC 4180 with a header row, one annotation a row. A cell that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@` or
//! their full-width forms, also after spaces or line breaks, or with a tab or
//! carriage return) gets a leading `'`, so opening the file runs nothing.
//! Control characters, bidi overrides and invisible characters are shown as
//! `safe_text` shows them, so a CSV printed to a terminal is inert too.

use std::io::Write;

use std::borrow::Cow;

use super::{Article, Writer};
use crate::model::{Annotation, Source, VerdictScale};
use crate::safe_text;

pub(crate) struct Csv {
    scale: VerdictScale,
}

impl Csv {
    pub(crate) fn new(scale: VerdictScale) -> Csv {
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
    "source_stances",
    "source_quotes",
    "source_accessed",
];

/// `cell`, made inert for spreadsheets: a formula sign first, or first after
/// white space and invisible characters (which spreadsheets skip), or a tab or
/// carriage return first, gets a leading `'`.
pub(crate) fn neutralise(cell: &str) -> Cow<'_, str> {
    let starts_with_formula = cell
        .chars()
        .find(|c| !(c.is_whitespace() || safe_text::needs_escape(*c)))
        .is_some_and(|c| "=+-@＝＋－＠".contains(c));
    if starts_with_formula || cell.starts_with(['\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `cell` as written: formulas neutralised, then every character a terminal
/// would act on made visible (line breaks kept).
pub(crate) fn cell(text: &str) -> String {
    let inert = neutralise(text);
    safe_text::multiline(&inert).into_owned()
}

fn row(out: &mut dyn Write, cells: &[&str]) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *out);
    w.write_record(cells.iter().map(|c| cell(c)))
        .map_err(std::io::Error::other)?;
    w.flush()
}

/// One line per source, so a source's fields line up across the columns.
fn per_source(a: &Annotation, field: impl Fn(&Source) -> &str) -> String {
    a.sources
        .iter()
        .map(|s| field(s).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
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
            let urls = per_source(a, |s| &s.url);
            let titles = per_source(a, |s| &s.title);
            let stances = per_source(a, |s| s.stance.as_ref().map_or("", |st| st.as_str()));
            let quotes = per_source(a, |s| &s.quote);
            let accessed = per_source(a, |s| &s.accessed);
            let (start, end) = (a.target.start.to_string(), a.target.end.to_string());
            let tags = a.tags.join(", ");
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
                    &stances,
                    &quotes,
                    &accessed,
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
        for hidden in [
            "  =1+1",
            "\n=1",
            "\r\n@x",
            "＝1",
            "＋1",
            "－1",
            "＠x",
            "\u{200b}=1",
        ] {
            assert!(neutralise(hidden).starts_with('\''), "{hidden:?}");
        }
        assert_eq!(neutralise("a = b"), "a = b");
    }

    #[test]
    fn control_characters_never_reach_the_file() {
        let c = cell("title\x1b]0;pwned\x07 csi\u{9b}2J rtl\u{202e}x\nline two");
        assert!(
            !c.chars()
                .any(|ch| ch != '\n' && (ch.is_control() || safe_text::needs_escape(ch))),
            "{c:?}"
        );
        assert!(c.contains("line two") && c.contains('\n'));
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
