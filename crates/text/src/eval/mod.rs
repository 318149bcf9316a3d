//! Scoring the readers against gold data: main-text extraction and sentence boundaries.

pub mod boundaries;
pub mod extraction;
