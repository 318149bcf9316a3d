//! Event dates: time expressions of a clause resolved against the article's date.
//!
//! "On Monday" in an article of Thursday 31 May 2012 is 2012-05-28 when the clause reports a
//! past act, and "on Friday" in a future clause is 2012-06-01. Also `today`, `yesterday`,
//! `tomorrow`, `tonight`, `this week`, `earlier this week`, `last week`, `last month`,
//! `next month`, `last year` and explicit dates ("28 May", "May 28, 2012", "2012-05-28").

use jiff::ToSpan;
use jiff::civil::Date;
use tacitus_model::calendar::weekday_of;

/// Which way a relative expression points when it could go both ways ("on Friday").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// The clause reports a past or present act.
    Past,
    /// The clause announces a future act.
    Future,
}

/// A date read from words, with how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The date.
    pub date: Date,
    /// True for a full explicit date, false for one resolved against the article's date.
    pub explicit: bool,
}

fn month_of(word: &str) -> Option<i8> {
    tacitus_model::calendar::month_of(word.trim_end_matches('.'))
}

/// Is this lower-case word one that starts a time expression (so the coder knows which
/// tokens to look at)?
pub fn is_time_word(word: &str) -> bool {
    weekday_of(word).is_some()
        || matches!(
            word,
            "today" | "yesterday" | "tomorrow" | "tonight" | "week" | "month" | "year"
        )
        || month_of(word).is_some()
        || parse_iso(word).is_some()
}

fn parse_iso(word: &str) -> Option<Date> {
    if word.len() == 10 && word.as_bytes()[4] == b'-' && word.as_bytes()[7] == b'-' {
        word.parse::<Date>().ok()
    } else {
        None
    }
}

/// Resolves the time expression around word `i` of `words` (lower case, the clause's or the
/// sentence's words in order) against `today`, the article's date.
pub fn resolve(words: &[&str], i: usize, today: Date, tense: Tense) -> Option<Resolved> {
    let w = words[i];
    let prev = |k: usize| if i >= k { Some(words[i - k]) } else { None };
    let next = |k: usize| words.get(i + k).copied();
    if let Some(d) = parse_iso(w) {
        return Some(Resolved {
            date: d,
            explicit: true,
        });
    }
    if let Some(wd) = weekday_of(w) {
        let forward = match prev(1) {
            Some("next") | Some("coming") => true,
            Some("last") | Some("past") => false,
            _ => tense == Tense::Future,
        };
        let date = if forward {
            let mut d = today;
            while d.weekday() != wd || (prev(1) == Some("next") && d == today) {
                d = d.checked_add(1.day()).ok()?;
            }
            d
        } else {
            let mut d = today;
            while d.weekday() != wd || (prev(1) == Some("last") && d == today) {
                d = d.checked_sub(1.day()).ok()?;
            }
            d
        };
        return Some(Resolved {
            date,
            explicit: false,
        });
    }
    match w {
        "today" | "tonight" => {
            return Some(Resolved {
                date: today,
                explicit: false,
            });
        }
        "yesterday" => {
            return Some(Resolved {
                date: today.checked_sub(1.day()).ok()?,
                explicit: false,
            });
        }
        "tomorrow" => {
            return Some(Resolved {
                date: today.checked_add(1.day()).ok()?,
                explicit: false,
            });
        }
        "week" | "month" | "year" => {
            let which = prev(1)?;
            let earlier = prev(2) == Some("earlier");
            let date = match (which, w) {
                ("this", "week") if earlier || tense == Tense::Past => {
                    // "earlier this week": the Monday of the article's week.
                    let back = today.weekday().to_monday_zero_offset();
                    today.checked_sub((back as i64).days()).ok()?
                }
                ("this", _) => today,
                ("last", "week") => today.checked_sub(7.days()).ok()?,
                ("next", "week") => today.checked_add(7.days()).ok()?,
                ("last", "month") => today.checked_sub(1.month()).ok()?,
                ("next", "month") => today.checked_add(1.month()).ok()?,
                ("last", "year") => today.checked_sub(1.year()).ok()?,
                ("next", "year") => today.checked_add(1.year()).ok()?,
                _ => return None,
            };
            return Some(Resolved {
                date,
                explicit: false,
            });
        }
        _ => {}
    }
    // "28 May [2012]" or "May 28[,] [2012]".
    if let Some(month) = month_of(w) {
        let day_before = prev(1)
            .and_then(|p| p.parse::<i8>().ok())
            .filter(|d| (1..=31).contains(d));
        let day_after = next(1)
            .and_then(|p| p.parse::<i8>().ok())
            .filter(|d| (1..=31).contains(d));
        let day = day_before.or(day_after)?;
        let year_word = if day_after.is_some() {
            next(2)
                .filter(|x| *x != ",")
                .or_else(|| next(3).filter(|_| next(2) == Some(",")))
        } else {
            next(1)
        };
        let year = year_word
            .and_then(|y| y.parse::<i16>().ok())
            .filter(|y| (1000..=9999).contains(y));
        let explicit = year.is_some();
        let year = year.unwrap_or_else(|| {
            // No year: the nearest such date, looking back for past acts and ahead for plans.
            let this = Date::new(today.year(), month, day).ok();
            match (this, tense) {
                (Some(d), Tense::Past) if d > today => today.year() - 1,
                (Some(d), Tense::Future) if d < today => today.year() + 1,
                _ => today.year(),
            }
        });
        let date = Date::new(year, month, day).ok()?;
        return Some(Resolved { date, explicit });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn r(text: &str, tense: Tense) -> Option<Date> {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let i = words.iter().position(|w| is_time_word(w))?;
        resolve(&words, i, date(2012, 5, 31), tense).map(|r| r.date)
    }

    #[test]
    fn relative_dates_of_the_example_article() {
        assert_eq!(r("On Monday", Tense::Past), Some(date(2012, 5, 28)));
        assert_eq!(r("on Friday", Tense::Future), Some(date(2012, 6, 1)));
        assert_eq!(r("on Thursday", Tense::Past), Some(date(2012, 5, 31)));
        assert_eq!(r("earlier this week", Tense::Past), Some(date(2012, 5, 28)));
        assert_eq!(r("yesterday", Tense::Past), Some(date(2012, 5, 30)));
        assert_eq!(r("today", Tense::Past), Some(date(2012, 5, 31)));
        assert_eq!(r("last month", Tense::Past), Some(date(2012, 4, 30)));
        assert_eq!(r("last Friday", Tense::Past), Some(date(2012, 5, 25)));
        assert_eq!(r("next Monday", Tense::Past), Some(date(2012, 6, 4)));
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(r("on 28 May 2012", Tense::Past), Some(date(2012, 5, 28)));
        assert_eq!(r("on May 25 , 2011", Tense::Past), Some(date(2011, 5, 25)));
        assert_eq!(r("on 3 June", Tense::Future), Some(date(2012, 6, 3)));
        assert_eq!(r("on 3 June", Tense::Past), Some(date(2011, 6, 3)));
        assert_eq!(r("2012-05-20", Tense::Past), Some(date(2012, 5, 20)));
        assert_eq!(r("the week", Tense::Past), None);
    }
}
