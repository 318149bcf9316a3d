//! The resolver: one place for each toponym span of a document.
//!
//! Each candidate gets a score from
//!
//! - its **prior**: `0.5 · log10(population)`, a bonus by feature class (continent, world
//!   region and country 3 > capital 2 > first-level region 1.5 > district 0.5 > other place)
//!   and 0.5 when the text is the place's main name (or an abbreviation in capitals) rather
//!   than an alternate;
//! - the document's **focus**: 4 × the share of the other toponyms' probability mass that
//!   falls on the candidate's country and 1.5 × the share on its first-level region (each
//!   toponym spreads a unit of mass over its candidates by their prior);
//! - **patterns** with the next toponym (+6): "X, Y" and "X in Y" (X inside country or
//!   region Y, or in district Y's region within 80 km of it), "X, near Y", "X outside Y", "X, north of Y" (X
//!   within 150 km of Y). A name that is a country's is read as a list ("Niger, Nigeria"),
//!   and a name of an area gets pattern support only for its area readings;
//! - **twins**: a city named like the region or district it lies in is the city ("New
//!   York", "São Paulo"; +3), unless "state", "province", "county" ... stands next to it;
//!   a first-level region gets +3 instead after one of its settlements ("Buffalo, New
//!   York", but not "Brooklyn, New York", within 30 km of the city), before an office of
//!   its own ("New York Governor") or in a list next to a name of regions only ("Utah,
//!   Washington and Wisconsin": regions of that country);
//! - **nearby places** (+1): within 250 km of a confidently placed settlement of the
//!   document.
//!
//! Mentions with the same normalized name share one reading (one sense per document): their
//! scores are summed. A toponym the gazetteer does not know is [`Unresolved`], never
//! defaulted.

use std::collections::BTreeMap;

use super::gazetteer::{Candidate, Feature, Gazetteer, NameKind, Place};
use super::{distance_km, normalize};

/// How a resolution was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// The name has a single candidate.
    Unambiguous,
    /// A pattern with a neighbouring toponym ("Paris, Texas", "Houla, near Homs") decided.
    Pattern,
    /// The document's country or region focus, or nearby places, changed the prior's choice.
    Context,
    /// The prior (population and feature class) decided.
    Prior,
}

impl Method {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Unambiguous => "unambiguous",
            Method::Pattern => "pattern",
            Method::Context => "context",
            Method::Prior => "prior",
        }
    }
}

/// The place chosen for a toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'g> {
    /// The place (name, country, coordinates, feature, GeoNames id).
    pub place: &'g Place,
    /// Index of the place in the gazetteer.
    pub index: u32,
    /// Share of the score mass of the chosen candidate (0..=1).
    pub confidence: f64,
    /// How the choice was made.
    pub method: Method,
}

impl Resolution<'_> {
    /// Main name of the place.
    pub fn name(&self) -> &str {
        &self.place.name
    }
    /// ISO3 country code (empty for continents).
    pub fn country(&self) -> &str {
        &self.place.country
    }
    /// Latitude.
    pub fn lat(&self) -> f64 {
        self.place.lat
    }
    /// Longitude.
    pub fn lon(&self) -> f64 {
        self.place.lon
    }
    /// GeoNames id.
    pub fn geonameid(&self) -> u32 {
        self.place.geonameid
    }
    /// Feature class.
    pub fn feature(&self) -> Feature {
        self.place.feature
    }
}

/// Why a toponym was left unresolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unresolved {
    /// The span is empty, out of the text or not on character boundaries.
    BadSpan,
    /// The span has no letter or digit.
    EmptyName,
    /// The gazetteer has no place of that name.
    NotInGazetteer,
}

impl Unresolved {
    /// Lower-case reason.
    pub fn as_str(self) -> &'static str {
        match self {
            Unresolved::BadSpan => "bad span",
            Unresolved::EmptyName => "empty name",
            Unresolved::NotInGazetteer => "not in gazetteer",
        }
    }
}

/// Picks places for the toponyms of a document. Cheap to create; holds only a reference
/// to the gazetteer.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'g> {
    gazetteer: &'g Gazetteer,
    focus: Option<&'g str>,
}

/// Relation words between two toponyms and what they say about the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// "X, Y", "X in Y": X inside Y.
    Inside,
    /// "X, near Y", "X outside Y": X close to Y.
    Near,
}

const NEAR_KM: f64 = 150.0;
/// A place "in" a district lies within this distance of the district's centre.
const DISTRICT_KM: f64 = 80.0;
/// Bonus of a city over the region named like it ("New York"), or of the region when the
/// text says "state" or "province".
const TWIN_CITY_BONUS: f64 = 3.0;
/// Weight of the document's region focus (the country focus weighs 4).
const REGION_WEIGHT: f64 = 1.5;
const NEARBY_KM: f64 = 250.0;

struct Mention {
    key: String,
    cands: Vec<Candidate>,
    prior: Vec<f64>,
}

impl<'g> Resolver<'g> {
    /// A resolver over `gazetteer`.
    pub fn new(gazetteer: &'g Gazetteer) -> Resolver<'g> {
        Resolver {
            gazetteer,
            focus: None,
        }
    }

    /// Adds a known country focus (ISO3: the publisher's country or the dateline's),
    /// counted like one more toponym of that country.
    pub fn with_focus(mut self, iso3: &'g str) -> Resolver<'g> {
        self.focus = Some(iso3);
        self
    }

    fn prior(&self, c: &Candidate, text: &str) -> f64 {
        let Some(p) = self.gazetteer.place(c.place) else {
            return f64::MIN;
        };
        let pop = 0.5 * ((p.population as f64) + 10.0).log10();
        let feature = match p.feature {
            Feature::Continent | Feature::WorldRegion | Feature::Country => 3.0,
            Feature::Capital => 2.0,
            Feature::Region => 1.5,
            Feature::District => 0.5,
            Feature::City => 0.0,
        };
        let kind = match c.kind {
            NameKind::Primary => 0.5,
            // An upper-case abbreviation used as such ("UK") is as good as a name.
            NameKind::Abbreviation if !text.chars().any(char::is_lowercase) => 0.5,
            _ => 0.0,
        };
        pop + feature + kind
    }

    /// Resolves the toponyms at `spans` (byte ranges into `text`), in order. The result has
    /// one entry per span.
    pub fn resolve(
        &self,
        text: &str,
        spans: &[(usize, usize)],
    ) -> Vec<Result<Resolution<'g>, Unresolved>> {
        let g = self.gazetteer;
        // 1. Candidates and priors.
        let mentions: Vec<Result<Mention, Unresolved>> = spans
            .iter()
            .map(|&(s, e)| {
                let t = match text.get(s..e) {
                    Some(t) if s < e => t,
                    _ => return Err(Unresolved::BadSpan),
                };
                let t = strip_possessive(t.trim());
                let key = normalize(t);
                if key.is_empty() {
                    return Err(Unresolved::EmptyName);
                }
                let mut cands = g.lookup(t);
                if cands.is_empty()
                    && let Some(rest) = t.strip_prefix("the ").or_else(|| t.strip_prefix("The "))
                {
                    cands = g.lookup(rest);
                }
                if cands.is_empty() {
                    cands = head_stripped(g, t);
                }
                if cands.is_empty() {
                    return Err(Unresolved::NotInGazetteer);
                }
                let prior = cands.iter().map(|c| self.prior(c, t)).collect();
                Ok(Mention { key, cands, prior })
            })
            .collect();

        // 2. Focus mass per name key: each distinct name spreads a unit over its candidates'
        //    countries and regions by the softmax of their priors.
        let mut country_mass: BTreeMap<&str, BTreeMap<String, f64>> = BTreeMap::new();
        let mut region_mass: BTreeMap<&str, BTreeMap<String, f64>> = BTreeMap::new();
        let mut confident: Vec<(usize, u32)> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let Ok(m) = m else { continue };
            let probs = softmax(&m.prior);
            let cm = country_mass.entry(m.key.as_str()).or_default();
            let rm = region_mass.entry(m.key.as_str()).or_default();
            let mut local_c: BTreeMap<String, f64> = BTreeMap::new();
            let mut local_r: BTreeMap<String, f64> = BTreeMap::new();
            for (c, p) in m.cands.iter().zip(&probs) {
                if let Some(pl) = g.place(c.place) {
                    if !pl.country.is_empty() {
                        *local_c.entry(pl.country.clone()).or_default() += p;
                    }
                    if !pl.admin1.is_empty() {
                        *local_r.entry(pl.admin1.clone()).or_default() += p;
                    }
                }
            }
            // Each mention adds one unit of mass, spread over its candidates.
            for (k, v) in local_c {
                *cm.entry(k).or_default() += v;
            }
            for (k, v) in local_r {
                *rm.entry(k).or_default() += v;
            }
            if let Some((best, p)) = argmax(&probs)
                && p >= 0.9
                && g.place(m.cands[best].place)
                    .is_some_and(|pl| !pl.feature.is_area())
            {
                confident.push((i, m.cands[best].place));
            }
        }
        let mut total_c: BTreeMap<String, f64> = BTreeMap::new();
        let mut total_r: BTreeMap<String, f64> = BTreeMap::new();
        for m in country_mass.values() {
            for (k, v) in m {
                *total_c.entry(k.clone()).or_default() += v;
            }
        }
        for m in region_mass.values() {
            for (k, v) in m {
                *total_r.entry(k.clone()).or_default() += v;
            }
        }
        if let Some(f) = self.focus {
            *total_c.entry(f.to_string()).or_default() += 1.0;
        }
        let sum_c: f64 = total_c.values().sum();
        let sum_r: f64 = total_r.values().sum();

        // 3. Scores per mention: prior + focus (without the name's own mass) + patterns +
        //    nearby places.
        let mut scores: Vec<Option<Vec<f64>>> = Vec::with_capacity(mentions.len());
        let mut pattern_hit: Vec<bool> = vec![false; mentions.len()];
        for (i, m) in mentions.iter().enumerate() {
            let Ok(m) = m else {
                scores.push(None);
                continue;
            };
            let own_c = country_mass.get(m.key.as_str());
            let own_r = region_mass.get(m.key.as_str());
            let own_c_sum: f64 = own_c.map(|x| x.values().sum()).unwrap_or(0.0);
            let own_r_sum: f64 = own_r.map(|x| x.values().sum()).unwrap_or(0.0);
            let relation = self.relation(text, spans, &mentions, i);
            // What the name itself says: a name of an area ("Iraq", "Texas") is read as that
            // area in a list ("China, Japan", "Washington, Oregon"), so a pattern may only
            // favour its area readings.
            let named_area = m.cands.iter().any(|c| {
                c.kind != NameKind::Alternate
                    && g.place(c.place).is_some_and(|p| p.feature.is_area())
            });
            // A country's name next to another toponym is a list ("Niger, Nigeria"), not a
            // place inside it.
            let named_country = m.cands.iter().any(|c| {
                c.kind != NameKind::Alternate
                    && g.place(c.place)
                        .is_some_and(|p| p.feature == Feature::Country)
            });
            let relation = if named_country { None } else { relation };
            // A city named like its own region ("New York", "São Paulo") is the city, unless
            // the text says "state", "province" ... next to the name.
            let region_word = spans
                .get(i)
                .is_some_and(|&(s, e)| region_word_near(text, s, e));
            // Cues that a name of both a city and a first-level region ("New York",
            // "Washington") means the region: a title of a region's office next to it ("New
            // York Governor"), a list of regions ("Utah, Washington and Wisconsin") or a
            // settlement of the region before it ("Buffalo, New York"; not "Brooklyn, New
            // York", which lies in the city).
            let list_countries = if region_word {
                Vec::new()
            } else {
                self.in_region_list(text, spans, &mentions, i)
            };
            let region_cue = !region_word
                && (spans
                    .get(i)
                    .is_some_and(|&(_, e)| office_word_after(text, e))
                    || self.after_own_settlement(text, spans, &mentions, i));
            let twin_regions: Vec<(Feature, &str, f64, f64, u64)> = m
                .cands
                .iter()
                .filter_map(|c| g.place(c.place))
                .filter(|p| matches!(p.feature, Feature::Region | Feature::District))
                .map(|p| (p.feature, p.admin1.as_str(), p.lat, p.lon, p.population))
                .collect();
            let mut s = Vec::with_capacity(m.cands.len());
            for (c, prior) in m.cands.iter().zip(&m.prior) {
                let Some(pl) = g.place(c.place) else {
                    s.push(f64::MIN);
                    continue;
                };
                let mut score = *prior;
                // By its main name, or by any name when it holds a quarter of the
                // region's people ("Hims" is Homs; "Rio Grande do Sul" is not Rio Grande).
                let twin_city = matches!(pl.feature, Feature::City | Feature::Capital)
                    && twin_regions.iter().any(|&(f, a1, lat, lon, pop)| {
                        let dominant =
                            c.kind == NameKind::Primary || pl.population.saturating_mul(4) >= pop;
                        dominant
                            && a1 == pl.admin1
                            && match f {
                                Feature::Region => pl.population >= 100_000,
                                _ => distance_km(lat, lon, pl.lat, pl.lon) <= DISTRICT_KM,
                            }
                    });
                if twin_city && !region_word && !region_cue && list_countries.is_empty() {
                    score += TWIN_CITY_BONUS;
                }
                if pl.feature == Feature::Region
                    && (region_cue || list_countries.contains(&pl.country.as_str()))
                {
                    score += TWIN_CITY_BONUS;
                }
                if matches!(pl.feature, Feature::Region | Feature::District) && region_word {
                    score += TWIN_CITY_BONUS;
                }
                if !pl.country.is_empty() && sum_c - own_c_sum > 0.0 {
                    let mine = own_c
                        .and_then(|x| x.get(&pl.country))
                        .copied()
                        .unwrap_or(0.0);
                    let share = (total_c.get(&pl.country).copied().unwrap_or(0.0) - mine)
                        / (sum_c - own_c_sum);
                    score += 4.0 * share.max(0.0);
                }
                if !pl.admin1.is_empty() && sum_r - own_r_sum > 0.0 {
                    let mine = own_r
                        .and_then(|x| x.get(&pl.admin1))
                        .copied()
                        .unwrap_or(0.0);
                    let share = (total_r.get(&pl.admin1).copied().unwrap_or(0.0) - mine)
                        / (sum_r - own_r_sum);
                    score += REGION_WEIGHT * share.max(0.0);
                }
                if let Some((rel, j)) = relation
                    && (!named_area || pl.feature.is_area())
                    && let Ok(other) = &mentions[j]
                    && self.fits(pl, rel, other)
                {
                    score += 6.0;
                    pattern_hit[i] = true;
                }
                if !pl.feature.is_area()
                    && confident.iter().any(|&(k, p)| {
                        k != i
                            && p != c.place
                            && g.place(p).is_some_and(|q| {
                                distance_km(pl.lat, pl.lon, q.lat, q.lon) <= NEARBY_KM
                            })
                    })
                {
                    score += 1.0;
                }
                s.push(score);
            }
            scores.push(Some(s));
        }

        // 4. One sense per document: sum the scores of mentions with the same key.
        let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, m) in mentions.iter().enumerate() {
            if let Ok(m) = m {
                by_key.entry(m.key.as_str()).or_default().push(i);
            }
        }
        let mut out: Vec<Result<Resolution<'g>, Unresolved>> = mentions
            .iter()
            .map(|m| match m {
                Err(e) => Err(*e),
                Ok(_) => Err(Unresolved::NotInGazetteer),
            })
            .collect();
        for idxs in by_key.values() {
            // Mentions with the same key usually have the same candidates (not when the
            // case of an abbreviation differs): merge by place and average.
            let mut total: BTreeMap<u32, (f64, f64)> = BTreeMap::new();
            for &i in idxs {
                let (Ok(m), Some(s)) = (&mentions[i], &scores[i]) else {
                    continue;
                };
                for ((c, sc), pr) in m.cands.iter().zip(s).zip(&m.prior) {
                    let e = total.entry(c.place).or_insert((0.0, 0.0));
                    e.0 += sc;
                    e.1 += pr;
                }
            }
            let n = idxs.len() as f64;
            let places: Vec<u32> = total.keys().copied().collect();
            let final_scores: Vec<f64> = total.values().map(|v| v.0 / n).collect();
            let priors: Vec<f64> = total.values().map(|v| v.1 / n).collect();
            let Some(best) = pick(g, &places, &final_scores) else {
                continue;
            };
            let prior_best = pick(g, &places, &priors);
            let probs = softmax(&final_scores);
            let confidence = probs.get(best).copied().unwrap_or(0.0);
            let any_pattern = idxs.iter().any(|&i| pattern_hit[i]);
            let method = if places.len() == 1 {
                Method::Unambiguous
            } else if any_pattern && prior_best != Some(best) {
                Method::Pattern
            } else if prior_best != Some(best) {
                Method::Context
            } else {
                Method::Prior
            };
            let Some(place) = g.place(places[best]) else {
                continue;
            };
            for &i in idxs {
                out[i] = Ok(Resolution {
                    place,
                    index: places[best],
                    confidence,
                    method,
                });
            }
        }
        out
    }

    /// The relation of mention `i` to the next mention, read from the text between them
    /// ("," "in", "near", "north of" ...); `None` when they are more than 40 bytes apart.
    fn relation(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        mentions: &[Result<Mention, Unresolved>],
        i: usize,
    ) -> Option<(Relation, usize)> {
        let j = i + 1;
        let (&(_, e), &(s2, _)) = (spans.get(i)?, spans.get(j)?);
        mentions.get(j)?.as_ref().ok()?;
        if s2 < e || s2 - e > 40 {
            return None;
        }
        let gap = text.get(e..s2)?.trim().to_ascii_lowercase();
        let gap = gap.trim_start_matches(',').trim();
        let gap = gap.strip_suffix("the").map(str::trim).unwrap_or(gap);
        match gap {
            "" | "in" | "," => Some((Relation::Inside, j)),
            "near" | "outside" | "outside of" | "close to" | "just outside" | "north of"
            | "south of" | "east of" | "west of" | "northeast of" | "northwest of"
            | "southeast of" | "southwest of" | "north-east of" | "north-west of"
            | "south-east of" | "south-west of" => Some((Relation::Near, j)),
            _ => None,
        }
        .filter(|_| {
            // "X, Y" needs the comma: "Houla Homs" is no pattern.
            let raw = text.get(e..s2).unwrap_or("");
            !raw.trim().is_empty()
        })
    }

    /// The countries of the first-level regions named by a neighbour of mention `i` in a
    /// list ("A, B and C"), when that neighbour's names are those of first-level regions
    /// only (no country, capital or city of 100,000 or more); empty otherwise.
    fn in_region_list(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        mentions: &[Result<Mention, Unresolved>],
        i: usize,
    ) -> Vec<&'g str> {
        let g = self.gazetteer;
        let region_only = |j: usize| -> Vec<&'g str> {
            let Some(Ok(m)) = mentions.get(j) else {
                return Vec::new();
            };
            let mut countries = Vec::new();
            for c in m.cands.iter().filter(|c| c.kind != NameKind::Alternate) {
                let Some(p) = g.place(c.place) else { continue };
                match p.feature {
                    Feature::Region => countries.push(p.country.as_str()),
                    Feature::Country
                    | Feature::Continent
                    | Feature::WorldRegion
                    | Feature::Capital => return Vec::new(),
                    Feature::City if p.population >= 100_000 => return Vec::new(),
                    _ => {}
                }
            }
            countries
        };
        let listed = |a: usize, b: usize| {
            let (Some(&(_, e)), Some(&(s, _))) = (spans.get(a), spans.get(b)) else {
                return false;
            };
            s >= e
                && s - e <= 8
                && matches!(
                    text.get(e..s).unwrap_or("").trim(),
                    "," | "and" | ", and" | "or" | ", or" | "&"
                )
        };
        let mut out = Vec::new();
        if i > 0 && listed(i - 1, i) {
            out.extend(region_only(i - 1));
        }
        if listed(i, i + 1) {
            out.extend(region_only(i + 1));
        }
        out
    }

    /// Whether mention `i` follows "X, " where X can be a settlement of one of `i`'s
    /// first-level regions and none of X's readings lies within 30 km of a city reading of
    /// `i` ("Buffalo, New York" is the state; "Brooklyn, New York" the city).
    fn after_own_settlement(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        mentions: &[Result<Mention, Unresolved>],
        i: usize,
    ) -> bool {
        let g = self.gazetteer;
        let (Some(j), Some(Ok(m))) = (i.checked_sub(1), mentions.get(i)) else {
            return false;
        };
        let (Some(&(_, e)), Some(&(s, _)), Some(Ok(x))) =
            (spans.get(j), spans.get(i), mentions.get(j))
        else {
            return false;
        };
        if s < e || text.get(e..s).map(str::trim) != Some(",") {
            return false;
        }
        let places = |m: &Mention| -> Vec<&Place> {
            m.cands.iter().filter_map(|c| g.place(c.place)).collect()
        };
        let (mine, before) = (places(m), places(x));
        let regions: Vec<&str> = mine
            .iter()
            .filter(|p| p.feature == Feature::Region)
            .map(|p| p.admin1.as_str())
            .collect();
        let cities: Vec<&&Place> = mine.iter().filter(|p| !p.feature.is_area()).collect();
        let inside = before
            .iter()
            .any(|p| !p.feature.is_area() && regions.contains(&p.admin1.as_str()));
        let in_city = before.iter().any(|p| {
            cities
                .iter()
                .any(|c| distance_km(p.lat, p.lon, c.lat, c.lon) <= 30.0)
        });
        inside && !in_city
    }

    /// Whether place `pl` fits the relation to any candidate of the other mention.
    fn fits(&self, pl: &Place, rel: Relation, other: &Mention) -> bool {
        let g = self.gazetteer;
        other
            .cands
            .iter()
            .filter_map(|c| g.place(c.place))
            .any(|q| {
                if std::ptr::eq(pl, q) {
                    return false;
                }
                match rel {
                    Relation::Inside => match q.feature {
                        Feature::Country => {
                            q.country == pl.country && pl.feature != Feature::Country
                        }
                        Feature::Region => q.admin1 == pl.admin1 && !pl.feature.is_area(),
                        Feature::District => {
                            q.admin1 == pl.admin1
                                && !pl.feature.is_area()
                                && pl.feature != Feature::District
                                && distance_km(pl.lat, pl.lon, q.lat, q.lon) <= DISTRICT_KM
                        }
                        _ => false,
                    },
                    Relation::Near => {
                        !pl.feature.is_area()
                            && !q.feature.is_area()
                            && distance_km(pl.lat, pl.lon, q.lat, q.lon) <= NEAR_KM
                    }
                }
            })
    }
}

/// Index of the best score; ties go to the larger population, then the smaller GeoNames id.
fn pick(g: &Gazetteer, places: &[u32], scores: &[f64]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for i in 0..places.len().min(scores.len()) {
        best = match best {
            None => Some(i),
            Some(b) => {
                let (sb, si) = (scores[b], scores[i]);
                let better = if si != sb {
                    si > sb
                } else {
                    let (pb, pi) = (g.place(places[b]), g.place(places[i]));
                    let key = |p: Option<&Place>| p.map(|p| (p.population, u32::MAX - p.geonameid));
                    key(pi) > key(pb)
                };
                Some(if better { i } else { b })
            }
        };
    }
    best
}

fn argmax(v: &[f64]) -> Option<(usize, f64)> {
    v.iter()
        .copied()
        .enumerate()
        .fold(None, |acc, (i, x)| match acc {
            Some((_, y)) if y >= x => acc,
            _ => Some((i, x)),
        })
}

fn softmax(v: &[f64]) -> Vec<f64> {
    let max = v.iter().copied().fold(f64::MIN, f64::max);
    let exps: Vec<f64> = v.iter().map(|x| (x - max).exp()).collect();
    let sum: f64 = exps.iter().sum();
    if sum > 0.0 && sum.is_finite() {
        exps.iter().map(|e| e / sum).collect()
    } else {
        vec![0.0; v.len()]
    }
}

/// Whether a word for an administrative region stands right after the span ("New York
/// state") or "state of" right before it.
fn region_word_near(text: &str, start: usize, end: usize) -> bool {
    const WORDS: &[&str] = &[
        "state",
        "province",
        "region",
        "governorate",
        "prefecture",
        "department",
        "oblast",
    ];
    let after = text.get(end..).unwrap_or("").trim_start().to_lowercase();
    let next: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let before = text.get(..start).unwrap_or("").trim_end().to_lowercase();
    const AFTER: &[&str] = &["county", "district", "parish", "municipality", "regency"];
    WORDS.contains(&next.as_str())
        || AFTER.contains(&next.as_str())
        || WORDS.iter().any(|w| before.ends_with(&format!("{w} of")))
}

/// Whether the title of a first-level region's office follows the span ("New York
/// Governor", "Washington state legislature" is handled by [`region_word_near`]).
fn office_word_after(text: &str, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("").trim_start().to_lowercase();
    let next: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        next.as_str(),
        "governor" | "governors" | "legislature" | "statehouse" | "premier"
    )
}

/// Candidates for a name with a generic head the gazetteer does not write ("Nyanza
/// Province" -> the regions and districts "Nyanza"; "Greater Mumbai" -> "Mumbai").
fn head_stripped(g: &Gazetteer, t: &str) -> Vec<Candidate> {
    const HEADS: &[&str] = &[
        " Province",
        " State",
        " Region",
        " District",
        " County",
        " Governorate",
        " Prefecture",
        " Municipality",
        " Department",
    ];
    if let Some(rest) = t.strip_prefix("Greater ") {
        return g.lookup(rest);
    }
    for h in HEADS {
        if let Some(rest) = t.strip_suffix(h) {
            return g
                .lookup(rest)
                .into_iter()
                .filter(|c| {
                    g.place(c.place)
                        .is_some_and(|p| matches!(p.feature, Feature::Region | Feature::District))
                })
                .collect();
        }
    }
    Vec::new()
}

fn strip_possessive(t: &str) -> &str {
    t.strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .or_else(|| t.strip_suffix('\''))
        .unwrap_or(t)
}
