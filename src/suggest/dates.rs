//! Dates as news writes them ("February 29, 2025", "29 February 2025",
//! "Feb. 29", "2025-02-29", with or without a weekday before them), found in a
//! sentence and checked for certain: a day the month does not have, or a
//! weekday that is not the date's. Calendar facts come from `jiff`.
//!
//! A date without a year is checked against the year that is clear from the
//! text: a year in the same sentence, else the year of the nearest dated
//! mention before it (see [`YearContext`]). Without one, only what is
//! impossible in every year is flagged (February 30, April 31); February 29
//! may be a leap day.

use crate::text::ByteOffset;
use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use regex::{Captures, Regex};

/// Month names and the abbreviations news uses, capitalised as written.
const MONTH: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
/// Weekdays written out, or abbreviated with a period ("Tue.").
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)";

/// One pattern for every form, so two forms never claim the same text.
static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?-u:\b)(?:(?P<weekday>{WEEKDAY}),?\s+(?:the\s+)?)?
        (?:
            (?P<month_a>{MONTH})\.?\s+(?P<day_a>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<year_a>[0-9]{{4}})(?-u:\b))?
          | (?P<day_b>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_b>{MONTH})(?-u:\b)\.?(?:,?\s+(?P<year_b>[0-9]{{4}})(?-u:\b))?
          | (?P<year_c>[0-9]{{4}})-(?P<month_c>[0-9]{{2}})-(?P<day_c>[0-9]{{2}})(?-u:\b)
        )"
    );
    Regex::new(&pattern).ok()
});

/// A month named with a year but no day ("February 2025"): a year for the
/// dates around it, never checked itself.
static MONTH_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:{MONTH})\.?,?\s+(?P<year>[0-9]{{4}})(?-u:\b)"
    ))
    .ok()
});

/// A date found in text; byte offsets are within the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub weekday: Option<Weekday>,
    /// 1–12.
    pub month: i8,
    /// As written, which may be no real day (0, 32, 99).
    pub day: u8,
    pub year: Option<i16>,
    /// Whether it reads as a date (a weekday or year with it, or punctuation
    /// or "and" after the day), not as a count ("In June 31 people…").
    pub clearly_a_date: bool,
}

/// Every date in `text`, in order.
pub(super) fn find(text: &str) -> Vec<FoundDate> {
    // Every form has a digit; most sentences have none, and skip the regex.
    let Some(re) = DATE.as_ref().filter(|_| has_digit(text)) else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter_map(|c| from_captures(text, &c))
        .collect()
}

fn from_captures(text: &str, c: &Captures<'_>) -> Option<FoundDate> {
    let whole = c.get(0)?;
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (month, day, year) = if let Some(m) = c.name("month_a") {
        (month_number(m.as_str())?, num("day_a")?, num("year_a"))
    } else if let Some(m) = c.name("month_b") {
        (month_number(m.as_str())?, num("day_b")?, num("year_b"))
    } else {
        let month = i8::try_from(num("month_c")?).ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        (month, num("day_c")?, num("year_c"))
    };
    let year = match year {
        Some(y) => Some(i16::try_from(y).ok()?),
        None => None,
    };
    let after = text.get(whole.end()..).unwrap_or_default();
    let weekday = c.name("weekday").and_then(|w| weekday(w.as_str()));
    let clearly_a_date = year.is_some() || weekday.is_some() || ends_like_a_date(after);
    Some(FoundDate {
        start: whole.start(),
        end: whole.end(),
        weekday,
        month,
        day: u8::try_from(day).ok()?,
        year,
        clearly_a_date,
    })
}

fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Whether what follows a yearless "June 31" closes a date: the end, a
/// punctuation mark, or a word that joins dates. "June 31 people" is a count.
fn ends_like_a_date(after: &str) -> bool {
    let Some(first) = after.chars().next() else {
        return true;
    };
    if !first.is_whitespace() {
        return !first.is_alphanumeric();
    }
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    word.is_empty() || matches!(word.as_str(), "and" | "or" | "to" | "through" | "until")
}

fn month_number(name: &str) -> Option<i8> {
    let key = name.get(..3)?;
    let n = match key {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(name: &str) -> Option<Weekday> {
    let w = match name.get(..3)? {
        "Mon" => Weekday::Monday,
        "Tue" => Weekday::Tuesday,
        "Wed" => Weekday::Wednesday,
        "Thu" => Weekday::Thursday,
        "Fri" => Weekday::Friday,
        "Sat" => Weekday::Saturday,
        "Sun" => Weekday::Sunday,
        _ => return None,
    };
    Some(w)
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTH_NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The most days `month` has in any year.
fn most_days(month: i8) -> u8 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Where a yearless date's year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSource {
    Written,
    SameSentence,
    Earlier,
}

/// Why a date is certainly wrong, or `None` when it is a real date (or might
/// be: a yearless February 29 with no year clear from the text).
pub(super) fn problem(date: &FoundDate, year: Option<(i16, YearSource)>) -> Option<String> {
    let month = month_name(date.month);
    let day = date.day;
    if day == 0 {
        return Some(format!("{month} has no day 0"));
    }
    // Day 32 and more needs a year written, or "In May 35, …" reads as a count.
    if day > 31 && date.year.is_some() {
        return Some(format!("no month has {day} days"));
    }
    if day > 31 {
        return None;
    }
    if !date.clearly_a_date {
        return None;
    }
    if day > most_days(date.month) {
        return Some(if date.month == 2 {
            format!("February never has {day} days")
        } else {
            format!("{month} has {} days", most_days(date.month))
        });
    }
    let (year, source) = year?;
    let Ok(real) = Date::new(year, date.month, i8::try_from(day).ok()?) else {
        // Only February 29 is left: in range for the month, not for the year.
        return Some(match source {
            YearSource::Written => format!("{year} is not a leap year"),
            YearSource::SameSentence => {
                format!("{year} is not a leap year (the year written in the same sentence)")
            }
            YearSource::Earlier => {
                format!("{year} is not a leap year (the year of the date before it)")
            }
        });
    };
    let written = date.weekday?;
    (real.weekday() != written).then(|| {
        format!(
            "{month} {day}, {year} is a {}, not a {}",
            weekday_name(real.weekday()),
            weekday_name(written)
        )
    })
}

/// The year most recently made clear by the text, and where it was (a byte
/// offset in the article), so a yearless date can be checked against it. A
/// year further back than [`YearContext::REACH`] is no longer clear.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct YearContext {
    last: Option<(i16, usize)>,
}

impl YearContext {
    /// How far back (in bytes) a dated mention still sets the year.
    pub(crate) const REACH: usize = 10_000;

    /// The context at `at`, read from the text just before it.
    pub(crate) fn before(text: &str, at: usize) -> YearContext {
        let mut context = YearContext::default();
        let mut from = at.saturating_sub(Self::REACH);
        while !text.is_char_boundary(from) {
            from = from.saturating_sub(1);
        }
        if let Some(window) = text.get(from..at) {
            context.read(window, from);
        }
        context
    }

    /// Takes in the years of `text`, which starts at article offset `offset`.
    pub(crate) fn read(&mut self, text: &str, offset: usize) {
        if !has_digit(text) {
            return;
        }
        if let Some(found) = latest_year(text) {
            self.last = Some((found.0, offset + found.1));
        }
    }

    /// The year clear at article offset `at`, if any.
    pub(crate) fn year_at(&self, at: usize) -> Option<i16> {
        self.last
            .filter(|&(_, pos)| at.saturating_sub(pos) <= Self::REACH)
            .map(|(year, _)| year)
    }
}

/// The last year written with a month in `text`, and its byte offset.
fn latest_year(text: &str) -> Option<(i16, usize)> {
    let dated = find(text)
        .into_iter()
        .filter_map(|d| Some((d.year?, d.start)));
    let month_year = MONTH_YEAR.as_ref().into_iter().flat_map(|re| {
        re.captures_iter(text).filter_map(|c| {
            let m = c.name("year")?;
            Some((m.as_str().parse::<i16>().ok()?, m.start()))
        })
    });
    dated.chain(month_year).max_by_key(|&(_, pos)| pos)
}

/// A certain problem with a date in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// Where the date is in the article (converted to characters for output).
    pub start: ByteOffset,
    pub end: ByteOffset,
    pub text: String,
    pub reason: String,
}

/// The certain problems in `sentence` (at article offset `offset`), given the
/// year clear from the text before it.
pub(super) fn check_sentence(sentence: &str, offset: usize, context: &YearContext) -> Vec<Check> {
    let dates = find(sentence);
    let written_here = dates.iter().find_map(|d| d.year);
    dates
        .iter()
        .filter_map(|d| {
            let year = match (d.year, written_here) {
                (Some(y), _) => Some((y, YearSource::Written)),
                (None, Some(y)) => Some((y, YearSource::SameSentence)),
                (None, None) => context
                    .year_at(offset + d.start)
                    .map(|y| (y, YearSource::Earlier)),
            };
            let reason = problem(d, year)?;
            Some(Check {
                start: ByteOffset::new(offset + d.start),
                end: ByteOffset::new(offset + d.end),
                text: sentence.get(d.start..d.end).unwrap_or_default().to_owned(),
                reason,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
