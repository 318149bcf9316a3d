//! The HTML reader on hand-made pages: metadata, the article body, fragments, broken markup,
//! pages without an article, and the offset map back into the HTML.

use tacitus_model::{BlockKind, Document};
use tacitus_text::html::{extract_body_text, read_html};

const STORY: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Ministers resign over budget row | The Daily Example</title>
  <meta property="og:title" content="Ministers resign over budget row">
  <meta property="og:site_name" content="The Daily Example">
  <meta property="og:url" content="https://example.com/news/budget-row">
  <meta property="article:published_time" content="2019-11-19T08:30:00+01:00">
  <meta property="article:modified_time" content="2019-11-19T12:05:00+01:00">
  <meta name="author" content="Jane Reporter">
  <link rel="canonical" href="https://example.com/news/budget-row?canonical">
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
  <main>
    <article>
      <h1 class="headline">Ministers resign over budget row</h1>
      <p class="byline">By <a rel="author" href="/jane">Jane Reporter</a></p>
      <time datetime="2019-11-19T08:30:00+01:00">19 November 2019</time>
      <div class="article-body">
        <p>Three ministers resigned on Tuesday after a dispute over the budget, deepening the crisis in the governing coalition.</p>
        <figure><img src="a.jpg"><figcaption>The ministers leaving the building on Tuesday.</figcaption></figure>
        <p>The prime minister said he regretted the decision &amp; would name successors &ldquo;within days&rdquo;, according to his office.</p>
        <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
        <p>Opposition parties called for an early election, arguing that the coalition had lost its majority in parliament.</p>
      </div>
    </article>
    <aside class="related"><h2>Related stories</h2><ul><li><a href="/1">Budget talks collapse in the night</a></li><li><a href="/2">Coalition partners trade blame</a></li></ul></aside>
  </main>
  <footer><p>Copyright The Daily Example, all rights reserved. Contact us, advertise with us, work for us.</p></footer>
</body>
</html>"##;

fn body_paragraphs(doc: &Document) -> Vec<&str> {
    doc.paragraphs
        .iter()
        .filter(|p| p.kind == BlockKind::Body)
        .map(|p| doc.slice(p.span))
        .collect()
}

/// Every paragraph maps back to HTML that holds its first words.
fn assert_offsets_map_back(doc: &Document, html: &str) {
    for p in &doc.paragraphs {
        let text = doc.slice(p.span);
        let (start, end) = doc
            .offsets
            .range_to_raw(p.span.start, p.span.end)
            .unwrap_or_else(|| panic!("paragraph {text:?} has no raw range"));
        assert!(
            start <= end && end <= html.len(),
            "bad raw range for {text:?}"
        );
        let raw = &html[start..end];
        let first: String = text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        assert!(
            raw.contains(&first),
            "raw range of {text:?} does not hold {first:?}: {raw:?}"
        );
        // The start maps onto the paragraph's first character exactly.
        let first_char = text.chars().next().unwrap_or(' ');
        if first_char.is_alphanumeric() {
            assert!(
                raw.starts_with(first_char),
                "{raw:?} should start with {first_char:?}"
            );
        }
    }
}

/// Every verbatim segment of the offset map holds the same text in the HTML (a white-space
/// character may stand for the single space it was collapsed to).
fn assert_segments_verbatim(doc: &Document, html: &str) {
    for s in &doc.offsets.segments {
        assert!(s.raw_start + s.raw_len <= html.len(), "{s:?} out of range");
        if s.exact() {
            let text = &doc.text[s.text_start..s.text_start + s.len];
            let raw = &html[s.raw_start..s.raw_start + s.raw_len];
            assert!(
                text == raw || (text == " " && raw.trim().is_empty()),
                "{s:?}: {text:?} vs {raw:?}"
            );
        }
    }
}

#[test]
fn a_news_page() {
    let doc = read_html("story.html", STORY);
    doc.validate().unwrap();
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("Ministers resign over budget row"));
    assert_eq!(m.outlet.as_deref(), Some("The Daily Example"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://example.com/news/budget-row?canonical")
    );
    assert_eq!(m.byline.as_deref(), Some("Jane Reporter"));
    assert_eq!(m.language.as_deref(), Some("en"));
    let published = m.published.as_ref().unwrap();
    assert_eq!(published.rfc3339(), "2019-11-19T07:30:00Z");
    assert_eq!(published.offset_seconds, 3600);
    assert_eq!(published.zone.as_deref(), Some("+01:00"));
    assert_eq!(
        m.updated.as_ref().unwrap().rfc3339(),
        "2019-11-19T11:05:00Z"
    );

    let kinds: Vec<BlockKind> = doc.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(kinds[0], BlockKind::Headline);
    assert_eq!(
        doc.slice(doc.paragraphs[0].span),
        "Ministers resign over budget row"
    );
    assert_eq!(kinds[1], BlockKind::Byline);
    assert_eq!(doc.slice(doc.paragraphs[1].span), "By Jane Reporter");
    assert_eq!(kinds[2], BlockKind::Dateline);
    assert_eq!(doc.slice(doc.paragraphs[2].span), "19 November 2019");

    let body = body_paragraphs(&doc);
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(body[0].starts_with("Three ministers resigned"));
    assert_eq!(
        body[1],
        "The prime minister said he regretted the decision & would name successors \u{201c}within days\u{201d}, according to his office."
    );
    assert!(body[2].starts_with("Opposition parties"));
    assert!(!doc.text.contains("Share on"));
    assert!(!doc.text.contains("Related stories"));
    assert!(!doc.text.contains("Copyright"));
    let captions: Vec<&str> = doc
        .paragraphs
        .iter()
        .filter(|p| p.kind == BlockKind::Caption)
        .map(|p| doc.slice(p.span))
        .collect();
    assert_eq!(captions, ["The ministers leaving the building on Tuesday."]);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_offsets_map_back(&doc, STORY);
    assert_segments_verbatim(&doc, STORY);
}

#[test]
fn entities_map_to_their_raw_range() {
    let doc = read_html("story.html", STORY);
    let amp = doc.text.find('&').unwrap();
    let raw = doc.offsets.to_raw(amp).unwrap();
    assert!(STORY[raw..].starts_with("&amp;"));
    let quote = doc.text.find('\u{201c}').unwrap();
    let raw = doc.offsets.to_raw(quote).unwrap();
    assert!(STORY[raw..].starts_with("&ldquo;"));
}

#[test]
fn json_ld_metadata() {
    let html = r#"<html><head>
      <title>Flood warning issued - Riverside Gazette</title>
      <script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Riverside Gazette"},
        {"@type": "NewsArticle", "headline": "Flood warning issued for the valley",
         "datePublished": "2020-02-03T06:00:00Z", "dateModified": "2020-02-03T09:15:00-05:00",
         "author": [{"@type": "Person", "name": "Ann Smith"}, {"@type": "Person", "name": "Bo Li"}],
         "publisher": {"@type": "Organization", "name": "Riverside Gazette"}}
      ]}
      </script>
    </head><body>
      <div id="content"><h1>Flood warning issued for the valley</h1>
      <p>Residents of the valley were told to move to higher ground on Monday as the river kept rising.</p>
      <p>Forecasters expect more rain, and the authorities opened three shelters, officials said.</p></div>
    </body></html>"#;
    let doc = read_html("flood.html", html);
    doc.validate().unwrap();
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Flood warning issued for the valley")
    );
    assert_eq!(m.byline.as_deref(), Some("Ann Smith, Bo Li"));
    assert_eq!(m.outlet.as_deref(), Some("Riverside Gazette"));
    assert_eq!(
        m.published.as_ref().unwrap().rfc3339(),
        "2020-02-03T06:00:00Z"
    );
    let updated = m.updated.as_ref().unwrap();
    assert_eq!(updated.rfc3339(), "2020-02-03T14:15:00Z");
    assert_eq!(updated.offset_seconds, -5 * 3600);
    assert_eq!(doc.paragraphs[0].kind, BlockKind::Headline);
    assert_eq!(body_paragraphs(&doc).len(), 2);
    assert_offsets_map_back(&doc, html);
    assert_segments_verbatim(&doc, html);
}

#[test]
fn time_element_and_title_element_fallbacks() {
    let html = "<html><head><title>Harbour reopens after storm | Coast News</title></head><body>\
        <article><time datetime=\"2021-06-01\">1 June</time>\
        <p>The harbour reopened on Tuesday morning, two days after the storm, the port authority said.</p>\
        </article></body></html>";
    let doc = read_html("harbour.html", html);
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("Harbour reopens after storm"));
    let published = m.published.as_ref().unwrap();
    assert!(published.date_only);
    assert_eq!(published.local_date().to_string(), "2021-06-01");
    // No h1: the headline comes from the <title>, mapped into it.
    assert_eq!(doc.paragraphs[0].kind, BlockKind::Headline);
    assert_eq!(
        doc.slice(doc.paragraphs[0].span),
        "Harbour reopens after storm"
    );
    assert_offsets_map_back(&doc, html);
}

#[test]
fn a_page_without_an_article() {
    let html = "<html><head><title>Index</title></head><body><nav><ul>\
        <li><a href=/a>Home</a></li><li><a href=/b>World</a></li><li><a href=/c>Sport</a></li>\
        </ul></nav><footer><a href=/d>Contact</a></footer></body></html>";
    let doc = read_html("index.html", html);
    doc.validate().unwrap();
    assert!(body_paragraphs(&doc).is_empty());
    assert!(
        doc.diagnostics.iter().any(|d| d.code == "html.no-article"),
        "{:?}",
        doc.diagnostics
    );
    // A page too short to score still gives its text.
    let doc = read_html(
        "note.html",
        "<html><body><nav><a href=/>Home</a></nav><p>Closed today.</p></body></html>",
    );
    assert_eq!(body_paragraphs(&doc), ["Closed today."]);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let doc = read_html("empty.html", "");
    assert!(doc.text.is_empty());
    assert!(doc.diagnostics.iter().any(|d| d.code == "html.no-article"));
}

#[test]
fn fragments_from_feeds() {
    let html = "<p>Short item.</p>";
    let doc = read_html("feed#1", html);
    assert_eq!(doc.text, "Short item.");
    assert!(doc.diagnostics.is_empty());
    let html = "<p>The council approved the plan on Monday, after a long debate.</p>\n\
        <p>Work starts in <b>March</b> &amp; ends in&nbsp;2025.</p>";
    let doc = read_html("feed#2", html);
    assert_eq!(
        body_paragraphs(&doc),
        [
            "The council approved the plan on Monday, after a long debate.",
            "Work starts in March & ends in 2025."
        ]
    );
    assert_offsets_map_back(&doc, html);
    let doc = read_html(
        "feed#3",
        "Plain text with no markup at all, as some feeds send it.",
    );
    assert_eq!(
        doc.text,
        "Plain text with no markup at all, as some feeds send it."
    );
}

#[test]
fn broken_html() {
    let html = "<html><body><div class=story><p>First paragraph of the broken page, which never closes its tags,\
        <p>Second paragraph <b>bold <i>both</b> italic?</i> and the text goes on, long enough to count.\
        <div><span>Third block inside a div that is not closed, still a paragraph of the story.\
        </td></tr></table></span></p></body>";
    let doc = read_html("broken.html", html);
    doc.validate().unwrap();
    let body = body_paragraphs(&doc);
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(body[1].contains("bold both italic?"));
    assert_offsets_map_back(&doc, html);
    assert_segments_verbatim(&doc, html);
}

#[test]
fn nesting_and_garbage_do_not_panic() {
    let deep = "<div>".repeat(50_000)
        + "<p>deep text that is long enough to be a paragraph of its own</p>";
    let doc = read_html("deep.html", &deep);
    doc.validate().unwrap();
    assert!(doc.text.contains("deep text"));
    for input in [
        "<",
        "<<<>>>",
        "</p></div></body>",
        "<p>&#xFFFFFFFF; &#0; &bogus; &amp</p>",
        "<script>never closed",
        "<!-- never closed",
        "<a href='x>y</a>",
        "<p>caf\u{e9} \u{1F600} \u{200B}zero</p>",
        "<table><td><td><tr><p>x</table>",
        "\u{feff}<html><body>\0</body>",
    ] {
        let doc = read_html("x.html", input);
        doc.validate().unwrap();
        for p in &doc.paragraphs {
            let _ = doc.offsets.range_to_raw(p.span.start, p.span.end);
        }
    }
}

#[test]
fn a_story_split_around_an_advertisement() {
    let para = |n: usize| {
        format!(
            "<p>Paragraph {n} of the story goes on for a while, with a comma, and another, \
             so that it reads like running text.</p>"
        )
    };
    let html = format!(
        "<html><body><div class=page>\
         <div class=\"story-chunk\">{}{}</div>\
         <div class=ad-slot><p>Advertisement</p></div>\
         <div class=\"story-chunk\">{}{}</div>\
         <section class=comments><h3>Comments</h3>\
         <div class=comment><p>I disagree with every word of this, and I will say so at length here.</p></div>\
         </section>\
         <div class=more-stories><h3>More stories</h3><ul>\
         <li><a href=/x>Another story about something else entirely</a></li>\
         <li><a href=/y>Yet another story about a different thing</a></li></ul></div>\
         </div></body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let doc = read_html("split.html", &html);
    let body = body_paragraphs(&doc);
    assert_eq!(body.len(), 4, "{body:?}");
    for (i, p) in body.iter().enumerate() {
        assert!(p.starts_with(&format!("Paragraph {}", i + 1)), "{p}");
    }
    assert!(!doc.text.contains("disagree"));
    assert!(!doc.text.contains("Another story"));
    assert!(!doc.text.contains("Advertisement"));
}

#[test]
fn embedded_posts_and_tables_stay() {
    let html = "<html><body><article><div class=entry-content>\
        <p>The minister answered critics on social media late on Monday, in a short post.</p>\
        <div class=\"social-embed\"><blockquote class=twitter-tweet><p>We will not back down on this, \
        whatever they say.</p>&mdash; The Minister (@minister) <a href=https://t.co/x>November 18, 2019</a>\
        </blockquote></div>\
        <p>Results by region, as published by the electoral commission on Tuesday morning:</p>\
        <table class=results><tr><th>Region</th><th>Turnout</th></tr>\
        <tr class=row-player><td>North</td><td>61%</td></tr><tr><td>South</td><td>58%</td></tr></table>\
        </div></article></body></html>";
    let doc = read_html("embed.html", html);
    let body = body_paragraphs(&doc);
    assert!(
        body.iter().any(|p| p.starts_with("We will not back down")),
        "{body:?}"
    );
    assert!(body.contains(&"North 61%"), "{body:?}");
    assert!(body.contains(&"South 58%"), "{body:?}");
    assert_offsets_map_back(&doc, html);
}

#[test]
fn deterministic() {
    let a = read_html("story.html", STORY);
    let b = read_html("story.html", STORY);
    assert_eq!(a, b);
    assert_eq!(extract_body_text(STORY), extract_body_text(STORY));
}
