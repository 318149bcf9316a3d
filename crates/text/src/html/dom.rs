//! A small element tree built from the tokens, with the HTML rules that matter for finding
//! text: void elements, implied end tags (`p`, `li`, `td` ...), end tags that close what they
//! enclose, stray end tags ignored. Nesting is capped at [`MAX_DEPTH`] so that walking the
//! tree never recurses without bound, whatever the input.

use super::lex::{self, Attr, Token};

/// The deepest nesting kept; deeper start tags are treated as if they were empty.
pub(crate) const MAX_DEPTH: usize = 200;

/// A node index in [`Dom::nodes`].
pub(crate) type NodeId = usize;

/// What a node is.
#[derive(Clone, Debug)]
pub(crate) enum NodeKind {
    /// The document root.
    Root,
    /// An element.
    Element {
        /// Lower-cased name.
        name: String,
        /// Attributes (raw value ranges).
        attrs: Vec<Attr>,
    },
    /// Character data (raw range; entities undecoded).
    Text {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
}

/// A node of the tree.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Its parent (none for the root).
    pub parent: Option<NodeId>,
    /// Its children in order.
    pub children: Vec<NodeId>,
    /// Depth below the root.
    pub depth: usize,
}

/// The tree of a page, borrowing its source.
#[derive(Debug)]
pub(crate) struct Dom<'a> {
    /// The source.
    pub html: &'a str,
    /// All nodes; index 0 is the root.
    pub nodes: Vec<Node>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame", "image",
];

/// Start tags that close an open `p`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Parts of a table whose start closes an open part of the same kind.
const TABLE_PARTS: &[&str] = &["td", "th", "tr", "tbody", "thead", "tfoot"];

/// Elements an end tag of another kind does not close across.
const SCOPE: &[&str] = &[
    "html", "table", "td", "th", "caption", "template", "marquee", "object", "applet", "svg",
];

/// Elements that an end tag of an inline element does not close.
const SPECIAL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "html",
];

impl<'a> Dom<'a> {
    /// Parses `html`. Never fails.
    pub(crate) fn parse(html: &'a str) -> Dom<'a> {
        let mut dom = Dom {
            html,
            nodes: vec![Node {
                kind: NodeKind::Root,
                parent: None,
                children: Vec::new(),
                depth: 0,
            }],
        };
        let mut stack: Vec<NodeId> = vec![0];
        for tok in lex::tokenize(html) {
            match tok {
                Token::Text { start, end } => {
                    let parent = *stack.last().unwrap_or(&0);
                    dom.add(parent, NodeKind::Text { start, end });
                }
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => dom.start_tag(&mut stack, name, attrs, self_closing),
                Token::End { name } => dom.end_tag(&mut stack, &name),
            }
        }
        dom
    }

    fn add(&mut self, parent: NodeId, kind: NodeKind) -> NodeId {
        let id = self.nodes.len();
        let depth = self.nodes.get(parent).map_or(0, |p| p.depth + 1);
        self.nodes.push(Node {
            kind,
            parent: Some(parent),
            children: Vec::new(),
            depth,
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(id);
        }
        id
    }

    fn start_tag(
        &mut self,
        stack: &mut Vec<NodeId>,
        name: String,
        attrs: Vec<Attr>,
        self_closing: bool,
    ) {
        if matches!(name.as_str(), "html" | "head" | "body")
            && stack.iter().any(|&n| self.name(n) == name)
        {
            return;
        }
        if CLOSES_P.contains(&name.as_str()) {
            self.close_implied(stack, &name);
        }
        if TABLE_PARTS.contains(&name.as_str()) {
            self.close_table_part(stack, &name);
        }
        let parent = *stack.last().unwrap_or(&0);
        let void = VOID.contains(&name.as_str()) || self_closing;
        let id = self.add(parent, NodeKind::Element { name, attrs });
        if !void && stack.len() < MAX_DEPTH {
            stack.push(id);
        }
    }

    /// Closes what a new `name` element implicitly ends.
    fn close_implied(&self, stack: &mut Vec<NodeId>, name: &str) {
        let (targets, stops): (&[&str], &[&str]) = match name {
            // As in browsers, an open `div` or `p` inside the item does not shield it.
            "li" => (&["li"], &["ul", "ol", "menu", "table", "td", "th", "body"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl", "table", "body"]),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (
                &["p", "h1", "h2", "h3", "h4", "h5", "h6"],
                &[
                    "div", "body", "td", "th", "section", "article", "header", "table",
                ],
            ),
            _ => (
                &["p"],
                &[
                    "div", "body", "td", "th", "table", "button", "li", "section", "article",
                ],
            ),
        };
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            // Only a heading right on top is closed by another heading.
            if let Some(&top) = stack.last()
                && targets.contains(&self.name(top))
            {
                stack.pop();
            }
            return;
        }
        for i in (1..stack.len()).rev() {
            let n = self.name(stack[i]);
            if targets.contains(&n) {
                stack.truncate(i);
                return;
            }
            if stops.contains(&n) || SCOPE.contains(&n) {
                return;
            }
        }
    }

    /// Closes the open cell, row or row group a new one ends (`<td>a<td>b`).
    fn close_table_part(&self, stack: &mut Vec<NodeId>, name: &str) {
        let targets: &[&str] = match name {
            "td" | "th" => &["td", "th"],
            "tr" => &["tr"],
            _ => &["tbody", "thead", "tfoot"],
        };
        for i in (1..stack.len()).rev() {
            let n = self.name(stack[i]);
            if targets.contains(&n) {
                stack.truncate(i);
                return;
            }
            if matches!(n, "table" | "html" | "template") {
                return;
            }
        }
    }

    fn end_tag(&mut self, stack: &mut Vec<NodeId>, name: &str) {
        if name == "br" {
            let parent = *stack.last().unwrap_or(&0);
            self.add(
                parent,
                NodeKind::Element {
                    name: "br".into(),
                    attrs: Vec::new(),
                },
            );
            return;
        }
        if matches!(name, "html" | "body") {
            return;
        }
        if name == "table" || TABLE_PARTS.contains(&name) {
            // A table's end tags close what was left open inside it, within that table.
            for i in (1..stack.len()).rev() {
                let n = self.name(stack[i]);
                if n == name {
                    stack.truncate(i);
                    return;
                }
                if matches!(n, "table" | "html" | "template") {
                    return;
                }
            }
            return;
        }
        let special = SPECIAL.contains(&name);
        for i in (1..stack.len()).rev() {
            let n = self.name(stack[i]);
            if n == name {
                stack.truncate(i);
                return;
            }
            if SCOPE.contains(&n) || (!special && SPECIAL.contains(&n)) {
                return;
            }
        }
    }

    /// The element name of `id`, or `""`.
    pub(crate) fn name(&self, id: NodeId) -> &str {
        match self.nodes.get(id).map(|n| &n.kind) {
            Some(NodeKind::Element { name, .. }) => name,
            _ => "",
        }
    }

    /// The decoded value of attribute `attr` of element `id`.
    pub(crate) fn attr(&self, id: NodeId, attr: &str) -> Option<String> {
        let (vs, ve) = self.attr_range(id, attr)?;
        Some(lex::decode(self.html, vs, ve))
    }

    /// The raw value range of attribute `attr` of element `id`.
    pub(crate) fn attr_range(&self, id: NodeId, attr: &str) -> Option<(usize, usize)> {
        match self.nodes.get(id).map(|n| &n.kind) {
            Some(NodeKind::Element { attrs, .. }) => attrs
                .iter()
                .find(|a| a.name == attr)
                .map(|a| (a.value_start, a.value_end)),
            _ => None,
        }
    }

    /// The children of `id`.
    pub(crate) fn children(&self, id: NodeId) -> &[NodeId] {
        self.nodes.get(id).map_or(&[], |n| &n.children)
    }

    /// The parent of `id`.
    pub(crate) fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.get(id).and_then(|n| n.parent)
    }

    /// Every node below `id` in document order (not `id` itself), iteratively.
    pub(crate) fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut todo: Vec<NodeId> = self.children(id).iter().rev().copied().collect();
        while let Some(n) = todo.pop() {
            out.push(n);
            todo.extend(self.children(n).iter().rev().copied());
        }
        out
    }

    /// The first element named `name` in document order.
    pub(crate) fn find(&self, name: &str) -> Option<NodeId> {
        (0..self.nodes.len()).find(|&i| self.name(i) == name)
    }

    /// All elements named `name` in document order.
    pub(crate) fn find_all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = NodeId> + 's {
        (0..self.nodes.len()).filter(move |&i| self.name(i) == name)
    }

    /// The decoded text below `id`, white space collapsed, trimmed.
    pub(crate) fn text(&self, id: NodeId) -> String {
        let mut raw = String::new();
        if let Some(NodeKind::Text { start, end }) = self.nodes.get(id).map(|n| &n.kind) {
            raw.push_str(&lex::decode(self.html, *start, *end));
        }
        for n in self.descendants(id) {
            if let Some(NodeKind::Text { start, end }) = self.nodes.get(n).map(|n| &n.kind) {
                let skip = self
                    .ancestors(n)
                    .any(|a| matches!(self.name(a), "script" | "style" | "template" | "noscript"));
                if !skip {
                    raw.push_str(&lex::decode(self.html, *start, *end));
                }
            } else if matches!(self.name(n), "br" | "p" | "div" | "li" | "td") {
                raw.push(' ');
            }
        }
        collapse(&raw)
    }

    /// The ancestors of `id`, nearest first (the root included).
    pub(crate) fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.parent(id);
        std::iter::from_fn(move || {
            let n = cur?;
            cur = self.parent(n);
            Some(n)
        })
    }
}

/// Collapses white space (non-breaking spaces included) to single spaces and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implied_and_stray_end_tags() {
        let d = Dom::parse("<div><p>a<p>b</span><ul><li>x<li>y</ul></div></p>");
        let ps: Vec<_> = d.find_all("p").collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(d.text(ps[0]), "a");
        assert_eq!(d.text(ps[1]), "b");
        let lis: Vec<_> = d.find_all("li").collect();
        assert_eq!(d.parent(lis[1]), d.parent(lis[0]));
        let d = Dom::parse("<ul><li><div>a<li>b</ul>");
        let lis: Vec<_> = d.find_all("li").collect();
        assert_eq!(d.parent(lis[1]), d.parent(lis[0]));
    }

    #[test]
    fn tables_with_omitted_end_tags() {
        let d = Dom::parse("<table><tr><td>a<td>b<tr><td>c</table><p>after</p>");
        let tds: Vec<_> = d.find_all("td").collect();
        assert_eq!(tds.len(), 3);
        assert_eq!(d.parent(tds[0]), d.parent(tds[1]));
        assert_ne!(d.parent(tds[1]), d.parent(tds[2]));
        let p = d.find("p").unwrap();
        assert_eq!(d.parent(p), Some(0), "the table is closed");
        let d = Dom::parse("<div><table><tr><td><div>x</table>y</div>");
        let table = d.find("table").unwrap();
        assert!(
            d.children(d.parent(table).unwrap()).len() == 2,
            "y follows the table"
        );
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "x";
        let d = Dom::parse(&html);
        assert!(d.nodes.iter().all(|n| n.depth <= MAX_DEPTH + 1));
    }
}
