//! `markdown`: a readable review report per article: each annotation's quote,
//! verdict, note and sources. Every piece of text from the files is escaped or
//! fenced (`markdown_text`), so it reads as written and can make no heading,
//! list, HTML or link; only http(s) URLs are links. Control characters are
//! shown visibly, so the report is safe to print to a terminal too.

use std::io::Write;

use super::markdown_text::{bare_link, code, link, paragraph, text};
use super::{Article, Writer};
use crate::history::describe;
use crate::model::{Annotation, VerdictScale};

pub(crate) struct Markdown {
    scale: VerdictScale,
    first: bool,
    history: bool,
}

impl Markdown {
    pub(crate) fn new(scale: VerdictScale) -> Markdown {
        Markdown {
            scale,
            first: true,
            history: false,
        }
    }

    /// The report with each annotation's history of changes.
    pub(crate) fn with_history(self) -> Markdown {
        Markdown {
            history: true,
            ..self
        }
    }

    /// The thread under an annotation and, when asked for, its history.
    fn record(&self, out: &mut dyn Write, a: &Annotation) -> std::io::Result<()> {
        if !a.replies.is_empty() {
            writeln!(out, "Replies:\n")?;
            for r in &a.replies {
                let who = if r.reviewer.is_empty() {
                    "?"
                } else {
                    &r.reviewer
                };
                let note = text(&r.note.lines().collect::<Vec<_>>().join(" "));
                writeln!(
                    out,
                    "- {} · {}: {note}",
                    text(who),
                    text(&describe::when(&r.created))
                )?;
            }
            writeln!(out)?;
        }
        if self.history && !a.history.is_empty() {
            writeln!(out, "History:\n")?;
            for e in &a.history {
                let changes = describe::changes(&e.changes).join(" · ");
                writeln!(
                    out,
                    "- {} · {} · {}",
                    text(&describe::when(&e.at)),
                    text(&e.by),
                    text(&changes)
                )?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// Quoted Markdown: every line of `quote` escaped and prefixed with `> `.
fn blockquote(quote: &str) -> String {
    paragraph(quote)
        .split("  \n")
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Writer for Markdown {
    fn begin(&mut self, _: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, article: &Article) -> std::io::Result<()> {
        let meta = &article.file.article;
        if !self.first {
            writeln!(out)?;
        }
        self.first = false;
        let title = if meta.title.is_empty() {
            &article.path
        } else {
            &meta.title
        };
        writeln!(out, "# {}\n", text(title))?;
        let judged = article
            .annotations
            .iter()
            .filter(|(a, _)| a.verdict.is_some())
            .count();
        write!(out, "{}", code(&article.path))?;
        if !meta.url.is_empty() {
            write!(out, " · {}", bare_link(&meta.url))?;
        }
        let count = article.annotations.len();
        let noun = if count == 1 {
            "annotation"
        } else {
            "annotations"
        };
        writeln!(out, " · {count} {noun}, {judged} judged\n")?;
        for (n, (a, status)) in article.annotations.iter().enumerate() {
            let verdict = a
                .verdict
                .as_deref()
                .map_or("Not judged", |v| self.scale.label(v));
            writeln!(out, "## {}. {}\n", n + 1, text(verdict))?;
            writeln!(out, "{}\n", blockquote(&a.target.exact))?;
            write!(out, "{}", text(a.kind.as_str()))?;
            if !a.reviewer.is_empty() {
                write!(out, " · {}", text(&a.reviewer))?;
            }
            if !a.status.is_draft() {
                write!(out, " · {}", text(a.status.as_str()))?;
            }
            match status {
                Some(s) if s.as_str() != "exact" => {
                    writeln!(out, " · anchoring: {}\n", s.as_str())?
                }
                _ => writeln!(out, "\n")?,
            }
            if !a.note.is_empty() {
                writeln!(out, "{}\n", paragraph(&a.note))?;
            }
            if !a.sources.is_empty() {
                writeln!(out, "Sources:\n")?;
                for s in &a.sources {
                    let name = if s.title.is_empty() { &s.url } else { &s.title };
                    write!(out, "- {}", link(name, &s.url))?;
                    if let Some(stance) = &s.stance {
                        write!(out, " ({})", text(stance.as_str()))?;
                    }
                    if !s.quote.is_empty() {
                        write!(out, ": “{}”", text(&s.quote))?;
                    }
                    if !s.accessed.is_empty() {
                        write!(out, " (read {})", text(&s.accessed))?;
                    }
                    writeln!(out)?;
                }
                writeln!(out)?;
            }
            if !a.tags.is_empty() {
                let tags: Vec<String> = a.tags.iter().map(|t| code(t)).collect();
                writeln!(out, "Tags: {}\n", tags.join(" "))?;
            }
            self.record(out, a)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, fixture};

    #[test]
    fn a_readable_report() {
        let out = fixture::export(Format::Markdown);
        assert!(out.starts_with("# Budget, \"news\"\n"));
        assert!(out.contains("## 1. False\n\n> The budget grew by 4% in 2024,\n\nclaim · ana\n"));
        assert!(out.contains("[Table 1](<https://stats.example/t1>) (refutes): “growth: 3.0%”"));
        insta::assert_snapshot!(out);
    }
}
