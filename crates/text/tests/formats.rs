//! Golden and hard-case tests for the readers of JSON Lines, RSS/Atom feeds, WARC files and
//! for the decoding of bytes into text. Every input is built here, in code.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use tacitus_model::{BlockKind, Document, InputFormat, Severity};
use tacitus_text::read::{ErrorKind, ReadResult};
use tacitus_text::warc::{WarcStats, read_warc_with_stats};
use tacitus_text::{ReadError, ReadOptions, Reader, encoding};

fn read_with(options: ReadOptions, name: &str, bytes: &[u8]) -> Vec<ReadResult> {
    let mut out = Vec::new();
    Reader::new(options).read_bytes(name, bytes, &mut |r| out.push(r));
    for doc in out.iter().flatten() {
        doc.validate().expect("a valid document");
    }
    out
}

fn read(name: &str, bytes: &[u8]) -> Vec<ReadResult> {
    read_with(ReadOptions::default(), name, bytes)
}

fn doc(r: &ReadResult) -> &Document {
    match r {
        Ok(d) => d,
        Err(e) => panic!("expected a document, got the error {e}"),
    }
}

fn err(r: &ReadResult) -> &ReadError {
    match r {
        Ok(d) => panic!("expected an error, got document {:?}", d.id),
        Err(e) => e,
    }
}

fn first_paragraph(d: &Document) -> (&str, BlockKind) {
    let p = &d.paragraphs[0];
    (d.slice(p.span), p.kind)
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn jsonl_good_lines() {
    let input = concat!(
        r#"{"id": "a-1", "url": "https://news.example/a", "source": "Example News", "#,
        r#""published": "2012-05-31T20:23:00+01:00", "updated": "2012-05-31T21:00:00Z", "#,
        r#""title": "Talks resume in Geneva", "text": "Delegations met on Thursday.\n\nThey will meet again."}"#,
        "\n",
        "\n",
        r#"{"id": 42, "title": "Second", "text": "Another story."}"#,
        "\r\n",
    );
    let out = read("feed.jsonl", input.as_bytes());
    assert_eq!(out.len(), 2, "the blank line is skipped");
    let a = doc(&out[0]);
    assert_eq!(a.id, "a-1");
    assert_eq!(a.meta.source, "feed.jsonl#line1");
    assert_eq!(a.meta.format, InputFormat::Jsonl);
    assert_eq!(a.meta.url.as_deref(), Some("https://news.example/a"));
    assert_eq!(a.meta.outlet.as_deref(), Some("Example News"));
    assert_eq!(a.meta.title.as_deref(), Some("Talks resume in Geneva"));
    let published = a.meta.published.as_ref().expect("published");
    assert_eq!(published.rfc3339(), "2012-05-31T19:23:00Z");
    assert_eq!(published.offset_seconds, 3600);
    assert_eq!(
        a.meta.updated.as_ref().map(|u| u.rfc3339()).as_deref(),
        Some("2012-05-31T21:00:00Z")
    );
    // The title is a headline unit of its own, before the body.
    assert_eq!(
        first_paragraph(a),
        ("Talks resume in Geneva", BlockKind::Headline)
    );
    assert!(
        a.text
            .starts_with("Talks resume in Geneva\n\nDelegations met on Thursday.")
    );
    assert!(a.text.ends_with("They will meet again."));
    assert!(a.sentences.iter().any(|s| s.kind == BlockKind::Headline));
    // A numeric id, on line 3.
    let b = doc(&out[1]);
    assert_eq!(b.id, "42");
    assert_eq!(b.meta.source, "feed.jsonl#line3");
    assert!(b.text.ends_with("Another story."));
}

#[test]
fn jsonl_malformed_line_is_reported_and_the_rest_read() {
    let input = concat!(
        "{\"text\": \"First story.\"}\n",
        "{\"text\": \"broken\", \n",
        "[1, 2]\n",
        "{\"title\": \"No body\"}\n",
        "{\"text\": 12}\n",
        "{\"text\": \"Last story.\"}\n",
    );
    let out = read("x/batch.jsonl", input.as_bytes());
    assert_eq!(out.len(), 6);
    assert_eq!(doc(&out[0]).id, "batch#1", "ids fall back to stem#line");
    let e = err(&out[1]);
    assert_eq!(e.location.as_deref(), Some("line 2"));
    assert_eq!(e.kind, ErrorKind::Json);
    assert_eq!(e.input, "x/batch.jsonl");
    assert!(e.message.contains("not valid JSON"), "{}", e.message);
    let e = err(&out[2]);
    assert_eq!(e.location.as_deref(), Some("line 3"));
    assert!(e.message.contains("array"), "{}", e.message);
    let e = err(&out[3]);
    assert_eq!(e.location.as_deref(), Some("line 4"));
    assert!(
        e.message.contains("no \"text\" or \"html\""),
        "{}",
        e.message
    );
    let e = err(&out[4]);
    assert_eq!(e.location.as_deref(), Some("line 5"));
    assert!(e.message.contains("number"), "{}", e.message);
    let last = doc(&out[5]);
    assert_eq!(last.id, "batch#6");
    assert_eq!(last.text, "Last story.");
}

#[test]
fn jsonl_html_field_and_unknown_fields() {
    let input = concat!(
        r#"{"id": "h1", "html": "<html><body><article><p>Rebels took the town of Qusayr on Sunday, officials said, after weeks of fighting in the province.</p><p>Residents fled north, and aid groups, who had warned of the siege for months, said they could not reach the town.</p><p>The army said it would press on.</p></article></body></html>", "#,
        r#""section": "World", "tags": ["syria", "war"], "wordcount": 9, "published": "last Tuesday"}"#,
        "\n"
    );
    let out = read("pages.jsonl", input.as_bytes());
    let d = doc(&out[0]);
    assert_eq!(d.id, "h1");
    assert_eq!(d.meta.format, InputFormat::Jsonl);
    assert!(
        d.text
            .contains("Rebels took the town of Qusayr on Sunday, officials said")
    );
    assert!(!d.text.contains("<p>"), "{:?}", d.text);
    assert_eq!(d.meta.extra["section"], "World");
    assert_eq!(d.meta.extra["tags"], serde_json::json!(["syria", "war"]));
    assert_eq!(d.meta.extra["wordcount"], 9);
    // An unreadable date is kept as it was, with a warning.
    assert_eq!(d.meta.extra["published"], "last Tuesday");
    assert!(d.meta.published.is_none());
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code == "jsonl.bad-date" && x.severity == Severity::Warning)
    );
    assert!(!d.meta.extra.contains_key("id"));
    assert!(!d.meta.extra.contains_key("html"));
}

#[test]
fn jsonl_title_equal_to_first_paragraph_is_not_repeated() {
    let input = "{\"title\": \"Storm hits coast\", \"text\": \"Storm hits coast\\n\\nHundreds were evacuated.\"}\n";
    let out = read("s.jsonl", input.as_bytes());
    let d = doc(&out[0]);
    assert_eq!(
        d.text.matches("Storm hits coast").count(),
        1,
        "{:?}",
        d.text
    );
    assert_eq!(
        first_paragraph(d),
        ("Storm hits coast", BlockKind::Headline)
    );
}

#[test]
fn jsonl_long_line_and_invalid_utf8_fail_alone() {
    let long = format!("{{\"text\": \"{}\"}}\n", "word ".repeat(100));
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"text\": \"Short one.\"}\n");
    input.extend_from_slice(long.as_bytes());
    input.extend_from_slice(b"{\"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(b"{\"text\": \"Still read.\"}");
    let options = ReadOptions {
        max_bytes: 200,
        ..ReadOptions::default()
    };
    let out = read_with(options, "big.jsonl", &input);
    assert_eq!(out.len(), 4);
    assert_eq!(doc(&out[0]).text, "Short one.");
    let e = err(&out[1]);
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.location.as_deref(), Some("line 2"));
    let e = err(&out[2]);
    assert_eq!(e.location.as_deref(), Some("line 3"));
    assert!(e.message.contains("UTF-8"), "{}", e.message);
    assert_eq!(doc(&out[3]).text, "Still read.");
}

#[test]
fn jsonl_gzip_streams() {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(b"{\"text\": \"Compressed story.\"}\n")
        .unwrap();
    let bytes = gz.finish().unwrap();
    let out = read("daily.jsonl.gz", &bytes);
    assert_eq!(doc(&out[0]).id, "daily#1");
    // Cut short: the error names the line it was reading.
    let out = read("cut.jsonl.gz", &bytes[..bytes.len() - 6]);
    let e = err(out.last().unwrap());
    assert_eq!(e.kind, ErrorKind::Gzip, "{e}");
}

// ---------------------------------------------------------------------------------------------
// RSS and Atom

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example/</link>
  <language>en-gb</language>
  <item>
    <title>Ceasefire agreed in &lt;b&gt;Aleppo&lt;/b&gt; &amp; Homs</title>
    <link>https://wire.example/1</link>
    <guid isPermaLink="false">wire-1</guid>
    <pubDate>Thu, 31 May 2012 20:23:00 +0100</pubDate>
    <dc:creator>Jane Smith</dc:creator>
    <category>Syria</category>
    <category>Diplomacy</category>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>The ceasefire began at noon.</p><p>Both sides said they would observe it.</p>]]></content:encoded>
    <slash:comments xmlns:slash="http://purl.org/rss/1.0/modules/slash/">7</slash:comments>
  </item>
  <item>
    <title>Second item</title>
    <link>https://wire.example/2</link>
    <pubDate>not a date</pubDate>
    <author>desk@wire.example (Wire Desk)</author>
    <description>&lt;p&gt;Only a summary here, with &amp;amp; escaped twice.&lt;/p&gt;</description>
  </item>
  <item>
    <description>Plain summary without title or link.</description>
  </item>
</channel>
</rss>
"#;

#[test]
fn rss_items() {
    let out = read("wire.rss", RSS.as_bytes());
    assert_eq!(out.len(), 3);
    let a = doc(&out[0]);
    assert_eq!(a.id, "wire-1");
    assert_eq!(a.meta.format, InputFormat::Feed);
    assert_eq!(a.meta.source, "wire.rss#item1");
    assert_eq!(a.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(a.meta.language.as_deref(), Some("en"));
    assert_eq!(a.meta.url.as_deref(), Some("https://wire.example/1"));
    assert_eq!(a.meta.byline.as_deref(), Some("Jane Smith"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Ceasefire agreed in Aleppo & Homs")
    );
    assert_eq!(
        a.meta.published.as_ref().map(|p| p.rfc3339()).as_deref(),
        Some("2012-05-31T19:23:00Z")
    );
    // Full content wins over the summary, which is kept.
    assert!(a.text.contains("The ceasefire began at noon."));
    assert!(!a.text.contains("Short summary only."));
    assert_eq!(a.meta.extra["summary"], "Short summary only.");
    assert_eq!(
        a.meta.extra["categories"],
        serde_json::json!(["Syria", "Diplomacy"])
    );
    assert_eq!(a.meta.extra["slash:comments"], "7");
    assert_eq!(
        first_paragraph(a),
        ("Ceasefire agreed in Aleppo & Homs", BlockKind::Headline)
    );

    let b = doc(&out[1]);
    assert_eq!(
        b.id, "https://wire.example/2",
        "no guid: the link is the id"
    );
    assert_eq!(b.meta.byline.as_deref(), Some("Wire Desk"));
    assert!(b.text.contains("Only a summary here"));
    assert!(b.meta.published.is_none());
    assert_eq!(b.meta.extra["published"], "not a date");
    assert!(b.diagnostics.iter().any(|d| d.code == "feed.bad-date"));

    let c = doc(&out[2]);
    assert_eq!(c.id, "wire#item3");
    assert_eq!(c.text, "Plain summary without title or link.");
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-FR">
  <title type="text">Le Quotidien</title>
  <id>urn:example:feed</id>
  <updated>2024-03-01T10:00:00Z</updated>
  <entry>
    <title>Grève à Paris</title>
    <link rel="self" href="https://q.example/api/1"/>
    <link rel="alternate" type="text/html" href="https://q.example/1"/>
    <id>urn:example:1</id>
    <published>2024-03-01T09:30:00+01:00</published>
    <updated>2024-03-01T11:00:00+01:00</updated>
    <author><name>Marie Dupont</name><email>m@q.example</email></author>
    <category term="social"/>
    <summary>Résumé court.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Les syndicats appellent à la grève &amp; manifestent.</p></div></content>
  </entry>
  <entry>
    <title type="html">Deuxième &lt;em&gt;article&lt;/em&gt;</title>
    <link href="https://q.example/2"/>
    <id>urn:example:2</id>
    <summary type="html">&lt;p&gt;Seulement un résumé.&lt;/p&gt;</summary>
  </entry>
</feed>
"#;

#[test]
fn atom_entries() {
    let out = read("quotidien.atom", ATOM.as_bytes());
    assert_eq!(out.len(), 2);
    let a = doc(&out[0]);
    assert_eq!(a.id, "urn:example:1");
    assert_eq!(a.meta.outlet.as_deref(), Some("Le Quotidien"));
    assert_eq!(a.meta.language.as_deref(), Some("fr"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://q.example/1"),
        "the alternate link, not self"
    );
    assert_eq!(a.meta.byline.as_deref(), Some("Marie Dupont"));
    assert_eq!(a.meta.title.as_deref(), Some("Grève à Paris"));
    assert_eq!(
        a.meta.published.as_ref().map(|p| p.rfc3339()).as_deref(),
        Some("2024-03-01T08:30:00Z")
    );
    assert_eq!(
        a.meta.updated.as_ref().map(|p| p.rfc3339()).as_deref(),
        Some("2024-03-01T10:00:00Z")
    );
    assert!(a.text.contains("Les syndicats appellent à la grève"));
    assert!(!a.text.contains("Résumé court."));
    assert_eq!(a.meta.extra["categories"], serde_json::json!(["social"]));

    let b = doc(&out[1]);
    assert_eq!(b.meta.title.as_deref(), Some("Deuxième article"));
    assert_eq!(b.meta.url.as_deref(), Some("https://q.example/2"));
    assert!(b.text.contains("Seulement un résumé."));
}

#[test]
fn broken_feed_keeps_the_items_before_the_break() {
    let broken = concat!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n",
        "<item><title>One</title><description>First body.</description></item>\n",
        "<item><title>Two</title><description>Second body.</description></item>\n",
        "<item><title>Three</title><description>Third <!-- unclosed</description></item>\n",
        "<item><title>Four</title><description>Never read.</description></item>\n",
        "</channel></rss>\n"
    );
    let out = read("broken.xml", broken.as_bytes());
    assert_eq!(out.len(), 3, "{out:?}");
    assert!(doc(&out[0]).text.contains("First body."));
    assert!(doc(&out[1]).text.contains("Second body."));
    let e = err(&out[2]);
    assert_eq!(e.kind, ErrorKind::Feed);
    assert_eq!(e.location.as_deref(), Some("line 5, column 46"), "{e}");
    assert!(e.message.contains("inside item 3"), "{}", e.message);

    // Cut short mid-item.
    let cut = &RSS[..RSS.find("<author>").unwrap()];
    let out = read("cut.rss", cut.as_bytes());
    assert_eq!(out.len(), 2);
    assert_eq!(doc(&out[0]).id, "wire-1");
    let e = err(&out[1]);
    assert!(e.message.contains("item 2"), "{}", e.message);
}

#[test]
fn feed_with_unbalanced_html_is_repaired() {
    let sloppy = concat!(
        "<rss><channel><title>Sloppy</title>",
        "<item><title>One</title><description>Line one<br>line two</description></item>",
        "</p>",
        "<item><title>Two</title><description>Fine.</description></item>",
        "</channel></rss>"
    );
    let out = read("sloppy.rss", sloppy.as_bytes());
    assert_eq!(out.len(), 2, "{out:?}");
    let one = doc(&out[0]);
    assert!(one.text.contains("Line one"), "{:?}", one.text);
    assert!(one.text.contains("line two"), "{:?}", one.text);
    assert!(
        one.diagnostics
            .iter()
            .any(|d| d.code == "feed.malformed-xml")
    );
    let two = doc(&out[1]);
    assert!(two.text.contains("Fine."));
    assert!(
        !two.diagnostics
            .iter()
            .any(|d| d.code == "feed.malformed-xml")
    );
}

#[test]
fn not_a_feed_and_empty_feed() {
    let out = read_with(
        ReadOptions {
            format: Some(InputFormat::Feed),
            ..ReadOptions::default()
        },
        "page.xml",
        b"<html><body>hi</body></html>",
    );
    assert_eq!(out.len(), 1);
    assert!(err(&out[0]).message.contains("<html>"));
    let out = read(
        "empty.rss",
        b"<rss version=\"2.0\"><channel><title>Nothing</title></channel></rss>",
    );
    assert_eq!(err(&out[0]).kind, ErrorKind::Empty);
}

#[test]
fn feed_in_a_declared_legacy_encoding() {
    let mut bytes =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf".to_vec();
    bytes.push(0xe9);
    bytes.extend_from_slice(b"</title><description>Na");
    bytes.push(0xef);
    bytes.extend_from_slice(b"ve reporting.</description></item></channel></rss>");
    let out = read("latin1.rss", &bytes);
    let d = doc(&out[0]);
    assert_eq!(d.meta.title.as_deref(), Some("Café"));
    assert!(d.text.contains("Naïve reporting."));
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code == "encoding.windows-1252")
    );
}

// ---------------------------------------------------------------------------------------------
// WARC

fn warc_record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.0\r\n".to_vec();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(uri: &str, id: &str, http: &[u8]) -> Vec<u8> {
    warc_record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", "2024-03-02T08:00:00Z"),
            ("WARC-Record-ID", id),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http,
    )
}

/// A news page: headline, the given first paragraph, and two paragraphs of filler so that the
/// HTML reader sees an article.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{title}</h1>\
         <p>{body}</p>\
         <p>Officials said, speaking on condition of anonymity, that the talks would go on \
         through the week, and that both delegations had agreed to meet again in Geneva.</p>\
         <p>Observers from the region, who had followed the negotiations for months, said the \
         mood was calmer than at any time since the spring, though many questions remained.</p>\
         </article><footer>Copyright</footer></body></html>"
    )
}

fn sample_warc() -> Vec<Vec<u8>> {
    let plain = page(
        "Protest in Minsk",
        "Thousands marched through the capital on Sunday.",
    );
    let http1 = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{plain}");
    // Chunked and gzip-coded, in windows-1252 declared by the header.
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    let latin: Vec<u8> = page("Elections", "Turnout was high @as expected~.")
        .bytes()
        .map(|b| match b {
            b'@' => 0x93,
            b'~' => 0x94,
            b => b,
        })
        .collect();
    gz.write_all(&latin).unwrap();
    let coded = gz.finish().unwrap();
    let mut chunked = Vec::new();
    for part in coded.chunks(7) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut http2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\
Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
        .to_vec();
    http2.extend_from_slice(&chunked);

    vec![
        warc_record(
            &[
                ("WARC-Type", "warcinfo"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: test\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", "https://n.example/1"),
            ],
            b"GET /1 HTTP/1.1\r\nHost: n.example\r\n\r\n",
        ),
        response("https://n.example/1", "<urn:uuid:0001>", http1.as_bytes()),
        warc_record(&[("WARC-Type", "metadata")], b"fetchTimeMs: 12\r\n"),
        response(
            "https://n.example/robots.txt",
            "<urn:uuid:0002>",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nUser-agent: *\r\n",
        ),
        response(
            "https://n.example/old",
            "<urn:uuid:0003>",
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", "https://n.example/2"),
            ],
            b"GET /2 HTTP/1.1\r\n\r\n",
        ),
        response("<https://n.example/2>", "<urn:uuid:0004>", &http2),
    ]
}

fn check_sample(out: &[ReadResult]) {
    assert_eq!(out.len(), 2, "{out:?}");
    let a = doc(&out[0]);
    assert_eq!(a.id, "urn:uuid:0001");
    assert_eq!(a.meta.format, InputFormat::Warc);
    assert_eq!(a.meta.url.as_deref(), Some("https://n.example/1"));
    assert_eq!(a.meta.extra["crawled"], "2024-03-02T08:00:00Z");
    assert!(
        a.meta.published.is_none(),
        "crawl time is not publication time"
    );
    assert!(
        a.text
            .contains("Thousands marched through the capital on Sunday.")
    );
    let b = doc(&out[1]);
    assert_eq!(b.id, "urn:uuid:0004");
    assert_eq!(b.meta.url.as_deref(), Some("https://n.example/2"));
    assert!(
        b.text
            .contains("Turnout was high \u{201c}as expected\u{201d}."),
        "{:?}",
        b.text
    );
    assert!(b.meta.source.ends_with("#record8"), "{}", b.meta.source);
}

#[test]
fn warc_plain() {
    let bytes: Vec<u8> = sample_warc().concat();
    check_sample(&read("crawl.warc", &bytes));
}

#[test]
fn warc_gzip_per_record() {
    let mut bytes = Vec::new();
    for record in sample_warc() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&record).unwrap();
        bytes.extend_from_slice(&gz.finish().unwrap());
    }
    check_sample(&read("CC-NEWS-20240302.warc.gz", &bytes));

    // A cut in the last member: the earlier records are still read.
    let out = read("cut.warc.gz", &bytes[..bytes.len() - 40]);
    assert_eq!(out.len(), 2, "{out:?}");
    assert!(out[0].is_ok());
    let e = err(&out[1]);
    assert_eq!(e.kind, ErrorKind::Gzip, "{e}");
    assert_eq!(e.location.as_deref(), Some("record 8"));
}

#[test]
fn warc_skipped_records_are_counted() {
    let bytes: Vec<u8> = sample_warc().concat();
    let mut out = Vec::new();
    let stats: WarcStats = read_warc_with_stats(
        "crawl.warc",
        &mut &bytes[..],
        &ReadOptions::default(),
        &mut |r| out.push(r),
    );
    assert_eq!(out.len(), 2);
    assert_eq!(stats.records, 8);
    assert_eq!(stats.documents, 2);
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.skipped_total(), 6);
    assert_eq!(
        stats.to_string(),
        "skipped: 2 request, 1 metadata, 1 response (HTTP 301), 1 response (not HTML), 1 warcinfo"
    );
}

#[test]
fn warc_truncated_and_oversized_records() {
    let records = sample_warc();
    let mut bytes: Vec<u8> = records[..3].concat();
    // A record cut inside its block.
    let last = &records[7];
    bytes.extend_from_slice(&last[..last.len() / 2]);
    let out = read("cut.warc", &bytes);
    assert_eq!(out.len(), 2);
    assert!(doc(&out[0]).text.contains("Thousands marched"));
    let e = err(&out[1]);
    assert_eq!(e.kind, ErrorKind::Warc);
    assert_eq!(e.location.as_deref(), Some("record 4"));
    assert!(e.message.contains("truncated"), "{}", e.message);

    // A response over the limit is skipped without stopping the next ones.
    let big = page("Big", &"Very long story. ".repeat(200));
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{big}");
    let mut bytes = response("https://n.example/big", "<urn:uuid:big>", http.as_bytes());
    bytes.extend_from_slice(&records[2]);
    let options = ReadOptions {
        max_bytes: 1000,
        ..ReadOptions::default()
    };
    let out = read_with(options, "big.warc", &bytes);
    assert_eq!(out.len(), 2);
    let e = err(&out[0]);
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.location.as_deref(), Some("record 1"));
    assert_eq!(doc(&out[1]).id, "urn:uuid:0001");
}

#[test]
fn warc_malformed_header_resynchronises() {
    let records = sample_warc();
    let mut bytes =
        b"WARC/1.1\r\nWARC-Type: response\r\nno colon here\r\n\r\ngarbage\r\n\r\n".to_vec();
    bytes.extend_from_slice(&records[2]);
    let out = read("bad.warc", &bytes);
    assert_eq!(out.len(), 2, "{out:?}");
    let e = err(&out[0]);
    assert_eq!(e.location.as_deref(), Some("record 1"));
    assert_eq!(doc(&out[1]).id, "urn:uuid:0001");
    assert!(doc(&out[1]).meta.source.ends_with("#record2"));
}

// ---------------------------------------------------------------------------------------------
// Encodings

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom
        .then_some(0xFEFF_u16)
        .into_iter()
        .chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf8_with_and_without_bom() {
    let d = encoding::decode("\u{feff}Déjà vu".as_bytes()).unwrap();
    assert_eq!(d.text, "Déjà vu");
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.diagnostics.is_empty());
    let d = encoding::decode("Déjà vu".as_bytes()).unwrap();
    assert_eq!(d.text, "Déjà vu");
    // A UTF-8 BOM is believed even when a byte is broken: no Windows-1252 guess.
    let d = encoding::decode(b"\xEF\xBB\xBFcaf\xe9 noir").unwrap();
    assert_eq!(d.text, "caf\u{fffd} noir");
    assert_eq!(d.diagnostics[0].code, "encoding.invalid-utf8");
    // Without it, the same bytes are Windows-1252.
    let d = encoding::decode(b"caf\xe9 noir").unwrap();
    assert_eq!(d.text, "café noir");
    let out = read("bom.txt", "\u{feff}Headline\n\nBody text here.".as_bytes());
    assert!(doc(&out[0]).text.starts_with("Headline"));
}

#[test]
fn utf16_with_bom() {
    let text = "Zürich — «talks» resume.";
    for big in [false, true] {
        let d = encoding::decode(&utf16(text, big, true)).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, if big { "UTF-16BE" } else { "UTF-16LE" });
    }
    let out = read(
        "utf16.txt",
        &utf16("Headline\n\nA body paragraph.", false, true),
    );
    assert!(doc(&out[0]).text.contains("A body paragraph."));
}

#[test]
fn windows_1252_curly_quotes() {
    let bytes = b"He said \x93no\x94 \x96 twice.";
    let d = encoding::decode(bytes).unwrap();
    assert_eq!(d.text, "He said \u{201c}no\u{201d} \u{2013} twice.");
    assert_eq!(d.encoding, "windows-1252");
    let diag = &d.diagnostics[0];
    assert_eq!(diag.code, "encoding.windows-1252");
    assert!(diag.severity <= Severity::Warning);
    let out = read("legacy.txt", bytes);
    let doc = doc(&out[0]);
    assert!(doc.text.contains('\u{201c}'));
    assert!(
        doc.diagnostics
            .iter()
            .any(|x| x.code == "encoding.windows-1252")
    );
}

#[test]
fn html_meta_charset() {
    let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>Caf".to_vec();
    bytes.extend_from_slice(b"\xe9 cr\xe8me.</p></body></html>");
    let d = encoding::decode_html(&bytes).unwrap();
    assert!(d.text.contains("Café crème."));
    assert_eq!(d.encoding, "windows-1252");
}

#[test]
fn binary_and_empty_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    match encoding::decode(png) {
        Err(encoding::DecodeError::Binary(why)) => assert!(why.contains("PNG"), "{why}"),
        other => panic!("{other:?}"),
    }
    let junk: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
    assert!(matches!(
        encoding::decode(&junk),
        Err(encoding::DecodeError::Binary(_))
    ));
    let out = read("blob.txt", b"text\x00with\x00nuls\x01\x02\x03");
    let e = err(&out[0]);
    assert_eq!(e.kind, ErrorKind::Binary);
    assert!(e.message.contains("NUL"), "{}", e.message);

    assert_eq!(
        encoding::decode(b"").unwrap_err(),
        encoding::DecodeError::Empty
    );
    assert_eq!(
        encoding::decode(b" \r\n\t ").unwrap_err(),
        encoding::DecodeError::Empty
    );
    assert_eq!(
        encoding::decode(&utf16("   ", false, true)).unwrap_err(),
        encoding::DecodeError::Empty
    );
    let out = read("empty.txt", b"   \n");
    assert_eq!(err(&out[0]).kind, ErrorKind::Empty);
}

#[test]
fn mostly_utf8_gets_replacement_and_warning() {
    let mut bytes = "Naïve café — déjà ".as_bytes().to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(" vu.".as_bytes());
    let d = encoding::decode(&bytes).unwrap();
    assert_eq!(d.text, "Naïve café — déjà \u{fffd} vu.");
    assert_eq!(d.diagnostics[0].code, "encoding.invalid-utf8");
    assert_eq!(d.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn warc_lf_only_resource_and_non_http_records() {
    let html = page(
        "Floods in Dhaka",
        "Rivers burst their banks overnight, officials said.",
    );
    let mut bytes = format!(
        "WARC/1.1\nWARC-Type: resource\nWARC-Target-URI: file:///archive/floods.html\n\
         Content-Type: text/html\nContent-Length: {}\n\n{html}\n\n",
        html.len()
    )
    .into_bytes();
    let dns = b"20240302080000\nn.example. 300 IN A 192.0.2.1\n";
    bytes.extend_from_slice(
        format!(
            "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: dns:n.example\n\
             Content-Type: text/dns\nContent-Length: {}\n\n",
            dns.len()
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(dns);
    bytes.extend_from_slice(b"\n\n");
    let mut out = Vec::new();
    let stats = read_warc_with_stats(
        "archive.warc",
        &mut &bytes[..],
        &ReadOptions::default(),
        &mut |r| out.push(r),
    );
    assert_eq!(out.len(), 1, "{out:?}");
    let d = doc(&out[0]);
    assert_eq!(d.id, "archive#record1");
    assert_eq!(d.meta.url.as_deref(), Some("file:///archive/floods.html"));
    assert!(d.text.contains("Rivers burst their banks overnight"));
    assert_eq!(stats.to_string(), "skipped: 1 response (not HTTP)");
}

#[test]
fn warc_http_without_content_type_is_sniffed() {
    let html = page(
        "Sniffed",
        "A page served without a content type, as some servers do.",
    );
    let http = format!("HTTP/1.0 200 OK\r\nServer: old\r\n\r\n{html}");
    let mut bytes = response("https://n.example/s", "<urn:uuid:s>", http.as_bytes());
    bytes.extend_from_slice(&response(
        "https://n.example/img",
        "<urn:uuid:img>",
        b"HTTP/1.1 200 OK\r\n\r\nGIF89a\x01\x00",
    ));
    let mut out = Vec::new();
    let stats = read_warc_with_stats(
        "s.warc",
        &mut &bytes[..],
        &ReadOptions::default(),
        &mut |r| out.push(r),
    );
    assert_eq!(out.len(), 1);
    assert!(doc(&out[0]).text.contains("served without a content type"));
    assert_eq!(stats.to_string(), "skipped: 1 response (not HTML)");
}

#[test]
fn output_is_deterministic() {
    let warc: Vec<u8> = sample_warc().concat();
    let jsonl =
        b"{\"a\": 1, \"z\": 2, \"m\": [3], \"text\": \"Body one.\"}\n{\"text\": \"Body two.\"}";
    for (name, bytes) in [
        ("d.warc", &warc[..]),
        ("d.rss", RSS.as_bytes()),
        ("d.atom", ATOM.as_bytes()),
        ("d.jsonl", &jsonl[..]),
    ] {
        let first = read(name, bytes);
        assert!(!first.is_empty());
        assert_eq!(first, read(name, bytes), "{name}");
    }
}

#[test]
fn jsonl_news_please_fields() {
    let line = concat!(
        r#"{"maintext": "Protesters gathered outside parliament on Monday.", "#,
        r#""title": "Crowds gather", "date_publish": "2017-01-02T10:00:00Z", "#,
        r#""date_modify": "2017-01-02T11:30:00Z", "source_domain": "news.example", "#,
        r#""authors": ["Ann Lee", " Bo  Chen "], "link": "https://news.example/c", "language": "en", "#,
        r#""description": "A lede."}"#
    );
    let out = read("np.jsonl", line.as_bytes());
    let d = doc(&out[0]);
    assert!(
        d.text
            .ends_with("Protesters gathered outside parliament on Monday.")
    );
    assert_eq!(d.meta.title.as_deref(), Some("Crowds gather"));
    assert_eq!(d.meta.outlet.as_deref(), Some("news.example"));
    assert_eq!(d.meta.byline.as_deref(), Some("Ann Lee, Bo Chen"));
    assert_eq!(d.meta.url.as_deref(), Some("https://news.example/c"));
    assert_eq!(d.meta.language.as_deref(), Some("en"));
    assert_eq!(
        d.meta.published.as_ref().map(|p| p.rfc3339()).as_deref(),
        Some("2017-01-02T10:00:00Z")
    );
    assert_eq!(
        d.meta.updated.as_ref().map(|p| p.rfc3339()).as_deref(),
        Some("2017-01-02T11:30:00Z")
    );
    assert_eq!(d.meta.extra["description"], "A lede.");
    assert!(!d.meta.extra.contains_key("authors"));
}
