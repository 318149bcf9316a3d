//! tacitus annotation: the actor dictionaries (`dict`), places (`places`: gazetteer, detection,
//! resolution) and actors (`actors`: recognition and resolution at the article's date). Events
//! are coded by `tacitus-events` and quotations found by `tacitus-quotes` over these mentions.

#![warn(missing_docs)]

pub mod actors;
pub mod dict;
pub mod places;
