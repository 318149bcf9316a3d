//! tacitus grammar: a part-of-speech tagger, a lemmatizer and a labelled dependency parser for
//! English, trained by our own code ([`train`]) on UD English EWT and embedded in the binary.
//!
//! Who did what to whom is a question of grammar: the subject of "expelled" is the source and
//! its object the target. [`Grammar::annotate`] fills `upos`, `xpos`, `lemma`, `head` and
//! `deprel` of every token of a [`Document`]; [`conllu::write_document`] prints the result as
//! CoNLL-U.
//!
//! - Tagger: a greedy averaged perceptron over joint UPOS+XPOS classes, with word, affix,
//!   shape and context features, ambiguity classes and a tag dictionary.
//! - Lemmatizer: suffix rules by Penn tag plus a table of irregular training forms.
//! - Parser: arc-hybrid transitions with the root last, a greedy averaged perceptron over
//!   Zhang & Nivre (2011) style features, trained with a dynamic oracle and exploration.
//!
//! Feature weights are pruned, keyed by 32-bit hashes and quantized to `i16`; scoring is
//! integer arithmetic with prefetched table probes, so tagging and parsing run at about
//! 100,000 words a second on one core.
//!
//! A model file starts with magic bytes, a format version and a hash of the feature
//! configuration, so that a stale or foreign file fails with a clear [`GrammarError`]. Nothing
//! here panics on input: empty sentences, very long ones and odd characters all get an
//! analysis.

#![warn(missing_docs)]

mod binio;
pub mod conllu;
mod corpus;
mod error;
pub mod eval;
mod hash;
mod lemma;
mod parser;
mod perceptron;
mod tagger;
pub mod train;

use std::path::Path;
use std::sync::OnceLock;

use tacitus_model::Document;

pub use error::GrammarError;

use binio::{Reader, Writer};

/// File name of the model inside a model directory.
pub const MODEL_FILE: &str = "en_ewt.grammar";

/// Magic bytes at the start of every grammar model.
pub const MAGIC: &[u8; 8] = b"TACGRAM\x1a";

/// Version of the model file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Describes the feature configuration; its hash goes into every model file. Change it whenever
/// a feature template, normalization or transition system changes meaning (adding or removing
/// templates is caught anyway: the template counts are hashed too, see [`config_hash`]).
const FEATURE_CONFIG: &str = "tagger=joint-upos-xpos/v2 affixes=1-3,1-5 amb>=2@0.02 dict>=20@0.97 \
     second-pass=right-tags; lemma=suffix6-by-xpos/v1; \
     parser=arc-hybrid-root-last/v2 zn2011-adapted+coarse-tags";

/// The hash of the feature configuration this build reads and writes: a description of the
/// feature templates, normalization and transition system, and
/// the number of feature templates of the tagger's passes and of the parser.
pub fn config_hash() -> u64 {
    static HASH: OnceLock<u64> = OnceLock::new();
    *HASH.get_or_init(|| {
        let (t1, t2) = tagger::template_counts();
        let p = parser::template_count();
        let mut h = hash::fnv64(FEATURE_CONFIG.as_bytes());
        for n in [t1, t2, p] {
            h = hash::mix(h, n as u64);
        }
        hash::fmix64(h)
    })
}

static EMBEDDED_BYTES: &[u8] = include_bytes!("../models/en_ewt.grammar");

/// The analysis of one word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// Universal part of speech.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// Head, 1-based, 0 for the root.
    pub head: u32,
    /// Universal Dependencies relation (with subtype, e.g. `nmod:poss`).
    pub deprel: String,
}

/// A trained tagger, lemmatizer and parser.
pub struct Grammar {
    tagger: tagger::Tagger,
    lemmatizer: lemma::Lemmatizer,
    parser: parser::Parser,
}

impl std::fmt::Debug for Grammar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grammar")
            .field("tag_classes", &self.tagger.lex.classes.len())
            .field("tagger_weights", &self.tagger.n_weights())
            .field("labels", &self.parser.labels.len())
            .field("parser_weights", &self.parser.model.n_weights())
            .finish()
    }
}

impl Grammar {
    /// The model embedded in the binary, loaded once.
    pub fn embedded() -> Result<&'static Grammar, GrammarError> {
        static CELL: OnceLock<Result<Grammar, GrammarError>> = OnceLock::new();
        CELL.get_or_init(|| Grammar::from_bytes(EMBEDDED_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads a model from a file.
    pub fn load(path: &Path) -> Result<Grammar, GrammarError> {
        let bytes = std::fs::read(path).map_err(|e| GrammarError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Grammar::from_bytes(&bytes)
    }

    /// Reads a model from bytes written by [`Grammar::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Grammar, GrammarError> {
        let mut r = Reader::new(bytes);
        let magic = r.take(8).map_err(|_| GrammarError::BadMagic)?;
        if magic != MAGIC {
            return Err(GrammarError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(GrammarError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let config = r.u64()?;
        if config != config_hash() {
            return Err(GrammarError::Config {
                found: config,
                expected: config_hash(),
            });
        }
        let len = r.u64()?;
        let checksum = r.u64()?;
        if len != r.remaining() as u64 {
            return Err(GrammarError::Corrupt(format!(
                "body is {} bytes, header says {len}",
                r.remaining()
            )));
        }
        let body = r.take(len as usize)?;
        if hash::fnv64(body) != checksum {
            return Err(GrammarError::Corrupt("checksum mismatch".into()));
        }
        let mut r = Reader::new(body);
        let tagger = tagger::Tagger::read(&mut r)?;
        let lemmatizer = lemma::Lemmatizer::read(&mut r)?;
        let parser = parser::Parser::read(&mut r)?;
        if r.remaining() != 0 {
            return Err(GrammarError::Corrupt("trailing bytes".into()));
        }
        Ok(Grammar {
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// The model as bytes: header (magic, version, configuration hash, length, checksum) and
    /// body. The same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Writer::default();
        self.tagger.write(&mut body);
        self.lemmatizer.write(&mut body);
        self.parser.write(&mut body);
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.u32(FORMAT_VERSION);
        w.u64(config_hash());
        w.u64(body.buf.len() as u64);
        w.u64(hash::fnv64(&body.buf));
        w.buf.extend_from_slice(&body.buf);
        w.buf
    }

    /// A copy without the tagger weights smaller than `tagger` and the parser weights smaller
    /// than `parser` in magnitude (in averaged perceptron update units): a smaller, faster and
    /// usually slightly less accurate model.
    pub fn pruned(&self, tagger: f32, parser: f32) -> Grammar {
        Grammar {
            tagger: tagger::Tagger {
                lex: self.tagger.lex.clone(),
                model: self.tagger.model.pruned(tagger),
                second: self.tagger.second.as_ref().map(|m| m.pruned(tagger)),
            },
            lemmatizer: self.lemmatizer.clone(),
            parser: parser::Parser {
                labels: self.parser.labels.clone(),
                root: self.parser.root,
                model: self.parser.model.pruned(parser),
            },
        }
    }

    /// Tags and lemmatizes the words of a sentence: (UPOS, XPOS, lemma) of each.
    pub fn tag(&self, forms: &[&str]) -> Vec<(String, String, String)> {
        if self.tagger.lex.classes.is_empty() {
            return self
                .analyze(forms)
                .into_iter()
                .map(|a| (a.upos, a.xpos, a.lemma))
                .collect();
        }
        let toks = self.tagger.lex.prepare(forms);
        let classes = self.tagger.tag_prepared(&toks);
        forms
            .iter()
            .zip(&classes)
            .map(|(f, &c)| {
                let cl = &self.tagger.lex.classes[c as usize];
                let lemma = self.lemmatizer.lemma(f, &cl.xpos);
                (cl.upos.clone(), cl.xpos.clone(), lemma)
            })
            .collect()
    }

    /// Analyzes the words of one sentence: tags, lemmas and a dependency tree (exactly one
    /// word has head 0). An empty sentence gives an empty analysis.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let lex = &self.tagger.lex;
        if lex.classes.is_empty() || self.parser.labels.is_empty() {
            // A model trained on no data: a flat analysis rather than a panic.
            return forms
                .iter()
                .enumerate()
                .map(|(i, f)| Analysis {
                    upos: "X".into(),
                    xpos: "FW".into(),
                    lemma: f.to_string(),
                    head: if i == 0 { 0 } else { 1 },
                    deprel: if i == 0 { "root" } else { "dep" }.into(),
                })
                .collect();
        }
        let toks = lex.prepare(forms);
        let classes = self.tagger.tag_prepared(&toks);
        let lemmas: Vec<String> = forms
            .iter()
            .zip(&classes)
            .map(|(f, &c)| self.lemmatizer.lemma(f, &lex.classes[c as usize].xpos))
            .collect();
        let (heads, labels) = self.parser.parse(&parser::Input::new(&toks, &classes, lex));
        lemmas
            .into_iter()
            .enumerate()
            .map(|(i, lemma)| {
                let cl = &lex.classes[classes[i] as usize];
                Analysis {
                    upos: cl.upos.clone(),
                    xpos: cl.xpos.clone(),
                    lemma,
                    head: heads[i],
                    deprel: self.parser.labels[labels[i]].clone(),
                }
            })
            .collect()
    }

    /// Fills `upos`, `xpos`, `lemma`, `head` and `deprel` of every token of every sentence of
    /// `doc`, in place. Token forms are the token spans of `doc.text`.
    pub fn annotate(&self, doc: &mut Document) {
        let Document {
            text, sentences, ..
        } = doc;
        for sentence in sentences.iter_mut() {
            let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.span.slice(text)).collect();
            let analyses = self.analyze(&forms);
            for (tok, a) in sentence.tokens.iter_mut().zip(analyses) {
                tok.upos = Some(a.upos);
                tok.xpos = Some(a.xpos);
                tok.lemma = Some(a.lemma);
                tok.head = Some(a.head);
                tok.deprel = Some(a.deprel);
            }
        }
    }
}

/// Annotates `doc` with the embedded model (see [`Grammar::annotate`]).
pub fn annotate(doc: &mut Document) -> Result<(), GrammarError> {
    Grammar::embedded()?.annotate(doc);
    Ok(())
}
