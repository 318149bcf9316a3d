//! Sentence-boundary F1 against CoNLL-U gold. OWNER: segmenter helper.
