//! Finding the article in a page: text blocks, a content score per element, the main
//! container and its sibling parts, then the boilerplate inside it taken out.
//!
//! 1. The page is cut into *blocks*: runs of inline content between block-level boundaries
//!    (`p`, `div`, `li`, `br`, headings, table rows ...). Each block keeps the raw ranges of its
//!    text nodes, so the paragraph it becomes maps back onto the HTML.
//! 2. Paragraph-like blocks (long enough, few links, outside navigation) add a score to the
//!    elements above them, as in Readability: the parent in full, the grandparent in half, and
//!    further ancestors less. An element's class and id (`article-body` up, `sidebar` down) and
//!    its link density weigh its score. The best element is the main container.
//! 3. Siblings of the container that read like the story continuing (a body split around an
//!    advertisement) are added.
//! 4. Inside that region, blocks in boilerplate elements (sharing, related links, newsletter
//!    boxes, bylines, comments, navigation), lines that are mostly links, and furniture such as
//!    `Advertisement` are left out; figure captions are kept apart as captions.

use tacitus_model::BlockKind;

use super::dom::{Dom, NodeId, NodeKind};

/// A run of text in a block: the raw range of a text node, and whether a separator (a table
/// cell boundary) comes before it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    /// First raw byte.
    pub start: usize,
    /// One past the last raw byte.
    pub end: usize,
    /// A space separates it from the run before, although none is in the source.
    pub space_before: bool,
}

/// A block of inline content.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The nearest block-level element holding it.
    pub container: NodeId,
    /// Its text runs.
    pub runs: Vec<Run>,
    /// Its decoded text, white space collapsed.
    pub text: String,
    /// Characters in `text`.
    pub len: usize,
    /// Characters other than white space inside links (for the link density).
    pub link_len: usize,
    /// Characters other than white space inside `<time>` elements.
    pub time_len: usize,
    /// The outermost boilerplate element around it, if any.
    pub boiler: Option<NodeId>,
    /// Lies in a navigation, header, footer, aside, form control or similar.
    pub chrome: bool,
    /// Lies in a figure or its caption.
    pub caption: bool,
}

impl Block {
    /// A short line that is mostly a `<time>`: when the story was published or updated.
    pub(crate) fn is_dateline(&self) -> bool {
        self.len <= 100
            && self.time_len > 0
            && self.time_len * 2 >= self.text.chars().filter(|c| !c.is_whitespace()).count()
    }

    fn link_density(&self) -> f64 {
        if self.len == 0 {
            0.0
        } else {
            self.link_len as f64 / self.len as f64
        }
    }
}

/// What the extractor found.
#[derive(Debug, Default)]
pub(crate) struct Extraction {
    /// The article's blocks in document order: body paragraphs and figure captions.
    pub body: Vec<(BlockKind, Block)>,
    /// Every block of the page (the byline and headline are looked for here).
    pub all: Vec<Block>,
    /// True when no article-like content was found.
    pub no_article: bool,
}

/// Elements whose content is never text of the page.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe", "object",
    "embed", "select", "option", "button", "input", "textarea", "canvas", "video", "audio", "map",
    "dialog", "meta", "link", "base", "frameset", "frame", "noembed", "noframes", "applet",
    "datalist", "label",
];

/// Elements that start and end a block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "hr",
    "br",
    "address",
    "details",
    "summary",
    "center",
    "hgroup",
    "menu",
    "legend",
    "body",
    "html",
    "dir",
    "picture",
    "img",
];

/// Elements whose text is page furniture, not the story.
const CHROME: &[&str] = &["nav", "header", "footer", "aside", "menu", "figcaption"];

/// Class or id words that mark boilerplate wherever they stand (matched as word prefixes).
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscri",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "footer",
    "breadcrumb",
    "pagination",
    "pager",
    "popup",
    "modal",
    "cookie",
    "consent",
    "gdpr",
    "privacy",
    "byline",
    "author",
    "caption",
    "credit",
    "tags",
    "toolbar",
    "print",
    "outbrain",
    "taboola",
    "popular",
    "trending",
    "readmore",
    "disqus",
    "login",
    "follow",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "newsfeed",
    "tooltip",
    "dateline",
    "timestamp",
    "paywall",
    "affiliate",
    "feedback",
    "survey",
    "masthead",
];

/// Class or id words that mark boilerplate unless a story word stands beside them.
const WEAK_NEGATIVE: &[&str] = &[
    "sidebar",
    "widget",
    "nav",
    "menu",
    "banner",
    "hidden",
    "skip",
    "teaser",
    "email",
    "overlay",
    "gallery",
    "carousel",
    "slideshow",
    "video",
    "player",
    "embed",
    "partner",
    "rating",
    "more",
    "next",
    "prev",
    "header",
    "rail",
    "aside",
];

/// Class or id words that mark the story (whole words or prefixes).
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose",
];

/// Whole-word class tokens that mark boilerplate (too short to match as prefixes).
const NEGATIVE_WORDS: &[&str] = &["ad", "ads", "adv", "meta", "tag", "sr", "hide"];

/// Short lines that are page furniture wherever they stand.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advertising",
    "advert",
    "ad",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "read more",
    "continue reading",
    "click here",
    "related",
    "related articles",
    "related stories",
    "related content",
    "recommended",
    "more",
    "comments",
    "print",
    "email",
    "close",
    "skip to content",
    "loading",
    "loading...",
];

/// Extracts the article blocks of `dom`.
pub(crate) fn extract(dom: &Dom<'_>) -> Extraction {
    let root = dom.find("body").unwrap_or(0);
    let sizes = text_sizes(dom);
    let mut walker = Walker {
        dom,
        blocks: Vec::new(),
        current: None,
        total: sizes.get(root).copied().unwrap_or(0),
        sizes,
    };
    let ctx = Ctx {
        container: root,
        boiler: None,
        chrome: false,
        in_link: false,
        caption: false,
        in_time: false,
    };
    walker.walk(root, &ctx);
    walker.flush();
    let all = walker.blocks;
    let fragment = dom.find("body").is_none() && dom.find("html").is_none();

    let scores = score_elements(dom, &all);
    let Some(top) = best_candidate(dom, &scores) else {
        // Nothing reads like an article: keep what text there is outside the page furniture
        // (a short note, a feed item of one line).
        let body: Vec<(BlockKind, Block)> = all
            .iter()
            .filter(|b| {
                !b.chrome
                    && (fragment || (b.boiler.is_none() && b.link_density() <= 0.5))
                    && !is_furniture(&b.text)
            })
            .map(|b| (BlockKind::Body, b.clone()))
            .collect();
        let no_article = body.is_empty();
        return Extraction {
            body,
            all,
            no_article,
        };
    };
    let region = region_around(dom, &scores, top);
    let body = select_blocks(dom, &all, &region);
    let no_article = body.is_empty();
    Extraction {
        body,
        all,
        no_article,
    }
}

#[derive(Clone, Copy)]
struct Ctx {
    caption: bool,
    in_time: bool,
    container: NodeId,
    boiler: Option<NodeId>,
    chrome: bool,
    in_link: bool,
}

struct Walker<'d, 'a> {
    dom: &'d Dom<'a>,
    blocks: Vec<Block>,
    current: Option<Block>,
    /// Bytes of visible text below each node.
    sizes: Vec<usize>,
    /// Bytes of visible text in the whole page.
    total: usize,
}

impl Walker<'_, '_> {
    fn walk(&mut self, id: NodeId, ctx: &Ctx) {
        for &child in self.dom.children(id) {
            let Some(node) = self.dom.nodes.get(child) else {
                continue;
            };
            match &node.kind {
                NodeKind::Text { start, end } => self.text(*start, *end, ctx),
                NodeKind::Element { name, .. } => {
                    let name = name.as_str();
                    if SKIP.contains(&name) || is_hidden(self.dom, child) {
                        continue;
                    }
                    if name == "td" || name == "th" {
                        self.separator();
                    }
                    let block = BLOCK.contains(&name);
                    if block {
                        self.flush();
                    }
                    let mut inner = *ctx;
                    if block && !matches!(name, "br" | "hr" | "img" | "picture") {
                        inner.container = child;
                    }
                    if CHROME.contains(&name) || is_chrome_role(self.dom, child) {
                        inner.chrome = true;
                    }
                    // An element holding most of the page's text is its frame, whatever its
                    // class says.
                    let frame = self.sizes.get(child).copied().unwrap_or(0) * 5 > self.total * 2;
                    if inner.boiler.is_none() && !frame && is_boilerplate(self.dom, child) {
                        inner.boiler = Some(child);
                    }
                    if name == "a" {
                        inner.in_link = true;
                    }
                    if name == "figure" || name == "figcaption" {
                        inner.caption = true;
                    }
                    if name == "time" {
                        inner.in_time = true;
                    }
                    self.walk(child, &inner);
                    if block {
                        self.flush();
                    }
                }
                NodeKind::Root => {}
            }
        }
    }

    fn separator(&mut self) {
        if let Some(b) = self.current.as_mut()
            && let Some(last) = b.runs.last_mut()
        {
            // The next run gets the separator; mark with an empty run carrying the flag.
            let at = last.end;
            b.runs.push(Run {
                start: at,
                end: at,
                space_before: true,
            });
        }
    }

    fn text(&mut self, start: usize, end: usize, ctx: &Ctx) {
        let decoded = super::lex::decode(self.dom.html, start, end);
        let chars = decoded.chars().filter(|c| !c.is_whitespace()).count();
        // `len` is set from the collapsed text when the block is flushed.
        let b = self.current.get_or_insert_with(|| Block {
            container: ctx.container,
            runs: Vec::new(),
            text: String::new(),
            len: 0,
            link_len: 0,
            time_len: 0,
            boiler: ctx.boiler,
            chrome: ctx.chrome,
            caption: ctx.caption,
        });
        b.runs.push(Run {
            start,
            end,
            space_before: false,
        });
        b.text.push_str(&decoded);
        if ctx.in_link {
            b.link_len += chars;
        }
        if ctx.in_time {
            b.time_len += chars;
        }
    }

    fn flush(&mut self) {
        if let Some(mut b) = self.current.take() {
            b.text = super::dom::collapse(&b.text);
            if !b.text.is_empty() {
                b.len = b.text.chars().count();
                b.link_len = b.link_len.min(b.len);
                b.time_len = b.time_len.min(b.len);
                self.blocks.push(b);
            }
        }
    }
}

/// Bytes of visible text below each node (text in skipped elements left out). Children come
/// after their parents in the node list, so one backward pass adds every node into its parent.
fn text_sizes(dom: &Dom<'_>) -> Vec<usize> {
    let mut sizes = vec![0usize; dom.nodes.len()];
    for id in (0..dom.nodes.len()).rev() {
        let node = &dom.nodes[id];
        let own = match &node.kind {
            NodeKind::Text { start, end } => end.saturating_sub(*start),
            NodeKind::Element { name, .. } if SKIP.contains(&name.as_str()) => {
                sizes[id] = 0;
                continue;
            }
            _ => 0,
        };
        sizes[id] += own;
        if let Some(p) = node.parent
            && p < id
        {
            sizes[p] += sizes[id];
        }
    }
    sizes
}

fn is_hidden(dom: &Dom<'_>, id: NodeId) -> bool {
    if dom.attr_range(id, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(id, "aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn is_chrome_role(dom: &Dom<'_>, id: NodeId) -> bool {
    dom.attr(id, "role").is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "menu"
                | "search"
        )
    })
}

/// The lower-cased words of an element's class and id. Taxonomy classes that blog engines
/// add (`tag-news`, `category-video`, `post-123`, `author-jane`) say nothing about the
/// element's role and are left out.
fn class_words(dom: &Dom<'_>, id: NodeId) -> Vec<String> {
    const TAXONOMY: &[&str] = &[
        "tag-",
        "tag_",
        "category-",
        "category_",
        "post-",
        "postid-",
        "format-",
        "type-",
        "status-",
        "has-",
        "author-",
        "section-",
        "node-",
        "page-",
        "term-",
    ];
    let mut s = String::new();
    for class in dom.attr(id, "class").unwrap_or_default().split_whitespace() {
        let lower = class.to_ascii_lowercase();
        if !TAXONOMY.iter().any(|t| lower.starts_with(t)) {
            s.push_str(class);
            s.push(' ');
        }
    }
    s.push_str(&dom.attr(id, "id").unwrap_or_default());
    split_words(&s)
}

/// Splits on anything not alphanumeric and at lower-to-upper case changes (`relatedLinks`).
fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.truncate(64);
    out
}

fn is_negative_word(w: &str) -> bool {
    NEGATIVE_WORDS.contains(&w) || NEGATIVE.iter().any(|n| w.starts_with(n))
}

fn is_weak_negative_word(w: &str) -> bool {
    WEAK_NEGATIVE.iter().any(|n| w.starts_with(n))
}

/// True when the words name boilerplate: a strong negative word, or a weak one with no story
/// word beside it.
fn negative_words(words: &[String]) -> bool {
    words.iter().any(|w| is_negative_word(w))
        || (words.iter().any(|w| is_weak_negative_word(w))
            && !words.iter().any(|w| is_positive_word(w)))
}

fn is_positive_word(w: &str) -> bool {
    POSITIVE.iter().any(|p| w.starts_with(p))
}

/// True for an element whose class or id names boilerplate, or whose tag is figure furniture.
fn is_boilerplate(dom: &Dom<'_>, id: NodeId) -> bool {
    match dom.name(id) {
        "figure" | "figcaption" | "aside" | "nav" | "footer" => return true,
        // Quotations, embedded posts among them, are part of the story; table rows and cells
        // carry classes about their data, not their role.
        "blockquote" | "tr" | "td" | "th" | "tbody" | "thead" | "table" => return false,
        _ => {}
    }
    if let Some(p) = dom.attr(id, "itemprop")
        && (p.contains("author") || p.contains("datePublished") || p.contains("dateModified"))
    {
        return true;
    }
    if dom
        .attr(id, "itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        return false;
    }
    let words = class_words(dom, id);
    if !negative_words(&words) {
        return false;
    }
    // A wrapper of an embedded post (`social-embed`, `video-container` around a quoted tweet)
    // holds a quotation that is part of the story.
    let strong = words.iter().any(|w| is_negative_word(w));
    let embed = words.iter().any(|w| w.starts_with("embed"));
    let quotes = || {
        dom.descendants(id)
            .iter()
            .any(|&d| dom.name(d) == "blockquote")
    };
    !((embed || !strong) && quotes())
}

/// Class weight: above 1 for story-like names, below for boilerplate-like ones.
fn class_weight(dom: &Dom<'_>, id: NodeId) -> f64 {
    let words = class_words(dom, id);
    let mut w = 1.0;
    if words.iter().any(|w| is_positive_word(w)) {
        w *= 1.25;
    }
    if negative_words(&words) {
        w *= 0.5;
    }
    if dom
        .attr(id, "itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        w *= 1.5;
    }
    match dom.name(id) {
        "article" | "main" => w *= 1.2,
        "nav" | "footer" | "aside" | "header" | "form" | "li" | "ul" | "ol" => w *= 0.5,
        _ => {}
    }
    w
}

/// Per-element scores.
struct Scores {
    /// Readability-style content score of each element.
    content: Vec<f64>,
    /// Characters of text below each element.
    chars: Vec<usize>,
    /// Characters of link text below each element.
    link_chars: Vec<usize>,
    /// Characters of paragraph-like text below each element.
    para_chars: Vec<usize>,
}

fn is_paragraph_like(dom: &Dom<'_>, b: &Block) -> bool {
    let min = match dom.name(b.container) {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "th" | "caption" => return false,
        "li" | "tr" | "td" | "dd" => 100,
        _ => 25,
    };
    b.len >= min && b.link_density() <= 0.5 && !b.chrome && b.boiler.is_none()
}

fn score_elements(dom: &Dom<'_>, blocks: &[Block]) -> Scores {
    let n = dom.nodes.len();
    let mut s = Scores {
        content: vec![0.0; n],
        chars: vec![0; n],
        link_chars: vec![0; n],
        para_chars: vec![0; n],
    };
    for b in blocks {
        let para = is_paragraph_like(dom, b);
        let boiler_para = b.boiler.is_some() && b.len >= 25 && b.link_density() <= 0.5 && !b.chrome;
        let chain = std::iter::once(b.container).chain(dom.ancestors(b.container));
        for a in chain {
            if let Some(c) = s.chars.get_mut(a) {
                *c += b.len;
                s.link_chars[a] += b.link_len;
                if para {
                    s.para_chars[a] += b.len;
                }
            }
        }
        if !para && !boiler_para {
            continue;
        }
        let commas = b
            .text
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
            .count();
        let mut score = 1.0 + commas.min(6) as f64 * 0.5 + (b.len as f64 / 100.0).min(5.0);
        if boiler_para {
            score *= 0.2;
        }
        // The block's own element counts as the paragraph; its ancestors get the score. Text
        // straight in a container (no `p`) scores for the container too.
        if matches!(
            dom.name(b.container),
            "div" | "section" | "article" | "main" | "td"
        ) {
            s.content[b.container] += score;
        }
        for (level, a) in dom.ancestors(b.container).enumerate().take(5) {
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            s.content[a] += score / div;
        }
    }
    for i in 0..n {
        if s.content[i] > 0.0 {
            let ld = if s.chars[i] == 0 {
                0.0
            } else {
                s.link_chars[i] as f64 / s.chars[i] as f64
            };
            s.content[i] *= (1.0 - ld) * class_weight(dom, i);
        }
    }
    s
}

fn best_candidate(dom: &Dom<'_>, s: &Scores) -> Option<NodeId> {
    let mut best: Option<(NodeId, f64)> = None;
    for (i, &score) in s.content.iter().enumerate() {
        if score <= 0.0 || matches!(dom.name(i), "html" | "head") {
            continue;
        }
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    let (top, score) = best?;
    if score < 2.0 && s.para_chars[top] < 80 {
        return None;
    }
    Some(top)
}

/// The container and the siblings that continue it.
fn region_around(dom: &Dom<'_>, s: &Scores, top: NodeId) -> Vec<NodeId> {
    // Climb while the ancestor adds story-like text (the story split over sibling
    // containers) rather than furniture or other stories: its extra paragraph text must make up
    // half of its extra text, and come mostly from paragraphs or from containers built like the
    // one we came from. An `article` element or the marked article body is never left.
    let mut top = top;
    let mut prev = top;
    for a in dom.ancestors(top).take(8).collect::<Vec<_>>() {
        if a == 0 || matches!(dom.name(a), "html" | "body") || is_article_root(dom, prev) {
            break;
        }
        let extra_para = s.para_chars[a].saturating_sub(s.para_chars[top]);
        let extra_chars = s.chars[a].saturating_sub(s.chars[top]);
        if extra_para == 0 {
            if extra_chars > s.para_chars[top] {
                break;
            }
            prev = a;
            continue;
        }
        let mut alike = 0;
        let mut other = 0;
        for &c in dom.children(a) {
            if c == prev {
                continue;
            }
            let p = s.para_chars.get(c).copied().unwrap_or(0);
            // Paragraphs and containers built like ours continue the story.
            if matches!(
                dom.name(c),
                "p" | "blockquote" | "h2" | "h3" | "h4" | "ul" | "ol" | "pre"
            ) || similar(dom, c, prev)
            {
                alike += p;
            } else {
                other += p;
            }
        }
        if extra_para * 2 >= extra_chars && (alike >= other || is_article_root(dom, a)) {
            top = a;
            prev = a;
        } else {
            break;
        }
    }
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    let threshold = (s.content[top] * 0.2).max(10.0);
    let mut region = Vec::new();
    for &sib in dom.children(parent) {
        if sib == top {
            region.push(sib);
            continue;
        }
        if !matches!(
            dom.nodes.get(sib).map(|n| &n.kind),
            Some(NodeKind::Element { .. })
        ) {
            continue;
        }
        if SKIP.contains(&dom.name(sib)) || CHROME.contains(&dom.name(sib)) {
            continue;
        }
        let chars = s.chars[sib];
        let ld = if chars == 0 {
            1.0
        } else {
            s.link_chars[sib] as f64 / chars as f64
        };
        let keep = s.content[sib] >= threshold
            || (dom.name(sib) == "p" && chars > 80 && ld < 0.25)
            || (dom.name(sib) == "p" && chars > 0 && ld == 0.0 && ends_sentence(&dom.text(sib)));
        if keep && !is_boilerplate(dom, sib) {
            region.push(sib);
        }
    }
    region
}

/// An element that holds one whole article.
fn is_article_root(dom: &Dom<'_>, id: NodeId) -> bool {
    dom.name(id) == "article"
        || dom
            .attr(id, "itemprop")
            .is_some_and(|p| p.contains("articleBody"))
}

/// Two elements built alike: the same tag and the same classes, digits aside.
fn similar(dom: &Dom<'_>, a: NodeId, b: NodeId) -> bool {
    let class = |id| -> String {
        dom.attr(id, "class")
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect()
    };
    dom.name(a) == dom.name(b) && class(a) == class(b)
}

/// A short line that is page furniture (`Advertisement`, `Read more`).
fn is_furniture(text: &str) -> bool {
    if text.len() > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    FURNITURE.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric()))
}

fn in_quote(dom: &Dom<'_>, id: NodeId) -> bool {
    std::iter::once(id)
        .chain(dom.ancestors(id))
        .take(6)
        .any(|a| dom.name(a) == "blockquote")
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '。' | '…'))
}

fn select_blocks(dom: &Dom<'_>, all: &[Block], region: &[NodeId]) -> Vec<(BlockKind, Block)> {
    let n = dom.nodes.len();
    let mut in_region = vec![false; n];
    let mut above_region = vec![false; n];
    for &r in region {
        if let Some(m) = in_region.get_mut(r) {
            *m = true;
        }
        for a in dom.ancestors(r) {
            if above_region[a] {
                break;
            }
            above_region[a] = true;
        }
    }
    let inside = |id: NodeId| {
        in_region.get(id).copied().unwrap_or(false) || dom.ancestors(id).any(|a| in_region[a])
    };
    let blocks: Vec<&Block> = all.iter().filter(|b| inside(b.container)).collect();
    let total: usize = blocks.iter().map(|b| b.len).sum();
    // A boilerplate-looking element that holds most of the text is the story after all, and
    // so is one around the region.
    let mut boiler_chars = vec![0usize; n];
    for b in &blocks {
        if let Some(e) = b.boiler
            && let Some(c) = boiler_chars.get_mut(e)
        {
            *c += b.len;
        }
    }
    let big_boiler = |e: NodeId| boiler_chars[e] * 2 > total || in_region[e] || above_region[e];
    let region_is_chrome = region.iter().any(|&r| CHROME.contains(&dom.name(r)));
    let keep = |b: &Block| -> Option<BlockKind> {
        if b.caption {
            // A caption of a figure in the story; not one in a gallery or a teaser.
            let own = b
                .boiler
                .is_none_or(|e| matches!(dom.name(e), "figure" | "figcaption"));
            return (own && b.len >= 10 && b.link_density() <= 0.5).then_some(BlockKind::Caption);
        }
        if let Some(e) = b.boiler
            && !big_boiler(e)
        {
            // A date line in the story's meta line is kept; one in a teaser is not.
            let datey = class_words(dom, e).iter().any(|w| {
                ["date", "time", "publish", "posted", "meta"]
                    .iter()
                    .any(|d| w.starts_with(d))
            });
            return (datey && b.is_dateline()).then_some(BlockKind::Dateline);
        }
        if b.is_dateline() {
            return Some(BlockKind::Dateline);
        }
        if b.chrome && !region_is_chrome {
            return None;
        }
        if dom.name(b.container) == "h1" {
            return None;
        }
        if b.link_density() > 0.5 && !in_quote(dom, b.container) {
            return None;
        }
        (!is_furniture(&b.text)).then_some(BlockKind::Body)
    };
    blocks
        .into_iter()
        .filter_map(|b| keep(b).map(|kind| (kind, b.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            split_words("relatedLinks story-body__x"),
            ["related", "links", "story", "body", "x"]
        );
    }

    #[test]
    fn finds_the_story() {
        let html = "<html><body><nav><a href=/>Home</a> <a href=/x>World</a></nav>\
            <div class=story><p>The first paragraph of the story, long enough to count, with commas.</p>\
            <div class=share>Share this on every network you know of, please.</div>\
            <p>The second paragraph, also long enough, and it has a comma too.</p></div>\
            <footer><p>Copyright the newspaper, all rights reserved, forever and ever.</p></footer></body></html>";
        let dom = Dom::parse(html);
        let ex = extract(&dom);
        let texts: Vec<&str> = ex.body.iter().map(|(_, b)| b.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("The first"));
        assert!(texts[1].starts_with("The second"));
    }
}
