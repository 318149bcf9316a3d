//! The gazetteer: places read from the tab-separated files of `data/places/` and an index
//! from normalized names to candidate places. Built once, immutable, `Send + Sync`.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use super::normalize::normalize;

/// The feature class of a place, from the most to the least prominent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    /// A continent (GeoNames `CONT`).
    Continent,
    /// A world region of several countries ("West Africa", UN M49 subregions; `RGN`).
    WorldRegion,
    /// A country or territory (`PCLI` and kin).
    Country,
    /// A first-level administrative region (`ADM1`).
    Region,
    /// A second-level administrative region: county, district, department (`ADM2`).
    District,
    /// A country's capital (`PPLC`).
    Capital,
    /// Any other populated place (`PPL`).
    City,
}

impl Feature {
    /// The GeoNames-style code: `CONT`, `PCLI`, `ADM1`, `PPLC`, `PPL`.
    pub fn code(self) -> &'static str {
        match self {
            Feature::Continent => "CONT",
            Feature::WorldRegion => "RGN",
            Feature::Country => "PCLI",
            Feature::Region => "ADM1",
            Feature::District => "ADM2",
            Feature::Capital => "PPLC",
            Feature::City => "PPL",
        }
    }

    /// Whether the place is an area (continent, world region, country or region) rather
    /// than a settlement.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            Feature::Continent | Feature::WorldRegion | Feature::Country | Feature::Region
        )
    }

    /// Whether the place is larger than a country (continent or world region).
    pub fn is_supranational(self) -> bool {
        matches!(self, Feature::Continent | Feature::WorldRegion)
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id (0 when the source has none).
    pub geonameid: u32,
    /// The main name.
    pub name: String,
    /// ISO 3166-1 alpha-3 code of the country; empty for continents.
    pub country: String,
    /// First-level region as `ISO3.code` (`SYR.11`): the region itself for regions, the one
    /// containing it for districts and populated places; empty for countries and continents.
    pub admin1: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population (for regions: of its places of 1,000+).
    pub population: u64,
    /// Feature class.
    pub feature: Feature,
}

/// How a name of the index belongs to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The main or ASCII name.
    Primary,
    /// An upper-case abbreviation ("UK", "NSW", "U.S."): matches only upper-case text.
    Abbreviation,
    /// Any other alternate name.
    Alternate,
}

/// A candidate place for a name: index into [`Gazetteer::places`] and the kind of name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Candidate {
    /// Index of the place in [`Gazetteer::places`].
    pub place: u32,
    /// How the name belongs to the place.
    pub kind: NameKind,
}

/// A malformed line in gazetteer data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacesError {
    /// File name (`places.tsv`).
    pub file: String,
    /// Line number (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PlacesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for PlacesError {}

/// The gazetteer: places and the normalized-name index.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Normalized name -> candidates sorted by place index (lookups only; never iterated
    /// into output).
    index: HashMap<String, Vec<Candidate>>,
    /// The most words of any indexed name (bounds the detector's window).
    max_words: usize,
    /// ISO3 -> index of the country's place.
    countries: HashMap<String, u32>,
    /// 1-degree cells -> populated places in them, sorted by index (for [`Gazetteer::nearest`]).
    grid: HashMap<(i32, i32), Vec<u32>>,
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (lat.floor() as i32, lon.floor() as i32)
}

const COUNTRIES_TSV: &str = include_str!("../../../../data/places/countries.tsv");
const REGIONS_TSV: &str = include_str!("../../../../data/places/regions.tsv");
const PLACES_TSV: &str = include_str!("../../../../data/places/places.tsv");
const FEATURES_TSV: &str = include_str!("../../../../data/places/features.tsv");

static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();

/// Whether an alternate name is an upper-case abbreviation ("UK", "U.S.", "NSW").
fn is_abbreviation(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&letters)
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == ' ')
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn names(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').filter(|n| !n.is_empty() && *n != "-")
}

impl Gazetteer {
    /// The gazetteer compiled into the binary from `data/places/`, built on first use.
    pub fn builtin() -> &'static Gazetteer {
        BUILTIN.get_or_init(|| {
            // The built-in data is checked by the tests; should it ever fail to parse, an
            // empty gazetteer (every toponym unresolved) is better than a panic.
            Gazetteer::from_tsv(COUNTRIES_TSV, REGIONS_TSV, PLACES_TSV)
                .and_then(|g| g.with_features(FEATURES_TSV))
                .unwrap_or_default()
        })
    }

    /// Builds a gazetteer from the texts of `countries.tsv`, `regions.tsv` and `places.tsv`
    /// (formats in `data/README.md`; `#` lines are comments). Any of them may be empty.
    pub fn from_tsv(
        countries: &str,
        regions: &str,
        places: &str,
    ) -> Result<Gazetteer, PlacesError> {
        let mut g = Gazetteer::default();
        let err = |file: &str, line: usize, message: String| PlacesError {
            file: file.to_string(),
            line,
            message,
        };
        let num = |file: &str, line: usize, what: &str, s: &str| -> Result<f64, PlacesError> {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| err(file, line, format!("{what} `{s}` is not a number")))
        };
        let int = |file: &str, line: usize, what: &str, s: &str| -> Result<u64, PlacesError> {
            s.parse::<u64>()
                .map_err(|_| err(file, line, format!("{what} `{s}` is not an integer")))
        };
        // countries: iso2 iso3 geonameid name alternates capital lat lon population
        for (line, f) in data_lines(countries) {
            let file = "countries.tsv";
            if f.len() != 9 {
                return Err(err(file, line, format!("{} columns, expected 9", f.len())));
            }
            let place = Place {
                geonameid: int(file, line, "geonameid", f[2])? as u32,
                name: f[3].to_string(),
                country: f[1].to_string(),
                admin1: String::new(),
                lat: num(file, line, "lat", f[6])?,
                lon: num(file, line, "lon", f[7])?,
                population: int(file, line, "population", f[8])?,
                feature: Feature::Country,
            };
            let i = g.push(place, f[3], names(f[4]));
            g.countries.insert(f[1].to_string(), i);
            // ISO codes are not added as names: "CAN", "MAC", "PER" are words in capitals;
            // the common ones ("USA", "UAE") are among the alternate names.
        }
        // regions: id country geonameid name alternates lat lon population feature
        for (line, f) in data_lines(regions) {
            let file = "regions.tsv";
            if f.len() != 9 {
                return Err(err(file, line, format!("{} columns, expected 9", f.len())));
            }
            let feature = match f[8] {
                // ADMG: a group of first-level regions sharing a base name ("Darfur").
                "ADM1" | "ADMG" => Feature::Region,
                "ADM2" => Feature::District,
                "CONT" => Feature::Continent,
                "RGN" => Feature::WorldRegion,
                other => return Err(err(file, line, format!("unknown feature `{other}`"))),
            };
            let (country, admin1) = if feature.is_supranational() {
                (String::new(), String::new())
            } else {
                // "SY.11" or "US.IA.163": the admin1 part is the second component.
                let code = f[0].split('.').nth(1).unwrap_or(f[0]);
                (f[1].to_string(), format!("{}.{code}", f[1]))
            };
            let place = Place {
                geonameid: if f[2] == "-" {
                    0
                } else {
                    int(file, line, "geonameid", f[2])? as u32
                },
                name: f[3].to_string(),
                country,
                admin1,
                lat: num(file, line, "lat", f[5])?,
                lon: num(file, line, "lon", f[6])?,
                population: int(file, line, "population", f[7])?,
                feature,
            };
            g.push(place, f[3], names(f[4]));
        }
        // places: geonameid name ascii alternates country admin1 lat lon population feature
        for (line, f) in data_lines(places) {
            let file = "places.tsv";
            if f.len() != 10 {
                return Err(err(file, line, format!("{} columns, expected 10", f.len())));
            }
            let feature = match f[9] {
                "PPLC" => Feature::Capital,
                "PPL" => Feature::City,
                other => return Err(err(file, line, format!("unknown feature `{other}`"))),
            };
            let place = Place {
                geonameid: int(file, line, "geonameid", f[0])? as u32,
                name: f[1].to_string(),
                country: f[4].to_string(),
                admin1: if f[5] == "-" {
                    String::new()
                } else {
                    format!("{}.{}", f[4], f[5])
                },
                lat: num(file, line, "lat", f[6])?,
                lon: num(file, line, "lon", f[7])?,
                population: int(file, line, "population", f[8])?,
                feature,
            };
            let (lat, lon) = (place.lat, place.lon);
            let i = g.push(place, f[1], names(f[3]));
            g.grid.entry(cell(lat, lon)).or_default().push(i);
            if f[2] != "-" {
                g.add_name(f[2], i, NameKind::Primary);
            }
        }
        Ok(g)
    }

    /// Adds the physical features and named areas of a `features.tsv` text (columns:
    /// name, alternates, country ISO3 or `-`, lat, lon, kind; format in `data/README.md`).
    /// A feature spanning several countries ("Black Sea", "Middle East") becomes a
    /// [`Feature::WorldRegion`], one inside a country ("Luzon", "Katanga") a
    /// [`Feature::Region`] of its own (no settlement lies in it by code). Features have no
    /// population and no GeoNames id.
    pub fn with_features(mut self, features: &str) -> Result<Gazetteer, PlacesError> {
        let file = "features.tsv";
        let err = |line: usize, message: String| PlacesError {
            file: file.to_string(),
            line,
            message,
        };
        for (line, f) in data_lines(features) {
            if f.len() != 6 {
                return Err(err(line, format!("{} columns, expected 6", f.len())));
            }
            let coord = |what: &str, s: &str, max: f64| {
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && v.abs() <= max)
                    .ok_or_else(|| err(line, format!("{what} `{s}` is not a coordinate")))
            };
            let (lat, lon) = (coord("lat", f[3], 90.0)?, coord("lon", f[4], 180.0)?);
            let (country, admin1, feature) = if f[2] == "-" {
                (String::new(), String::new(), Feature::WorldRegion)
            } else if f[2].len() == 3 && f[2].chars().all(|c| c.is_ascii_uppercase()) {
                (
                    f[2].to_string(),
                    format!("{}.~{}", f[2], normalize(f[0])),
                    Feature::Region,
                )
            } else {
                return Err(err(line, format!("country `{}` is no ISO3 code", f[2])));
            };
            let place = Place {
                geonameid: 0,
                name: f[0].to_string(),
                country,
                admin1,
                lat,
                lon,
                population: 0,
                feature,
            };
            self.push(place, f[0], names(f[1]));
        }
        Ok(self)
    }

    fn push<'a>(
        &mut self,
        place: Place,
        name: &str,
        alternates: impl Iterator<Item = &'a str>,
    ) -> u32 {
        let i = self.places.len() as u32;
        self.places.push(place);
        self.add_name(name, i, NameKind::Primary);
        for a in alternates {
            let kind = if is_abbreviation(a) {
                NameKind::Abbreviation
            } else {
                NameKind::Alternate
            };
            self.add_name(a, i, kind);
        }
        i
    }

    fn add_name(&mut self, name: &str, place: u32, kind: NameKind) {
        let key = normalize(name);
        if key.is_empty() {
            return;
        }
        let words = name.split([' ', '-']).filter(|w| !w.is_empty()).count();
        self.max_words = self.max_words.max(words);
        let list = self.index.entry(key).or_default();
        match list.iter_mut().find(|c| c.place == place) {
            Some(c) => c.kind = c.kind.min(kind),
            None => list.push(Candidate { place, kind }),
        }
    }

    /// All places, in file order (countries, regions and continents, populated places).
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// One place by index (as in [`Candidate::place`]).
    pub fn place(&self, i: u32) -> Option<&Place> {
        self.places.get(i as usize)
    }

    /// The country place for an ISO 3166-1 alpha-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Place> {
        self.countries.get(iso3).and_then(|&i| self.place(i))
    }

    /// Candidates for a name as written. Abbreviations ("UK", "US") match only when the
    /// text has no lower-case letter, so "us" is never the United States; and short
    /// all-capital text ("EU", "NSW") matches only abbreviations, so "EU" is not the town
    /// of Eu. Sorted by place index; empty when unknown.
    pub fn lookup(&self, text: &str) -> Vec<Candidate> {
        let upper = !text.chars().any(|c| c.is_lowercase());
        let short_caps = upper && text.chars().filter(|c| c.is_alphabetic()).count() <= 4;
        self.index
            .get(&normalize(text))
            .map(|v| {
                v.iter()
                    .filter(|c| {
                        if short_caps {
                            c.kind == NameKind::Abbreviation
                        } else {
                            upper || c.kind != NameKind::Abbreviation
                        }
                    })
                    .copied()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The populated place nearest to a point, with its distance in km, searching up to
    /// about 6 degrees away (reverse geocoding; `None` in empty areas).
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<(&Place, f64)> {
        if !lat.is_finite() || !lon.is_finite() {
            return None;
        }
        let (cy, cx) = cell(lat, lon);
        for r in [1, 3, 6] {
            let mut best: Option<(u32, f64)> = None;
            for dy in -r..=r {
                for dx in -r..=r {
                    let x = (cx + dx + 180).rem_euclid(360) - 180;
                    let Some(list) = self.grid.get(&(cy + dy, x)) else {
                        continue;
                    };
                    for &i in list {
                        let Some(p) = self.place(i) else { continue };
                        let d = super::distance_km(lat, lon, p.lat, p.lon);
                        if best.is_none_or(|(_, b)| d < b) {
                            best = Some((i, d));
                        }
                    }
                }
            }
            if let Some((i, d)) = best {
                return self.place(i).map(|p| (p, d));
            }
        }
        None
    }

    /// Whether a normalized key is in the index (for detectors).
    pub fn contains_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The most words of an indexed name.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether the gazetteer has no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Number of distinct normalized names.
    pub fn name_count(&self) -> usize {
        self.index.len()
    }
}
