//! The SQL schema, as numbered migrations.
//!
//! `PRAGMA user_version` holds the schema version of a store file. Opening a store applies, in
//! one transaction each, every migration above its version; a store written by a newer tacitus
//! (a version above [`SCHEMA_VERSION`]) is refused rather than guessed at. A released migration
//! is never edited: a change is a new migration, and a fixture of each released version lives in
//! `tests/fixtures/` and must still open.

use rusqlite::Connection;

use crate::Error;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Migration `i` takes a store from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1];

/// Version 1: articles, stories, sentences with full-text search, actor mentions, event
/// mentions and merged events, quotations, facts, diagnostics, failures and runs.
const V1: &str = r#"
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    binary_version TEXT NOT NULL,
    model_version TEXT NOT NULL,
    grammar TEXT NOT NULL,
    dictionaries TEXT NOT NULL,
    coder TEXT NOT NULL,
    UNIQUE (binary_version, model_version, grammar, dictionaries, coder)
);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    first_article INTEGER NOT NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,
    text_hash BLOB NOT NULL,
    doc_id TEXT NOT NULL,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    source_name TEXT NOT NULL,
    title TEXT,
    published TEXT,
    day TEXT,
    meta TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    offsets TEXT NOT NULL,
    text TEXT NOT NULL,
    story INTEGER NOT NULL REFERENCES stories (id),
    duplicate_of INTEGER REFERENCES articles (id),
    similarity REAL NOT NULL,
    minhash BLOB NOT NULL,
    run INTEGER NOT NULL REFERENCES runs (id)
);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_story ON articles (story);

CREATE TABLE lsh (
    band INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (band, article)
) WITHOUT ROWID;

CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    UNIQUE (article, idx)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, content = '', contentless_delete = 1);

CREATE TABLE actor_mentions (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (id),
    run INTEGER NOT NULL REFERENCES runs (id),
    sentence INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    name TEXT,
    code TEXT,
    method TEXT NOT NULL,
    place TEXT
);
CREATE INDEX actor_mentions_article ON actor_mentions (article);
CREATE INDEX actor_mentions_code ON actor_mentions (code);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,
    story INTEGER NOT NULL REFERENCES stories (id),
    date TEXT,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    cameo TEXT NOT NULL,
    root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    plover TEXT NOT NULL,
    country TEXT,
    place TEXT,
    first_mention INTEGER,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_source ON events (source, date);
CREATE INDEX events_target ON events (target, date);
CREATE INDEX events_cameo ON events (cameo, date);
CREATE INDEX events_root ON events (root, date);
CREATE INDEX events_country ON events (country, date);

CREATE TABLE event_mentions (
    id INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES events (id),
    article INTEGER NOT NULL REFERENCES articles (id),
    run INTEGER NOT NULL REFERENCES runs (id),
    record_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    sentence_row INTEGER,
    record TEXT NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions (event);
CREATE INDEX event_mentions_article ON event_mentions (article);
CREATE INDEX event_mentions_sentence ON event_mentions (sentence_row);

CREATE TABLE quotations (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (id),
    run INTEGER NOT NULL REFERENCES runs (id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    direct INTEGER NOT NULL,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_code TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT
);
CREATE INDEX quotations_article ON quotations (article);

CREATE TABLE facts (
    article INTEGER PRIMARY KEY REFERENCES articles (id),
    run INTEGER NOT NULL REFERENCES runs (id),
    facts TEXT NOT NULL
);

CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (id),
    run INTEGER NOT NULL REFERENCES runs (id),
    stage TEXT NOT NULL,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    start INTEGER,
    end INTEGER
);
CREATE INDEX diagnostics_article ON diagnostics (article);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    input TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    UNIQUE (input, kind, message)
);
"#;

/// The schema version of an open store file.
pub fn version(conn: &Connection) -> Result<i64, Error> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings a store to [`SCHEMA_VERSION`], one migration per transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), Error> {
    let mut current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    while current < SCHEMA_VERSION {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[current as usize])?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
        current += 1;
    }
    Ok(())
}
