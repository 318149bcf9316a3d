//! tacitus annotation: dictionaries, actors, places, events, quotations. Being written (issues 4-6).

#![warn(missing_docs)]

pub mod actors;
pub mod dict;
pub mod places;
