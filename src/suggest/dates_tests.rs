use super::*;

/// The reasons the checks give for one sentence read on its own.
fn reasons(sentence: &str) -> Vec<String> {
    check_sentence(sentence, 0, &YearContext::default())
        .into_iter()
        .map(|c| c.reason)
        .collect()
}

fn fires(sentence: &str) -> bool {
    !reasons(sentence).is_empty()
}

/// Every written form of a day, month and year news uses.
fn forms(month: &str, abbr: &str, day: u32, year: i32) -> Vec<String> {
    vec![
        format!("It happened on {month} {day}, {year}."),
        format!("It happened on {month} {day} {year}."),
        format!("It happened on {month} {day}th, {year}."),
        format!("It happened on {day} {month} {year}."),
        format!("It happened on the {day}th of {month}, {year}."),
        format!("It happened on {abbr}. {day}, {year}."),
        format!("It happened on {day} {abbr}. {year}."),
        format!("It happened on {year}-{:02}-{day:02}.", month_of(month)),
    ]
}

fn month_of(name: &str) -> usize {
    MONTH_NAMES.iter().position(|m| *m == name).unwrap() + 1
}

#[test]
fn leap_days_in_every_form_across_leap_and_common_years() {
    for (year, leap) in [(2000, true), (2024, true), (2025, false), (2100, false)] {
        for sentence in forms("February", "Feb", 29, year) {
            let got = reasons(&sentence);
            if leap {
                assert!(got.is_empty(), "{sentence}: {got:?}");
            } else {
                assert_eq!(
                    got,
                    vec![format!("{year} is not a leap year")],
                    "{sentence}"
                );
            }
        }
        // February 28 exists in every year.
        for sentence in forms("February", "Feb", 28, year) {
            assert!(!fires(&sentence), "{sentence}");
        }
    }
}

#[test]
fn days_the_month_never_has_in_every_form_and_year() {
    for year in [2000, 2024, 2025, 2100] {
        for (month, abbr, day, reason) in [
            ("February", "Feb", 30, "February never has 30 days"),
            ("February", "Feb", 31, "February never has 31 days"),
            ("April", "Apr", 31, "April has 30 days"),
            ("June", "Jun", 31, "June has 30 days"),
            ("September", "Sept", 31, "September has 30 days"),
            ("November", "Nov", 31, "November has 30 days"),
            ("January", "Jan", 32, "no month has 32 days"),
            ("December", "Dec", 45, "no month has 45 days"),
        ] {
            for sentence in forms(month, abbr, day, year) {
                assert_eq!(reasons(&sentence), vec![reason.to_owned()], "{sentence}");
            }
        }
        // The last real day of each of those months.
        for (month, abbr, day) in [
            ("April", "Apr", 30),
            ("June", "Jun", 30),
            ("September", "Sep", 30),
            ("November", "Nov", 30),
            ("January", "Jan", 31),
            ("December", "Dec", 31),
            ("July", "Jul", 31),
            ("August", "Aug", 31),
            ("October", "Oct", 31),
            ("March", "Mar", 31),
            ("May", "May", 31),
        ] {
            for sentence in forms(month, abbr, day, year) {
                assert!(!fires(&sentence), "{sentence}");
            }
        }
    }
}

#[test]
fn yearless_dates_are_checked_against_the_year_clear_from_the_text() {
    // Impossible in every year: flagged without a year.
    assert_eq!(
        reasons("The vote was on Feb. 30."),
        ["February never has 30 days"]
    );
    assert_eq!(
        reasons("Talks ended April 31, officials said."),
        ["April has 30 days"]
    );
    assert_eq!(reasons("Talks ended on 31 June."), ["June has 30 days"]);
    // February 29 with no year anywhere may be a leap day.
    assert!(!fires("The meeting was on Feb. 29."));
    assert!(!fires("The meeting was on February 29."));
    assert!(!fires("The meeting was on 29 February."));
    // A year written in the same sentence.
    assert_eq!(
        reasons("Talks on Feb. 29 and March 3, 2025 failed."),
        ["2025 is not a leap year (the year written in the same sentence)"]
    );
    assert!(!fires("Talks on Feb. 29 and March 3, 2024 failed."));
    // A year from a dated mention earlier in the text.
    for (year, leap) in [(2000, true), (2024, true), (2025, false), (2100, false)] {
        let text = format!("Published March 1, {year}. The summit was on Feb. 29. ");
        let at = text.find("The summit").unwrap();
        let context = YearContext::before(&text, at);
        assert_eq!(context.year_at(at), Some(year as i16));
        let sentence = &text[at..];
        let checks = check_sentence(sentence, at, &context);
        if leap {
            assert!(checks.is_empty(), "{year}: {checks:?}");
        } else {
            assert_eq!(checks.len(), 1);
            assert_eq!(
                checks[0].reason,
                format!("{year} is not a leap year (the year of the date before it)")
            );
            assert_eq!(checks[0].text, "Feb. 29");
            assert_eq!(&text[checks[0].start.get()..checks[0].end.get()], "Feb. 29");
        }
    }
    // "February 2025" sets the year too; a year too far back does not.
    let text = "In February 2025 the talks began. They ended on February 29.";
    let at = text.find("They").unwrap();
    assert_eq!(YearContext::before(text, at).year_at(at), Some(2025));
    let far = format!(
        "On May 1, 2025 it began. {} The end came on February 29.",
        "x ".repeat(6000)
    );
    let at = far.find("The end").unwrap();
    assert_eq!(YearContext::before(&far, at).year_at(at), None);
}

#[test]
fn weekdays_that_do_not_match_their_date() {
    // March 5, 2025 was a Wednesday.
    assert_eq!(
        reasons("The vote is on Tuesday, March 5, 2025."),
        ["March 5, 2025 is a Wednesday, not a Tuesday"]
    );
    assert!(!fires("The vote is on Wednesday, March 5, 2025."));
    assert!(!fires("The vote is on Wednesday March 5th, 2025."));
    assert!(!fires("The vote is on Wednesday, 5 March 2025."));
    assert!(!fires("The vote is on Wed. March 5, 2025."));
    assert_eq!(
        reasons("The vote is on Thursday 5 March 2025."),
        ["March 5, 2025 is a Wednesday, not a Thursday"]
    );
    assert_eq!(
        reasons("The vote is on Tue. March 5, 2025."),
        ["March 5, 2025 is a Wednesday, not a Tuesday"]
    );
    // Leap days and their weekdays: Feb 29, 2000 a Tuesday, 2024 a Thursday.
    assert!(!fires("It was Tuesday, February 29, 2000."));
    assert!(!fires("It was Thursday, February 29, 2024."));
    assert_eq!(
        reasons("It was Friday, February 29, 2024."),
        ["February 29, 2024 is a Thursday, not a Friday"]
    );
    // A date that does not exist is reported once, as such.
    assert_eq!(
        reasons("It was Saturday, February 29, 2025."),
        ["2025 is not a leap year"]
    );
    // A yearless weekday date with a year from earlier in the text.
    let text = "Dated January 2, 2025. The talks are on Tuesday, March 5. ";
    let at = text.find("The talks").unwrap();
    let context = YearContext::before(text, at);
    let checks = check_sentence(&text[at..], at, &context);
    assert_eq!(checks.len(), 1);
    assert_eq!(
        checks[0].reason,
        "March 5, 2025 is a Wednesday, not a Tuesday"
    );
    // Without a year there is nothing to compare.
    assert!(!fires("The talks are on Tuesday, March 5."));
}

#[test]
fn counts_and_words_that_look_like_dates_are_left_alone() {
    for sentence in [
        "In June 31 people were hurt.",
        "In May 35 people died.",
        "The March 32 miles long was hard.",
        "About 40 March marchers came.",
        "We had 31 Aprils of rain.",
        "It rose 30 percent in February 2025.",
        "He spent 2025-13-01 hours.",
        "He said may 31 be enough.",
        "Gross sales were 2,931 in May.",
    ] {
        assert!(!fires(sentence), "{sentence}: {:?}", reasons(sentence));
    }
    assert_eq!(
        reasons("On 2025-02-29 it ended."),
        ["2025 is not a leap year"]
    );
}

#[test]
fn found_dates_carry_offsets_and_parts() {
    let found = find("Signed Tuesday, March 5, 2025 and 1 April.");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].start, 7);
    assert_eq!(found[0].weekday, Some(Weekday::Tuesday));
    assert_eq!(
        (found[0].month, found[0].day, found[0].year),
        (3, 5, Some(2025))
    );
    assert_eq!((found[1].month, found[1].day, found[1].year), (4, 1, None));
    assert!(DATE.is_some() && MONTH_YEAR.is_some());
}
