//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item an article.
//!
//! Per item: the full content (`content:encoded`, Atom `content`) when present, else the
//! summary (`description`, Atom `summary`); HTML in either goes through
//! [`crate::html::read_html`], plain text through [`crate::news::read_text`]. The link becomes
//! the URL; `pubDate`, `dc:date`, `published` and `updated` are parsed (RFC 2822 or RFC 3339);
//! the title becomes the headline; `author`, `dc:creator` and Atom `author/name` the byline; the
//! feed's title the outlet and its language the language. Categories and other simple item
//! fields are kept in [`tacitus_model::Metadata::extra`]. The id is the `guid` or Atom `id`,
//! else the link, else `{stem}#item{n}`; the source label is `{input}#item{n}`.
//!
//! The XML is parsed with `quick-xml`, which expands no entities beyond the predefined ones
//! (no entity bombs) and never panics. Broken XML yields the items completed before the break
//! and then an error naming the line and column where it broke.

use std::collections::BTreeMap;

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;
use tacitus_model::{BlockKind, Document, DocumentBuilder, InputFormat, Severity};

use crate::jsonl::{collapse_space, put_title};
use crate::read::{self, Emit, ErrorKind, ReadError};
use crate::{encoding, html, news};

/// The most authors kept for one item (a byline, not a phone book).
const MAX_AUTHORS: usize = 32;

/// Reads a feed in memory, one result per item.
pub fn read_feed(name: &str, bytes: &[u8], emit: &mut Emit<'_>) {
    let decoded = match encoding::decode_xml(bytes) {
        Ok(d) => d,
        Err(e) => return emit(Err(e.into_read_error(name))),
    };
    let parsed = parse_feed(&decoded.text);
    if let Some(root) = &parsed.not_a_feed {
        return emit(Err(ReadError::new(
            name,
            ErrorKind::Feed,
            format!("not an RSS or Atom feed: the root element is <{root}>"),
        )));
    }
    let stem = read::stem_of(name);
    let stem = [".rss", ".atom", ".RSS", ".ATOM"]
        .iter()
        .find_map(|ext| stem.strip_suffix(ext).filter(|s| !s.is_empty()))
        .map_or(stem.clone(), str::to_string);
    for (i, item) in parsed.items.into_iter().enumerate() {
        let n = i + 1;
        let result = build_item(name, &stem, n, item, &parsed.channel).map(|mut doc| {
            doc.diagnostics.extend(decoded.diagnostics.iter().cloned());
            doc
        });
        emit(result);
    }
    if let Some(broken) = parsed.broken {
        let (line, col) = line_col(&decoded.text, broken.at);
        let inside = match broken.item {
            Some(n) => format!(" inside item {n}"),
            None => String::new(),
        };
        emit(Err(ReadError::new(
            name,
            ErrorKind::Feed,
            format!(
                "the feed breaks off{inside}: {}; the {} item(s) before it were read",
                broken.why, broken.completed
            ),
        )
        .at(format!("line {line}, column {col}"))));
    } else if parsed.completed == 0 {
        emit(Err(ReadError::new(
            name,
            ErrorKind::Empty,
            "the feed holds no items",
        )));
    }
}

/// What the feed says about itself.
#[derive(Debug, Default)]
struct Channel {
    title: Option<String>,
    language: Option<String>,
}

/// A body: content or summary, HTML or plain text.
#[derive(Debug)]
struct Body {
    text: String,
    html: bool,
}

/// One item as parsed, before it becomes a document.
#[derive(Debug, Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    guid: Option<String>,
    content: Option<Body>,
    summary: Option<Body>,
    published: Option<String>,
    updated: Option<String>,
    authors: Vec<String>,
    categories: Vec<String>,
    extra: BTreeMap<String, Value>,
    /// End tags that were missing or stray inside the item.
    repairs: usize,
}

/// How a field's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Plain text (titles, dates, links).
    Text,
    /// HTML escaped into the XML text (RSS `description`, Atom `type="html"`).
    Html,
    /// XHTML inlined as XML elements (Atom `type="xhtml"`): markup is re-serialized.
    Xhtml,
}

/// A child element of an item being read.
#[derive(Debug)]
struct Field {
    /// The name as written.
    raw_name: String,
    /// Lower-cased qualified name.
    name: String,
    attrs: Vec<(String, String)>,
    mode: Mode,
    buf: String,
    /// Elements open inside the field.
    depth: usize,
    nested: bool,
    /// For `author`: the text of its `name` child.
    person_name: String,
    in_person_name: bool,
}

impl Field {
    fn is_person(&self) -> bool {
        matches!(self.name.as_str(), "author" | "contributor")
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn push_text(&mut self, s: &str) {
        if self.in_person_name {
            self.person_name.push_str(s);
        } else if self.mode == Mode::Xhtml {
            escape_into(&mut self.buf, s);
        } else {
            self.buf.push_str(s);
        }
    }
}

#[derive(Debug)]
struct Broken {
    at: usize,
    why: String,
    item: Option<usize>,
    completed: usize,
}

#[derive(Debug, Default)]
struct Parsed {
    channel: Channel,
    items: Vec<Item>,
    completed: usize,
    broken: Option<Broken>,
    not_a_feed: Option<String>,
}

/// The state of the parse.
#[derive(Default)]
struct Parser {
    out: Parsed,
    /// Lower-cased qualified names of the open elements.
    stack: Vec<String>,
    /// The item being read and the stack depth of its element.
    item: Option<(Item, usize)>,
    field: Option<Field>,
    /// A feed-level field being read (`title`, `language`) and its text.
    channel_field: Option<(String, String)>,
    seen_root: bool,
}

/// Parses the feed as far as it is well-formed.
///
/// End tags are matched leniently, as feeds written by hand or by careless software need: an
/// end tag closes any elements left open inside it (an unescaped `<br>` in a description), and
/// an end tag that closes nothing is ignored. Items repaired so carry a warning. Syntax errors
/// (an unclosed tag, comment or CDATA section) end the parse.
fn parse_feed(text: &str) -> Parsed {
    let mut reader = XmlReader::from_str(text);
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    let mut p = Parser::default();
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                p.out.broken = Some(Broken {
                    at: usize::try_from(reader.error_position()).unwrap_or(usize::MAX),
                    why: e.to_string(),
                    item: p.item.as_ref().map(|_| p.out.completed + 1),
                    completed: p.out.completed,
                });
                return p.out;
            }
        };
        match event {
            Event::Start(e) => {
                if !p.root(&e) {
                    return p.out;
                }
                p.start(&e);
            }
            Event::Empty(e) => {
                if !p.root(&e) {
                    return p.out;
                }
                p.empty(&e);
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_ascii_lowercase();
                p.end(&name);
            }
            Event::Text(t) => p.text(&t.xml10_content()),
            Event::CData(c) => p.text(&c.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match named(&r) {
                        Some(c) => c.to_string(),
                        None => format!("&{};", &*r),
                    },
                    Err(_) => "\u{FFFD}".to_string(),
                };
                if let Some(f) = p.field.as_mut()
                    && resolved.len() > 1
                    && resolved.starts_with('&')
                    && f.mode != Mode::Text
                {
                    // An HTML entity the HTML reader will resolve: keep it as written.
                    f.buf.push_str(&resolved);
                } else {
                    p.text(&resolved);
                }
            }
            Event::Eof => {
                p.eof(text.len());
                return p.out;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

impl Parser {
    /// Checks the first element; false when it is not a feed's root.
    fn root(&mut self, e: &BytesStart<'_>) -> bool {
        if self.seen_root {
            return true;
        }
        self.seen_root = true;
        match check_root(e, &mut self.out.channel) {
            Ok(()) => true,
            Err(root) => {
                self.out.not_a_feed = Some(root);
                false
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let qname = e.name().as_ref().to_ascii_lowercase();
        if let Some(f) = self.field.as_mut() {
            f.depth += 1;
            f.nested = true;
            if f.is_person() {
                f.in_person_name = local_lower(e) == "name";
            } else {
                f.buf.push('<');
                f.buf.push_str(e);
                f.buf.push('>');
            }
        } else if let Some((_, depth)) = &self.item {
            if self.stack.len() == *depth {
                self.field = Some(open_field(e));
            }
        } else {
            let local = local_lower(e);
            let parent = self.stack.last().map(|p| local_of(p).to_string());
            if local == "item" || local == "entry" {
                self.item = Some((Item::default(), self.stack.len() + 1));
            } else if matches!(parent.as_deref(), Some("channel" | "feed"))
                && matches!(local.as_str(), "title" | "language")
            {
                self.channel_field = Some((local, String::new()));
            }
        }
        self.stack.push(qname);
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        if let Some(f) = self.field.as_mut() {
            if !f.is_person() {
                f.buf.push('<');
                f.buf.push_str(e);
                f.buf.push_str("/>");
            }
        } else if let Some((it, depth)) = self.item.as_mut()
            && self.stack.len() == *depth
        {
            let f = open_field(e);
            close_empty_field(it, &f);
        }
    }

    /// An end tag: closes the innermost open element of that name and any left open inside
    /// it; closes nothing if no element of that name is open.
    fn end(&mut self, name: &str) {
        let Some(pos) = self.stack.iter().rposition(|n| n == name) else {
            if let Some((it, _)) = self.item.as_mut() {
                it.repairs += 1;
            }
            return;
        };
        let implicit = self.stack.len() - pos - 1;
        if implicit > 0
            && let Some((it, _)) = self.item.as_mut()
        {
            it.repairs += implicit;
        }
        while self.stack.len() > pos {
            let closing = self.stack.pop().unwrap_or_default();
            self.close(&closing);
        }
    }

    /// Closes the element just popped off the stack.
    fn close(&mut self, name: &str) {
        if let Some(f) = self.field.as_mut() {
            if f.depth > 0 {
                f.depth -= 1;
                if f.is_person() {
                    f.in_person_name = false;
                } else {
                    f.buf.push_str("</");
                    f.buf.push_str(name);
                    f.buf.push('>');
                }
            } else if let (Some(f), Some((it, _))) = (self.field.take(), self.item.as_mut()) {
                close_field(it, f);
            }
            return;
        }
        if let Some((_, depth)) = &self.item
            && self.stack.len() < *depth
        {
            if let Some((it, _)) = self.item.take() {
                self.out.items.push(it);
                self.out.completed += 1;
            }
            return;
        }
        let closes_channel_field = self
            .channel_field
            .as_ref()
            .is_some_and(|(key, _)| local_of(name) == key);
        if closes_channel_field && let Some((key, buf)) = self.channel_field.take() {
            let value = plain(&buf);
            if !value.is_empty() {
                match key.as_str() {
                    "title" => self.out.channel.title = Some(value),
                    _ => self.out.channel.language = Some(value),
                }
            }
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(f) = self.field.as_mut() {
            f.push_text(s);
        } else if let Some((_, buf)) = self.channel_field.as_mut() {
            buf.push_str(s);
        }
    }

    /// The end of the input: a feed cut short leaves elements open.
    fn eof(&mut self, len: usize) {
        if self.stack.is_empty() {
            return;
        }
        let inside = self.item.as_ref().map(|_| self.out.completed + 1);
        let why = match inside {
            Some(_) => "the input ends before the item closes (truncated?)".to_string(),
            None => format!(
                "the input ends before </{}> (truncated?)",
                self.stack.first().map_or("", String::as_str)
            ),
        };
        self.out.broken = Some(Broken {
            at: len,
            why,
            item: inside,
            completed: self.out.completed,
        });
    }
}

/// Checks that the root element is a feed's; takes the feed language from `xml:lang`.
fn check_root(e: &BytesStart<'_>, channel: &mut Channel) -> Result<(), String> {
    let local = local_lower(e);
    if !matches!(local.as_str(), "rss" | "feed" | "rdf") {
        return Err(e.name().as_ref().to_string());
    }
    if let Some(lang) = attr(e, "xml:lang") {
        channel.language = Some(lang);
    }
    Ok(())
}

fn open_field(e: &BytesStart<'_>) -> Field {
    let raw_name = e.name().as_ref().to_string();
    let name = raw_name.to_ascii_lowercase();
    let attrs: Vec<(String, String)> = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (a.key.as_ref().to_ascii_lowercase(), value)
        })
        .collect();
    let local = local_of(&name);
    let declared = attrs
        .iter()
        .find(|(k, _)| k == "type")
        .map(|(_, v)| v.to_ascii_lowercase());
    let mode = match (local, declared.as_deref()) {
        (_, Some("xhtml")) => Mode::Xhtml,
        ("encoded" | "description", _) => Mode::Html,
        ("content" | "summary" | "title", Some(t)) if t == "html" || t.contains("html") => {
            Mode::Html
        }
        _ => Mode::Text,
    };
    Field {
        raw_name,
        name,
        attrs,
        mode,
        buf: String::new(),
        depth: 0,
        nested: false,
        person_name: String::new(),
        in_person_name: false,
    }
}

/// An item child written as an empty element: an Atom link, a category term.
fn close_empty_field(item: &mut Item, f: &Field) {
    match local_of(&f.name) {
        "link" => take_link(item, f),
        "category" => {
            if let Some(term) = f.attr("term").map(collapse_space).filter(|t| !t.is_empty()) {
                item.categories.push(term);
            }
        }
        _ => {}
    }
}

/// Atom links name their target in `href`; the one without `rel` or with `rel="alternate"`
/// is the article.
fn take_link(item: &mut Item, f: &Field) {
    if let Some(href) = f.attr("href") {
        let rel = f.attr("rel").unwrap_or("alternate");
        if rel.eq_ignore_ascii_case("alternate") && item.link.is_none() {
            let href = href.trim();
            if !href.is_empty() {
                item.link = Some(href.to_string());
            }
        }
    } else if item.link.is_none() {
        let link = f.buf.trim();
        if !link.is_empty() {
            item.link = Some(link.to_string());
        }
    }
}

/// Files a finished item child where it belongs.
fn close_field(item: &mut Item, f: Field) {
    let local = local_of(&f.name);
    // Title, link and id are the item's own only unprefixed or in the Atom namespace:
    // `media:title` or `itunes:link` describe something else.
    let core = !f.name.contains(':') || f.name.starts_with("atom:") || f.name.starts_with("a10:");
    match (f.name.as_str(), local) {
        (_, "title" | "link" | "guid" | "id") if !core => {
            let value = collapse_space(&f.buf);
            if !f.nested && !value.is_empty() && !item.extra.contains_key(&f.raw_name) {
                item.extra.insert(f.raw_name, Value::String(value));
            }
        }
        (_, "title") => {
            if item.title.is_none() {
                item.title = Some(plain(&f.buf)).filter(|t| !t.is_empty());
            }
        }
        (_, "link") => take_link(item, &f),
        (_, "guid" | "id") => {
            let id = f.buf.trim();
            if item.guid.is_none() && !id.is_empty() {
                item.guid = Some(id.to_string());
            }
        }
        (_, "encoded") | ("content", _) => {
            if f.attr("src").is_some() && f.buf.trim().is_empty() {
                return;
            }
            let html = f.mode != Mode::Text;
            if item.content.is_none() && !f.buf.trim().is_empty() {
                item.content = Some(Body { text: f.buf, html });
            }
        }
        ("description" | "summary", _) => {
            let html = f.mode != Mode::Text;
            if item.summary.is_none() && !f.buf.trim().is_empty() {
                item.summary = Some(Body { text: f.buf, html });
            }
        }
        (_, "pubdate" | "published" | "issued" | "date") => {
            if item.published.is_none() {
                item.published = Some(f.buf.trim().to_string());
            }
        }
        (_, "updated" | "modified") => {
            if item.updated.is_none() {
                item.updated = Some(f.buf.trim().to_string());
            }
        }
        ("author" | "contributor", _) => {
            let who = if f.person_name.trim().is_empty() {
                rss_author(&f.buf)
            } else {
                plain(&f.person_name)
            };
            if !who.is_empty() && item.authors.len() < MAX_AUTHORS && !item.authors.contains(&who) {
                item.authors.push(who);
            }
        }
        (_, "creator") => {
            let who = plain(&f.buf);
            if !who.is_empty() && item.authors.len() < MAX_AUTHORS && !item.authors.contains(&who) {
                item.authors.push(who);
            }
        }
        (_, "category" | "subject") => {
            let term = f
                .attr("term")
                .map(collapse_space)
                .unwrap_or_else(|| plain(&f.buf));
            if !term.is_empty() {
                item.categories.push(term);
            }
        }
        _ => {
            let value = collapse_space(&f.buf);
            if !f.nested && !value.is_empty() && !item.extra.contains_key(&f.raw_name) {
                item.extra.insert(f.raw_name, Value::String(value));
            }
        }
    }
}

/// An RSS `author` is an e-mail address, often with the name in brackets:
/// `jane@example.com (Jane Doe)`.
fn rss_author(s: &str) -> String {
    let s = plain(s);
    if let (Some(open), true) = (s.find('('), s.ends_with(')')) {
        let inner = s[open + 1..s.len() - 1].trim();
        if !inner.is_empty() {
            return inner.to_string();
        }
    }
    s
}

/// Turns an item into a document.
fn build_item(name: &str, stem: &str, n: usize, item: Item, channel: &Channel) -> read::ReadResult {
    let source = format!("{name}#item{n}");
    let mut extra = item.extra;
    let body = match (item.content, item.summary) {
        (Some(content), summary) => {
            if let Some(s) = summary {
                extra.insert("summary".to_string(), Value::String(s.text));
            }
            Some(content)
        }
        (None, summary) => summary,
    };
    let mut from_markup = false;
    let mut doc: Document = match body {
        Some(b) if b.html && (b.text.contains('<') || b.text.contains('&')) => {
            let doc = html::read_html(&source, &b.text);
            if doc.paragraphs.iter().any(|p| p.kind == BlockKind::Body) {
                from_markup = true;
                doc
            } else {
                // Item summaries are often a single short paragraph, too little for the
                // page extractor: read them as the text they hold.
                let mut doc = news::read_text(&source, &fragment_text(&b.text));
                doc.diagnose(
                    Severity::Info,
                    "feed.html-as-text",
                    "the item's HTML was too short for article extraction; its text was read as is",
                );
                doc
            }
        }
        Some(b) => news::read_text(&source, &b.text),
        None => DocumentBuilder::new(source.clone(), InputFormat::Feed).finish(""),
    };
    doc.meta.source = source;
    doc.meta.format = InputFormat::Feed;
    if let Some(link) = &item.link {
        doc.meta.url = Some(link.clone());
    }
    if let Some(outlet) = &channel.title {
        doc.meta.outlet = Some(outlet.clone());
    }
    if let Some(lang) = channel.language.as_deref().and_then(language_code) {
        doc.meta.language = Some(lang);
    }
    if !item.authors.is_empty() {
        doc.meta.byline = Some(item.authors.join(", "));
    }
    for (key, raw) in [("published", item.published), ("updated", item.updated)] {
        let Some(raw) = raw.filter(|r| !r.is_empty()) else {
            continue;
        };
        match crate::dates::parse_datetime(&raw) {
            Some(when) if key == "published" => doc.meta.published = Some(when),
            Some(when) => doc.meta.updated = Some(when),
            None => {
                doc.diagnose(
                    Severity::Warning,
                    "feed.bad-date",
                    format!("the item's {key} date {raw:?} is not a date and time tacitus reads"),
                );
                extra.insert(key.to_string(), Value::String(raw));
            }
        }
    }
    if item.repairs > 0 {
        doc.diagnose(
            Severity::Warning,
            "feed.malformed-xml",
            format!(
                "{} end tag(s) in the item's XML were missing or stray; read as if well-formed",
                item.repairs
            ),
        );
    }
    if !item.categories.is_empty() {
        extra.insert(
            "categories".to_string(),
            Value::Array(item.categories.into_iter().map(Value::String).collect()),
        );
    }
    if let Some(title) = &item.title {
        put_title(&mut doc, title, from_markup);
    }
    doc.meta.extra.extend(extra);
    let id = item
        .guid
        .or(item.link)
        .unwrap_or_else(|| format!("{stem}#item{n}"));
    read::finish(doc, &id)
        .map_err(|e| ReadError::new(name, e.kind, e.message).at(format!("item {n}")))
}

/// `en-US` → `en`; anything that is not a two-letter code → `None`.
fn language_code(s: &str) -> Option<String> {
    let code = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// Plain text from a field that may hold markup or entities: tags dropped, common entities
/// resolved, white space collapsed.
fn plain(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return collapse_space(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with('<') {
            match tail.find('>') {
                Some(end) => {
                    out.push(' ');
                    rest = &tail[end + 1..];
                }
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            let end = tail
                .char_indices()
                .take(12)
                .find(|(_, c)| *c == ';')
                .map(|(j, _)| j);
            match end.and_then(|j| entity(&tail[1..j]).map(|c| (j, c))) {
                Some((j, c)) => {
                    out.push(c);
                    rest = &tail[j + 1..];
                }
                None => {
                    out.push('&');
                    rest = &tail[1..];
                }
            }
        }
    }
    out.push_str(rest);
    collapse_space(&out)
}

/// The text of an HTML fragment: tags dropped, block elements and `<br>` made paragraph
/// breaks, script and style left out, common entities resolved.
fn fragment_text(html: &str) -> String {
    const BREAKS: &[&str] = &[
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "hr",
        "figure",
        "figcaption",
        "pre",
        "dd",
        "dt",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let Some(end) = tail.find('>') else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        let tag = tail[..end].trim_start_matches('/').trim();
        let tag_name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &tail[end + 1..];
        if !tail.starts_with('/') && (tag_name == "script" || tag_name == "style") {
            let close = format!("</{tag_name}");
            rest = match find_ignore_case(rest, &close) {
                Some(j) => rest[j..].find('>').map_or("", |k| &rest[j + k + 1..]),
                None => "",
            };
            continue;
        }
        if BREAKS.contains(&tag_name.as_str()) {
            out.push_str("\n\n");
        } else {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out.split("\n\n")
        .map(plain)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The byte offset of the first ASCII-case-insensitive match of `needle` in `hay`.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Resolves `#123`, `#x7b` or a common named entity.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    named(name)
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "copy" => '\u{a9}',
        _ => return None,
    })
}

/// Escapes text for inclusion in re-serialized markup.
fn escape_into(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            _ => buf.push(c),
        }
    }
}

fn local_of(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

fn local_lower(e: &BytesStart<'_>) -> String {
    local_of(e.name().as_ref()).to_ascii_lowercase()
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref().eq_ignore_ascii_case(key))
        .map(|a| a.value.to_string())
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_fields() {
        assert_eq!(
            plain("  A <b>bold</b>\n move &amp; more&#x21; "),
            "A bold move & more!"
        );
        assert_eq!(
            plain("Fish &chips; &unknown; <unclosed"),
            "Fish &chips; &unknown; <unclosed"
        );
        assert_eq!(rss_author("desk@x.example (Wire Desk)"), "Wire Desk");
        assert_eq!(rss_author("desk@x.example"), "desk@x.example");
        assert_eq!(language_code("en-US").as_deref(), Some("en"));
        assert_eq!(language_code("english"), None);
    }

    #[test]
    fn fragments() {
        assert_eq!(
            fragment_text("<p>One &amp; two.</p><script>x = '<p>';</SCRIPT><p>Three<br>Four</p>"),
            "One & two.\n\nThree\n\nFour"
        );
        assert_eq!(fragment_text("a <span>b</span> c"), "a b c");
        assert_eq!(fragment_text("<style>p{}"), "");
    }

    #[test]
    fn positions() {
        assert_eq!(line_col("ab\ncdé", 7), (2, 4));
        assert_eq!(line_col("ab", 99), (1, 3));
        // Inside a multi-byte character: rounds down.
        assert_eq!(line_col("é", 1), (1, 1));
    }

    #[test]
    fn channel_title_with_markup_and_media_titles() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div>The <b>Post</b></div></title>
            <entry><media:title>Not this</media:title><title>This one</title><content>Body text.</content></entry></feed>"#;
        let parsed = parse_feed(xml);
        assert_eq!(parsed.channel.title.as_deref(), Some("The Post"));
        assert_eq!(parsed.items.len(), 1);
        assert_eq!(parsed.items[0].title.as_deref(), Some("This one"));
        assert_eq!(parsed.items[0].extra["media:title"], "Not this");
        assert!(!parsed.items[0].content.as_ref().unwrap().html);
    }
}
