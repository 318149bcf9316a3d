//! Scoring the readers against gold data: main-text extraction and sentence boundaries.

pub mod boundaries;
pub mod extraction;

use std::path::PathBuf;

/// The path of `rel` inside the shared data folder (`../shared` beside the checkout, or the
/// folder named by `TACITUS_SHARED`), if it exists. Tests and evaluations that need shared
/// data call this and skip with a message when it returns `None`.
pub fn shared_path(rel: &str) -> Option<PathBuf> {
    let base = match std::env::var_os("TACITUS_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let path = base.join(rel);
    path.exists().then_some(path)
}
