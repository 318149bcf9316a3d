//! Calendar dates of dictionary roles: `YYYY-MM-DD`, or the coarser `YYYY-MM` and `YYYY`
//! when the day or month is not known.
//!
//! A coarse date stands for an interval: as a start it means its first day, as an end its
//! last day. Nothing here knows time zones or times of day.

use std::fmt;

/// A full calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year, 1000..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (checked against the month).
    pub day: u8,
}

impl Day {
    /// A checked day, or a message saying what is wrong.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Day, String> {
        if !(1000..=9999).contains(&year) {
            return Err(format!("year {year} out of range 1000..9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} out of range 1..12"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!(
                "day {day} out of range 1..{last} for {year}-{month:02}"
            ));
        }
        Ok(Day { year, month, day })
    }

    /// Parses `YYYY-MM-DD` only.
    pub fn parse(s: &str) -> Result<Day, String> {
        let d = Date::parse(s)?;
        match (d.month, d.day) {
            (Some(_), Some(_)) => Ok(d.first_day()),
            _ => Err(format!("`{s}` is not a full date YYYY-MM-DD")),
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// A date of known precision: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, if known.
    pub month: Option<u8>,
    /// Day, if known (only with a month).
    pub day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits exactly so, nothing else).
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let widths = [4, 2, 2];
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!("`{s}` is not a date YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        for (p, w) in parts.iter().zip(widths) {
            if p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{s}` is not a date YYYY, YYYY-MM or YYYY-MM-DD"));
            }
        }
        let year: u16 = parts[0].parse().map_err(|_| format!("bad year in `{s}`"))?;
        let month: Option<u8> = parts.get(1).map(|m| m.parse().unwrap_or(0));
        let day: Option<u8> = parts.get(2).map(|d| d.parse().unwrap_or(0));
        // Validate through Day.
        Day::new(year, month.unwrap_or(1), day.unwrap_or(1))?;
        Ok(Date { year, month, day })
    }

    /// The first day the date covers.
    pub fn first_day(&self) -> Day {
        Day {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the date covers.
    pub fn last_day(&self) -> Day {
        let month = self.month.unwrap_or(12);
        Day {
            year: self.year,
            month,
            day: self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_precisions() {
        assert_eq!(
            Date::parse("2012").unwrap().last_day().to_string(),
            "2012-12-31"
        );
        assert_eq!(
            Date::parse("2012-02").unwrap().last_day().to_string(),
            "2012-02-29"
        );
        assert_eq!(
            Date::parse("2011-02").unwrap().last_day().to_string(),
            "2011-02-28"
        );
        assert_eq!(
            Date::parse("2012-05-15").unwrap().first_day().to_string(),
            "2012-05-15"
        );
        assert_eq!(
            Date::parse("2012-05").unwrap().first_day().to_string(),
            "2012-05-01"
        );
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "",
            "12",
            "2012-5",
            "2012-13",
            "2011-02-29",
            "2012-04-31",
            "2012-01-01x",
            "abcd",
            "2012-00",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Day::parse("2012-05").is_err());
        assert!(Day::parse("2000-02-29").is_ok());
        assert!(Day::parse("1900-02-29").is_err());
    }
}
