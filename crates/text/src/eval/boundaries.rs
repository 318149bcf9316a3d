//! Sentence-boundary and token-boundary scores against CoNLL-U gold.
//!
//! Each gold document (`# newdoc`) is rebuilt as text: the sentences of a paragraph
//! (`# newpar`) joined by one space, paragraphs by a blank line, each sentence taken from its
//! `# text` comment. The [`Segmenter`] runs over that text as body paragraphs, and a boundary
//! (the end offset of a sentence) counts as found when a predicted sentence ends at the same
//! offset. Counts are summed over documents (micro-average). Beside the segmenter the report
//! scores a naive baseline, the Unicode UAX #29 sentence boundaries, over the same text, and
//! the boundaries inside paragraphs alone (the ends of paragraphs are given to every
//! segmenter, so they flatter the scores).
//!
//! Tokens are scored the same way on a second rebuild of the text from the gold word forms
//! and `SpaceAfter=No`, so that every gold word has an exact span: a predicted token counts
//! when its span equals a gold word's. Multi-word tokens (`don't` = `do` + `n't`) count as
//! their words when the words spell the surface form, else as one token.
//!
//! Pure functions over text in memory, but for [`evaluate_path`], which reads the files.

use std::fmt;
use std::path::{Path, PathBuf};

use tacitus_model::conllu::{self, ConlluSentence};
use tacitus_model::{BlockKind, Document, Paragraph, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::sentences::Segmenter;
use crate::tokens::Tokenizer;

/// How many mistakes a report keeps as examples.
const MAX_EXAMPLES: usize = 40;

pub use tacitus_model::score::Counts;

/// The scores of one evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoundaryReport {
    /// What was evaluated (a file or directory name).
    pub name: String,
    /// Gold documents.
    pub documents: usize,
    /// Gold paragraphs.
    pub paragraphs: usize,
    /// Gold sentences.
    pub sentences: usize,
    /// Bytes of rebuilt text.
    pub bytes: usize,
    /// Our segmenter, all boundaries.
    pub segmenter: Counts,
    /// Our segmenter, boundaries inside paragraphs only.
    pub segmenter_inside: Counts,
    /// UAX #29 sentence boundaries, all.
    pub uax29: Counts,
    /// UAX #29, inside paragraphs only.
    pub uax29_inside: Counts,
    /// Our tokenizer against the gold words.
    pub tokens: Counts,
    /// Gold words.
    pub words: usize,
    /// Some of the segmenter's mistakes, as `missed: ...|...` or `spurious: ...|...` with the
    /// boundary marked by `|`; shown by the alternate form `{:#}`.
    pub examples: Vec<String>,
    /// Some of the tokenizer's mistakes, as `missed: ...[form]...` or `spurious: ...`; shown
    /// by the alternate form `{:#}`.
    pub token_examples: Vec<String>,
}

impl BoundaryReport {
    fn merge(&mut self, other: BoundaryReport) {
        self.documents += other.documents;
        self.paragraphs += other.paragraphs;
        self.sentences += other.sentences;
        self.bytes += other.bytes;
        self.segmenter.add(other.segmenter);
        self.segmenter_inside.add(other.segmenter_inside);
        self.uax29.add(other.uax29);
        self.uax29_inside.add(other.uax29_inside);
        self.tokens.add(other.tokens);
        self.words += other.words;
        let room = MAX_EXAMPLES.saturating_sub(self.examples.len());
        self.examples.extend(other.examples.into_iter().take(room));
        let room = MAX_EXAMPLES.saturating_sub(self.token_examples.len());
        self.token_examples
            .extend(other.token_examples.into_iter().take(room));
    }
}

impl fmt::Display for BoundaryReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} documents, {} paragraphs, {} sentences, {} words, {} bytes",
            self.name, self.documents, self.paragraphs, self.sentences, self.words, self.bytes
        )?;
        writeln!(
            f,
            "{:<34} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        let rows = [
            ("sentences: tacitus", self.segmenter),
            ("sentences: tacitus, in paragraphs", self.segmenter_inside),
            ("sentences: UAX-29", self.uax29),
            ("sentences: UAX-29, in paragraphs", self.uax29_inside),
            ("tokens: tacitus", self.tokens),
        ];
        for (label, c) in rows {
            writeln!(
                f,
                "{:<34} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
                label,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )?;
        }
        if f.alternate() {
            for e in self.examples.iter().chain(&self.token_examples) {
                writeln!(f, "  {e}")?;
            }
        }
        Ok(())
    }
}

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file is not valid CoNLL-U.
    #[error("{path}: {source}")]
    Conllu {
        /// The path.
        path: PathBuf,
        /// The error.
        source: conllu::ConlluError,
    },
    /// A directory holds no `.conllu` file.
    #[error("{0}: no .conllu files")]
    Empty(PathBuf),
}

/// Evaluates `segmenter` against a CoNLL-U file, or every `.conllu` file of a directory (not
/// recursive, in name order).
pub fn evaluate_path(path: &Path, segmenter: &Segmenter) -> Result<BoundaryReport, EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let files = if path.is_dir() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path).map_err(io)? {
            let p = entry.map_err(io)?.path();
            if p.extension().is_some_and(|x| x == "conllu") {
                files.push(p);
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(EvalError::Empty(path.to_path_buf()));
        }
        files
    } else {
        vec![path.to_path_buf()]
    };
    let mut report = BoundaryReport {
        name: path.display().to_string(),
        ..BoundaryReport::default()
    };
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|source| EvalError::Io {
            path: file.clone(),
            source,
        })?;
        let sentences = conllu::parse(&text).map_err(|source| EvalError::Conllu {
            path: file.clone(),
            source,
        })?;
        report.merge(evaluate(&sentences, segmenter));
    }
    Ok(report)
}

/// Evaluates `segmenter` (and the default tokenizer) against parsed gold sentences.
pub fn evaluate(sentences: &[ConlluSentence], segmenter: &Segmenter) -> BoundaryReport {
    let mut report = BoundaryReport::default();
    for doc in split_documents(sentences) {
        report.merge(evaluate_document(&doc, segmenter));
    }
    report
}

/// A gold document: paragraphs of sentences.
type GoldDoc<'a> = Vec<Vec<&'a ConlluSentence>>;

fn split_documents(sentences: &[ConlluSentence]) -> Vec<GoldDoc<'_>> {
    let mut docs: Vec<GoldDoc<'_>> = Vec::new();
    for s in sentences {
        if s.words.is_empty() {
            continue;
        }
        if docs.is_empty() || s.has_comment("newdoc") {
            docs.push(Vec::new());
        }
        let Some(doc) = docs.last_mut() else { continue };
        if doc.is_empty() || s.has_comment("newpar") {
            doc.push(Vec::new());
        }
        if let Some(par) = doc.last_mut() {
            par.push(s);
        }
    }
    docs
}

/// Text, paragraphs and gold unit spans rebuilt from a gold document.
struct Rebuilt {
    text: String,
    paragraphs: Vec<Span>,
    units: Vec<Span>,
}

impl Rebuilt {
    fn new<'s>(
        doc: &GoldDoc<'s>,
        mut sentence: impl FnMut(&'s ConlluSentence, &mut String, &mut Vec<Span>),
    ) -> Rebuilt {
        let mut r = Rebuilt {
            text: String::new(),
            paragraphs: Vec::new(),
            units: Vec::new(),
        };
        for par in doc {
            if !r.text.is_empty() {
                r.text.push_str("\n\n");
            }
            let start = r.text.len();
            for s in par {
                if r.text.len() > start {
                    r.text.push(' ');
                }
                sentence(s, &mut r.text, &mut r.units);
            }
            let end = r.text.len();
            if end > start {
                r.paragraphs.push(Span::new(start, end));
            } else if start >= 2 {
                r.text.truncate(start - 2);
            }
        }
        r
    }

    fn document(&self) -> Document {
        Document {
            text: self.text.clone(),
            paragraphs: self
                .paragraphs
                .iter()
                .map(|&span| Paragraph {
                    span,
                    kind: BlockKind::Body,
                })
                .collect(),
            ..Document::default()
        }
    }
}

fn evaluate_document(doc: &GoldDoc<'_>, segmenter: &Segmenter) -> BoundaryReport {
    // Sentences from `# text`.
    let sents = Rebuilt::new(doc, |s, text, units| {
        let t = s.text();
        let t = t.trim();
        if !t.is_empty() {
            let start = text.len();
            text.push_str(t);
            units.push(Span::new(start, text.len()));
        }
    });
    let mut report = BoundaryReport {
        documents: 1,
        paragraphs: sents.paragraphs.len(),
        sentences: sents.units.len(),
        bytes: sents.text.len(),
        ..BoundaryReport::default()
    };
    let gold: Vec<usize> = sents.units.iter().map(|s| s.end).collect();
    let para_ends: Vec<usize> = sents.paragraphs.iter().map(|p| p.end).collect();
    let mut pdoc = sents.document();
    segmenter.segment(&mut pdoc);
    let ours: Vec<usize> = pdoc.sentences.iter().map(|s| s.span.end).collect();
    report.segmenter = compare(&gold, &ours);
    report.segmenter_inside = compare(&inside(&gold, &para_ends), &inside(&ours, &para_ends));
    for (what, set, other) in [("missed", &gold, &ours), ("spurious", &ours, &gold)] {
        for &b in set.iter() {
            if other.binary_search(&b).is_err() && report.examples.len() < MAX_EXAMPLES {
                report
                    .examples
                    .push(format!("{what}: {}", context(&sents.text, b)));
            }
        }
    }
    let uax: Vec<usize> = uax29_ends(&sents.text);
    report.uax29 = compare(&gold, &uax);
    report.uax29_inside = compare(&inside(&gold, &para_ends), &inside(&uax, &para_ends));

    // Tokens from the word forms.
    let words = Rebuilt::new(doc, gold_words);
    report.words = words.units.len();
    let mut wdoc = words.document();
    segmenter.segment(&mut wdoc);
    Tokenizer::default().tokenize(&mut wdoc);
    let mut predicted: Vec<Span> = wdoc
        .sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.span))
        .collect();
    predicted.sort();
    let mut gold_tokens = words.units;
    gold_tokens.sort();
    report.tokens = compare(&gold_tokens, &predicted);
    for (what, set, other) in [
        ("token missed", &gold_tokens, &predicted),
        ("token spurious", &predicted, &gold_tokens),
    ] {
        for &t in set.iter() {
            if other.binary_search(&t).is_err() && report.token_examples.len() < MAX_EXAMPLES {
                report
                    .token_examples
                    .push(format!("{what}: {}", token_context(&words.text, t)));
            }
        }
    }
    report
}

/// Appends a sentence rebuilt from its words and pushes the words' spans.
fn gold_words(s: &ConlluSentence, text: &mut String, units: &mut Vec<Span>) {
    let base = text.len();
    let mut i = 0;
    while i < s.words.len() {
        let w = &s.words[i];
        if let Some(mw) = s
            .multiwords
            .iter()
            .find(|m| m.first == w.id && m.last >= m.first)
        {
            let n = (mw.last - mw.first + 1) as usize;
            let covered = &s.words[i..(i + n).min(s.words.len())];
            let start = text.len();
            let spelled: String = covered.iter().map(|w| w.form.as_str()).collect();
            text.push_str(&mw.form);
            if spelled == mw.form {
                let mut at = start;
                for w in covered {
                    units.push(Span::new(at, at + w.form.len()));
                    at += w.form.len();
                }
            } else {
                units.push(Span::new(start, text.len()));
            }
            if !mw.misc.split('|').any(|f| f == "SpaceAfter=No") {
                text.push(' ');
            }
            i += n;
            continue;
        }
        let start = text.len();
        text.push_str(&w.form);
        units.push(Span::new(start, text.len()));
        if w.space_after() {
            text.push(' ');
        }
        i += 1;
    }
    while text.len() > base && text.ends_with(' ') {
        text.pop();
    }
}

/// The ends of UAX #29 sentences, white space at their ends left out.
fn uax29_ends(text: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = text
        .split_sentence_bound_indices()
        .filter_map(|(at, s)| {
            let t = s.trim_end();
            (!t.trim_start().is_empty()).then_some(at + t.len())
        })
        .collect();
    ends.dedup();
    ends
}

fn inside(set: &[usize], para_ends: &[usize]) -> Vec<usize> {
    set.iter()
        .copied()
        .filter(|b| para_ends.binary_search(b).is_err())
        .collect()
}

/// Compares two sorted sets.
fn compare<T: Ord>(gold: &[T], predicted: &[T]) -> Counts {
    let (mut i, mut j, mut tp) = (0, 0, 0);
    while i < gold.len() && j < predicted.len() {
        match gold[i].cmp(&predicted[j]) {
            std::cmp::Ordering::Equal => {
                tp += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    Counts {
        tp,
        fp: predicted.len() - tp,
        fn_: gold.len() - tp,
    }
}

/// A token in brackets with up to 30 bytes either side.
fn token_context(text: &str, t: Span) -> String {
    let mut lo = t.start.saturating_sub(30);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (t.end + 30).min(text.len());
    while hi < text.len() && !text.is_char_boundary(hi) {
        hi += 1;
    }
    let left = text.get(lo..t.start).unwrap_or("");
    let right = text.get(t.end..hi).unwrap_or("");
    format!("{left}[{}]{right}", t.slice(text)).replace('\n', "¶")
}

/// Up to 60 bytes either side of `at`, with `|` at `at` and line breaks shown as `¶`.
fn context(text: &str, at: usize) -> String {
    let mut lo = at.saturating_sub(60);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (at + 60).min(text.len());
    while hi < text.len() && !text.is_char_boundary(hi) {
        hi += 1;
    }
    let left = text.get(lo..at).unwrap_or("");
    let right = text.get(at..hi).unwrap_or("");
    format!("{left}|{right}").replace('\n', "¶")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "# newdoc id = d1\n# newpar\n# text = Hello there.\n\
        1\tHello\t_\t_\t_\t_\t0\troot\t_\t_\n2\tthere\t_\t_\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n\
        3\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n\
        # text = Mr. Smith didn't come.\n\
        1\tMr.\t_\t_\t_\t_\t2\tnsubj\t_\t_\n2\tSmith\t_\t_\t_\t_\t0\troot\t_\t_\n\
        3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n3\tdid\t_\t_\t_\t_\t5\taux\t_\t_\n\
        4\tn't\t_\t_\t_\t_\t5\tadvmod\t_\t_\n5\tcome\t_\t_\t_\t_\t2\tdep\t_\tSpaceAfter=No\n\
        6\t.\t_\t_\t_\t_\t5\tpunct\t_\t_\n\n";

    #[test]
    fn scores_a_small_document() {
        let sentences = conllu::parse(GOLD).unwrap();
        let r = evaluate(&sentences, &Segmenter::default());
        assert_eq!(r.documents, 1);
        assert_eq!(r.sentences, 2);
        assert_eq!(r.segmenter.tp, 2);
        assert_eq!(r.segmenter.fp, 0);
        assert_eq!(r.segmenter_inside.tp, 1);
        assert_eq!(r.words, 9);
        assert_eq!(r.tokens.tp, 9);
        assert_eq!(r.tokens.fp, 0);
        // UAX-29 breaks after "Mr.".
        assert!(r.uax29.fp >= 1);
        assert!(r.to_string().contains("UAX-29"));
    }

    #[test]
    fn counts() {
        let c = compare(&[1, 5, 9], &[5, 9, 12, 14]);
        assert_eq!((c.tp, c.fp, c.fn_), (2, 2, 1));
        assert!((c.precision() - 0.5).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
    }
}
