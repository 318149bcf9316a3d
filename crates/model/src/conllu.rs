//! Reading CoNLL-U, the Universal Dependencies treebank format.
//!
//! Parses text already in memory (no IO): sentences with their comments (`# sent_id`, `# text`,
//! `# newdoc`, `# newpar`), word lines with the ten columns, multi-word token ranges (`3-4`) and
//! empty nodes (`5.1`) kept apart. Malformed lines are reported with their line number.

use std::fmt;

/// One word line of a CoNLL-U sentence (ten columns; `_` stays `_`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: u32,
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech (Penn Treebank tags for English).
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// Head index, 0 for the root.
    pub head: u32,
    /// Dependency relation.
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Anything else (`SpaceAfter=No`, `Entity=...`).
    pub misc: String,
}

impl Word {
    /// True unless MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// A multi-word token such as `don't` = `do` + `n't`, covering words `first..=last`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiWord {
    /// First word covered.
    pub first: u32,
    /// Last word covered.
    pub last: u32,
    /// The surface form.
    pub form: String,
    /// MISC column.
    pub misc: String,
}

/// A sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// Comment lines, without the leading `#` and space, in order.
    pub comments: Vec<String>,
    /// The words (not the multi-word tokens, not the empty nodes).
    pub words: Vec<Word>,
    /// Multi-word tokens.
    pub multiwords: Vec<MultiWord>,
    /// Line number (1-based) of the sentence's first line in the file.
    pub line: usize,
}

impl ConlluSentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// True when a comment starts `key` (`newdoc`, `newpar`), with or without a value.
    pub fn has_comment(&self, key: &str) -> bool {
        self.comments
            .iter()
            .any(|c| c == key || c.starts_with(&format!("{key} ")))
    }

    /// The sentence text: the `# text` comment, else rebuilt from forms and `SpaceAfter`.
    pub fn text(&self) -> String {
        if let Some(t) = self.comment("text") {
            return t.to_string();
        }
        let mut out = String::new();
        let mut i = 0;
        while i < self.words.len() {
            let w = &self.words[i];
            if let Some(mw) = self.multiwords.iter().find(|m| m.first == w.id) {
                out.push_str(&mw.form);
                let no_space = mw.misc.split('|').any(|f| f == "SpaceAfter=No");
                if !no_space {
                    out.push(' ');
                }
                i += (mw.last - mw.first + 1) as usize;
                continue;
            }
            out.push_str(&w.form);
            if w.space_after() {
                out.push(' ');
            }
            i += 1;
        }
        out.trim_end().to_string()
    }
}

/// A malformed CoNLL-U line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Parses a whole CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for (n, line) in text.lines().enumerate() {
        let lineno = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if cur.words.is_empty() && cur.comments.is_empty() {
            cur.line = lineno;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: lineno,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let bad = |what: &str| ConlluError {
            line: lineno,
            message: format!("bad {what}: {line:?}"),
        };
        if let Some((a, b)) = cols[0].split_once('-') {
            cur.multiwords.push(MultiWord {
                first: a.parse().map_err(|_| bad("range"))?,
                last: b.parse().map_err(|_| bad("range"))?,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        if cols[0].contains('.') {
            continue; // empty node of the enhanced graph
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| bad("head"))?
        };
        cur.words.push(Word {
            id: cols[0].parse().map_err(|_| bad("id"))?,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_multiwords_and_text() {
        let src = "# newdoc id = d1\n# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
                   1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
                   3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = parse(src).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].text(), "don't go.");
        assert!(s[0].has_comment("newdoc"));
        assert_eq!(s[0].comment("sent_id"), Some("1"));
        assert!(parse("1\tx\n").is_err());
    }
}
