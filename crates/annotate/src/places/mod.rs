//! Places: a gazetteer of countries, first-level regions, continents and populated places,
//! a toponym detector and a resolver that picks one place for each toponym of a document.
//!
//! The stages are separate so that a later named-entity recognizer can replace the
//! detector:
//!
//! 1. [`Gazetteer`]: the data of `data/places/` (GeoNames, CC BY 4.0, with country and
//!    region points from Natural Earth polygons; see `data/README.md`), built once into an immutable index from normalized names ([`normalize`]) to
//!    candidate places. [`Gazetteer::builtin`] is compiled into the binary.
//! 2. [`detect::detect`]: finds toponym spans in text (gazetteer matches on capitalized token
//!    sequences, minus common words, person names and places used as actors).
//! 3. [`Resolver`]: for the toponym spans of one document, picks a place for each using the
//!    population, the feature class, the document's country and region focus, patterns
//!    such as "Paris, Texas" and "Houla, near Homs", and one sense per document.
//! 4. [`eval`]: the GeoVirus evaluation (accuracy within 161 km, mean and median error, AUC,
//!    toponym precision and recall).

pub mod detect;
pub mod eval;
mod gazetteer;
mod normalize;
mod resolve;

pub use detect::{Role, Toponym, detect};
pub use gazetteer::{Candidate, Feature, Gazetteer, NameKind, Place, PlacesError};
pub use normalize::normalize;
pub use resolve::{Method, Resolution, Resolver, Unresolved};

/// Great-circle distance in kilometres between two points given in degrees (haversine,
/// mean Earth radius 6,371 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    let c = 2.0 * a.sqrt().min(1.0).asin();
    let d = 6371.0 * c;
    if d.is_finite() { d } else { 20_039.0 }
}

/// Detects the toponyms of `text` and resolves those used as locations: the whole pipeline
/// with the built-in stages. Actor uses ("Moscow said") are returned with
/// [`Role::Actor`] and `None` as resolution.
pub fn geoparse<'g>(
    gazetteer: &'g Gazetteer,
    text: &str,
) -> Vec<(Toponym, Option<Result<Resolution<'g>, Unresolved>>)> {
    let found = detect(gazetteer, text);
    let spans: Vec<(usize, usize)> = found
        .iter()
        .filter(|t| t.role == Role::Location)
        .map(|t| (t.start, t.end))
        .collect();
    let mut resolved = Resolver::new(gazetteer).resolve(text, &spans).into_iter();
    found
        .into_iter()
        .map(|t| {
            let r = if t.role == Role::Location {
                resolved.next()
            } else {
                None
            };
            (t, r)
        })
        .collect()
}
