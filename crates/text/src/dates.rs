//! Publication dates and times as news writes them. OWNER: lead. Being written.
