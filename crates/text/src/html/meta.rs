//! Page metadata: title, byline, dates, canonical URL, outlet and language, from `<meta>` tags
//! (Open Graph, `article:*`, Dublin Core, Parse.ly, `name=author`), JSON-LD (`headline`,
//! `author`, `datePublished`, `dateModified`, `publisher`), `<time datetime>`, `<title>`,
//! `<link rel=canonical>` and `<html lang>`.
//!
//! Which source wins, field by field: the title is `og:title`, else JSON-LD's `headline`, else
//! the other title tags, `<title>` (without a ` | Site` tail) or the first `h1`; authors and
//! dates come from JSON-LD, else from meta tags, else (the publication date) from a `<time
//! datetime>`; the outlet is `og:site_name`, else JSON-LD's publisher; the URL is the canonical
//! link, else `og:url`, else JSON-LD's `url`. Dates are ISO 8601 / RFC 3339, kept with the UTC
//! offset they were written with.

use serde_json::Value;
use tacitus_model::{Instant, Metadata};

use super::dom::{Dom, collapse};

/// What the page says about itself.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    /// The headline as the page's metadata gives it.
    pub title: Option<String>,
    /// Author names.
    pub byline: Option<String>,
    /// First publication.
    pub published: Option<Instant>,
    /// Last update.
    pub updated: Option<Instant>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name.
    pub outlet: Option<String>,
    /// Two-letter language code.
    pub language: Option<String>,
    /// Date strings found but not understood, for a diagnostic.
    pub bad_dates: Vec<String>,
}

impl PageMeta {
    /// Copies what was found into `meta`.
    pub(crate) fn fill(&self, meta: &mut Metadata) {
        meta.title = self.title.clone();
        meta.byline = self.byline.clone();
        meta.published = self.published.clone();
        meta.updated = self.updated.clone();
        meta.url = self.url.clone();
        meta.outlet = self.outlet.clone();
        meta.language = self.language.clone();
    }
}

/// Reads the metadata of `dom`.
pub(crate) fn read(dom: &Dom<'_>) -> PageMeta {
    let mut m = PageMeta::default();
    let mut metas: Vec<(String, String)> = Vec::new();
    for id in dom.find_all("meta") {
        let key = dom
            .attr(id, "property")
            .or_else(|| dom.attr(id, "name"))
            .or_else(|| dom.attr(id, "itemprop"));
        if let (Some(k), Some(v)) = (key, dom.attr(id, "content")) {
            let v = collapse(&v);
            if !v.is_empty() {
                metas.push((k.trim().to_ascii_lowercase(), v));
            }
        }
    }
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| metas.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.clone()))
    };
    let ld = json_ld(dom);

    let title_text = dom
        .find("title")
        .map(|t| dom.text(t))
        .filter(|t| !t.is_empty());
    m.outlet = meta(&[
        "og:site_name",
        "application-name",
        "publisher",
        "dc.publisher",
    ])
    .or_else(|| ld.publisher.clone());
    // og:title, then JSON-LD's headline, then the other title tags, the <title> element and
    // the first h1; a site name tacked on is cut.
    m.title = meta(&["og:title"])
        .or_else(|| ld.headline.clone())
        .or_else(|| {
            meta(&[
                "twitter:title",
                "dc.title",
                "sailthru.title",
                "parsely-title",
            ])
        })
        .or(title_text)
        .or_else(|| {
            dom.find("h1")
                .map(|h| dom.text(h))
                .filter(|t| !t.is_empty())
        })
        .map(|t| strip_site(&t, m.outlet.as_deref()));

    let meta_author = meta(&[
        "author",
        "byl",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
        "article:author",
        "twitter:creator",
    ])
    .filter(|a| !a.starts_with("http") && !a.starts_with('@'));
    m.byline = if ld.authors.is_empty() {
        meta_author
    } else {
        Some(ld.authors.join(", "))
    }
    .map(|b| clean_byline(&b))
    .filter(|b| !b.is_empty());

    let mut date = |s: Option<String>| -> Option<Instant> {
        let s = s?;
        let d = parse_date(&s);
        if d.is_none() && m.bad_dates.len() < 4 {
            m.bad_dates.push(s);
        }
        d
    };
    let published_meta = meta(&[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
    ]);
    let updated_meta = meta(&[
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "dcterms.modified",
        "lastmod",
        "last-modified",
        "article.updated",
    ]);
    let time_el = first_time(dom);
    m.published = date(ld.published.clone())
        .or_else(|| date(published_meta))
        .or_else(|| date(time_el));
    m.updated = date(ld.modified.clone()).or_else(|| date(updated_meta));

    let canonical = dom
        .find_all("link")
        .find(|&l| {
            dom.attr(l, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| dom.attr(l, "href"))
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"));
    m.url = canonical
        .or_else(|| meta(&["og:url", "twitter:url"]).filter(|u| u.starts_with("http")))
        .or_else(|| ld.url.clone());

    m.language = dom
        .find("html")
        .and_then(|h| dom.attr(h, "lang").or_else(|| dom.attr(h, "xml:lang")))
        .or_else(|| meta(&["og:locale", "content-language", "language", "dc.language"]))
        .and_then(|l| language_code(&l));
    m
}

/// A byline without its leading `By`.
pub(crate) fn clean_byline(s: &str) -> String {
    let s = collapse(s);
    for by in ["By ", "by ", "BY "] {
        if let Some(rest) = s.strip_prefix(by) {
            return rest.trim().to_string();
        }
    }
    s
}

/// `en-GB`, `en_US`, `EN` → `en`; `None` for anything that is not a language tag.
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

/// Strips a ` | Site`, ` - Site` or ` — Site` tail (or head) from a title.
pub(crate) fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];
    if let Some(site) = site {
        for sep in SEPARATORS {
            if let Some((head, tail)) = title.rsplit_once(sep)
                && same_site(tail, site)
            {
                return head.trim().to_string();
            }
            if let Some((head, tail)) = title.split_once(sep)
                && same_site(head, site)
            {
                return tail.trim().to_string();
            }
        }
        return title;
    }
    // No site name known: only a bar-like separator before a short tail marks one.
    for sep in [" | ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.split_whitespace().count() <= 4
            && head.len() > tail.len()
        {
            return head.trim().to_string();
        }
    }
    title
}

/// True when `a` names the site `b` (`The Daily Example` and `Daily Example`, `BBC News` and
/// `BBC`).
fn same_site(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b
        || a.starts_with(&b)
        || b.starts_with(&a)
        || a.ends_with(&b)
        || b.ends_with(&a)
        || (a.len().min(b.len()) >= 5 && (a.contains(&b) || b.contains(&a)))
}

fn first_time(dom: &Dom<'_>) -> Option<String> {
    let mut any = None;
    for t in dom.find_all("time") {
        let Some(dt) = dom.attr(t, "datetime") else {
            continue;
        };
        let marked = dom
            .attr(t, "itemprop")
            .is_some_and(|p| p.contains("datePublished"))
            || dom.attr(t, "pubdate").is_some()
            || dom
                .attr(t, "class")
                .is_some_and(|c| c.contains("publish") || c.contains("posted"));
        if marked {
            return Some(dt);
        }
        if any.is_none() {
            any = Some(dt);
        }
    }
    any
}

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "WebPage",
];

fn json_ld(dom: &Dom<'_>) -> JsonLd {
    let mut found: Vec<Value> = Vec::new();
    for s in dom.find_all("script") {
        let is_ld = dom
            .attr(s, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let mut raw = String::new();
        for &c in dom.children(s) {
            if let Some(super::dom::NodeKind::Text { start, end }) =
                dom.nodes.get(c).map(|n| &n.kind)
            {
                raw.push_str(dom.html.get(*start..*end).unwrap_or(""));
            }
        }
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        if let Ok(v) = serde_json::from_str::<Value>(raw) {
            collect_objects(&v, &mut found, 0);
        }
    }
    // The best object is the first whose type is an article type, then any WebPage.
    let rank = |v: &Value| -> usize {
        let types = types_of(v);
        if types
            .iter()
            .any(|t| t != "WebPage" && ARTICLE_TYPES.contains(&t.as_str()))
        {
            0
        } else if types.iter().any(|t| t == "WebPage") {
            1
        } else {
            2
        }
    };
    let mut ld = JsonLd::default();
    let mut ordered: Vec<&Value> = found.iter().filter(|v| rank(v) < 2).collect();
    ordered.sort_by_key(|v| rank(v));
    for v in ordered {
        let text = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .map(collapse)
                .filter(|s| !s.is_empty())
        };
        if ld.headline.is_none() {
            ld.headline = text("headline");
        }
        if ld.published.is_none() {
            ld.published = text("datePublished").or_else(|| text("dateCreated"));
        }
        if ld.modified.is_none() {
            ld.modified = text("dateModified");
        }
        if ld.authors.is_empty()
            && let Some(a) = v.get("author").or_else(|| v.get("creator"))
        {
            names(a, &mut ld.authors, 0);
        }
        if ld.publisher.is_none()
            && let Some(p) = v.get("publisher")
        {
            let mut n = Vec::new();
            names(p, &mut n, 0);
            ld.publisher = n.into_iter().next();
        }
        if ld.url.is_none() {
            ld.url = text("url").filter(|u| u.starts_with("http"));
        }
    }
    ld.authors.dedup();
    ld.authors.truncate(8);
    ld
}

fn types_of(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn collect_objects(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 || out.len() > 64 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_objects(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                collect_objects(g, out, depth + 1);
            }
            if o.contains_key("@type") {
                out.push(v.clone());
            }
        }
        _ => {}
    }
}

fn names(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 4 || out.len() >= 8 {
        return;
    }
    match v {
        Value::String(s) => {
            let s = collapse(s);
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names(n, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Parses a date found in a page: ISO 8601 in meta tags and JSON-LD, free forms in
/// `<time>` text and bylines (see [`crate::dates::parse_datetime`]).
fn parse_date(s: &str) -> Option<Instant> {
    crate::dates::parse_datetime(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = parse_date("2019-11-20T13:14:00+02:00").unwrap();
        assert_eq!(d.rfc3339(), "2019-11-20T11:14:00Z");
        assert_eq!(d.offset_seconds, 7200);
        assert_eq!(d.zone.as_deref(), Some("+02:00"));
        let d = parse_date("2019-11-20 13:14:00+0100").unwrap();
        assert_eq!(d.offset_seconds, 3600);
        let d = parse_date("2019-11-20T13:14:00Z").unwrap();
        assert_eq!(d.zone.as_deref(), Some("Z"));
        let d = parse_date("2019-11-20").unwrap();
        assert!(d.date_only);
        let d = parse_date("2019-11-20T13:14:00").unwrap();
        assert_eq!(d.rfc3339(), "2019-11-20T13:14:00Z");
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("2019-13-45").is_none());
    }

    #[test]
    fn titles() {
        assert_eq!(
            strip_site("Big news | The Paper", Some("The Paper")),
            "Big news"
        );
        assert_eq!(
            strip_site("The Paper - Big news today", Some("The Paper")),
            "Big news today"
        );
        assert_eq!(strip_site("A - B", None), "A - B");
        assert_eq!(
            strip_site("Apple unveils new iPhone - again", None),
            "Apple unveils new iPhone - again"
        );
        assert_eq!(
            strip_site("Storm hits the coast | Coast News", None),
            "Storm hits the coast"
        );
        assert_eq!(
            strip_site("Japan trade talks - AP", Some("AP")),
            "Japan trade talks"
        );
        assert_eq!(
            strip_site("Talks on Japan trade", Some("AP")),
            "Talks on Japan trade"
        );
    }
}
