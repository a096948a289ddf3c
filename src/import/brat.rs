//! brat standoff (`.ann`): text-bound annotations (`T1<TAB>Type 10 25<TAB>text`,
//! fragments `10 15;20 25` taken as one span) with offsets in code points,
//! their type as the kind when it names one (claim, note, question) and as a
//! tag otherwise, and `#` notes (`#1<TAB>AnnotatorNotes T1<TAB>note`).

use super::{ForeignTarget, Incoming, Read};
use crate::model::Kind;
use crate::text::{CharOffset, Text};

pub(super) fn read(content: &str, text: &Text) -> Result<Read, String> {
    let mut read = Read::default();
    let mut notes: Vec<(String, String)> = Vec::new();
    for (n, line) in content.lines().enumerate() {
        let at = |what: &str| format!("line {}: {what}", n + 1);
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let middle = fields.next().unwrap_or_default();
        let last = fields.next();
        match id.chars().next() {
            Some('T') => {
                let (kind_name, spans) = middle
                    .split_once(' ')
                    .ok_or_else(|| at("expected \"T1<TAB>Type START END<TAB>text\""))?;
                let mut range: Option<(CharOffset, CharOffset)> = None;
                for fragment in spans.split(';') {
                    let (s, e) = fragment
                        .trim()
                        .split_once(' ')
                        .and_then(|(s, e)| {
                            let offset = |n: &str| n.parse::<usize>().ok().map(CharOffset::new);
                            Some((offset(s)?, offset(e)?))
                        })
                        .filter(|(s, e)| s <= e)
                        .ok_or_else(|| at(&format!("bad offsets {fragment:?}")))?;
                    range = Some(range.map_or((s, e), |(rs, re)| (rs.min(s), re.max(e))));
                }
                let kind = Kind::parse(&kind_name.to_lowercase());
                // A single fragment's text is the quote; several fragments' text
                // is joined with spaces by brat and is not a quote of the article.
                let exact = last.filter(|_| !spans.contains(';')).map(str::to_owned);
                let range = range.filter(|&(_, e)| e <= text.char_end());
                read.annotations.push(Incoming {
                    source_id: id.to_owned(),
                    recorded: ForeignTarget {
                        exact: exact.or_else(|| {
                            range.and_then(|(s, e)| text.slice(s, e)).map(str::to_owned)
                        }),
                        range,
                        ..ForeignTarget::default()
                    },
                    tags: if kind.is_some() {
                        Vec::new()
                    } else {
                        vec![kind_name.to_owned()]
                    },
                    kind: Some(kind.unwrap_or(Kind::Claim)),
                    ..Incoming::default()
                });
            }
            Some('#') => {
                let target = middle.split(' ').nth(1).unwrap_or_default();
                notes.push((target.to_owned(), last.unwrap_or_default().to_owned()));
            }
            // Relations, events, attributes, normalisations: not margin's.
            Some('R' | 'E' | 'A' | 'M' | 'N' | '*') | None => {}
            Some(_) if line.trim().is_empty() => {}
            Some(_) => return Err(at("not a brat annotation line")),
        }
    }
    for (target, note) in notes {
        if let Some(a) = read.annotations.iter_mut().find(|a| a.source_id == target) {
            if !a.note.is_empty() {
                a.note.push('\n');
            }
            a.note.push_str(&note);
        }
    }
    Ok(read)
}
