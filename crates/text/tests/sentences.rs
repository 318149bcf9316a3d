//! Table tests of the sentence segmenter and the tokenizer: every hard case of news text, the
//! multi-paragraph quotation and captions of a real article (rebuilt here as a synthetic
//! document), and inputs that must not panic.

use tacitus_model::{BlockKind, Document, DocumentBuilder, InputFormat, Paragraph, Span};
use tacitus_text::sentences::{QuoteState, Segmenter};
use tacitus_text::tokens::{Tokenizer, tokenize_str};

/// The sentences of `text` taken as one body paragraph.
fn split(text: &str) -> Vec<&str> {
    Segmenter::default()
        .split_str(text)
        .iter()
        .map(|s| s.slice(text))
        .collect()
}

/// Checks each `(input, sentences)` case and reports every failure at once.
fn check_sentences(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let got = split(input);
        if got != *expected {
            failures.push(format!(
                "{input:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn forms(text: &str) -> Vec<&str> {
    tokenize_str(text).iter().map(|s| s.slice(text)).collect()
}

fn check_tokens(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let got = forms(input);
        if got != *expected {
            failures.push(format!(
                "{input:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn plain_boundaries() {
    check_sentences(&[
        ("One. Two.", &["One.", "Two."]),
        ("Is it? Yes! No.", &["Is it?", "Yes!", "No."]),
        ("  Padded.   Spaces.  ", &["Padded.", "Spaces."]),
        ("No final punctuation", &["No final punctuation"]),
        (
            "It rose in 2012. 50 people died.",
            &["It rose in 2012.", "50 people died."],
        ),
        ("What?! Really.", &["What?!", "Really."]),
        (
            "\"Why?\" he asked. Yahoo! said so.",
            &["\"Why?\" he asked.", "Yahoo! said so."],
        ),
        (
            "Will you bet? really? no!! fine.",
            &["Will you bet?", "really?", "no!!", "fine."],
        ),
        ("", &[]),
        ("   ", &[]),
    ]);
}

#[test]
fn titles_never_end_a_sentence() {
    check_sentences(&[
        (
            "Mr. Smith met Mrs. Jones and Dr. Who.",
            &["Mr. Smith met Mrs. Jones and Dr. Who."],
        ),
        (
            "Gen. Mood and Maj-Gen. Robert Mood spoke. Lt. Col. Sgt. Jones agreed.",
            &[
                "Gen. Mood and Maj-Gen. Robert Mood spoke.",
                "Lt. Col. Sgt. Jones agreed.",
            ],
        ),
        (
            "Rev. Jackson, Prof. Li, Sen. Kerry, Rep. Paul and Gov. Brown came to St. Paul.",
            &["Rev. Jackson, Prof. Li, Sen. Kerry, Rep. Paul and Gov. Brown came to St. Paul."],
        ),
    ]);
}

#[test]
fn abbreviations() {
    check_sentences(&[
        (
            "The U.N. Security Council met. The U.S. and U.K. envoys spoke.",
            &[
                "The U.N. Security Council met.",
                "The U.S. and U.K. envoys spoke.",
            ],
        ),
        (
            "They flew to the U.S. The trip was long.",
            &["They flew to the U.S.", "The trip was long."],
        ),
        (
            "He arrived on Jan. 5 and left Feb. 12. She stayed.",
            &["He arrived on Jan. 5 and left Feb. 12.", "She stayed."],
        ),
        (
            "He lives at No. 10 Downing Street.",
            &["He lives at No. 10 Downing Street."],
        ),
        (
            "It starts at 3 p.m. and ends at 5 a.m. The crowd left.",
            &["It starts at 3 p.m. and ends at 5 a.m.", "The crowd left."],
        ),
        (
            "Fruit, e.g. apples, i.e. food. Others too.",
            &["Fruit, e.g. apples, i.e. food.", "Others too."],
        ),
        (
            "They sold guns, tanks, etc. The war went on.",
            &["They sold guns, tanks, etc.", "The war went on."],
        ),
        (
            "Apple Inc. said sales rose. Acme Ltd. and Smith & Co. agreed. Foo Corp. denied it.",
            &[
                "Apple Inc. said sales rose.",
                "Acme Ltd. and Smith & Co. agreed.",
                "Foo Corp. denied it.",
            ],
        ),
        (
            "It was Iran vs. Iraq. They fought.",
            &["It was Iran vs. Iraq.", "They fought."],
        ),
        (
            "He moved to Springfield, Ill. The town grew.",
            &["He moved to Springfield, Ill.", "The town grew."],
        ),
    ]);
}

#[test]
fn lower_case_continues_after_abbreviations() {
    check_sentences(&[
        (
            "The U.S. economy grew and the Rev. said so.",
            &["The U.S. economy grew and the Rev. said so."],
        ),
        ("Acme Corp. shares fell.", &["Acme Corp. shares fell."]),
        (
            "The Gen. and the Col. left.",
            &["The Gen. and the Col. left."],
        ),
        (
            "He weighs 10 lbs. and eats a lot.",
            &["He weighs 10 lbs. and eats a lot."],
        ),
        (
            "Ask Smith, a.k.a. the boss.",
            &["Ask Smith, a.k.a. the boss."],
        ),
    ]);
}

#[test]
fn initials() {
    check_sentences(&[
        (
            "George W. Bush met J.K. Rowling. They talked.",
            &["George W. Bush met J.K. Rowling.", "They talked."],
        ),
        ("John F. Kennedy was shot.", &["John F. Kennedy was shot."]),
        (
            "They chose plan B. The plan failed.",
            &["They chose plan B.", "The plan failed."],
        ),
    ]);
}

#[test]
fn numbers() {
    check_sentences(&[
        (
            "Growth was 3.5 percent, or $1.2m. It was 0.5% in 2011.",
            &["Growth was 3.5 percent, or $1.2m.", "It was 0.5% in 2011."],
        ),
        ("1. Introduction", &["1. Introduction"]),
        (
            "Visit example.com today. Now.",
            &["Visit example.com today.", "Now."],
        ),
    ]);
}

#[test]
fn ellipses() {
    check_sentences(&[
        (
            "He paused... Then he left.",
            &["He paused...", "Then he left."],
        ),
        ("He paused… Then he left.", &["He paused…", "Then he left."]),
        (
            "He paused ... and went on.",
            &["He paused ... and went on."],
        ),
        ("Wait... what?", &["Wait... what?"]),
        (
            "\"The law ... is clear. ... The court agreed.\"",
            &["\"The law ... is clear. ... The court agreed.\""],
        ),
    ]);
}

#[test]
fn closing_quotes_and_brackets() {
    check_sentences(&[
        (
            "He said \"we will win.\" Then he left.",
            &["He said \"we will win.\"", "Then he left."],
        ),
        (
            "He said “we will win.” Then he left.",
            &["He said “we will win.”", "Then he left."],
        ),
        (
            "(It was late.) They slept.",
            &["(It was late.)", "They slept."],
        ),
        (
            "She asked 'why?' He shrugged.",
            &["She asked 'why?'", "He shrugged."],
        ),
        (
            "\"Why?\" he asked. \"Because,\" she said.",
            &["\"Why?\" he asked.", "\"Because,\" she said."],
        ),
        (
            "\"It is over.\" - Matthew Ingram",
            &["\"It is over.\" - Matthew Ingram"],
        ),
        (
            "Officials said. \"We will go.\" They went.",
            &["Officials said.", "\"We will go.\"", "They went."],
        ),
        // A quote mark standing alone between spaces closes the open quotation.
        (
            "\"We will go. \" They went.",
            &["\"We will go. \"", "They went."],
        ),
    ]);
}

#[test]
fn informal_lower_case_sentences() {
    check_sentences(&[
        (
            "i went there. it was good.",
            &["i went there.", "it was good."],
        ),
        ("It's well cool. :)", &["It's well cool. :)"]),
        (
            "\"We will win.\" said Smith. (See below.) and more.",
            &["\"We will win.\" said Smith.", "(See below.) and more."],
        ),
        ("a) one. b) two.", &["a) one. b) two."]),
    ]);
    let strict = Segmenter {
        lowercase_starts: false,
        ..Segmenter::default()
    };
    let text = "i went there. it was good.";
    assert_eq!(strict.split_str(text).len(), 1);
}

#[test]
fn picture_credits_glued_to_captions() {
    check_sentences(&[
        (
            "The team in Washington D.C. Image: United States Navy.",
            &["The team in Washington D.C.", "Image: United States Navy."],
        ),
        (
            "Protesters in Homs Photo: Reuters",
            &["Protesters in Homs", "Photo: Reuters"],
        ),
        (
            "He posted a photo: Reuters had it.",
            &["He posted a photo: Reuters had it."],
        ),
    ]);
    let off = Segmenter {
        credit_labels: false,
        ..Segmenter::default()
    };
    assert_eq!(off.split_str("Protesters in Homs Photo: Reuters").len(), 1);
}

/// The paragraphs of the example article (Huffington Post UK, 31 May 2012): dateline,
/// headline, body, captions, and the Number 10 spokesman's quotation running over five
/// paragraphs.
fn syria_article() -> Document {
    let paras: &[(BlockKind, &str)] = &[
        (
            BlockKind::Dateline,
            "31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST",
        ),
        (
            BlockKind::Headline,
            "Syria Crisis: National Security Council Say 'All Options On Table'",
        ),
        (
            BlockKind::Body,
            "Downing Street has warned the regime of President Bashar Assad that \"we will not \
             abandon\" the people of Syria following the Houla massacre.",
        ),
        (
            BlockKind::Caption,
            "Cameron: \"We will not abandon Syrian people\"",
        ),
        (
            BlockKind::Body,
            "The spokesman said: \"The Prime Minister convened a meeting of the National \
             Security Council today to discuss the situation in Syria following the sickening \
             massacre at Houla and the escalation in violence in recent days.",
        ),
        (
            BlockKind::Body,
            "\"The Prime Minister wants to be sure that we are doing all we can to bring an end \
             to the violence in Syria and to support the process of transition.",
        ),
        (
            BlockKind::Body,
            "\"They agreed that we should step up these efforts, including considering further \
             sanctions. It is in the interest of everyone to put in place an orderly democratic \
             transition that meets the aspirations of the Syrian people.",
        ),
        (
            BlockKind::Body,
            "\"The National Security Council considered all the options on the table.",
        ),
        (
            BlockKind::Body,
            "\"Today's meeting of the National Security Council comes after increased efforts \
             by the Government to find a solution to the crisis.\"",
        ),
        (
            BlockKind::Body,
            "On Monday, the Prime Minister spoke to French President Francois Hollande and UN \
             Secretary-General Ban Ki-moon.",
        ),
        (
            BlockKind::Caption,
            "Hague: \"Assad should appear before the International Criminal Court\"",
        ),
        (
            BlockKind::Body,
            "Asked on Channel 4 News if the Syrian leader should be in the dock at the ICC, Hague \
             said: \"Yes, that would be my personal view. Of course terrible crimes have been \
             committed, there must be no impunity for those crimes.\"",
        ),
        (
            BlockKind::Body,
            "\"So there is a real urgency to this. It is hard to tell from the outside when such \
             a collapse would take place.\"",
        ),
    ];
    let mut b = DocumentBuilder::new("syria.txt", InputFormat::Text);
    let mut raw = 0;
    for (kind, text) in paras {
        b.begin_paragraph(*kind);
        b.push_exact(text, raw);
        raw += text.len() + 2;
    }
    b.finish("syria")
}

#[test]
fn example_article() {
    let mut doc = syria_article();
    tacitus_text::segment(&mut doc);
    doc.validate().unwrap();
    let got: Vec<(usize, BlockKind, &str)> = doc
        .sentences
        .iter()
        .map(|s| (s.paragraph, s.kind, doc.slice(s.span)))
        .collect();
    use BlockKind::*;
    let expected: Vec<(usize, BlockKind, &str)> = vec![
        (
            0,
            Dateline,
            "31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST",
        ),
        (
            1,
            Headline,
            "Syria Crisis: National Security Council Say 'All Options On Table'",
        ),
        (
            2,
            Body,
            "Downing Street has warned the regime of President Bashar Assad that \"we will not \
             abandon\" the people of Syria following the Houla massacre.",
        ),
        (3, Caption, "Cameron: \"We will not abandon Syrian people\""),
        (
            4,
            Body,
            "The spokesman said: \"The Prime Minister convened a meeting of the National \
             Security Council today to discuss the situation in Syria following the sickening \
             massacre at Houla and the escalation in violence in recent days.",
        ),
        (
            5,
            Body,
            "\"The Prime Minister wants to be sure that we are doing all we can to bring an end \
             to the violence in Syria and to support the process of transition.",
        ),
        (
            6,
            Body,
            "\"They agreed that we should step up these efforts, including considering further \
             sanctions.",
        ),
        (
            6,
            Body,
            "It is in the interest of everyone to put in place an orderly democratic transition \
             that meets the aspirations of the Syrian people.",
        ),
        (
            7,
            Body,
            "\"The National Security Council considered all the options on the table.",
        ),
        (
            8,
            Body,
            "\"Today's meeting of the National Security Council comes after increased efforts \
             by the Government to find a solution to the crisis.\"",
        ),
        (
            9,
            Body,
            "On Monday, the Prime Minister spoke to French President Francois Hollande and UN \
             Secretary-General Ban Ki-moon.",
        ),
        (
            10,
            Caption,
            "Hague: \"Assad should appear before the International Criminal Court\"",
        ),
        (
            11,
            Body,
            "Asked on Channel 4 News if the Syrian leader should be in the dock at the ICC, Hague \
             said: \"Yes, that would be my personal view.",
        ),
        (
            11,
            Body,
            "Of course terrible crimes have been committed, there must be no impunity for those \
             crimes.\"",
        ),
        (12, Body, "\"So there is a real urgency to this."),
        (
            12,
            Body,
            "It is hard to tell from the outside when such a collapse would take place.\"",
        ),
    ];
    assert_eq!(got, expected);
    // Tokens are laid over every unit, the caption included.
    let caption = &doc.sentences[3];
    let toks: Vec<&str> = caption.tokens.iter().map(|t| doc.slice(t.span)).collect();
    assert_eq!(
        toks,
        [
            "Cameron", ":", "\"", "We", "will", "not", "abandon", "Syrian", "people", "\""
        ]
    );
    let last = doc.sentences.iter().find(|s| s.paragraph == 9).unwrap();
    let toks: Vec<&str> = last.tokens.iter().map(|t| doc.slice(t.span)).collect();
    assert!(toks.contains(&"Ki-moon") && toks.contains(&"Secretary-General"));
    assert_eq!(toks.last(), Some(&"."));
}

#[test]
fn quotation_state_carries_over_paragraphs() {
    let doc = syria_article();
    let seg = Segmenter::default();
    let mut quotes = QuoteState::default();
    let mut out = Vec::new();
    let mut open_after = Vec::new();
    for p in &doc.paragraphs[4..9] {
        seg.split_paragraph(&doc.text, p.span, &mut quotes, &mut out);
        open_after.push(quotes.is_open());
    }
    // Open through the continued paragraphs, closed by the last one.
    assert_eq!(open_after, [true, true, true, true, false]);
    // A paragraph that does not open with a quote mark ends an unclosed quotation.
    let mut quotes = QuoteState::default();
    let text = "He said: \"We will stay.\n\nThe minister left.";
    seg.split_paragraph(text, Span::new(0, 23), &mut quotes, &mut out);
    assert!(quotes.is_open());
    seg.split_paragraph(text, Span::new(25, text.len()), &mut quotes, &mut out);
    assert!(!quotes.is_open());
}

#[test]
fn captions_headlines_and_datelines_are_never_split() {
    let mut b = DocumentBuilder::new("x", InputFormat::Text);
    for (kind, text) in [
        (BlockKind::Headline, "U.S. Acts. Iran Replies. What Now?"),
        (BlockKind::Byline, "By John Smith. Reuters."),
        (BlockKind::Caption, "Mr. Assad. Photo: AP. More."),
        (BlockKind::Body, "One. Two."),
    ] {
        b.begin_paragraph(kind);
        b.push_exact(text, 0);
    }
    let mut doc = b.finish("x");
    Segmenter::default().segment(&mut doc);
    let kinds: Vec<BlockKind> = doc.sentences.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Headline,
            BlockKind::Byline,
            BlockKind::Caption,
            BlockKind::Body,
            BlockKind::Body
        ]
    );
    assert_eq!(
        doc.slice(doc.sentences[0].span),
        "U.S. Acts. Iran Replies. What Now?"
    );
}

#[test]
fn sentence_spans_exclude_white_space() {
    let text = "  One.  \n Two.\t ";
    let doc_text = text.to_string();
    let mut doc = Document {
        text: doc_text,
        paragraphs: vec![Paragraph {
            span: Span::new(0, text.len()),
            kind: BlockKind::Body,
        }],
        ..Document::default()
    };
    Segmenter::default().segment(&mut doc);
    let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(got, ["One.", "Two."]);
}

#[test]
fn tokens_punctuation_and_clitics() {
    check_tokens(&[
        ("Hello, world.", &["Hello", ",", "world", "."]),
        (
            "\"We won't go,\" he said.",
            &["\"", "We", "wo", "n't", "go", ",", "\"", "he", "said", "."],
        ),
        (
            "I can't. You don't.",
            &["I", "ca", "n't", ".", "You", "do", "n't", "."],
        ),
        (
            "It's the UK's plan.",
            &["It", "'s", "the", "UK", "'s", "plan", "."],
        ),
        (
            "We're, they've, she'll, he'd, I'm",
            &[
                "We", "'re", ",", "they", "'ve", ",", "she", "'ll", ",", "he", "'d", ",", "I", "'m",
            ],
        ),
        (
            "It’s Assad’s; don’t",
            &["It", "’s", "Assad", "’s", ";", "do", "n’t"],
        ),
        ("DON'T", &["DO", "N'T"]),
        (
            "I cannot, I'm gonna go",
            &["I", "can", "not", ",", "I", "'m", "gon", "na", "go"],
        ),
        ("O'Brien and O’Neill", &["O'Brien", "and", "O’Neill"]),
        ("the players' union", &["the", "players", "'", "union"]),
        ("in the '90s", &["in", "the", "'90s"]),
        ("the ’90s’ end", &["the", "’90s", "’", "end"]),
        (
            "'All Options On Table'",
            &["'", "All", "Options", "On", "Table", "'"],
        ),
    ]);
}

#[test]
fn tokens_words_numbers_and_symbols() {
    check_tokens(&[
        (
            "Ban Ki-moon visited al-Hula, a well-known town.",
            &[
                "Ban",
                "Ki-moon",
                "visited",
                "al-Hula",
                ",",
                "a",
                "well-known",
                "town",
                ".",
            ],
        ),
        (
            "1,000 people; 3.5 percent",
            &["1,000", "people", ";", "3.5", "percent"],
        ),
        (
            "$1.2m and £5 and €3 and 5%",
            &[
                "$", "1.2m", "and", "£", "5", "and", "€", "3", "and", "5", "%",
            ],
        ),
        (
            "at 10:30 on 31/05/2012",
            &["at", "10:30", "on", "31/05/2012"],
        ),
        (
            "Mr. Smith of the U.N. met Dr. Jones and George W. Bush.",
            &[
                "Mr.", "Smith", "of", "the", "U.N.", "met", "Dr.", "Jones", "and", "George", "W.",
                "Bush", ".",
            ],
        ),
        ("They left the U.S.", &["They", "left", "the", "U.S."]),
        ("They chose plan B.", &["They", "chose", "plan", "B", "."]),
        ("No. 10 said no.", &["No.", "10", "said", "no", "."]),
        (
            "wait... what… now -- or — never",
            &["wait", "...", "what", "…", "now", "--", "or", "—", "never"],
        ),
        (
            "(ICC) [sic] {x}",
            &["(", "ICC", ")", "[", "sic", "]", "{", "x", "}"],
        ),
        ("Why?! Now!!!", &["Why", "?", "!", "Now", "!!!"]),
        (
            "AT&T and R&D; and/or",
            &["AT&T", "and", "R&D", ";", "and", "/", "or"],
        ),
    ]);
}

#[test]
fn tokens_urls_emails_handles() {
    check_tokens(&[
        (
            "See https://example.com/a?b=1&c=(2). Or www.bbc.co.uk/news, now.",
            &[
                "See",
                "https://example.com/a?b=1&c=(2)",
                ".",
                "Or",
                "www.bbc.co.uk/news",
                ",",
                "now",
                ".",
            ],
        ),
        (
            "Mail john.smith@example.org or @tacitus_bot #Syria",
            &[
                "Mail",
                "john.smith@example.org",
                "or",
                "@tacitus_bot",
                "#Syria",
            ],
        ),
        ("(see http://x.org/a)", &["(", "see", "http://x.org/a", ")"]),
        ("It ended.The end", &["It", "ended", ".", "The", "end"]),
        (
            "from 6:00am to 10pm",
            &["from", "6:00", "am", "to", "10", "pm"],
        ),
        (
            "they don`t [...] know",
            &["they", "do", "n`t", "[...]", "know"],
        ),
        ("<mailto:a@b.com>", &["<", "mailto:a@b.com", ">"]),
    ]);
}

#[test]
fn tokens_unicode() {
    check_tokens(&[
        (
            "Hollande’s café in Zürich",
            &["Hollande", "’s", "café", "in", "Zürich"],
        ),
        ("«Non» dit-il", &["«", "Non", "»", "dit-il"]),
        ("e\u{301}te\u{301} naïve", &["e\u{301}te\u{301}", "naïve"]),
        ("Москва́ и 北京", &["Москва́", "и", "北京"]),
        ("a\u{a0}b\u{2003}c", &["a", "b", "c"]),
        ("👍 ok", &["👍", "ok"]),
    ]);
}

#[test]
fn tokens_are_spans_into_the_text() {
    let text = "  Mr. Ban Ki-moon's “plan” failed.  ";
    let spans = tokenize_str(text);
    let mut prev = 0;
    for s in &spans {
        assert!(s.start >= prev && s.start < s.end && s.end <= text.len());
        assert!(!s.slice(text).trim().is_empty());
        prev = s.end;
    }
    let span = Span::new(2, 19);
    let inner = Tokenizer::default().tokenize_span(text, span);
    let forms: Vec<&str> = inner.iter().map(|s| s.slice(text)).collect();
    assert_eq!(forms, ["Mr.", "Ban", "Ki-moon", "'s"]);
    // A span that does not fit the text yields nothing.
    assert!(
        Tokenizer::default()
            .tokenize_span(text, Span::new(3, 999))
            .is_empty()
    );
}

/// A deterministic stream of awkward strings: every cut of tricky text, and pseudo-random
/// mixes of punctuation, quotes, letters and multi-byte characters.
fn awkward_inputs() -> Vec<String> {
    let pieces = [
        "Mr.",
        " ",
        "U.S.",
        "\"",
        "“",
        "”",
        "’",
        "'",
        ".",
        "...",
        "…",
        "?",
        "!",
        "a",
        "B",
        "é",
        "北",
        "\u{a0}",
        "\n",
        "\n\n",
        "--",
        "—",
        "(",
        ")",
        "3.5",
        "n't",
        "'s",
        "http://x.y",
        "@",
        "#",
        ":",
        "e\u{301}",
        "👍",
        "\t",
        "Image:",
        "No.",
        "b)",
        ":)",
        "-",
        "1.",
        "www.",
    ];
    let mut out = Vec::new();
    let base = "Mr. “Ban’s” U.S. plan… failed!? \"No.\" 北京 e\u{301}. :) www.x.org/ Image: A";
    for cut in 0..=base.len() {
        if let Some(s) = base.get(..cut) {
            out.push(s.to_string());
        }
        if let Some(s) = base.get(cut..) {
            out.push(s.to_string());
        }
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        let n = (state >> 60) as usize + 1;
        for _ in 0..n * 2 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        out.push(s);
    }
    out
}

#[test]
fn never_panics_and_keeps_invariants() {
    for input in awkward_inputs() {
        let mut b = DocumentBuilder::new("fuzz", InputFormat::Text);
        for (i, part) in input.split("\n\n").enumerate() {
            let kind = if i % 3 == 2 {
                BlockKind::Caption
            } else {
                BlockKind::Body
            };
            b.begin_paragraph(kind);
            b.push_exact(part, 0);
        }
        let mut doc = b.finish("fuzz");
        tacitus_text::segment(&mut doc);
        if let Err(e) = doc.validate() {
            panic!("{input:?}: {e}");
        }
        for s in &doc.sentences {
            let t = doc.slice(s.span);
            assert_eq!(t, t.trim(), "{input:?}");
            assert!(!t.is_empty(), "{input:?}");
        }
        let _ = tokenize_str(&input);
        let _ = Segmenter::default().split_str(&input);
    }
}

/// Long inputs built from one awkward piece repeated without white space (or with little):
/// anything quadratic in the scanners would take minutes here instead of milliseconds.
#[test]
fn long_pathological_inputs_stay_linear() {
    for piece in [
        "ab.Cd",
        "a.",
        ". ",
        "\"",
        "“a. ",
        "x:",
        "'s",
        "http://a.b/",
        "((",
        "...",
        "e\u{301}",
        "-",
        "Mr. ",
        "a'",
        "@a",
        "1,0",
    ] {
        let text = piece.repeat(100_000);
        let sentences = Segmenter::default().split_str(&text);
        assert!(sentences.iter().all(|s| s.end <= text.len()));
        let tokens = tokenize_str(&text);
        assert!(tokens.iter().all(|t| t.end <= text.len()));
    }
}

#[test]
fn bad_paragraph_spans_do_not_panic() {
    let text = "é. Ab. 北京.".to_string();
    for (start, end) in [(0, 1), (1, 3), (2, 200), (5, 3), (0, text.len())] {
        let mut doc = Document {
            text: text.clone(),
            paragraphs: vec![Paragraph {
                span: Span::new(start, end),
                kind: BlockKind::Body,
            }],
            ..Document::default()
        };
        tacitus_text::segment(&mut doc);
        for s in &doc.sentences {
            assert!(text.get(s.span.start..s.span.end).is_some());
        }
    }
}

#[test]
fn deterministic() {
    let mut a = syria_article();
    let mut b = syria_article();
    tacitus_text::segment(&mut a);
    tacitus_text::segment(&mut b);
    assert_eq!(a, b);
}
