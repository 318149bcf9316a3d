//! The CAMEO and PLOVER codebooks, as data (`data/events/cameo.tsv`, `data/events/plover.tsv`).
//!
//! Every CAMEO event code with its name, root, QuadClass and Goldstein score; and for each code
//! its PLOVER type, mode and context. Codes the CAMEO-to-PLOVER table lacks take the row of
//! their nearest listed parent (`1056` → `105` → `10`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::Error;

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code ("1312").
    pub code: String,
    /// Its root, the first two digits ("13").
    pub root: String,
    /// QuadClass 1-4.
    pub quad_class: u8,
    /// Goldstein score, -10 to +10.
    pub goldstein: f64,
    /// The codebook's name.
    pub name: String,
}

/// The PLOVER reading of a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverRow {
    /// PLOVER event type (`SANCTION`).
    pub kind: String,
    /// Mode (`withdraw`), may be empty.
    pub mode: String,
    /// Contexts, comma-separated, may be empty.
    pub context: String,
}

/// Both codebooks.
#[derive(Debug, Clone)]
pub struct Codebook {
    cameo: BTreeMap<String, CameoCode>,
    plover: BTreeMap<String, PloverRow>,
}

/// The CAMEO table shipped with tacitus.
pub const CAMEO_TSV: &str = include_str!("../../../data/events/cameo.tsv");
/// The CAMEO-to-PLOVER table shipped with tacitus.
pub const PLOVER_TSV: &str = include_str!("../../../data/events/plover.tsv");

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

impl Codebook {
    /// The built-in codebooks, parsed once.
    pub fn builtin() -> &'static Codebook {
        static BOOK: OnceLock<Codebook> = OnceLock::new();
        BOOK.get_or_init(|| {
            Codebook::parse(CAMEO_TSV, PLOVER_TSV).expect("the built-in codebooks parse")
        })
    }

    /// Parses the two tables.
    pub fn parse(cameo_tsv: &str, plover_tsv: &str) -> Result<Codebook, Error> {
        let mut cameo = BTreeMap::new();
        for (line, f) in rows(cameo_tsv) {
            let bad = |what: &str| Error::Data(format!("cameo.tsv:{line}: {what}"));
            if f.len() != 5 {
                return Err(bad("expected 5 columns"));
            }
            let code = f[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("bad code"));
            }
            let root = &code[..2];
            if f[1] != root {
                return Err(bad("root is not the code's first two digits"));
            }
            let quad_class: u8 = f[2].parse().map_err(|_| bad("bad QuadClass"))?;
            if quad_class != quad_of_root(root).ok_or_else(|| bad("root out of 01-20"))? {
                return Err(bad("QuadClass does not follow the root"));
            }
            let goldstein: f64 = f[3].parse().map_err(|_| bad("bad Goldstein score"))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(bad("Goldstein score out of -10..10"));
            }
            let entry = CameoCode {
                code: code.to_string(),
                root: root.to_string(),
                quad_class,
                goldstein,
                name: f[4].to_string(),
            };
            if cameo.insert(code.to_string(), entry).is_some() {
                return Err(bad("duplicate code"));
            }
        }
        let mut plover = BTreeMap::new();
        for (line, f) in rows(plover_tsv) {
            let bad = |what: &str| Error::Data(format!("plover.tsv:{line}: {what}"));
            if f.len() != 4 {
                return Err(bad("expected 4 columns"));
            }
            let row = PloverRow {
                kind: f[1].to_string(),
                mode: f[2].to_string(),
                context: f[3].to_string(),
            };
            if plover.insert(f[0].to_string(), row).is_some() {
                return Err(bad("duplicate code"));
            }
        }
        Ok(Codebook { cameo, plover })
    }

    /// The CAMEO code, if it exists.
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo.get(code)
    }

    /// Every CAMEO code, in code order.
    pub fn cameo_codes(&self) -> impl Iterator<Item = &CameoCode> {
        self.cameo.values()
    }

    /// The PLOVER row of a code: its own, or its nearest listed parent's. `None` for root 01.
    pub fn plover(&self, code: &str) -> Option<&PloverRow> {
        let mut c = code;
        loop {
            if let Some(row) = self.plover.get(c) {
                return Some(row);
            }
            if c.len() <= 2 {
                return None;
            }
            // 1056 → 105 → 10; 0811 → 081 → 08.
            c = &c[..c.len() - 1];
        }
    }
}

/// QuadClass of a CAMEO root ("01".."20"): 1 verbal cooperation (01-05), 2 material
/// cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
pub fn quad_of_root(root: &str) -> Option<u8> {
    let r: u8 = root.parse().ok()?;
    match r {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_codebook_has_every_root_and_known_scores() {
        let book = Codebook::builtin();
        for r in 1..=20 {
            assert!(book.cameo(&format!("{r:02}")).is_some(), "root {r:02}");
        }
        let c = book.cameo("1312").unwrap();
        assert_eq!((c.root.as_str(), c.quad_class), ("13", 3));
        assert_eq!(book.cameo("161").unwrap().goldstein, -4.0);
        assert_eq!(book.cameo("106").unwrap().name, "Demand withdrawal");
        assert_eq!(book.plover("161").unwrap().kind, "SANCTION");
        assert_eq!(book.plover("1056").unwrap().kind, "REQUEST");
        assert_eq!(book.plover("042").unwrap().kind, "CONSULT");
        assert_eq!(book.plover("021").unwrap().kind, "REQUEST");
        assert!(book.plover("010").is_none());
    }
}
