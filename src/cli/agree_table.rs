//! The readable agreement report: the figures as a table, each pair in plain
//! words, and per pair the verdict × verdict table with agreement on the
//! diagonal (in brackets, and shaded by count on a colour terminal) so the
//! verdicts two reviewers confuse stand out.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::agree::{Figures, Pair, Report, reading};
use crate::model::VerdictScale;
use crate::safe_text;
use crate::summary::counted;

/// Writes the whole report.
pub(super) fn write(
    out: &mut dyn Write,
    report: &Report,
    scale: &VerdictScale,
    min_overlap: f64,
    colour: bool,
) -> std::io::Result<()> {
    let all = &report.overall;
    let articles = report.articles.len();
    writeln!(
        out,
        "{} · {} in {} · spans are one claim at overlap ≥ {min_overlap}",
        reviewers_line(all),
        counted(all.units, "unit"),
        counted(articles, "article"),
    )?;
    if all.reviewers.len() < 2 {
        writeln!(
            out,
            "Agreement needs claims marked by two reviewers or more; there is nothing to compare."
        )?;
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "α nominal {} · α interval {}  (all reviewers at once: 1 is perfect agreement, 0 what chance alone gives)",
        figure(all.alpha_nominal),
        figure(all.alpha_interval)
    )?;
    writeln!(out)?;
    pair_table(out, &all.pairs)?;
    writeln!(out)?;
    for pair in &all.pairs {
        writeln!(out, "{}", safe_text::inline(&reading(pair)))?;
    }
    for pair in all.pairs.iter().filter(|p| p.both_judged > 0) {
        writeln!(out)?;
        confusion_table(out, pair, &report.verdicts, scale, colour)?;
    }
    if articles > 1 {
        writeln!(out)?;
        writeln!(out, "Per article")?;
        for article in &report.articles {
            let f = &article.figures;
            writeln!(
                out,
                "{} · {} · {} · α nominal {} · α interval {}",
                safe_text::inline(&article.article),
                reviewers_line(f),
                counted(f.units, "unit"),
                figure(f.alpha_nominal),
                figure(f.alpha_interval)
            )?;
            for pair in &f.pairs {
                writeln!(
                    out,
                    "  {} · span F1 {}",
                    safe_text::inline(&reading(pair)),
                    figure(pair.span_f1)
                )?;
            }
        }
    }
    Ok(())
}

fn reviewers_line(f: &Figures) -> String {
    let n = f.reviewers.len();
    let names = safe_text::inline(&f.reviewers.join(", ")).into_owned();
    match n {
        0 => "no reviewers".to_owned(),
        1 => format!("1 reviewer ({names})"),
        _ => format!("{n} reviewers ({names})"),
    }
}

/// A figure to three places, or `—` where it is undefined.
fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |x| format!("{x:.3}"))
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", x * 100.0))
}

/// Left-aligns `s` in `width` terminal columns.
fn pad(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(fill))
}

/// Right-aligns `s` in `width` terminal columns.
fn pad_left(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(s.width());
    format!("{}{s}", " ".repeat(fill))
}

fn pair_table(out: &mut dyn Write, pairs: &[Pair]) -> std::io::Result<()> {
    let header = [
        "pair",
        "both judged",
        "agreement",
        "κ",
        "weighted κ",
        "span F1",
    ];
    let rows: Vec<[String; 6]> = pairs
        .iter()
        .map(|p| {
            [
                safe_text::inline(&format!("{} · {}", p.a, p.b)).into_owned(),
                p.both_judged.to_string(),
                percent(p.agreement),
                figure(p.kappa),
                figure(p.weighted_kappa),
                figure(p.span_f1),
            ]
        })
        .collect();
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 0 {
                s.push_str(&pad(cell, w));
            } else {
                s.push_str("  ");
                s.push_str(&pad_left(cell, w));
            }
        }
        s
    };
    writeln!(out, "{}", line(header.map(str::to_owned).to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.to_vec()))?;
    }
    Ok(())
}

/// Background shades for a cell, light to strong: green where the two agree,
/// red where they differ.
const AGREE_SHADES: [u8; 4] = [22, 28, 34, 40];
const DIFFER_SHADES: [u8; 4] = [52, 88, 124, 160];

fn shade(count: u64, most: u64, agree: bool) -> u8 {
    let shades = if agree { AGREE_SHADES } else { DIFFER_SHADES };
    let last = shades.len() - 1;
    let step = (count.saturating_mul(last as u64) / most.max(1)) as usize;
    shades.get(step.min(last)).copied().unwrap_or(0)
}

fn confusion_table(
    out: &mut dyn Write,
    pair: &Pair,
    verdicts: &[String],
    scale: &VerdictScale,
    colour: bool,
) -> std::io::Result<()> {
    let t = &pair.confusion;
    let used: Vec<usize> = (0..t.size())
        .filter(|&v| t.row_total(v) > 0 || t.column_total(v) > 0)
        .collect();
    let label = |v: usize| {
        let key = verdicts.get(v).map_or("", String::as_str);
        safe_text::inline(scale.label(key)).into_owned()
    };
    let a = safe_text::inline(&pair.a).into_owned();
    let b = safe_text::inline(&pair.b).into_owned();
    writeln!(
        out,
        "{a} (rows) × {b} (columns): the same verdict on the diagonal, in brackets"
    )?;
    let first = used
        .iter()
        .map(|&v| label(v).width())
        .max()
        .unwrap_or(0)
        .max(a.width());
    let width = used
        .iter()
        .map(|&v| label(v).width())
        .max()
        .unwrap_or(0)
        .max(5);
    let mut header = format!("  {}", pad(&a, first));
    for &v in &used {
        header.push_str("  ");
        header.push_str(&pad_left(&label(v), width));
    }
    writeln!(out, "{}", header.trim_end())?;
    let most = used
        .iter()
        .flat_map(|&i| used.iter().map(move |&j| t.get(i, j)))
        .max()
        .unwrap_or(0);
    for &i in &used {
        let mut line = format!("  {}", pad(&label(i), first));
        for &j in &used {
            let n = t.get(i, j);
            let text = match (n, i == j) {
                (0, _) => "·".to_owned(),
                (n, true) => format!("[{n}]"),
                (n, false) => format!("{n} "),
            };
            line.push_str("  ");
            let cell = pad_left(&text, width);
            if colour && n > 0 {
                line.push_str(&format!(
                    "\x1b[48;5;{}m{cell}\x1b[0m",
                    shade(n, most, i == j)
                ));
            } else {
                line.push_str(&cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_grow_with_the_count() {
        assert_eq!(shade(1, 4, true), AGREE_SHADES[0]);
        assert_eq!(shade(4, 4, true), AGREE_SHADES[3]);
        assert_eq!(shade(4, 4, false), DIFFER_SHADES[3]);
        assert_eq!(shade(3, 0, true), AGREE_SHADES[3]);
    }

    #[test]
    fn undefined_figures_show_a_dash() {
        assert_eq!(figure(None), "—");
        assert_eq!(figure(Some(0.61234)), "0.612");
        assert_eq!(percent(Some(8.0 / 11.0)), "72.7%");
    }
}
