//! Scoring the grammar against gold CoNLL-U, by CoNLL 2018 shared-task conventions: every word
//! counts (punctuation included), LAS compares universal relations (subtypes dropped), lemmas
//! are compared exactly. [`evaluate`] takes the gold words; [`evaluate_raw`] starts from the
//! gold text, segments and tokenizes it, and aligns system words to gold words by character
//! offsets.

use std::time::Instant;

use tacitus_model::conllu::ConlluSentence;
use tacitus_model::{BlockKind, Document, Paragraph, Span};

use crate::Grammar;
use crate::train::universal;

/// Counts of correct words, and the time taken to analyze them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right Penn tag.
    pub xpos: usize,
    /// Words with the right lemma.
    pub lemma: usize,
    /// Words with the right head.
    pub uas: usize,
    /// Words with the right head and universal relation.
    pub las: usize,
    /// Seconds spent tagging, lemmatizing and parsing (one thread).
    pub seconds: f64,
}

impl Evaluation {
    /// `count` as a percentage of the words.
    pub fn pct(&self, count: usize) -> f64 {
        100.0 * count as f64 / self.words.max(1) as f64
    }

    /// Words analyzed per second.
    pub fn words_per_second(&self) -> f64 {
        self.words as f64 / self.seconds.max(1e-9)
    }

    /// Sentences analyzed per second.
    pub fn sentences_per_second(&self) -> f64 {
        self.sentences as f64 / self.seconds.max(1e-9)
    }

    /// Adds another evaluation's counts to this one.
    pub fn add(&mut self, other: &Evaluation) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.upos += other.upos;
        self.xpos += other.xpos;
        self.lemma += other.lemma;
        self.uas += other.uas;
        self.las += other.las;
        self.seconds += other.seconds;
    }
}

/// Analyzes the gold sentences' words and scores the result.
pub fn evaluate(grammar: &Grammar, gold: &[ConlluSentence]) -> Evaluation {
    let forms: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let start = Instant::now();
    let analyses: Vec<_> = forms.iter().map(|f| grammar.analyze(f)).collect();
    let seconds = start.elapsed().as_secs_f64();
    let mut e = Evaluation {
        sentences: gold.len(),
        seconds,
        ..Evaluation::default()
    };
    for (s, a) in gold.iter().zip(&analyses) {
        for (w, a) in s.words.iter().zip(a) {
            e.words += 1;
            e.upos += (w.upos == a.upos) as usize;
            e.xpos += (w.xpos == a.xpos) as usize;
            e.lemma += (w.lemma == a.lemma) as usize;
            if w.head == a.head {
                e.uas += 1;
                e.las += (universal(&w.deprel) == universal(&a.deprel)) as usize;
            }
        }
    }
    e
}

/// Gold, system and matching counts of one raw-text measure; precision, recall and F1 follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct F1 {
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
    /// System items matching gold ones.
    pub correct: usize,
}

impl F1 {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        100.0 * self.correct as f64 / self.system.max(1) as f64
    }

    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        100.0 * self.correct as f64 / self.gold.max(1) as f64
    }

    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        200.0 * self.correct as f64 / (self.gold + self.system).max(1) as f64
    }

    fn add(&mut self, o: &F1) {
        self.gold += o.gold;
        self.system += o.system;
        self.correct += o.correct;
    }
}

/// Scores of the whole pipeline from raw text (CoNLL 2018 style): the gold text is segmented
/// and tokenized by the project's own segmenter, then analyzed; system and gold words are
/// aligned by character offsets (white space ignored) and every measure is an F1.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawEvaluation {
    /// Tokens.
    pub tokens: F1,
    /// Sentences.
    pub sentences: F1,
    /// Syntactic words.
    pub words: F1,
    /// Aligned words with the right UPOS.
    pub upos: F1,
    /// Aligned words with the right Penn tag.
    pub xpos: F1,
    /// Aligned words with the right lemma.
    pub lemma: F1,
    /// Aligned words whose head is aligned to the gold head (or both are roots).
    pub uas: F1,
    /// As `uas`, with the right universal relation too.
    pub las: F1,
    /// Seconds spent segmenting, tokenizing and analyzing.
    pub seconds: f64,
}

impl RawEvaluation {
    /// Adds another evaluation's counts to this one.
    pub fn add(&mut self, o: &RawEvaluation) {
        self.tokens.add(&o.tokens);
        self.sentences.add(&o.sentences);
        self.words.add(&o.words);
        self.upos.add(&o.upos);
        self.xpos.add(&o.xpos);
        self.lemma.add(&o.lemma);
        self.uas.add(&o.uas);
        self.las.add(&o.las);
        self.seconds += o.seconds;
    }
}

/// A word for alignment: its span in non-white-space characters and its annotation.
struct AWord {
    span: (usize, usize),
    upos: String,
    xpos: String,
    lemma: String,
    /// Index of the head word in the same list, `None` for the root.
    head: Option<usize>,
    deprel: String,
}

/// For every byte offset of `text` (and its end), the number of non-white-space characters
/// before it.
fn nonspace_index(text: &str) -> Vec<usize> {
    let mut idx = vec![0usize; text.len() + 1];
    let mut count = 0;
    let mut last = 0;
    for (b, c) in text.char_indices() {
        for slot in &mut idx[last..=b] {
            *slot = count;
        }
        last = b + 1;
        if !c.is_whitespace() {
            count += 1;
        }
    }
    for slot in &mut idx[last..] {
        *slot = count;
    }
    idx
}

/// Finds `form` in `text` at or after `cursor`, skipping white space; falls back to a short
/// forward search. Returns the byte span.
fn locate(text: &str, cursor: usize, form: &str) -> Option<(usize, usize)> {
    let rest = text.get(cursor..)?;
    let skipped = rest.len() - rest.trim_start().len();
    let at = cursor + skipped;
    if text.get(at..)?.starts_with(form) {
        return Some((at, at + form.len()));
    }
    let window_end = (at + form.len() + 64).min(text.len());
    let window = text.get(at..window_end).or_else(|| text.get(at..))?;
    window.find(form).map(|p| (at + p, at + p + form.len()))
}

/// Evaluates from raw text: builds a document from the gold sentences' text (paragraphs at
/// `# newdoc` and `# newpar`), lets `segment` lay sentences and tokens over it (the project's
/// segmenter and tokenizer), analyzes it and aligns the result to the gold words.
pub fn evaluate_raw(
    grammar: &Grammar,
    gold: &[ConlluSentence],
    segment: &mut dyn FnMut(&mut Document),
) -> RawEvaluation {
    // The document, and the gold tokens' and words' byte spans in it.
    let mut doc = Document {
        id: "gold".into(),
        ..Document::default()
    };
    let mut para_start: Option<usize> = None;
    let mut gold_tokens: Vec<(usize, usize)> = Vec::new();
    let mut gold_sentences: Vec<(usize, usize)> = Vec::new();
    let mut gwords: Vec<(usize, usize)> = Vec::new();
    let mut gword_sent: Vec<(usize, usize)> = Vec::new(); // (sentence, word index in it)
    for (si, s) in gold.iter().enumerate() {
        let new_par = si == 0 || s.has_comment("newdoc") || s.has_comment("newpar");
        if new_par {
            if let Some(start) = para_start {
                doc.paragraphs.push(Paragraph {
                    span: Span::new(start, doc.text.len()),
                    kind: BlockKind::Body,
                });
                doc.text.push_str("\n\n");
            }
            para_start = Some(doc.text.len());
        } else {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(&s.text());
        let mut cursor = start;
        let mut i = 0;
        let first_word = gwords.len();
        while i < s.words.len() {
            let w = &s.words[i];
            let mw = s
                .multiwords
                .iter()
                .find(|m| m.first == w.id && m.last > m.first);
            let (form, n) = match mw {
                Some(m) => (m.form.as_str(), (m.last - m.first + 1) as usize),
                None => (w.form.as_str(), 1),
            };
            let n = n.min(s.words.len() - i);
            let span = locate(&doc.text, cursor, form).unwrap_or((cursor, cursor));
            cursor = span.1;
            gold_tokens.push(span);
            // Words of a multi-word token split the token when their forms spell it.
            let parts: Vec<&str> = s.words[i..i + n].iter().map(|w| w.form.as_str()).collect();
            let mut at = span.0;
            let spells = parts.concat() == form;
            for (k, p) in parts.iter().enumerate() {
                let ws = if n == 1 {
                    span
                } else if spells {
                    let ws = (at, at + p.len());
                    at += p.len();
                    ws
                } else {
                    (span.0, span.0) // cannot be aligned
                };
                gwords.push(ws);
                gword_sent.push((si, i + k));
            }
            i += n;
        }
        if gwords.len() > first_word {
            gold_sentences.push((gwords[first_word].0, gwords[gwords.len() - 1].1));
        }
    }
    if let Some(start) = para_start {
        doc.paragraphs.push(Paragraph {
            span: Span::new(start, doc.text.len()),
            kind: BlockKind::Body,
        });
    }
    let idx = nonspace_index(&doc.text);
    let text_len = doc.text.len();
    let conv = |(a, b): (usize, usize)| (idx[a.min(text_len)], idx[b.min(text_len)]);
    // Gold words with global heads.
    let mut sent_offset = Vec::with_capacity(gold.len());
    let mut total = 0;
    for s in gold {
        sent_offset.push(total);
        total += s.words.len();
    }
    let gold_words: Vec<AWord> = gwords
        .iter()
        .zip(&gword_sent)
        .map(|(&span, &(si, wi))| {
            let w = &gold[si].words[wi];
            AWord {
                span: conv(span),
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                lemma: w.lemma.clone(),
                head: (w.head > 0).then(|| sent_offset[si] + w.head as usize - 1),
                deprel: w.deprel.clone(),
            }
        })
        .collect();

    let start = Instant::now();
    segment(&mut doc);
    grammar.annotate(&mut doc);
    let seconds = start.elapsed().as_secs_f64();

    let mut sys_words: Vec<AWord> = Vec::new();
    let mut sys_sentences: Vec<(usize, usize)> = Vec::new();
    for s in &doc.sentences {
        let Some((first, last)) = s.tokens.first().zip(s.tokens.last()) else {
            continue;
        };
        sys_sentences.push(conv((first.span.start, last.span.end)));
        let offset = sys_words.len();
        for t in &s.tokens {
            sys_words.push(AWord {
                span: conv((t.span.start, t.span.end)),
                upos: t.upos.clone().unwrap_or_default(),
                xpos: t.xpos.clone().unwrap_or_default(),
                lemma: t.lemma.clone().unwrap_or_default(),
                head: match t.head {
                    Some(h) if h > 0 => Some(offset + h as usize - 1),
                    _ => None,
                },
                deprel: t.deprel.clone().unwrap_or_default(),
            });
        }
    }
    let spans_f1 = |gold: &[(usize, usize)], sys: &[(usize, usize)]| {
        let set: std::collections::BTreeSet<(usize, usize)> =
            gold.iter().copied().filter(|s| s.1 > s.0).collect();
        F1 {
            gold: gold.len(),
            system: sys.len(),
            correct: sys.iter().filter(|s| set.contains(s)).count(),
        }
    };
    let gold_token_spans: Vec<(usize, usize)> = gold_tokens.iter().map(|&s| conv(s)).collect();
    let sys_token_spans: Vec<(usize, usize)> = sys_words.iter().map(|w| w.span).collect();
    let gold_sentence_spans: Vec<(usize, usize)> =
        gold_sentences.iter().map(|&s| conv(s)).collect();
    // Word alignment by identical spans.
    let by_span: std::collections::BTreeMap<(usize, usize), usize> = gold_words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.span.1 > w.span.0)
        .map(|(i, w)| (w.span, i))
        .collect();
    let aligned: Vec<Option<usize>> = sys_words
        .iter()
        .map(|w| by_span.get(&w.span).copied())
        .collect();
    let count = |ok: &dyn Fn(&AWord, &AWord, usize) -> bool| F1 {
        gold: gold_words.len(),
        system: sys_words.len(),
        correct: sys_words
            .iter()
            .zip(&aligned)
            .filter(|(s, a)| a.is_some_and(|g| ok(s, &gold_words[g], g)))
            .count(),
    };
    let head_ok = |s: &AWord, g: &AWord| match (s.head, g.head) {
        (None, None) => true,
        (Some(sh), Some(gh)) => aligned[sh] == Some(gh),
        _ => false,
    };
    RawEvaluation {
        tokens: spans_f1(&gold_token_spans, &sys_token_spans),
        sentences: spans_f1(&gold_sentence_spans, &sys_sentences),
        words: count(&|_, _, _| true),
        upos: count(&|s, g, _| s.upos == g.upos),
        xpos: count(&|s, g, _| s.xpos == g.xpos),
        lemma: count(&|s, g, _| s.lemma == g.lemma),
        uas: count(&|s, g, _| head_ok(s, g)),
        las: count(&|s, g, _| head_ok(s, g) && universal(&s.deprel) == universal(&g.deprel)),
        seconds,
    }
}
