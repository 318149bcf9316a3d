//! tacitus grammar: tagger, lemmatizer and dependency parser. Being written (issue 3).

#![warn(missing_docs)]
