//! Main-text extraction F1 (4-token shingles) against the article-extraction benchmark.
//!
//! The benchmark folder (`data/article-extraction` in the shared data) holds `html/*.html.gz`
//! (181 news pages), `ground-truth.json` (`{id: {articleBody, url}}`) and `output/*.json`, the
//! stored predictions of other extractors in the same shape (optionally wrapped as
//! `{"output": {...}, "version": "..."}`).
//!
//! The metric is the benchmark's own: each text is split into word tokens (runs of letters,
//! digits and `_`, as Python's `\w+`), the tokens are joined into 4-token shingles, and a
//! page's precision and recall count shingles with multiplicity. A page where both texts have
//! no shingle scores 1. Figures are averaged over pages with their standard error; F1 is
//! reported both as the benchmark does (the harmonic mean of mean precision and mean recall)
//! and as the mean of per-page F1; accuracy is the share of pages matched exactly. With
//! [`Tokens::Whitespace`] tokens are whitespace-separated words instead (punctuation kept).

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// How texts are cut into tokens before shingling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tokens {
    /// Runs of letters, digits and `_` (the benchmark's `\w+`); reproduces its published table.
    #[default]
    Word,
    /// Whitespace-separated words, punctuation kept.
    Whitespace,
}

/// Why the benchmark could not be run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A JSON file is malformed.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The error.
        source: serde_json::Error,
    },
    /// The ground truth has no page.
    #[error("{0}: no page in the ground truth")]
    Empty(PathBuf),
}

/// Shingle counts of one page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Shingles in both texts.
    pub tp: usize,
    /// Shingles only in the prediction.
    pub fp: usize,
    /// Shingles only in the truth.
    pub fn_: usize,
}

impl Counts {
    /// Precision; 1 when both texts are empty of shingles.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, self.fn_ == 0)
    }

    /// Recall; 1 when both texts are empty of shingles.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, self.fp == 0)
    }

    /// F1 of precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// True when the prediction matches the truth exactly (shingle for shingle).
    pub fn exact(&self) -> bool {
        self.fp == 0 && self.fn_ == 0
    }
}

fn ratio(num: usize, den: usize, empty_is_perfect: bool) -> f64 {
    if den == 0 {
        if empty_is_perfect { 1.0 } else { 0.0 }
    } else {
        num as f64 / den as f64
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str, tokens: Tokens) -> Vec<&str> {
    match tokens {
        Tokens::Whitespace => text.split_whitespace().collect(),
        Tokens::Word => text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect(),
    }
}

/// The 4-token shingles of `text` with their counts (a text of fewer than four tokens is one
/// shingle; an empty text has none).
pub fn shingles(text: &str, tokens: Tokens) -> HashMap<String, usize> {
    let toks = tokenize(text, tokens);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    let n = 4.min(toks.len());
    for w in toks.windows(n) {
        *out.entry(w.join(" ")).or_insert(0) += 1;
    }
    out
}

/// Scores one predicted text against the true one.
pub fn score_page(truth: &str, predicted: &str, tokens: Tokens) -> Counts {
    let t = shingles(truth, tokens);
    let p = shingles(predicted, tokens);
    let mut c = Counts::default();
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        c.tp += tc.min(pc);
        c.fn_ += tc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        c.fp += pc.saturating_sub(tc);
    }
    c
}

/// One page's result.
#[derive(Clone, Debug, PartialEq)]
pub struct PageScore {
    /// The page id (file stem).
    pub id: String,
    /// Shingle counts.
    pub counts: Counts,
}

/// A mean and its standard error.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mean {
    /// The mean.
    pub mean: f64,
    /// The standard error of the mean.
    pub stderr: f64,
}

impl Mean {
    /// The mean and standard error of `xs` (zero for an empty list).
    pub fn of(xs: &[f64]) -> Mean {
        let n = xs.len();
        if n == 0 {
            return Mean::default();
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        let stderr = if n > 1 {
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            (var / n as f64).sqrt()
        } else {
            0.0
        };
        Mean { mean, stderr }
    }
}

impl fmt::Display for Mean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} ± {:.3}", self.mean, self.stderr)
    }
}

/// The scores of one extractor over the benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemScore {
    /// The extractor's name.
    pub name: String,
    /// Its version, when the stored output names one.
    pub version: Option<String>,
    /// Per-page results, in page id order.
    pub pages: Vec<PageScore>,
    /// F1 as the benchmark reports it: harmonic mean of mean precision and mean recall.
    pub f1: f64,
    /// Mean per-page F1.
    pub page_f1: Mean,
    /// Mean precision.
    pub precision: Mean,
    /// Mean recall.
    pub recall: Mean,
    /// Share of exact matches.
    pub accuracy: Mean,
}

impl SystemScore {
    /// Sums up per-page results.
    pub fn new(name: impl Into<String>, version: Option<String>, pages: Vec<PageScore>) -> Self {
        let col =
            |f: fn(&Counts) -> f64| -> Vec<f64> { pages.iter().map(|p| f(&p.counts)).collect() };
        let precision = Mean::of(&col(Counts::precision));
        let recall = Mean::of(&col(Counts::recall));
        let page_f1 = Mean::of(&col(Counts::f1));
        let accuracy = Mean::of(&col(|c| if c.exact() { 1.0 } else { 0.0 }));
        SystemScore {
            name: name.into(),
            version,
            f1: harmonic(precision.mean, recall.mean),
            page_f1,
            precision,
            recall,
            accuracy,
            pages,
        }
    }
}

impl SystemScore {
    /// The `n` pages with the lowest F1, worst first (ties by id), to see where it fails.
    pub fn worst(&self, n: usize) -> Vec<&PageScore> {
        let mut pages: Vec<&PageScore> = self.pages.iter().collect();
        pages.sort_by(|a, b| {
            a.counts
                .f1()
                .total_cmp(&b.counts.f1())
                .then_with(|| a.id.cmp(&b.id))
        });
        pages.truncate(n);
        pages
    }
}

/// The benchmark's result: ours and the stored extractors', best F1 first.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtractionReport {
    /// The folder evaluated.
    pub dir: PathBuf,
    /// The tokenization used.
    pub tokens: Tokens,
    /// Our extractor ([`crate::html::extract_body_text`]).
    pub ours: SystemScore,
    /// The stored predictions of other extractors, sorted by F1, best first.
    pub others: Vec<SystemScore>,
}

impl fmt::Display for ExtractionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "article extraction, {} pages ({}), 4-token shingles over {} tokens",
            self.ours.pages.len(),
            self.dir.display(),
            match self.tokens {
                Tokens::Word => "word",
                Tokens::Whitespace => "whitespace",
            }
        )?;
        writeln!(
            f,
            "{:<22} {:<10} {:>6}  {:<14} {:<14} {:<14} {:<14}",
            "extractor", "version", "F1", "page F1", "precision", "recall", "accuracy"
        )?;
        let mut all: Vec<&SystemScore> = self.others.iter().collect();
        all.push(&self.ours);
        all.sort_by(|a, b| b.f1.total_cmp(&a.f1).then_with(|| a.name.cmp(&b.name)));
        for s in all {
            let name = if std::ptr::eq(s, &self.ours) {
                format!("{} (ours)", s.name)
            } else {
                s.name.clone()
            };
            let version: String = s
                .version
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(10)
                .collect();
            writeln!(
                f,
                "{:<22} {:<10} {:>6.3}  {:<14} {:<14} {:<14} {:<14}",
                name,
                version,
                s.f1,
                s.page_f1.to_string(),
                s.precision.to_string(),
                s.recall.to_string(),
                s.accuracy.to_string()
            )?;
        }
        Ok(())
    }
}

/// One page of the benchmark.
#[derive(Clone, Debug)]
pub struct Page {
    /// Its id.
    pub id: String,
    /// The true article body.
    pub truth: String,
    /// Its URL.
    pub url: Option<String>,
}

/// Reads `ground-truth.json` of the benchmark in `dir`, sorted by id.
pub fn ground_truth(dir: &Path) -> Result<Vec<Page>, EvalError> {
    let path = dir.join("ground-truth.json");
    let v = read_json(&path)?;
    let mut pages: Vec<Page> = v
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(id, x)| Page {
                    id: id.clone(),
                    truth: body_of(x),
                    url: x.get("url").and_then(Value::as_str).map(String::from),
                })
                .collect()
        })
        .unwrap_or_default();
    if pages.is_empty() {
        return Err(EvalError::Empty(path));
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

fn body_of(v: &Value) -> String {
    v.get("articleBody")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads and decodes page `id`'s HTML (`html/<id>.html.gz`, or `html/<id>.html`).
pub fn page_html(dir: &Path, id: &str) -> Result<String, EvalError> {
    let gz = dir.join("html").join(format!("{id}.html.gz"));
    let plain = dir.join("html").join(format!("{id}.html"));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Io { path, source }
    };
    let bytes = if gz.exists() {
        let file = std::fs::File::open(&gz).map_err(io(&gz))?;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut out)
            .map_err(io(&gz))?;
        out
    } else {
        std::fs::read(&plain).map_err(io(&plain))?
    };
    Ok(match crate::encoding::decode_html(&bytes) {
        Ok(d) => d.text,
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Scores stored predictions (`{id: {articleBody}}`, bare or under `"output"`) against `truth`.
pub fn score_predictions(
    name: &str,
    predictions: &Value,
    truth: &[Page],
    tokens: Tokens,
) -> SystemScore {
    let version = predictions
        .get("version")
        .and_then(Value::as_str)
        .map(String::from);
    let preds = predictions.get("output").unwrap_or(predictions);
    let pages = truth
        .iter()
        .map(|p| PageScore {
            id: p.id.clone(),
            counts: score_page(
                &p.truth,
                &preds.get(&p.id).map(body_of).unwrap_or_default(),
                tokens,
            ),
        })
        .collect();
    SystemScore::new(name, version, pages)
}

/// Runs our extractor over every page and scores it.
pub fn score_ours(dir: &Path, truth: &[Page], tokens: Tokens) -> Result<SystemScore, EvalError> {
    let mut pages = Vec::with_capacity(truth.len());
    for p in truth {
        let html = page_html(dir, &p.id)?;
        let predicted = crate::html::extract_body_text(&html);
        pages.push(PageScore {
            id: p.id.clone(),
            counts: score_page(&p.truth, &predicted, tokens),
        });
    }
    Ok(SystemScore::new(
        "tacitus",
        Some(env!("CARGO_PKG_VERSION").to_string()),
        pages,
    ))
}

/// Runs the whole benchmark in `dir` with word tokens: ours, then every stored output.
pub fn evaluate(dir: &Path) -> Result<ExtractionReport, EvalError> {
    evaluate_with(dir, Tokens::Word)
}

/// Runs the whole benchmark in `dir` with the given tokenization.
pub fn evaluate_with(dir: &Path, tokens: Tokens) -> Result<ExtractionReport, EvalError> {
    let truth = ground_truth(dir)?;
    let ours = score_ours(dir, &truth, tokens)?;
    let mut others = Vec::new();
    let out_dir = dir.join("output");
    if let Ok(entries) = std::fs::read_dir(&out_dir) {
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let name = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let v = read_json(&f)?;
            others.push(score_predictions(&name, &v, &truth, tokens));
        }
    }
    others.sort_by(|a, b| b.f1.total_cmp(&a.f1).then_with(|| a.name.cmp(&b.name)));
    Ok(ExtractionReport {
        dir: dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
        tokens,
        ours,
        others,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores() {
        let c = score_page("a b c d e", "a b c d e", Tokens::Word);
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert!(c.exact());
        let c = score_page("a b c d e", "a b c d", Tokens::Word);
        assert_eq!((c.tp, c.fp, c.fn_), (1, 0, 1));
        assert!((c.precision() - 1.0).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        let c = score_page("", "", Tokens::Word);
        assert_eq!(c.f1(), 1.0);
        let c = score_page("x y", "", Tokens::Word);
        assert_eq!(c.f1(), 0.0);
        assert_eq!(
            tokenize("It's 3.5—fine, ok?", Tokens::Word),
            ["It", "s", "3", "5", "fine", "ok"]
        );
    }

    #[test]
    fn worst_pages_first() {
        let page = |id: &str, tp, fp| PageScore {
            id: id.into(),
            counts: Counts { tp, fp, fn_: 0 },
        };
        let s = SystemScore::new(
            "x",
            None,
            vec![page("a", 1, 0), page("b", 1, 3), page("c", 0, 1)],
        );
        let ids: Vec<&str> = s.worst(2).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["c", "b"]);
        assert!((s.precision.mean - (1.0 + 0.25 + 0.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn means() {
        let m = Mean::of(&[1.0, 0.0]);
        assert_eq!(m.mean, 0.5);
        assert!((m.stderr - 0.5).abs() < 1e-9);
    }
}
