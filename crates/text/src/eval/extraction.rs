//! Main-text extraction F1 (4-token shingles) against the article-extraction benchmark.
//! OWNER: html helper.
