//! The embedded store of tacitus: one SQLite file (WAL mode, FTS5 full-text search), no server.
//!
//! It keeps each article (a reference to its input, its normalized text, metadata and content
//! hashes), its sentences, its actor mentions, its coded events, its quotations, its facts and
//! diagnostics, and the coding run (versions) that produced each derived record. Articles are
//! grouped into stories (exact and near duplicates, [`minhash`]); the events coded in the
//! articles of one story are merged into one event with GDELT's counts of mentions, sources and
//! articles, each mention keeping its own provenance.
//!
//! What it never does: read inputs, parse or code text. An [`Analyzer`] (implemented by the
//! binary) derives the [`Analysis`] of a document; the store persists it.
//!
//! Guarantees: a document is identified by its [`article_key`] (a hash of its id, URL, title
//! and text), so storing it again adds nothing; each [`Store::put`] is one transaction, so a
//! process killed at any moment leaves every document either wholly stored or absent; nothing
//! stored is ever deleted except derived records replaced by `recode`. Same input in the same
//! order gives the same rows, and every listing is ordered by stored values, never by chance.

#![warn(missing_docs)]

pub mod analysis;
pub mod export;
pub mod minhash;
pub mod query;
pub mod schema;
pub mod synth;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use tacitus_model::{Diagnostic, Document, Event, Metadata, OffsetMap, Paragraph};

pub use analysis::{Analysis, Analyzer, MentionRow, QuotationRow, RunVersions, SpeakerRow};
use minhash::Signature;

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused an operation (a corrupt or locked file, a full disk).
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A stored value could not be encoded or decoded.
    #[error("store: bad stored value: {0}")]
    Json(#[from] serde_json::Error),
    /// The file was written by a newer tacitus.
    #[error(
        "store: schema version {found} is newer than this tacitus supports ({supported}); upgrade tacitus"
    )]
    NewerSchema {
        /// The file's schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// An output could not be written.
    #[error("store: {0}")]
    Io(#[from] std::io::Error),
    /// A query argument is malformed.
    #[error("store: {0}")]
    Invalid(String),
}

/// Result with the store's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The default store file name, in the current directory (overridden by `--db` or
/// `TACITUS_DB`).
pub const DEFAULT_DB: &str = "tacitus.sqlite";

/// Most articles read per LSH band when looking for a story.
const CANDIDATES_PER_BAND: i64 = 8;

/// A 32-byte SHA-256 digest.
pub type Hash = [u8; 32];

fn sha(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// The identity of a document: a hash of its id, URL, title and normalized text. The input's
/// path is not part of it, so the same file read from another directory is the same article.
pub fn article_key(doc: &Document) -> Hash {
    sha(&[
        doc.id.as_bytes(),
        doc.meta.url.as_deref().unwrap_or("").as_bytes(),
        doc.meta.title.as_deref().unwrap_or("").as_bytes(),
        doc.text.as_bytes(),
    ])
}

/// The hash of the normalized text alone: equal for exact duplicates.
pub fn text_hash(text: &str) -> Hash {
    sha(&[text.as_bytes()])
}

/// A document ready to store: its hashes and signature computed (off the writer's thread).
#[derive(Clone, Debug)]
pub struct Prepared {
    /// [`article_key`].
    pub key: Hash,
    /// [`text_hash`].
    pub text_hash: Hash,
    /// MinHash signature of the text; `None` when it has no word.
    pub signature: Option<Signature>,
    /// How many of `doc.diagnostics` the reader made (the rest come from the analysis).
    pub read_diagnostics: usize,
    /// The document, sentences included.
    pub doc: Document,
    /// What the analyzer derived from it.
    pub analysis: Analysis,
}

impl Prepared {
    /// Hashes and signs a document. `read_diagnostics` counts the diagnostics the reader left
    /// on it before the analysis added its own.
    pub fn new(doc: Document, read_diagnostics: usize, analysis: Analysis) -> Prepared {
        Prepared {
            key: article_key(&doc),
            text_hash: text_hash(&doc.text),
            signature: Signature::of_text(&doc.text),
            read_diagnostics,
            doc,
            analysis,
        }
    }
}

/// What [`Store::put`] did with one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new article.
    Stored {
        /// Its row id.
        article: i64,
        /// Its story.
        story: i64,
        /// How it joined the story.
        how: StoryMatch,
    },
    /// An article with the same key was already stored: nothing was added.
    AlreadyStored,
}

/// How an article was assigned to its story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryMatch {
    /// The first article of a new story.
    New,
    /// Same normalized text as a stored article.
    Exact,
    /// A near duplicate (MinHash estimate at or above [`minhash::THRESHOLD`]).
    Near,
}

/// Row counts of a store.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Articles.
    pub articles: i64,
    /// Stories (groups of copies).
    pub stories: i64,
    /// Sentences.
    pub sentences: i64,
    /// Actor and place mentions.
    pub mentions: i64,
    /// Merged events.
    pub events: i64,
    /// Event mentions (coded events in articles).
    pub event_mentions: i64,
    /// Quotations.
    pub quotations: i64,
    /// Diagnostics on stored articles.
    pub diagnostics: i64,
    /// Recorded failures (inputs or documents that could not be stored).
    pub failures: i64,
    /// Coding runs.
    pub runs: i64,
}

/// A recorded failure.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    /// The input (path, `path#line`).
    pub input: String,
    /// The kind (`read`, `analyze`).
    pub kind: String,
    /// What went wrong.
    pub message: String,
}

/// A coding run.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Run {
    /// Its id.
    pub id: i64,
    /// Its versions.
    pub versions: RunVersions,
    /// Articles whose derived records it produced.
    pub articles: i64,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store for reading only (queries, exports). It must exist and have a
    /// schema this build reads.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Invalid(format!(
                "no store at {} (run `tacitus ingest` first, or pass --db)",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(30))?;
        let v = schema::version(&conn)?;
        if v != schema::SCHEMA_VERSION {
            drop(conn);
            // An older schema needs its migrations: open read-write once.
            drop(Store::open(path)?);
            return Store::open_read_only(path);
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The SQLite connection, for the query and export modules.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<i64> {
        schema::version(&self.conn)
    }

    /// The id of the run with these versions, created if new.
    pub fn run(&mut self, v: &RunVersions) -> Result<i64> {
        self.conn.execute(
            "INSERT OR IGNORE INTO runs (binary_version, model_version, grammar, dictionaries, coder)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![v.binary, v.model, v.grammar, v.dictionaries, v.coder],
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM runs WHERE binary_version = ?1 AND model_version = ?2 AND grammar = ?3
             AND dictionaries = ?4 AND coder = ?5",
            params![v.binary, v.model, v.grammar, v.dictionaries, v.coder],
            |r| r.get(0),
        )?)
    }

    /// True when an article with this key is stored.
    pub fn contains(&self, key: &Hash) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE key = ?1")?
            .exists([&key[..]])?)
    }

    /// Stores documents, in order, in one transaction: each is either wholly stored or, when
    /// its key is already present, skipped. Merged-event counts are brought up to date before
    /// the transaction commits.
    pub fn put(&mut self, items: &[Prepared], run: i64) -> Result<Vec<Outcome>> {
        let tx = self.conn.transaction()?;
        let mut affected = BTreeSet::new();
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(put_one(&tx, item, run, &mut affected)?);
        }
        refresh_events(&tx, &affected)?;
        tx.commit()?;
        Ok(out)
    }

    /// Records a failure (an input that could not be read, a document that could not be
    /// analyzed). The same failure recorded twice is kept once.
    pub fn record_failure(&mut self, input: &str, kind: &str, message: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO failures (input, kind, message) VALUES (?1, ?2, ?3)",
            params![input, kind, message],
        )?;
        Ok(())
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let n = |table: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Counts {
            articles: n("articles")?,
            stories: n("stories")?,
            sentences: n("sentences")?,
            mentions: n("actor_mentions")?,
            events: n("events")?,
            event_mentions: n("event_mentions")?,
            quotations: n("quotations")?,
            diagnostics: n("diagnostics")?,
            failures: n("failures")?,
            runs: n("runs")?,
        })
    }

    /// Every recorded failure, in input order.
    pub fn failures(&self) -> Result<Vec<Failure>> {
        let mut st = self
            .conn
            .prepare("SELECT input, kind, message FROM failures ORDER BY input, kind, message")?;
        let rows = st.query_map([], |r| {
            Ok(Failure {
                input: r.get(0)?,
                kind: r.get(1)?,
                message: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every coding run, with the number of articles it last coded.
    pub fn runs(&self) -> Result<Vec<Run>> {
        let mut st = self.conn.prepare(
            "SELECT r.id, binary_version, model_version, grammar, dictionaries, coder,
                    (SELECT count(*) FROM facts f WHERE f.run = r.id)
             FROM runs r ORDER BY r.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Run {
                id: r.get(0)?,
                versions: RunVersions {
                    binary: r.get(1)?,
                    model: r.get(2)?,
                    grammar: r.get(3)?,
                    dictionaries: r.get(4)?,
                    coder: r.get(5)?,
                },
                articles: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// SQLite's own consistency check: `"ok"` when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// The ids of every stored article, in storage order.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let mut st = self.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A stored article as a document, as the reader made it but without sentences: its id,
    /// metadata, text, paragraphs, offset map and the reader's diagnostics. The caller segments
    /// and analyzes it again (`recode`).
    pub fn document(&self, article: i64) -> Result<Document> {
        let (id, meta, paragraphs, offsets, text): (String, String, String, String, String) =
            self.conn.query_row(
                "SELECT doc_id, meta, paragraphs, offsets, text FROM articles WHERE id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        let mut st = self.conn.prepare_cached(
            "SELECT severity, code, message, start, end FROM diagnostics
             WHERE article = ?1 AND stage = 'read' ORDER BY id",
        )?;
        let diagnostics = st
            .query_map([article], |r| {
                let severity: String = r.get(0)?;
                let start: Option<i64> = r.get(3)?;
                let end: Option<i64> = r.get(4)?;
                Ok((severity, r.get(1)?, r.get(2)?, start.zip(end)))
            })?
            .collect::<Result<Vec<(String, String, String, _)>, _>>()?
            .into_iter()
            .map(|(severity, code, message, span)| {
                let severity = serde_json::from_value(serde_json::Value::String(severity))
                    .unwrap_or(tacitus_model::Severity::Warning);
                let mut d = Diagnostic::new(severity, code, message);
                d.span = span.map(|(s, e)| tacitus_model::Span::new(s as usize, e as usize));
                d
            })
            .collect();
        Ok(Document {
            id,
            meta: serde_json::from_str::<Metadata>(&meta)?,
            text,
            paragraphs: serde_json::from_str::<Vec<Paragraph>>(&paragraphs)?,
            sentences: Vec::new(),
            offsets: serde_json::from_str::<OffsetMap>(&offsets)?,
            diagnostics,
        })
    }

    /// The coded events (event mentions) stored for an article, in order.
    pub fn article_events(&self, article: i64) -> Result<Vec<Event>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT record FROM event_mentions WHERE article = ?1 ORDER BY id")?;
        let rows = st.query_map([article], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(serde_json::from_str(&json?)?);
        }
        Ok(out)
    }

    /// Replaces everything derived from an article's text (sentences, mentions, events,
    /// quotations, facts, analysis diagnostics) with a new analysis made by `run`, in one
    /// transaction. The article, its text, its story and the reader's diagnostics stay.
    pub fn replace_analysis(
        &mut self,
        article: i64,
        doc: &Document,
        analysis: &Analysis,
        read_diagnostics: usize,
        run: i64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let story: i64 =
            tx.query_row("SELECT story FROM articles WHERE id = ?1", [article], |r| {
                r.get(0)
            })?;
        let mut affected = BTreeSet::new();
        {
            let mut st =
                tx.prepare("SELECT DISTINCT event FROM event_mentions WHERE article = ?1")?;
            for e in st.query_map([article], |r| r.get::<_, i64>(0))? {
                affected.insert(e?);
            }
            let mut st = tx.prepare("SELECT id FROM sentences WHERE article = ?1")?;
            let ids = st
                .query_map([article], |r| r.get::<_, i64>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            let mut del = tx.prepare("DELETE FROM sentences_fts WHERE rowid = ?1")?;
            for id in ids {
                del.execute([id])?;
            }
        }
        for sql in [
            "DELETE FROM sentences WHERE article = ?1",
            "DELETE FROM actor_mentions WHERE article = ?1",
            "DELETE FROM event_mentions WHERE article = ?1",
            "DELETE FROM quotations WHERE article = ?1",
            "DELETE FROM facts WHERE article = ?1",
            "DELETE FROM diagnostics WHERE article = ?1 AND stage = 'analyze'",
        ] {
            tx.execute(sql, [article])?;
        }
        tx.execute("UPDATE articles SET run = ?2 WHERE id = ?1", [article, run])?;
        write_derived(
            &tx,
            article,
            story,
            doc,
            analysis,
            read_diagnostics,
            false,
            run,
            &mut affected,
        )?;
        refresh_events(&tx, &affected)?;
        tx.commit()?;
        Ok(())
    }
}

/// Pragmas every connection uses: WAL (readers never block the writer), `synchronous =
/// NORMAL` (a committed transaction survives a killed process; in WAL mode an operating-system
/// crash may lose the last transactions but never corrupts the file), foreign keys, and a busy
/// timeout for concurrent readers.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(30))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65_536)?;
    conn.pragma_update(None, "wal_autocheckpoint", 16_384)?;
    Ok(())
}

/// The name counted by NumSources: the outlet, else the URL's host, else the input.
pub fn source_name(meta: &Metadata) -> String {
    if let Some(o) = meta.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
        return o.trim().to_string();
    }
    if let Some(url) = meta.url.as_deref() {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if !host.is_empty() {
            return host.trim_start_matches("www.").to_lowercase();
        }
    }
    meta.source.clone()
}

fn put_one(
    tx: &Transaction<'_>,
    item: &Prepared,
    run: i64,
    affected: &mut BTreeSet<i64>,
) -> Result<Outcome> {
    let exists = tx
        .prepare_cached("SELECT 1 FROM articles WHERE key = ?1")?
        .exists([&item.key[..]])?;
    if exists {
        return Ok(Outcome::AlreadyStored);
    }
    // Story: an exact copy first, else the most similar near copy, else a new story.
    let exact: Option<(i64, i64)> = tx
        .prepare_cached("SELECT id, story FROM articles WHERE text_hash = ?1 ORDER BY id LIMIT 1")?
        .query_row([&item.text_hash[..]], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (mut story, mut how, mut duplicate_of, mut similarity) = (None, StoryMatch::New, None, 0.0);
    if let Some((article, s)) = exact {
        story = Some(s);
        how = StoryMatch::Exact;
        duplicate_of = Some(article);
        similarity = 1.0;
    } else if let Some(sig) = &item.signature {
        let mut candidates = BTreeSet::new();
        // A few articles per band are enough to find a story: a story carried by thousands
        // of outlets must not make every insert compare against all of them.
        let mut st =
            tx.prepare_cached("SELECT article FROM lsh WHERE band = ?1 ORDER BY article LIMIT ?2")?;
        for band in sig.bands() {
            for a in st.query_map([band, CANDIDATES_PER_BAND], |r| r.get::<_, i64>(0))? {
                candidates.insert(a?);
            }
        }
        let mut get = tx.prepare_cached("SELECT minhash, story FROM articles WHERE id = ?1")?;
        for c in candidates {
            let (bytes, s): (Vec<u8>, i64) = get.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if let Some(other) = Signature::from_bytes(&bytes) {
                let sim = sig.similarity(&other);
                if sim >= minhash::THRESHOLD && sim > similarity {
                    story = Some(s);
                    how = StoryMatch::Near;
                    duplicate_of = Some(c);
                    similarity = sim;
                }
            }
        }
    }
    let doc = &item.doc;
    let meta_json = serde_json::to_string(&doc.meta)?;
    let published = doc.meta.published.as_ref();
    let format = serde_json::to_value(doc.meta.format)?;
    let new_story = story.is_none();
    if new_story {
        // The story row needs the article's id: insert it with a placeholder, fixed below.
        tx.execute("INSERT INTO stories (first_article) VALUES (0)", [])?;
        story = Some(tx.last_insert_rowid());
    }
    let story = story.unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO articles (key, text_hash, doc_id, source, format, url, outlet, source_name,
            title, published, day, meta, paragraphs, offsets, text, story, duplicate_of,
            similarity, minhash, run)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20)",
    )?
    .execute(params![
        &item.key[..],
        &item.text_hash[..],
        doc.id,
        doc.meta.source,
        format.as_str().unwrap_or("text"),
        doc.meta.url,
        doc.meta.outlet,
        source_name(&doc.meta),
        doc.meta.title,
        published.map(|p| p.rfc3339()),
        published.and_then(|p| p.rfc3339().get(..10).map(str::to_string)),
        meta_json,
        serde_json::to_string(&doc.paragraphs)?,
        serde_json::to_string(&doc.offsets)?,
        doc.text,
        story,
        duplicate_of,
        similarity,
        item.signature
            .as_ref()
            .map(|s| s.to_bytes())
            .unwrap_or_default(),
        run,
    ])?;
    let article = tx.last_insert_rowid();
    if new_story {
        tx.execute(
            "UPDATE stories SET first_article = ?1 WHERE id = ?2",
            [article, story],
        )?;
    }
    // Exact copies add nothing to the LSH index: their twin is already there.
    if how != StoryMatch::Exact
        && let Some(sig) = &item.signature
    {
        let mut st =
            tx.prepare_cached("INSERT OR IGNORE INTO lsh (band, article) VALUES (?1, ?2)")?;
        for band in sig.bands() {
            st.execute([band, article])?;
        }
    }
    write_derived(
        tx,
        article,
        story,
        doc,
        &item.analysis,
        item.read_diagnostics,
        true,
        run,
        affected,
    )?;
    Ok(Outcome::Stored {
        article,
        story,
        how,
    })
}

/// The key of the merged event an event mention belongs to: same story, date, actors and code.
fn event_key(story: i64, e: &Event) -> Vec<u8> {
    let date = e.date.map(|d| d.to_string()).unwrap_or_default();
    sha(&[
        &story.to_le_bytes(),
        date.as_bytes(),
        e.source
            .as_ref()
            .and_then(|a| a.code.as_deref())
            .unwrap_or("")
            .as_bytes(),
        e.target
            .as_ref()
            .and_then(|a| a.code.as_deref())
            .unwrap_or("")
            .as_bytes(),
        e.cameo.as_bytes(),
    ])[..16]
        .to_vec()
}

#[allow(clippy::too_many_arguments)]
fn write_derived(
    tx: &Transaction<'_>,
    article: i64,
    story: i64,
    doc: &Document,
    analysis: &Analysis,
    read_diagnostics: usize,
    with_read_diagnostics: bool,
    run: i64,
    affected: &mut BTreeSet<i64>,
) -> Result<()> {
    let mut sentence_rows = Vec::with_capacity(doc.sentences.len());
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO sentences (article, idx, start, end, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut fts =
            tx.prepare_cached("INSERT INTO sentences_fts (rowid, text) VALUES (?1, ?2)")?;
        for (i, s) in doc.sentences.iter().enumerate() {
            ins.execute(params![
                article,
                i as i64,
                s.span.start as i64,
                s.span.end as i64,
                s.kind.as_str()
            ])?;
            let id = tx.last_insert_rowid();
            fts.execute(params![id, doc.slice(s.span)])?;
            sentence_rows.push(id);
        }
    }
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO actor_mentions (article, run, sentence, kind, text, start, end, name,
                code, method, place)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for m in &analysis.mentions {
            ins.execute(params![
                article,
                run,
                m.sentence as i64,
                m.kind,
                m.text,
                m.start as i64,
                m.end as i64,
                m.name,
                m.code,
                m.method,
                m.place.as_ref().map(|p| p.to_string()),
            ])?;
        }
    }
    {
        let mut group = tx.prepare_cached(
            "INSERT OR IGNORE INTO events (key, story, date, source, target, cameo, root,
                quad_class, goldstein, plover, country, place)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut find = tx.prepare_cached("SELECT id FROM events WHERE key = ?1")?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO event_mentions (event, article, run, record_id, sentence, sentence_row,
                record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for e in &analysis.events {
            let key = event_key(story, e);
            group.execute(params![
                key,
                story,
                e.date.map(|d| d.to_string()),
                e.source
                    .as_ref()
                    .and_then(|a| a.code.clone())
                    .unwrap_or_default(),
                e.target
                    .as_ref()
                    .and_then(|a| a.code.clone())
                    .unwrap_or_default(),
                e.cameo,
                e.root,
                i64::from(e.quad_class),
                e.goldstein,
                e.plover.kind,
                e.location.as_ref().map(|l| l.country.clone()),
                e.location.as_ref().map(|l| l.name.clone()),
            ])?;
            let event: i64 = find.query_row([&key], |r| r.get(0))?;
            ins.execute(params![
                event,
                article,
                run,
                e.id,
                e.sentence.index as i64,
                sentence_rows.get(e.sentence.index),
                serde_json::to_string(e)?,
            ])?;
            affected.insert(event);
        }
    }
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO quotations (article, run, text, start, end, direct, speaker_text,
                speaker_name, speaker_code, speaker_start, speaker_end, cue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for q in &analysis.quotations {
            let s = q.speaker.as_ref();
            ins.execute(params![
                article,
                run,
                q.text,
                q.start as i64,
                q.end as i64,
                q.direct,
                s.map(|s| &s.text),
                s.and_then(|s| s.name.as_ref()),
                s.and_then(|s| s.code.as_ref()),
                s.map(|s| s.start as i64),
                s.map(|s| s.end as i64),
                q.cue,
            ])?;
        }
    }
    tx.prepare_cached("INSERT INTO facts (article, run, facts) VALUES (?1, ?2, ?3)")?
        .execute(params![article, run, analysis.facts.to_string()])?;
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO diagnostics (article, run, stage, severity, code, message, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, d) in doc.diagnostics.iter().enumerate() {
            let stage = if i < read_diagnostics {
                "read"
            } else {
                "analyze"
            };
            if stage == "read" && !with_read_diagnostics {
                continue;
            }
            let severity = serde_json::to_value(d.severity)?;
            ins.execute(params![
                article,
                run,
                stage,
                severity.as_str().unwrap_or("warning"),
                d.code,
                d.message,
                d.span.map(|s| s.start as i64),
                d.span.map(|s| s.end as i64),
            ])?;
        }
    }
    Ok(())
}

/// Recomputes the counts and first mention of merged events, and drops those left with no
/// mention (after a recode).
fn refresh_events(tx: &Transaction<'_>, affected: &BTreeSet<i64>) -> Result<()> {
    let mut upd = tx.prepare_cached(
        "UPDATE events SET
            first_mention = (SELECT min(id) FROM event_mentions WHERE event = ?1),
            num_mentions = (SELECT count(*) FROM event_mentions WHERE event = ?1),
            num_articles = (SELECT count(DISTINCT article) FROM event_mentions WHERE event = ?1),
            num_sources = (SELECT count(DISTINCT a.source_name) FROM event_mentions m
                           JOIN articles a ON a.id = m.article WHERE m.event = ?1)
         WHERE id = ?1",
    )?;
    let mut del = tx.prepare_cached("DELETE FROM events WHERE id = ?1 AND num_mentions = 0")?;
    for &e in affected {
        upd.execute([e])?;
        del.execute([e])?;
    }
    Ok(())
}

/// A stored article in brief, for listings.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ArticleSummary {
    /// Row id.
    pub id: i64,
    /// Document id.
    pub doc: String,
    /// Title, when known.
    pub title: Option<String>,
    /// Publication day (UTC), when known.
    pub day: Option<String>,
    /// Sentences.
    pub sentences: i64,
    /// Actor and place mentions.
    pub mentions: i64,
    /// Coded events (event mentions).
    pub events: i64,
    /// Quotations.
    pub quotations: i64,
    /// Its story.
    pub story: i64,
    /// Articles in that story.
    pub story_articles: i64,
    /// The document id of the stored article it copies (exact or near), if any.
    pub copy_of: Option<String>,
    /// Estimated similarity to that article (1 for an exact copy).
    pub similarity: f64,
}

impl Store {
    /// A stored article in brief.
    pub fn article_summary(&self, article: i64) -> Result<ArticleSummary> {
        Ok(self.conn.query_row(
            "SELECT a.id, a.doc_id, a.title, a.day,
                (SELECT count(*) FROM sentences WHERE article = a.id),
                (SELECT count(*) FROM actor_mentions WHERE article = a.id),
                (SELECT count(*) FROM event_mentions WHERE article = a.id),
                (SELECT count(*) FROM quotations WHERE article = a.id),
                a.story,
                (SELECT count(*) FROM articles s WHERE s.story = a.story),
                (SELECT d.doc_id FROM articles d WHERE d.id = a.duplicate_of),
                a.similarity
             FROM articles a WHERE a.id = ?1",
            [article],
            |r| {
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    doc: r.get(1)?,
                    title: r.get(2)?,
                    day: r.get(3)?,
                    sentences: r.get(4)?,
                    mentions: r.get(5)?,
                    events: r.get(6)?,
                    quotations: r.get(7)?,
                    story: r.get(8)?,
                    story_articles: r.get(9)?,
                    copy_of: r.get(10)?,
                    similarity: r.get(11)?,
                })
            },
        )?)
    }

    /// The most frequent coded actors of the store (code, its most frequent name, mentions),
    /// most frequent first.
    pub fn top_actors(&self, limit: usize) -> Result<Vec<(String, String, i64)>> {
        let mut st = self.conn.prepare(
            "SELECT code,
                (SELECT coalesce(m2.name, m2.text) AS label FROM actor_mentions m2
                 WHERE m2.code = m.code GROUP BY label ORDER BY count(*) DESC, label LIMIT 1),
                count(*) AS n
             FROM actor_mentions m
             WHERE code IS NOT NULL GROUP BY code ORDER BY n DESC, code LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
