//! Instants with their original zone.

use serde::{Deserialize, Serialize};

/// A point in time as an article states it: the UTC instant plus the offset and zone
/// abbreviation the source wrote it in (`20:23 BST` is 19:23 UTC, offset +3600, zone `BST`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instant {
    /// The instant in UTC.
    pub utc: jiff::Timestamp,
    /// The source's UTC offset in seconds (east positive); 0 when the source gave none.
    pub offset_seconds: i32,
    /// The zone as the source wrote it (`BST`, `+01:00`, `Europe/London`), if it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// True when the source gave only a date; the instant is then midnight at the offset.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_only: bool,
}

impl Instant {
    /// An instant stated in UTC with no zone.
    pub fn utc(utc: jiff::Timestamp) -> Instant {
        Instant {
            utc,
            offset_seconds: 0,
            zone: None,
            date_only: false,
        }
    }

    /// The UTC instant as RFC 3339 (`2012-05-31T19:23:00Z`).
    pub fn rfc3339(&self) -> String {
        self.utc.to_string()
    }

    /// The instant in the source's own offset, as RFC 3339 (`2012-05-31T20:23:00+01:00`).
    pub fn local_rfc3339(&self) -> String {
        match jiff::tz::Offset::from_seconds(self.offset_seconds) {
            Ok(offset) => self.utc.display_with_offset(offset).to_string(),
            Err(_) => self.rfc3339(),
        }
    }

    /// The calendar date in the source's own offset.
    pub fn local_date(&self) -> jiff::civil::Date {
        let offset =
            jiff::tz::Offset::from_seconds(self.offset_seconds).unwrap_or(jiff::tz::Offset::UTC);
        offset.to_datetime(self.utc).date()
    }
}
