//! CoNLL-U output of annotated documents: ten columns, `# sent_id` and `# text` comments,
//! `SpaceAfter=No` where the next token follows without a space.

use std::fmt::Write;

use tacitus_model::Document;

fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() { "_".to_string() } else { s }
}

fn sentence_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document as CoNLL-U: one block per sentence with at least one token, sentence ids
/// `<doc id>-<n>` (1-based). Columns not annotated are `_`.
pub fn write_document(doc: &Document) -> String {
    let mut out = String::new();
    let id = if doc.id.is_empty() {
        "doc"
    } else {
        doc.id.as_str()
    };
    let mut n = 0;
    for s in &doc.sentences {
        if s.tokens.is_empty() {
            continue;
        }
        n += 1;
        let _ = writeln!(out, "# sent_id = {}-{n}", clean(id));
        let _ = writeln!(out, "# text = {}", sentence_text(doc.slice(s.span)));
        for (i, t) in s.tokens.iter().enumerate() {
            let form = clean(doc.slice(t.span));
            let opt = |v: &Option<String>| v.as_deref().map_or("_".to_string(), clean);
            let head = t.head.map_or("_".to_string(), |h| h.to_string());
            let no_space = s
                .tokens
                .get(i + 1)
                .is_some_and(|next| next.span.start == t.span.end);
            let misc = if no_space { "SpaceAfter=No" } else { "_" };
            let _ = writeln!(
                out,
                "{}\t{form}\t{}\t{}\t{}\t_\t{head}\t{}\t_\t{misc}",
                i + 1,
                opt(&t.lemma),
                opt(&t.upos),
                opt(&t.xpos),
                opt(&t.deprel),
            );
        }
        out.push('\n');
    }
    out
}
