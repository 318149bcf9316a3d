//! Gold sentences read from CoNLL-U, as training and evaluation see them.

use tacitus_model::conllu::ConlluSentence;

/// One gold sentence: its words and their annotation.
#[derive(Clone, Debug, Default)]
pub(crate) struct GoldSent {
    pub(crate) forms: Vec<String>,
    pub(crate) upos: Vec<String>,
    pub(crate) xpos: Vec<String>,
    pub(crate) lemmas: Vec<String>,
    /// Heads, 1-based, 0 for the root.
    pub(crate) heads: Vec<u32>,
    pub(crate) deprels: Vec<String>,
}

impl GoldSent {
    /// The words of a CoNLL-U sentence (multi-word token ranges and empty nodes left out).
    pub(crate) fn from_conllu(s: &ConlluSentence) -> GoldSent {
        let n = s.words.len();
        let mut g = GoldSent {
            forms: Vec::with_capacity(n),
            upos: Vec::with_capacity(n),
            xpos: Vec::with_capacity(n),
            lemmas: Vec::with_capacity(n),
            heads: Vec::with_capacity(n),
            deprels: Vec::with_capacity(n),
        };
        for w in &s.words {
            g.forms.push(w.form.clone());
            g.upos.push(w.upos.clone());
            g.xpos.push(w.xpos.clone());
            g.lemmas.push(w.lemma.clone());
            let head = if (w.head as usize) <= n { w.head } else { 0 };
            g.heads.push(head);
            g.deprels.push(w.deprel.clone());
        }
        g
    }

    pub(crate) fn len(&self) -> usize {
        self.forms.len()
    }

    pub(crate) fn form_refs(&self) -> Vec<&str> {
        self.forms.iter().map(String::as_str).collect()
    }
}
