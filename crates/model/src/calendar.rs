//! English month and weekday names: the one list with which datelines are read, event dates
//! resolved and calendar words kept from being taken for places or actors.

use jiff::civil::Weekday;

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// The month (1-12) a word names: the full name or its three-letter abbreviation ("Sept"
/// too), in any case.
pub fn month_of(word: &str) -> Option<i8> {
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() >= 3
                    && m.starts_with(&lower)
                    && (lower.len() == 3 || lower == "sept"))
        })
        .map(|i| i as i8 + 1)
}

/// The weekday a word names (full name, any case).
pub fn weekday_of(word: &str) -> Option<Weekday> {
    let lower = word.to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, d)| *d)
}

/// True for a month (or its abbreviation) or a weekday.
pub fn is_calendar_word(word: &str) -> bool {
    month_of(word).is_some() || weekday_of(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_of("May"), Some(5));
        assert_eq!(month_of("sept"), Some(9));
        assert_eq!(month_of("Sep"), Some(9));
        assert_eq!(month_of("ma"), None);
        assert_eq!(month_of("marc"), None);
        assert_eq!(weekday_of("Friday"), Some(Weekday::Friday));
        assert!(is_calendar_word("dec") && is_calendar_word("monday"));
        assert!(!is_calendar_word("mon") && !is_calendar_word("week"));
    }
}
