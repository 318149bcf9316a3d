//! The coder: act patterns matched over each sentence's dependency tree, with the actors of
//! `tacitus_annotate::actors` as sources and targets.
//!
//! For every verb or event noun whose lemma has patterns, the most specific pattern whose
//! required context holds is taken. Its source is the subject (the passive agent, the
//! controller of an infinitive, the subject of a light verb for nouns), its target the first
//! filled slot of the pattern; coordinated actors give one event each. Then the clause decides
//! the modality (plans → 03x, threats and conditional measures → 13x, refusals → 12x), negation
//! drops the act, and the date and place come from the clause. No pattern, no event: there is no
//! fallback code.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};
use tacitus_annotate::actors::{DocumentActors, EntityType, Mention};
use tacitus_model::event::{
    ActorRef, DateMethod, Location, Modality, Plover, SentenceRef, TextRef,
};
use tacitus_model::{BlockKind, Document, Event, Sentence};
use tacitus_quotes::{Quotation, Speaker, find_quotations};

use crate::codebook::Codebook;
use crate::dates::{self, Tense};
use crate::patterns::{Pattern, PatternSet, Slot, TriggerKind};

/// Governors whose complement is an announced plan or intention.
const INTENT: &[&str] = &[
    "plan",
    "intend",
    "want",
    "hope",
    "expect",
    "agree",
    "decide",
    "pledge",
    "promise",
    "vow",
    "prepare",
    "seek",
    "aim",
    "offer",
    "propose",
    "like",
    "wish",
    "resolve",
    "schedule",
    "commit",
    "undertake",
    "go",
    "set",
    "due",
    "ready",
    "willing",
    "determined",
    "eager",
    "keen",
    "poised",
    "swear",
    "prepared",
    "committed",
];
/// Governors whose complement is a threatened or considered measure.
const THREAT: &[&str] = &[
    "threaten",
    "consider",
    "weigh",
    "contemplate",
    "mull",
    "warn",
    "ponder",
    "explore",
];
/// Governors whose complement is refused.
const REFUSE: &[&str] = &[
    "refuse",
    "decline",
    "reject",
    "reluctant",
    "unwilling",
    "resist",
    "oppose",
    "balk",
    "hesitate",
    "fail",
];
/// Governors that ask for their complement (the governor's own pattern codes the appeal).
const DEMAND: &[&str] = &[
    "urge",
    "call",
    "ask",
    "demand",
    "press",
    "appeal",
    "request",
    "encourage",
    "implore",
    "pressure",
    "push",
    "invite",
    "order",
    "instruct",
    "tell",
    "require",
    "insist",
];
/// Governors that deny or doubt their complement, or let it depend on someone else. (An
/// attempted act is coded: "tried to assassinate" is an assault.)
const UNREAL: &[&str] = &["deny", "doubt", "fear", "allow", "let"];
/// Verbs whose object noun names the act they carry out ("held talks", "launched an attack").
const LIGHT: &[&str] = &[
    "hold",
    "have",
    "conduct",
    "carry",
    "launch",
    "impose",
    "stage",
    "mount",
    "make",
    "begin",
    "start",
    "continue",
    "resume",
    "step",
    "intensify",
    "escalate",
    "undertake",
    "pursue",
    "perform",
    "commit",
    "perpetrate",
    "wage",
    "unleash",
    "order",
    "announce",
    "open",
    "take",
    "give",
    "lead",
    "attend",
    "join",
    "increase",
    "raise",
    "maintain",
    "keep",
    "exert",
    "apply",
    "put",
    "issue",
    "deliver",
    "provide",
    "send",
    "extend",
    "level",
    "file",
    "lodge",
    "express",
    "sign",
    "conclude",
    "reach",
    "broker",
    "call",
    "organize",
    "organise",
    "host",
    "convene",
    "tighten",
    "expand",
    "widen",
    "renew",
    "repeat",
    "reiterate",
    "voice",
    "slap",
    "place",
];
/// Preposition objects that place an act.
const PLACE_PREPS: &[&str] = &[
    "in", "at", "near", "outside", "inside", "across", "into", "on",
];

/// The coder, holding its codebook and patterns.
#[derive(Debug, Clone, Copy)]
pub struct Coder<'a> {
    book: &'a Codebook,
    patterns: &'a PatternSet,
    agents: Option<&'a AgentRoles>,
}

/// Role nouns of the actor dictionaries ("police" → COP, "protesters" → CVL), for actors the
/// actor stage leaves without a mention because no country goes with them: "Police arrested
/// 37 protesters" is COP → CVL, as GDELT codes actors of unknown country.
#[derive(Debug, Clone, Default)]
pub struct AgentRoles {
    roles: std::collections::HashMap<String, String>,
    /// Single-word country adjectives ("Australian" → AUS), for modifiers the actor stage
    /// does not make mentions of ("an Australian ultimatum", "against German goods").
    adjectives: std::collections::HashMap<String, String>,
}

impl AgentRoles {
    /// The role nouns of `dict` (lower case form → role code).
    pub fn new(dict: &tacitus_annotate::dict::Dictionaries) -> AgentRoles {
        let mut roles = std::collections::HashMap::new();
        for a in &dict.agents {
            if a.kind == tacitus_annotate::dict::AgentKind::Noun && !a.form.contains(' ') {
                roles
                    .entry(a.form.to_lowercase())
                    .or_insert_with(|| a.code.clone());
            }
        }
        let mut adjectives = std::collections::HashMap::new();
        for c in &dict.countries {
            if c.kind == tacitus_annotate::dict::FormKind::Adjective
                && !c.form.contains(' ')
                && c.code.len() == 3
            {
                adjectives
                    .entry(c.form.clone())
                    .or_insert_with(|| c.code.clone());
            }
        }
        AgentRoles { roles, adjectives }
    }

    /// The country of a capitalised country adjective ("Australian" → AUS).
    pub fn country_of_adjective(&self, word: &str) -> Option<&str> {
        self.adjectives.get(word).map(String::as_str)
    }

    /// The role code of a word, if it is a role noun.
    pub fn role(&self, word: &str) -> Option<&str> {
        self.roles.get(word).map(String::as_str)
    }
}

/// One sentence as a tree.
struct Tree<'s> {
    sentence: &'s Sentence,
    lemma: Vec<String>,
    lower: Vec<String>,
    words: Vec<&'s str>,
    upos: Vec<&'s str>,
    head: Vec<Option<usize>>,
    rel: Vec<&'s str>,
    children: Vec<Vec<usize>>,
}

impl<'s> Tree<'s> {
    fn new(doc: &'s Document, sentence: &'s Sentence) -> Tree<'s> {
        let n = sentence.tokens.len();
        let mut t = Tree {
            sentence,
            lemma: Vec::with_capacity(n),
            lower: Vec::with_capacity(n),
            words: Vec::with_capacity(n),
            upos: Vec::with_capacity(n),
            head: Vec::with_capacity(n),
            rel: Vec::with_capacity(n),
            children: vec![Vec::new(); n],
        };
        for (i, tok) in sentence.tokens.iter().enumerate() {
            let text = doc.slice(tok.span);
            t.lower.push(text.to_lowercase());
            t.words.push(text);
            t.lemma.push(
                tok.lemma
                    .as_deref()
                    .map(str::to_lowercase)
                    .unwrap_or_else(|| text.to_lowercase()),
            );
            t.upos.push(tok.upos.as_deref().unwrap_or("X"));
            let h = tok
                .head
                .and_then(|h| (h as usize).checked_sub(1))
                .filter(|&h| h < n && h != i);
            t.head.push(h);
            t.rel.push(tok.deprel.as_deref().unwrap_or("dep"));
        }
        for i in 0..n {
            if let Some(h) = t.head[i] {
                t.children[h].push(i);
            }
        }
        t
    }

    /// True for a verb or a predicative adjective ("willing", "ready").
    fn is_verbish(&self, i: usize) -> bool {
        matches!(self.upos[i], "VERB" | "ADJ" | "AUX")
    }

    /// The word of token `i` as written.
    fn sentence_word(&self, i: usize) -> &'s str {
        self.words[i]
    }

    /// True when token `i`'s lemma is in `set`, or, when the lemmatizer got the word wrong
    /// ("embargoes" → "embargoe"), one of its regular stems or the word itself is.
    fn lemma_in(&self, i: usize, set: &BTreeSet<String>) -> bool {
        set.contains(&self.lemma[i])
            || set.contains(&self.lower[i])
            || stems(&self.lower[i]).iter().any(|s| set.contains(s))
    }

    fn base(&self, i: usize) -> &str {
        self.rel[i].split(':').next().unwrap_or("")
    }

    fn kids<'a>(&'a self, i: usize, rels: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.rel[c]))
    }

    fn kid(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.kids(i, rels).next()
    }

    fn is_passive(&self, i: usize) -> bool {
        self.children[i]
            .iter()
            .any(|&c| matches!(self.rel[c], "aux:pass" | "nsubj:pass" | "csubj:pass"))
    }

    /// The preposition of a nominal dependent ("against" of "against Syria").
    fn case_of(&self, i: usize) -> Option<String> {
        let cases: Vec<usize> = self.kids(i, &["case"]).collect();
        match cases.as_slice() {
            [] => None,
            [c] => Some(self.lemma[*c].clone()),
            many => Some(
                many.iter()
                    .map(|&c| self.lemma[c].as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }

    /// Nominal dependents of `i` introduced by preposition `p`.
    fn prep_objects(&self, i: usize, p: &str) -> Vec<usize> {
        self.children[i]
            .iter()
            .copied()
            .filter(|&c| matches!(self.base(c), "obl" | "nmod" | "advcl" | "acl"))
            // A clause introduced by the preposition ("for dealing with ..."), but not an
            // infinitive's "to" ("to discuss the situation").
            .filter(|&c| self.case_of(c).as_deref() == Some(p) || (p != "to" && self.mark_is(c, p)))
            .collect()
    }

    fn mark_is(&self, i: usize, p: &str) -> bool {
        self.kids(i, &["mark"]).any(|m| self.lemma[m] == p)
    }

    fn is_negated(&self, i: usize) -> bool {
        self.children[i].iter().any(|&c| {
            (matches!(self.base(c), "advmod" | "neg" | "det")
                && matches!(self.lower[c].as_str(), "not" | "n't" | "never" | "no"))
                || (self.rel[c] == "det" && self.lower[c] == "no")
        })
    }

    fn has_aux(&self, i: usize, words: &[&str]) -> bool {
        self.kids(i, &["aux"]).any(|c| {
            words.contains(&self.lower[c].as_str()) || words.contains(&self.lemma[c].as_str())
        })
    }
}

/// Where the coder is: the document, the sentence (index and tree), its actors, and the
/// article's date.
struct At<'x> {
    doc: &'x Document,
    index: usize,
    tree: &'x Tree<'x>,
    actors: &'x Actors<'x>,
    today: Option<jiff::civil::Date>,
}

/// Mentions of one sentence, by token.
struct Actors<'m> {
    /// For each token, the mention covering it (longest, coded first).
    at: Vec<Option<&'m Mention>>,
    /// For each token inside a direct quotation, that quotation's speaker (from the
    /// quotation stage, `tacitus_quotes`); `None` outside quotations or when no speaker was
    /// found.
    voice: Vec<Option<&'m Speaker>>,
    /// The speaker of a quotation in this sentence, for `S=speaker` patterns.
    speaker: Option<&'m Speaker>,
    /// For each token, the place mention covering it (coded or not).
    places: Vec<Option<&'m Mention>>,
}

fn better(a: &Mention, b: &Mention) -> bool {
    let len = |m: &Mention| m.span.end - m.span.start;
    (a.code.is_some(), len(a), a.kind != EntityType::Place)
        > (b.code.is_some(), len(b), b.kind != EntityType::Place)
}

impl<'a> Coder<'a> {
    /// A coder over these codebooks and patterns.
    pub fn new(book: &'a Codebook, patterns: &'a PatternSet) -> Coder<'a> {
        Coder {
            book,
            patterns,
            agents: None,
        }
    }

    /// The same coder, also taking bare role nouns ("police", "protesters") as actors.
    pub fn with_agents(self, agents: &'a AgentRoles) -> Coder<'a> {
        Coder {
            agents: Some(agents),
            ..self
        }
    }

    /// The coder over the built-in codebooks and patterns.
    pub fn builtin() -> Result<Coder<'static>, crate::Error> {
        Ok(Coder::new(Codebook::builtin(), PatternSet::builtin()?))
    }

    /// The patterns in use.
    pub fn patterns(&self) -> &'a PatternSet {
        self.patterns
    }

    /// Codes every sentence of a parsed document whose actors have been recognised.
    pub fn code(&self, doc: &Document, actors: &DocumentActors) -> Vec<Event> {
        let today = actors
            .context
            .day
            .and_then(|d| jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok());
        let mut events = Vec::new();
        let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); doc.sentences.len()];
        for m in &actors.mentions {
            if let Some(list) = by_sentence.get_mut(m.sentence) {
                list.push(m);
            }
        }
        // Who speaks where: the direct quotations with their speakers.
        let quotations: Vec<Quotation> = find_quotations(doc, actors)
            .into_iter()
            .filter(|q| q.direct && q.speaker.is_some())
            .collect();
        for (si, sentence) in doc.sentences.iter().enumerate() {
            if sentence.tokens.is_empty() {
                continue;
            }
            // Headlines, datelines and bylines repeat or frame the body: coding them would
            // count the story's acts twice. Captions are coded (pull quotes speak there).
            if matches!(
                sentence.kind,
                BlockKind::Headline | BlockKind::Dateline | BlockKind::Byline
            ) {
                continue;
            }
            let tree = Tree::new(doc, sentence);
            let actors = self.sentence_actors(&tree, &by_sentence[si], &quotations);
            let at = At {
                doc,
                index: si,
                tree: &tree,
                actors: &actors,
                today,
            };
            self.code_sentence(&at, &mut events);
        }
        events
    }

    fn sentence_actors<'m>(
        &self,
        tree: &Tree,
        mentions: &[&'m Mention],
        quotations: &'m [Quotation],
    ) -> Actors<'m> {
        let toks = &tree.sentence.tokens;
        let mut at: Vec<Option<&Mention>> = vec![None; toks.len()];
        let mut places: Vec<Option<&Mention>> = vec![None; toks.len()];
        for m in mentions
            .iter()
            .filter(|m| m.kind == EntityType::Place && m.place.is_some())
        {
            for (i, t) in toks.iter().enumerate() {
                if t.span.start >= m.span.start && t.span.end <= m.span.end {
                    places[i] = Some(m);
                }
            }
        }
        for m in mentions {
            // A place without a country code is where, not who.
            if m.kind == EntityType::Place && m.code.is_none() {
                continue;
            }
            for (i, t) in toks.iter().enumerate() {
                if t.span.start >= m.span.start
                    && t.span.end <= m.span.end
                    && at[i].is_none_or(|prev| better(m, prev))
                {
                    at[i] = Some(m);
                }
            }
        }
        let span = tree.sentence.span;
        let mut voice: Vec<Option<&Speaker>> = vec![None; toks.len()];
        let mut speaker = None;
        for q in quotations
            .iter()
            .filter(|q| q.start < span.end && q.end > span.start)
        {
            speaker = speaker.or(q.speaker.as_ref());
            for (i, t) in toks.iter().enumerate() {
                if t.span.start >= q.start && t.span.end <= q.end {
                    voice[i] = q.speaker.as_ref();
                }
            }
        }
        Actors {
            at,
            voice,
            speaker,
            places,
        }
    }

    /// The mention for token `t`: its own, or one on its head noun's modifiers.
    fn actor_of<'m>(
        &self,
        tree: &Tree,
        at: &[Option<&'m Mention>],
        t: usize,
    ) -> Option<&'m Mention> {
        if let Some(m) = at[t] {
            return Some(m);
        }
        tree.children[t]
            .iter()
            .copied()
            .filter(|&c| {
                matches!(
                    tree.rel[c],
                    "flat" | "compound" | "appos" | "nmod:poss" | "amod"
                )
            })
            .find_map(|c| at[c])
    }

    /// The proposer of a proposal ("the action demanded by the UK"): the target of rejecting
    /// or backing it.
    fn proposer_of(&self, tree: &Tree, at: &[Option<&Mention>], t: usize) -> Option<usize> {
        tree.kids(t, &["acl"])
            .flat_map(|a| tree.kids(a, &["obl:agent", "obl"]).collect::<Vec<_>>())
            .find(|&g| {
                tree.case_of(g).as_deref() == Some("by") && self.actor_of(tree, at, g).is_some()
            })
    }

    /// The role of a bare role noun ("police", "riot police", "37 people"), when the coder
    /// has the role nouns.
    fn role_of(&self, tree: &Tree, t: usize) -> Option<&'a str> {
        let agents = self.agents?;
        if !matches!(tree.upos[t], "NOUN" | "PROPN") {
            return None;
        }
        // "opposition leader", "military spokesman": the modifier's sector is the actor's.
        let modifier = tree
            .kids(t, &["compound", "amod"])
            .find_map(|c| agents.role(&tree.lower[c]).filter(|r| *r != "CVL"));
        modifier
            .or_else(|| agents.role(&tree.lower[t]))
            .or_else(|| agents.role(&tree.lemma[t]))
    }

    /// The country of a country adjective modifying a noun ("an Australian ultimatum").
    fn adjective_country(&self, tree: &Tree, t: usize) -> Option<&'a str> {
        let agents = self.agents?;
        if !matches!(tree.rel[t], "amod" | "compound") {
            return None;
        }
        let word = tree.sentence_word(t);
        agents.country_of_adjective(word)
    }

    /// The actors a slot filler stands for: itself and its coordinated siblings.
    fn actors_at<'m>(
        &self,
        tree: &Tree,
        ctx: &Actors<'m>,
        t: usize,
    ) -> Vec<(usize, ActorPick<'m>)> {
        let mut out = Vec::new();
        let mut tokens = vec![t];
        // Conjuncts of the filler or of any token of its mention.
        let span = ctx.at[t].map(|m| m.span);
        for (i, tok) in tree.sentence.tokens.iter().enumerate() {
            let inside =
                i == t || span.is_some_and(|s| tok.span.start >= s.start && tok.span.end <= s.end);
            if inside {
                for c in tree.kids(i, &["conj"]) {
                    if !tokens.contains(&c) {
                        tokens.push(c);
                    }
                }
            }
        }
        let mut seen = BTreeSet::new();
        for tok in tokens {
            let pick = if let Some(m) = self.actor_of(tree, &ctx.at, tok) {
                Some(ActorPick::Mention(m))
            } else if FIRST_PERSON.contains(&tree.lower[tok].as_str()) {
                ctx.voice[tok].map(|s| ActorPick::Speaker(s, tok))
            } else if let Some(country) = self.adjective_country(tree, tok) {
                Some(ActorPick::Agent(tok, country.to_string()))
            } else if let Some(country) = tree
                .kids(tok, &["amod", "compound"])
                .find_map(|c| self.adjective_country(tree, c))
                .filter(|_| matches!(tree.upos[tok], "NOUN" | "PROPN"))
            {
                // "Israeli tanks", "Israeli helicopters": the country, with the noun's role
                // when it has one.
                let role = self.role_of(tree, tok).unwrap_or("");
                Some(ActorPick::Agent(tok, format!("{country}{role}")))
            } else if let Some(role) = self.role_of(tree, tok) {
                // "Senior Hungarian and Romanian officials": the country named on the noun.
                let country = self
                    .actor_in_subtree(tree, ctx, tok)
                    .and_then(|c| ctx.at[c])
                    .and_then(|m| m.code.as_deref())
                    .filter(|c| c.len() == 3 && !crate::gdelt::is_role(c));
                Some(ActorPick::Agent(
                    tok,
                    format!("{}{role}", country.unwrap_or("")),
                ))
            } else {
                None
            };
            if let Some(p) = pick {
                let key = p.key();
                if seen.insert(key) {
                    out.push((tok, p));
                }
            }
        }
        out
    }

    fn code_sentence(&self, at: &At, events: &mut Vec<Event>) {
        let tree = at.tree;
        let n = tree.lemma.len();
        if is_discarded(tree) {
            return;
        }
        let mut consumed = vec![false; n];
        let mut matches: Vec<(usize, &Pattern)> = Vec::new();
        // Verbs first: their required objects are part of the act, not events of their own.
        for kind in [TriggerKind::Verb, TriggerKind::Noun] {
            for i in 0..n {
                if consumed[i] {
                    continue;
                }
                let ok_pos = match kind {
                    TriggerKind::Verb => matches!(tree.upos[i], "VERB" | "ADJ"),
                    TriggerKind::Noun => matches!(tree.upos[i], "NOUN" | "PROPN"),
                };
                if !ok_pos {
                    continue;
                }
                let particle = tree
                    .kid(i, &["compound:prt"])
                    .map(|p| tree.lemma[p].clone());
                let mut candidates = self.patterns.for_lemma(kind, &tree.lemma[i]);
                if candidates.is_empty() {
                    // A lemma the lemmatizer got wrong ("shelled" → "shel"): the word's own
                    // regular stems.
                    for stem in stems(&tree.lower[i]) {
                        candidates = self.patterns.for_lemma(kind, &stem);
                        if !candidates.is_empty() {
                            break;
                        }
                    }
                }
                let found = candidates
                    .iter()
                    .find(|p| self.fits(tree, i, p, particle.as_deref()));
                if let Some(p) = found {
                    if p.code == crate::patterns::DROP {
                        // A discard fits better than any act: these words are no event.
                        continue;
                    }
                    if !p.obj.is_empty()
                        && let Some(o) = self.object(tree, i)
                    {
                        consumed[o] = true;
                    }
                    matches.push((i, p));
                }
            }
        }
        let mut acts: Vec<Option<&Pattern>> = vec![None; n];
        for (i, p) in &matches {
            if p.kind == TriggerKind::Verb {
                acts[*i] = Some(p);
            }
        }
        let first = events.len();
        for v in self.obligations(tree) {
            self.emit(at, v, obligation(), &acts, events);
        }
        for (i, p) in matches {
            if p.kind == TriggerKind::Noun {
                // "expel diplomats" is one act; "visited Moscow for talks" too.
                if consumed[i] || self.governor(tree, i).is_some_and(|g| acts[g].is_some()) {
                    continue;
                }
            }
            self.emit(at, i, p, &acts, events);
        }
        dedupe(events, first);
    }

    /// The direct object of a verb: `obj`, or the passive subject.
    fn object(&self, tree: &Tree, i: usize) -> Option<usize> {
        if tree.is_passive(i) {
            tree.kid(i, &["nsubj:pass"])
        } else {
            tree.kid(i, &["obj"])
        }
    }

    fn fits(&self, tree: &Tree, i: usize, p: &Pattern, particle: Option<&str>) -> bool {
        match (p.particle.as_deref(), particle) {
            (None, None) => {}
            (Some(want), Some(got)) if want == got => {}
            // The parser often leaves a particle as an adverb ("backed down") or as the
            // preposition of an object ("called on Iran").
            (Some(want), None) if self.loose_particle(tree, i, want) => {}
            _ => return false,
        }
        if p.kind == TriggerKind::Verb && tree.upos[i] == "ADJ" && p.xcomp.is_empty() {
            return false;
        }
        if !p.obj.is_empty() {
            let Some(o) = self.object(tree, i) else {
                return false;
            };
            let mut objs = vec![o];
            objs.extend(tree.kids(o, &["conj"]));
            // The object, or a noun modifying it ("a mediation effort", "military aid").
            let fits = |o: usize| {
                tree.lemma_in(o, &p.obj)
                    || tree
                        .kids(o, &["compound", "amod"])
                        .any(|m| tree.lemma_in(m, &p.obj))
            };
            if !objs.into_iter().any(fits) {
                return false;
            }
        }
        if !p.has.is_empty() {
            // On the trigger, on its object ("accused Syria of war crimes"), or for a noun on
            // the verb it hangs from ("considered the options on the table" attaches the
            // table either way).
            let on = |t: usize| tree.children[t].iter().any(|&c| tree.lemma_in(c, &p.has));
            let governor = (p.kind == TriggerKind::Noun)
                .then(|| self.governor(tree, i))
                .flatten();
            let object = (p.kind == TriggerKind::Verb)
                .then(|| self.object(tree, i))
                .flatten();
            if !on(i) && !governor.is_some_and(on) && !object.is_some_and(on) {
                return false;
            }
        }
        if !p.xcomp.is_empty()
            && !tree
                .kids(i, &["xcomp", "ccomp", "advcl"])
                .any(|c| tree.lemma_in(c, &p.xcomp))
        {
            return false;
        }
        true
    }

    /// A particle the parser did not attach as one: an adjacent adverb ("backed down") or the
    /// preposition of a non-temporal object ("called on Iran", not "called on Tuesday").
    fn loose_particle(&self, tree: &Tree, i: usize, want: &str) -> bool {
        tree.children[i].iter().any(|&c| {
            (tree.base(c) == "advmod" && c == i + 1 && tree.lemma[c] == want)
                || (matches!(tree.base(c), "obl" | "obj")
                    && tree.case_of(c).as_deref() == Some(want)
                    && !dates::is_time_word(&tree.lower[c]))
        })
    }

    /// The source of a verb: its subject, passive agent, or the subject of what controls it.
    fn verb_source(&self, tree: &Tree, i: usize) -> Option<usize> {
        let mut v = i;
        for _ in 0..4 {
            if tree.is_passive(v) {
                if let Some(a) = tree
                    .kids(v, &["obl:agent", "obl"])
                    .find(|&c| tree.case_of(c).as_deref() == Some("by"))
                {
                    return Some(a);
                }
            } else if tree.kid(v, &["nsubj"]).is_none()
                && let Some(a) = tree
                    .kids(v, &["obl:agent"])
                    .find(|&c| tree.case_of(c).as_deref() == Some("by"))
            {
                // A reduced passive: "the action demanded by the UK".
                return Some(a);
            } else if let Some(s) = tree.kid(v, &["nsubj"]) {
                // "the rebels who attacked": the noun the relative clause is on.
                if matches!(tree.lemma[s].as_str(), "who" | "which" | "that")
                    && tree.base(v) == "acl"
                {
                    return tree.head[v];
                }
                return Some(s);
            }
            // Relative clause: the noun it modifies. A verb with an object taken for a reduced
            // relative ("Police arrested 37 protesters" parsed as "police [who were]
            // arrested") has its head noun as its subject, and so has one on a noun left as
            // the root of a whole sentence ("The parliament threatened to ..."); a true
            // reduced relative ("an opposition leader detained last week was released") has
            // none.
            if tree.rel[v] == "acl:relcl"
                || (tree.rel[v] == "acl"
                    && (tree.kid(v, &["obj"]).is_some()
                        || tree.head[v].is_some_and(|h| tree.rel[h] == "root")))
            {
                return tree.head[v];
            }
            match (tree.base(v), tree.head[v]) {
                ("xcomp" | "conj", Some(h)) => v = h,
                ("advcl", Some(h)) if tree.mark_is(v, "to") => v = h,
                // "The council agreed (the EU said) that sanctions should be considered": the
                // council (the EU) considers; but "a spokesman said 14 fighters had been
                // captured" names no captor.
                ("ccomp", Some(h))
                    if tree.is_passive(v)
                        && (!SPEECH.contains(&tree.lemma[h].as_str())
                            || tree.has_aux(v, MODALS)) =>
                {
                    v = h
                }
                _ => return None,
            }
        }
        None
    }

    /// The nearest token under `t` (breadth first, three levels, not into clauses of their
    /// own) that an actor mention covers.
    fn actor_in_subtree(&self, tree: &Tree, ctx: &Actors, t: usize) -> Option<usize> {
        let mut level = vec![t];
        for _ in 0..3 {
            let mut next = Vec::new();
            for &x in &level {
                for &c in &tree.children[x] {
                    if matches!(
                        tree.rel[c],
                        "acl:relcl" | "ccomp" | "advcl" | "parataxis" | "punct"
                    ) {
                        continue;
                    }
                    if ctx.at[c].is_some() {
                        return Some(c);
                    }
                    next.push(c);
                }
            }
            level = next;
        }
        None
    }

    /// "X said Y must (should, ought to) ...": X demands of Y (CAMEO 100), whatever Y is to
    /// do; the obliged act itself is not coded as done.
    fn obligations(&self, tree: &Tree) -> Vec<usize> {
        (0..tree.lemma.len())
            .filter(|&v| matches!(tree.upos[v], "VERB" | "ADJ" | "NOUN"))
            .filter(|&v| tree.has_aux(v, &["must", "should", "ought"]) && !tree.is_negated(v))
            .filter(|&v| {
                tree.rel[v] == "ccomp"
                    && tree.head[v].is_some_and(|h| SPEECH.contains(&tree.lemma[h].as_str()))
                    || tree.rel[v] == "root"
            })
            .collect()
    }

    /// Where a noun sits: the verb it is the object, subject or oblique of.
    fn governor(&self, tree: &Tree, i: usize) -> Option<usize> {
        let mut n = i;
        // Coordinated nouns share their first conjunct's governor.
        if tree.rel[n] == "conj" {
            n = tree.head[n]?;
        }
        let h = tree.head[n]?;
        matches!(tree.base(n), "obj" | "nsubj" | "obl" | "iobj")
            .then_some(h)
            .filter(|&h| matches!(tree.upos[h], "VERB" | "ADJ"))
    }

    fn emit(
        &self,
        at: &At,
        i: usize,
        p: &Pattern,
        acts: &[Option<&Pattern>],
        events: &mut Vec<Event>,
    ) {
        let (doc, si, tree, ctx, today) = (at.doc, at.index, at.tree, at.actors, at.today);
        // The clause the act belongs to: the verb itself, or the noun's governing verb.
        let clause = match p.kind {
            TriggerKind::Verb => Some(i),
            TriggerKind::Noun => self.governor(tree, i),
        };
        // Modality and negation.
        let Some((modality, negated)) = self.modality(tree, i, clause, p, acts) else {
            return;
        };
        let Some(code) = self.recode(&p.code, modality, negated) else {
            return;
        };
        // Source.
        let mut sources: Vec<(usize, ActorPick)> = Vec::new();
        match p.kind {
            _ if p.source.contains(&Slot::Speaker) => {
                if let Some(s) = ctx.speaker {
                    sources.push((usize::MAX, ActorPick::Quoted(s)));
                } else if let Some(s) = self.speech_subject(tree, i) {
                    sources = self.actors_at(tree, ctx, s);
                }
            }
            TriggerKind::Verb => {
                if let Some(s) = self.verb_source(tree, i) {
                    sources = self.actors_at(tree, ctx, s);
                    // "Hungary has said it will support ...": a pronoun the actor stage left
                    // unresolved is the subject of the clause that reports it.
                    if sources.is_empty()
                        && matches!(tree.lower[s].as_str(), "it" | "they" | "he" | "she")
                        && let Some(outer) = self.reporting_subject(tree, i)
                    {
                        sources = self.actors_at(tree, ctx, outer);
                    }
                    // Two subjects (a parse error): the one that names an actor.
                    if sources.is_empty() {
                        for other in tree.kids(i, &["nsubj"]).filter(|&o| o != s) {
                            sources = self.actors_at(tree, ctx, other);
                            if !sources.is_empty() {
                                break;
                            }
                        }
                    }
                    if sources.is_empty() {
                        // "Human rights watchdog Amnesty International accused ...", parsed
                        // with "rights" as the subject: the actor named inside the subject.
                        if let Some(inner) = self.actor_in_subtree(tree, ctx, s) {
                            sources = self.actors_at(tree, ctx, inner);
                        }
                    }
                }
            }
            TriggerKind::Noun => {
                for slot in &p.source {
                    for c in self.slot_tokens(tree, i, None, slot) {
                        sources.extend(self.actors_at(tree, ctx, c));
                    }
                    if !sources.is_empty() {
                        break;
                    }
                }
                // The subject of a light verb ("held talks", "imposed sanctions") or of one that
                // plans, threatens or refuses the act is its source; "bring the oppression to an
                // end" is not the speaker's oppression.
                let light = clause.is_some_and(|v| {
                    let g = tree.lemma[v].as_str();
                    LIGHT.contains(&g)
                        || INTENT.contains(&g)
                        || THREAT.contains(&g)
                        || REFUSE.contains(&g)
                });
                if sources.is_empty()
                    && light
                    && let Some(v) = clause
                    && let Some(s) = self.verb_source(tree, v)
                    && s != i
                {
                    sources = self.actors_at(tree, ctx, s);
                    // "a meeting of the National Security Council which considered ...".
                    if sources.is_empty()
                        && let Some(inner) = self.actor_in_subtree(tree, ctx, s)
                    {
                        sources = self.actors_at(tree, ctx, inner);
                    }
                }
            }
        }
        // Target.
        let obj = if p.kind == TriggerKind::Verb {
            self.object(tree, i)
        } else {
            None
        };
        let mut targets: Vec<(usize, ActorPick)> = Vec::new();
        for slot in &p.target {
            let mut toks = self.slot_tokens(tree, i, obj, slot);
            if toks.is_empty()
                && p.kind == TriggerKind::Noun
                && let (Some(v), Slot::Prep(_)) = (clause, slot)
            {
                toks = self.slot_tokens(tree, v, None, slot);
            }
            for t in toks {
                let mut found = self.actors_at(tree, ctx, t);
                if found.is_empty() && matches!(slot, Slot::Prep(_)) {
                    // "to the borders of Syria", "on the people of Homs".
                    for part in tree.prep_objects(t, "of") {
                        found.extend(self.actors_at(tree, ctx, part));
                    }
                }
                if found.is_empty()
                    && matches!(slot, Slot::Prep(_) | Slot::Iobj)
                    && let Some(inner) = self.actor_in_subtree(tree, ctx, t)
                {
                    // "aid to refugees fleeing the war in Liberia": the actor named inside.
                    found = self.actors_at(tree, ctx, inner);
                }
                if found.is_empty()
                    && *slot == Slot::Obj
                    && let Some(g) = self.proposer_of(tree, &ctx.at, t)
                {
                    targets.extend(self.actors_at(tree, ctx, g));
                }
                targets.extend(found);
            }
            if !targets.is_empty() {
                break;
            }
        }
        // A pattern that requires a complement finds the target there too: "threatened to
        // impose restrictions against German goods", "called on Iran to release them".
        if targets.is_empty() && !p.xcomp.is_empty() {
            let comps: Vec<usize> = tree
                .kids(i, &["xcomp", "ccomp", "advcl"])
                .filter(|&c| tree.lemma_in(c, &p.xcomp))
                .collect();
            'slots: for c in comps {
                let c_obj = self.object(tree, c);
                for slot in &p.target {
                    for t in self.slot_tokens(tree, c, c_obj, slot) {
                        targets.extend(self.actors_at(tree, ctx, t));
                        if targets.is_empty()
                            && let Some(inner) = self.actor_in_subtree(tree, ctx, t)
                        {
                            targets = self.actors_at(tree, ctx, inner);
                        }
                    }
                    if !targets.is_empty() {
                        break 'slots;
                    }
                }
            }
        }
        // The owner or author of what is acted on: "rejected an Australian ultimatum",
        // "praised Haiti's efforts", "accepted demands from Shona rebels".
        if targets.is_empty()
            && !p.target.is_empty()
            && let Some(o) = obj
        {
            let mut inner: Vec<usize> = tree.kids(o, &["nmod:poss", "amod", "compound"]).collect();
            for prep in ["by", "from"] {
                inner.extend(tree.prep_objects(o, prep));
            }
            if let Some(g) = self.proposer_of(tree, &ctx.at, o) {
                inner.push(g);
            }
            for t in inner {
                targets.extend(self.actors_at(tree, ctx, t));
                if !targets.is_empty() {
                    break;
                }
            }
        }
        // Last resort: the one other actor the act's own clause names.
        if targets.is_empty() && !sources.is_empty() && !p.target.is_empty() && !p.target_required {
            let anchor = clause.unwrap_or(i);
            let src_codes: BTreeSet<Option<String>> =
                sources.iter().map(|(_, a)| a.code()).collect();
            let mut found: Vec<usize> = Vec::new();
            for t in 0..tree.lemma.len() {
                if t == i || sources.iter().any(|(s, _)| *s == t) {
                    continue;
                }
                // Not where it happened: "a summit in Turkey" places the act.
                let locative = tree
                    .case_of(t)
                    .is_some_and(|c| PLACE_PREPS.contains(&c.as_str()));
                if let Some(m) = ctx.at[t]
                    && m.code.is_some()
                    && !(locative && m.kind == EntityType::Place)
                    && !src_codes.contains(&m.code)
                    && self.in_clause(tree, t, anchor)
                    && !found
                        .iter()
                        .any(|&f| ctx.at[f].map(|x| x.span) == Some(m.span))
                {
                    found.push(t);
                }
            }
            if found.len() == 1 {
                targets = self.actors_at(tree, ctx, found[0]);
            }
        }
        // A speech act's target may be the subject of its content: "demanded that Israel
        // withdraw", "warned that the regime would face ...".
        if targets.is_empty()
            && is_speech_act(&p.code)
            && !p.target.is_empty()
            && let Some(subj) = tree
                .kid(i, &["ccomp", "xcomp"])
                .and_then(|c| tree.kid(c, &["nsubj", "nsubj:pass"]))
        {
            targets = self.actors_at(tree, ctx, subj);
        }
        let source_tokens: BTreeSet<usize> = sources.iter().map(|(t, _)| *t).collect();
        targets.retain(|(t, _)| !source_tokens.contains(t));
        // An actor does not act on itself: a target coded as the source is ("the Moroccan
        // government held talks with Moroccan officials") leaves the act without a target.
        let source_codes: BTreeSet<Option<String>> =
            sources.iter().map(|(_, a)| a.code()).collect();
        targets.retain(|(_, a)| a.code().is_none() || !source_codes.contains(&a.code()));
        if (sources.is_empty() && targets.is_empty()) || (p.target_required && targets.is_empty()) {
            return;
        }
        let Some(cameo) = self.book.cameo(&code) else {
            return;
        };
        let plover = self.book.plover(&code);
        let sentence = tree.sentence;
        let tense =
            if modality == Modality::Intended || tree.has_aux(i, &["will", "shall", "'ll", "wo"]) {
                Tense::Future
            } else {
                Tense::Past
            };
        let (date, date_method, date_text) = self.date_of(doc, tree, i, clause, today, tense);
        let location = self.location_of(tree, ctx, i, clause, obj);
        let trigger_tok = &sentence.tokens[i];
        let mut trigger_end = trigger_tok.span.end;
        if let Some(prt) = tree.kid(i, &["compound:prt"])
            && prt == i + 1
        {
            trigger_end = sentence.tokens[prt].span.end;
        }
        let trigger = TextRef {
            text: doc.text[trigger_tok.span.start..trigger_end].to_string(),
            start: trigger_tok.span.start,
            end: trigger_end,
        };
        // One event per source and target; a missing side is one `None`.
        let refs = |picks: &[(usize, ActorPick)]| -> Vec<Option<ActorRef>> {
            if picks.is_empty() {
                return vec![None];
            }
            picks
                .iter()
                .map(|(_, a)| Some(a.to_ref(doc, tree)))
                .collect()
        };
        let (src_list, tgt_list) = (refs(&sources), refs(&targets));
        for source in &src_list {
            for target in &tgt_list {
                // Never an actor acting on itself.
                if let (Some(s), Some(t)) = (source, target)
                    && s.start == t.start
                    && s.end == t.end
                {
                    continue;
                }

                let mut event = Event {
                    id: String::new(),
                    doc: doc.id.clone(),
                    date,
                    date_method,
                    date_text: date_text.clone(),
                    sentence: SentenceRef {
                        index: si,
                        text: doc.slice(sentence.span).to_string(),
                        start: sentence.span.start,
                        end: sentence.span.end,
                    },
                    source: source.clone(),
                    target: target.clone(),
                    cameo: cameo.code.clone(),
                    root: cameo.root.clone(),
                    quad_class: cameo.quad_class,
                    goldstein: cameo.goldstein,
                    plover: Plover {
                        kind: plover.map(|r| r.kind.clone()).unwrap_or_default(),
                        mode: plover.map(|r| r.mode.clone()).unwrap_or_default(),
                    },
                    trigger: trigger.clone(),
                    location: location.clone(),
                    modality,
                    negated,
                    pattern: p.origin.clone(),
                };
                event.id = event_id(&event);
                if !events.iter().any(|e: &Event| e.id == event.id) {
                    events.push(event);
                }
            }
        }
    }

    /// Tokens filling a slot of trigger `i` (with `obj` its object, for verbs).
    fn slot_tokens(&self, tree: &Tree, i: usize, obj: Option<usize>, slot: &Slot) -> Vec<usize> {
        match slot {
            Slot::Obj => obj.into_iter().collect(),
            Slot::Iobj => tree.kid(i, &["iobj"]).into_iter().collect(),
            Slot::Prep(p) => {
                let mut out = tree.prep_objects(i, p);
                if let Some(o) = obj {
                    out.extend(tree.prep_objects(o, p));
                }
                out
            }
            Slot::Poss => tree.kids(i, &["nmod:poss"]).collect(),
            Slot::Modifier => tree.kids(i, &["amod", "compound", "nmod:poss"]).collect(),
            Slot::Subject => {
                let own: Vec<usize> = tree.kids(i, &["nsubj", "nsubj:pass"]).collect();
                match (own.is_empty(), tree.rel[i], tree.head[i]) {
                    // "to see Assad appear": the raised object is the subject.
                    (true, "xcomp", Some(h)) => tree.kids(h, &["obj"]).collect(),
                    _ => own,
                }
            }
            Slot::Speaker => Vec::new(),
            Slot::GovernorSubject => self
                .governor(tree, i)
                .and_then(|g| tree.kid(g, &["nsubj", "nsubj:pass"]))
                .into_iter()
                .collect(),
        }
    }

    /// The subject of the verb whose complement clause holds `i` ("Hungary has said it will
    /// support": Hungary for "support").
    fn reporting_subject(&self, tree: &Tree, i: usize) -> Option<usize> {
        let mut v = i;
        for _ in 0..4 {
            let h = tree.head[v]?;
            if matches!(tree.base(v), "ccomp" | "xcomp" | "advcl") && tree.is_verbish(h) {
                return tree
                    .kid(h, &["nsubj"])
                    .filter(|&s| !matches!(tree.lower[s].as_str(), "it" | "they" | "he" | "she"));
            }
            if tree.base(v) != "conj" {
                return None;
            }
            v = h;
        }
        None
    }

    /// The subject of the speech verb a clause hangs from ("Hague said he would like to see
    /// Assad appear ...": Hague).
    fn speech_subject(&self, tree: &Tree, i: usize) -> Option<usize> {
        let mut v = i;
        for _ in 0..6 {
            let h = tree.head[v]?;
            if SPEECH.contains(&tree.lemma[h].as_str()) {
                return tree.kid(h, &["nsubj"]);
            }
            v = h;
        }
        None
    }

    /// Modality and negation of the act at `i` (clause verb `clause`); `None` when the act is
    /// not coded at all (asked for, denied, hypothetical, conditional).
    fn modality(
        &self,
        tree: &Tree,
        i: usize,
        clause: Option<usize>,
        p: &Pattern,
        acts: &[Option<&Pattern>],
    ) -> Option<(Modality, bool)> {
        let mut negated = tree.is_negated(i);
        let mut modality = Modality::Asserted;
        let mut v = match p.kind {
            TriggerKind::Verb => i,
            TriggerKind::Noun => match clause {
                Some(c) => {
                    // The governor's own meaning decides ("consider sanctions", "lift").
                    let g = tree.lemma[c].as_str();
                    if THREAT.contains(&g) {
                        modality = Modality::Threatened;
                    } else if REFUSE.contains(&g) {
                        modality = Modality::Refused;
                    } else if DEMAND.contains(&g) || UNREAL.contains(&g) {
                        return None;
                    }
                    negated |= tree.is_negated(c);
                    c
                }
                None => return Some((modality, negated)),
            },
        };
        if tree.has_aux(v, &["will", "shall", "'ll", "wo", "would", "'d"]) {
            modality = modality.max(Modality::Intended);
        }
        let root: u8 = p.code[..2].parse().unwrap_or(0);
        if tree.has_aux(v, &["could", "might", "may", "should", "must", "ought"])
            && !tree.has_aux(v, &["have"])
        {
            // "Sanctions could be imposed": a threat; "they must comply": an obligation put
            // on someone, not an act.
            if modality == Modality::Asserted {
                if root >= 13 {
                    modality = Modality::Threatened;
                } else if !is_verbal(root) {
                    return None;
                }
            }
        }
        // Inside an if-clause: a condition, not an act.
        if tree.mark_is(v, "if") || tree.mark_is(v, "unless") || tree.mark_is(v, "whether") {
            return None;
        }
        // Climb through complements to the governors.
        for _ in 0..4 {
            let rel = tree.base(v);
            let Some(h) = tree.head[v] else { break };
            // A clause on the object of a speech act ("warned the regime that ...").
            let verbal = |t: usize| acts[t].is_some_and(|a| is_speech_act(&a.code));
            if rel == "acl" && (verbal(h) || tree.head[h].is_some_and(verbal)) {
                return None;
            }
            if !matches!(rel, "xcomp" | "ccomp" | "advcl" | "csubj") {
                if rel == "conj" {
                    v = h;
                    continue;
                }
                break;
            }
            if rel == "advcl" && (tree.mark_is(v, "if") || tree.mark_is(v, "unless")) {
                return None;
            }
            let g = tree.lemma[h].as_str();
            // The content of a coded speech act (a warning, an accusation, a demand) is that
            // act's, not one of its own.
            if matches!(rel, "ccomp" | "acl") && acts[h].is_some_and(|a| is_speech_act(&a.code)) {
                return None;
            }
            if rel == "xcomp" || rel == "ccomp" || (rel == "advcl" && tree.mark_is(v, "to")) {
                // "going to attack" plans; "went on strike" does not.
                if INTENT.contains(&g) && (g != "go" || tree.lower[h] == "going") {
                    modality = modality.max(Modality::Intended);
                } else if THREAT.contains(&g) && rel != "ccomp" {
                    modality = Modality::Threatened;
                } else if REFUSE.contains(&g) {
                    modality = Modality::Refused;
                } else if (DEMAND.contains(&g) && rel == "xcomp") || UNREAL.contains(&g) {
                    // Asked for, denied or attempted: not done.
                    return None;
                }
            }
            if tree.is_negated(h) && rel == "xcomp" {
                // "did not agree to meet": a refusal of the act.
                if modality == Modality::Intended && INTENT.contains(&g) {
                    modality = Modality::Refused;
                }
            }
            // Reported speech does not change the act; a clause under a speech verb keeps it.
            if rel == "ccomp" && SPEECH.contains(&g) {
                break;
            }
            v = h;
        }
        Some((modality, negated))
    }

    /// The code actually written, after modality and negation.
    fn recode(&self, code: &str, modality: Modality, negated: bool) -> Option<String> {
        let root: u8 = code[..2].parse().ok()?;
        let out = match (modality, negated) {
            // "did not attack": no event; "will not abandon": an intent to cooperate; "will
            // not accept refugees", "would not meet their demands": a refusal.
            (Modality::Intended, true) if root >= 11 && root != 13 => "030".to_string(),
            (Modality::Intended, true) if (3..=8).contains(&root) => refused(code, root)?,
            (_, true) => return None,
            (Modality::Asserted, false) => code.to_string(),
            // Appeals, demands, criticism and rejection are speech acts: said is done.
            (Modality::Intended | Modality::Threatened, false) if is_verbal(root) => {
                code.to_string()
            }
            (Modality::Intended, false) => intended(code, root)?,
            (Modality::Threatened, false) => threatened(code, root)?,
            (Modality::Refused, false) => refused(code, root)?,
            (Modality::Demanded, false) => return None,
        };
        Some(out)
    }

    fn date_of(
        &self,
        doc: &Document,
        tree: &Tree,
        i: usize,
        clause: Option<usize>,
        today: Option<jiff::civil::Date>,
        tense: Tense,
    ) -> (Option<jiff::civil::Date>, DateMethod, Option<TextRef>) {
        let Some(today) = today else {
            return (None, DateMethod::Unknown, None);
        };
        let anchor = clause.unwrap_or(i);
        let words: Vec<&str> = tree.lower.iter().map(String::as_str).collect();
        for t in 0..words.len() {
            if !dates::is_time_word(words[t]) {
                continue;
            }
            // The expression must hang from the act's clause (not from another verb).
            if !self.in_clause(tree, t, anchor) {
                continue;
            }
            if let Some(r) = dates::resolve(&words, t, today, tense) {
                let tok = &tree.sentence.tokens[t];
                let start_tok = (0..t)
                    .rev()
                    .take(3)
                    .take_while(|&k| {
                        matches!(
                            words[k],
                            "on" | "last" | "next" | "this" | "earlier" | "later"
                        ) || words[k].parse::<u32>().is_ok()
                    })
                    .last()
                    .unwrap_or(t);
                let start = tree.sentence.tokens[start_tok].span.start;
                let text = TextRef {
                    text: doc.text[start..tok.span.end].to_string(),
                    start,
                    end: tok.span.end,
                };
                let method = if r.explicit {
                    DateMethod::Explicit
                } else {
                    DateMethod::Relative
                };
                return (Some(r.date), method, Some(text));
            }
        }
        (Some(today), DateMethod::Publication, None)
    }

    /// True when token `t` belongs to the clause headed by `v`: its head chain reaches `v`
    /// without passing another clause head.
    fn in_clause(&self, tree: &Tree, t: usize, v: usize) -> bool {
        let mut cur = t;
        for _ in 0..tree.lemma.len() {
            if cur == v {
                return true;
            }
            let Some(h) = tree.head[cur] else {
                return false;
            };
            if cur != t
                && matches!(
                    tree.base(cur),
                    "ccomp" | "xcomp" | "advcl" | "acl" | "parataxis"
                )
            {
                return false;
            }
            if cur != t && tree.base(cur) == "conj" && matches!(tree.upos[cur], "VERB") {
                return false;
            }
            cur = h;
        }
        false
    }

    fn location_of(
        &self,
        tree: &Tree,
        ctx: &Actors,
        i: usize,
        clause: Option<usize>,
        obj: Option<usize>,
    ) -> Option<Location> {
        let anchor = clause.unwrap_or(i);
        // "visited Moscow": the visited place.
        let mut candidates: Vec<usize> = obj.into_iter().collect();
        for (t, _) in tree.sentence.tokens.iter().enumerate() {
            if ctx.places[t].is_none() {
                continue;
            }
            let case = tree.case_of(t);
            if case.as_deref().is_some_and(|c| PLACE_PREPS.contains(&c))
                && self.in_clause(tree, t, anchor)
            {
                candidates.push(t);
            }
        }
        for t in candidates {
            let Some(m) = ctx.places[t] else { continue };
            let Some(place) = &m.place else { continue };
            if m.kind != EntityType::Place {
                continue;
            }
            return Some(Location {
                name: place.name.clone(),
                country: place.country.clone(),
                lat: place.lat,
                lon: place.lon,
                mention: Some(TextRef {
                    text: m.text.clone(),
                    start: m.span.start,
                    end: m.span.end,
                }),
            });
        }
        None
    }
}

/// Modal auxiliaries: a passive with one of them under a speech verb is the speaker's plan or
/// threat ("the EU said sanctions would be imposed").
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "could", "may", "might", "must", "'ll", "wo",
];

/// Verbs that introduce speech.
const SPEECH: &[&str] = &[
    "say", "add", "tell", "warn", "insist", "state", "declare", "announce", "claim", "explain",
    "note", "argue", "stress", "write", "reply", "answer", "continue", "conclude", "ask",
];
/// First-person pronouns, read as the speaker inside a quotation.
const FIRST_PERSON: &[&str] = &["we", "i", "us", "me", "our", "my"];

/// An actor chosen for a slot.
#[derive(Clone)]
enum ActorPick<'m> {
    /// A recognised mention.
    Mention(&'m Mention),
    /// A first-person pronoun inside a quotation: the speaker, at the pronoun's token.
    Speaker(&'m Speaker, usize),
    /// The speaker of a quotation, at the speaker's own words.
    Quoted(&'m Speaker),
    /// A bare role noun, at its token, with its role code.
    Agent(usize, String),
}

impl ActorPick<'_> {
    fn code(&self) -> Option<String> {
        match self {
            ActorPick::Mention(m) => m.code.clone(),
            ActorPick::Speaker(s, _) | ActorPick::Quoted(s) => s.code.clone(),
            ActorPick::Agent(_, role) => Some(role.clone()),
        }
    }

    fn key(&self) -> (usize, usize) {
        match self {
            ActorPick::Mention(m) => (m.span.start, m.span.end),
            ActorPick::Speaker(s, t) => (s.start, *t),
            ActorPick::Quoted(s) => (s.start, s.end),
            ActorPick::Agent(t, _) => (usize::MAX, *t),
        }
    }

    fn to_ref(&self, doc: &Document, tree: &Tree) -> ActorRef {
        match self {
            ActorPick::Mention(m) => ActorRef {
                code: m.code.clone(),
                name: m.name.clone(),
                text: m.text.clone(),
                start: m.span.start,
                end: m.span.end,
            },
            ActorPick::Speaker(s, t) => {
                let span = tree.sentence.tokens[*t].span;
                ActorRef {
                    code: s.code.clone(),
                    name: s.name.clone().or_else(|| Some(s.text.clone())),
                    text: doc.slice(span).to_string(),
                    start: span.start,
                    end: span.end,
                }
            }
            ActorPick::Quoted(s) => ActorRef {
                code: s.code.clone(),
                name: s.name.clone(),
                text: s.text.clone(),
                start: s.start,
                end: s.end,
            },
            ActorPick::Agent(t, role) => {
                let t = *t;
                // The noun with its compound and adjective modifiers ("riot police").
                let mut first = t;
                while first > 0
                    && tree.head[first - 1] == Some(t)
                    && matches!(tree.rel[first - 1], "compound" | "amod" | "nummod")
                {
                    first -= 1;
                }
                let (start, end) = (
                    tree.sentence.tokens[first].span.start,
                    tree.sentence.tokens[t].span.end,
                );
                ActorRef {
                    code: Some(role.to_string()),
                    name: None,
                    text: doc.text[start..end].to_string(),
                    start,
                    end,
                }
            }
        }
    }
}

/// Regular stems of an inflected word, most likely first: "shelled" → shell, "bombed" → bomb,
/// "raided" → raid, "freed" → free, "carries" → carry, "fighting" → fight.
fn stems(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for suffix in ["ing", "ed", "es", "s", "d"] {
        if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) {
            out.push(stem.to_string());
            let b = stem.as_bytes();
            if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(stem[..stem.len() - 1].to_string());
            }
            if suffix != "d" && suffix != "s" {
                out.push(format!("{stem}e"));
            }
            if let Some(y) = stem.strip_suffix('i') {
                out.push(format!("{y}y"));
            }
        }
    }
    out
}

/// Words that put a sentence in sport or entertainment ("Syria beat Iraq 2-1 in the
/// qualifier"): its verbs of fighting and beating are not political acts.
const DISCARD: &[&str] = &[
    "match",
    "qualifier",
    "tournament",
    "championship",
    "league",
    "cup",
    "olympics",
    "olympic",
    "football",
    "soccer",
    "cricket",
    "rugby",
    "tennis",
    "basketball",
    "striker",
    "midfielder",
    "goalkeeper",
    "semi-final",
    "semifinal",
    "quarter-final",
    "derby",
    "scorer",
    "film",
    "movie",
    "album",
    "box-office",
    "concert",
    "premiere",
    "episode",
    "sitcom",
    "oscar",
    "grammy",
];

/// True for sentences of sport or entertainment: a score ("2-1") or a word of [`DISCARD`].
fn is_discarded(tree: &Tree) -> bool {
    let score = |w: &str| {
        w.split_once(['-', '\u{2013}']).is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.len() <= 2
                && b.len() <= 2
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
    };
    tree.lower.iter().any(|w| score(w))
        || (0..tree.lemma.len()).any(|i| {
            matches!(tree.upos[i], "NOUN" | "PROPN") && DISCARD.contains(&tree.lemma[i].as_str())
        })
}

/// The built-in pattern of [`Coder::obligations`].
fn obligation() -> &'static Pattern {
    static P: std::sync::OnceLock<Pattern> = std::sync::OnceLock::new();
    P.get_or_init(|| Pattern {
        code: "100".into(),
        kind: TriggerKind::Verb,
        lemma: String::new(),
        particle: None,
        obj: BTreeSet::new(),
        xcomp: BTreeSet::new(),
        has: BTreeSet::new(),
        target: vec![Slot::Subject],
        target_required: true,
        source: vec![Slot::Speaker],
        origin: "coder: obligation (X says Y must ...)".into(),
    })
}

/// Acts whose content clause belongs to them: appeals, demands, disapproval, threats ("warned
/// the regime that ...", "accused Israel of ..."). An agreement's content ("agreed that
/// sanctions should be considered") is coded on its own.
fn is_speech_act(code: &str) -> bool {
    matches!(&code[..2], "02" | "10" | "11" | "13")
}

/// Roots whose acts are words: appeals, intents, demands, disapproval, rejection, threats.
fn is_verbal(root: u8) -> bool {
    matches!(root, 2 | 3 | 10 | 11 | 12 | 13)
}

/// Within one sentence's events (from `first` on): the same act of the same actor counted
/// once. Where one reading has a target and another none, the one with the target stays.
fn dedupe(events: &mut Vec<Event>, first: usize) {
    let code = |a: &Option<ActorRef>| a.as_ref().and_then(|a| a.code.clone());
    let mut keep = vec![true; events.len()];
    for a in first..events.len() {
        for b in first..events.len() {
            if a == b || !keep[a] || !keep[b] {
                continue;
            }
            let (ea, eb) = (&events[a], &events[b]);
            if code(&ea.source) != code(&eb.source) || ea.root != eb.root {
                continue;
            }
            let same_target = code(&ea.target) == code(&eb.target);
            if (ea.target.is_none() && eb.target.is_some()) || (same_target && b < a) {
                keep[a] = false;
            }
        }
    }
    let mut k = 0;
    events.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// An announced plan: cooperation becomes 03x, by the kind of act (a meeting 036, aid 033,
/// yielding 035x, reform 034x); conflict becomes a threat (13x).
fn intended(code: &str, root: u8) -> Option<String> {
    let sub = |prefix: &str, to: &str| code.strip_prefix(prefix).map(|rest| format!("{to}{rest}"));
    let c: String = match root {
        2 | 3 | 13 => code.to_string(),
        4 => "036".into(),
        5 => "032".into(),
        6 => match code {
            "061" => "0311".into(),
            "062" => "0312".into(),
            "063" => "0313".into(),
            "064" => "0314".into(),
            _ => "031".into(),
        },
        7 => match code {
            "071" => "0331".into(),
            "072" => "0332".into(),
            "073" => "0333".into(),
            "074" => "0334".into(),
            _ => "033".into(),
        },
        8 => match code.get(..3).unwrap_or(code) {
            "081" => "0351".into(),
            "082" => "0352".into(),
            // 0831-0834 (reform) → 0341-0344.
            "083" => sub("083", "034").unwrap_or_else(|| "034".into()),
            "084" => "0353".into(),
            "085" => "0354".into(),
            "086" => "0355".into(),
            "087" => "0356".into(),
            _ => "035".into(),
        },
        9 => "030".into(),
        _ => return threatened(code, root),
    };
    Some(c)
}

/// A threatened or considered measure: 13x by the kind of measure.
fn threatened(code: &str, root: u8) -> Option<String> {
    let c = match root {
        13 => code,
        16 => match code {
            "161" => "1313",
            "162" | "1621" | "1622" | "1623" => "1311",
            "163" => "1312",
            "164" => "134",
            "165" => "135",
            "166" | "1661" | "1662" | "1663" => "136",
            _ => "131",
        },
        17 => match code {
            "172" | "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            _ => "137",
        },
        15 => "138",
        18 | 19 => match code {
            "191" => "1381",
            "192" => "1382",
            _ => "1384",
        },
        20 => "1383",
        14 => "133",
        12 => "139",
        10 | 11 => "130",
        _ => return None,
    };
    Some(c.to_string())
}

/// A refused act: 12x by the kind of act refused (a meeting 125, aid 122, reform 123x,
/// yielding 124x).
fn refused(code: &str, root: u8) -> Option<String> {
    let c: String = match root {
        12 => code.to_string(),
        2 | 3 | 5 => "120".into(),
        4 => match code {
            "045" => "126".into(),
            _ => "125".into(),
        },
        6 => match code {
            "061" => "1211".into(),
            "062" => "1212".into(),
            _ => "121".into(),
        },
        7 => match code {
            "071" => "1221".into(),
            "072" => "1222".into(),
            "073" => "1223".into(),
            "074" => "1224".into(),
            _ => "122".into(),
        },
        8 => match code.get(..3).unwrap_or(code) {
            "081" => "1241".into(),
            "082" => "1242".into(),
            "083" => code
                .strip_prefix("083")
                .map(|rest| format!("123{rest}"))
                .unwrap_or_else(|| "123".into()),
            "084" => "1243".into(),
            "085" => "1244".into(),
            "086" => "1245".into(),
            "087" => "1246".into(),
            _ => "124".into(),
        },
        _ => return None,
    };
    Some(c)
}

/// A stable id: the first 16 hex digits of SHA-256 over what makes the event itself.
fn event_id(e: &Event) -> String {
    let mut h = Sha256::new();
    h.update(e.doc.as_bytes());
    for part in [
        e.sentence.start,
        e.trigger.start,
        e.trigger.end,
        e.source.as_ref().map_or(0, |a| a.start + 1),
        e.target.as_ref().map_or(0, |a| a.start + 1),
    ] {
        h.update((part as u64).to_le_bytes());
    }
    h.update(e.cameo.as_bytes());
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code the modality maps write exists in the codebook, for every code they read.
    #[test]
    fn modality_maps_write_only_real_codes() {
        let book = Codebook::builtin();
        for c in book.cameo_codes() {
            let root: u8 = c.root.parse().unwrap();
            for (name, out) in [
                ("intended", intended(&c.code, root)),
                ("threatened", threatened(&c.code, root)),
                ("refused", refused(&c.code, root)),
            ] {
                if let Some(out) = out {
                    assert!(book.cameo(&out).is_some(), "{name}({}) = {out}", c.code);
                }
            }
        }
        assert_eq!(intended("0833", 8).as_deref(), Some("0343"));
        assert_eq!(intended("0841", 8).as_deref(), Some("0353"));
        assert_eq!(intended("046", 4).as_deref(), Some("036"));
        assert_eq!(threatened("163", 16).as_deref(), Some("1312"));
        assert_eq!(threatened("193", 19).as_deref(), Some("1384"));
        assert_eq!(refused("036", 3).as_deref(), Some("120"));
        assert_eq!(refused("0842", 8).as_deref(), Some("1243"));
    }
}
