#!/usr/bin/env python3
"""Builds crates/nlp/data/wordnet-exceptions.tsv from WordNet 3.0's exception lists
(verb.exc, noun.exc, adj.exc, adv.exc), as Debian's wordnet-base package ships them:

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python3 tools/nlp/build_wordnet_exceptions.py /tmp/wn/usr/share/wordnet

One line per (class, form): the first lemma WordNet lists. Licence: WordNet 3.0 (Princeton
University), which allows use, copying and distribution with its notice (kept in the file).
"""
import os
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
out_path = "crates/nlp/data/wordnet-exceptions.tsv"
rows = []
for cls, name in [("v", "verb.exc"), ("n", "noun.exc"), ("a", "adj.exc"), ("r", "adv.exc")]:
    seen = set()
    with open(os.path.join(src, name), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            form, lemma = parts[0], parts[1]
            if "_" in form or "_" in lemma or form in seen:
                continue
            seen.add(form)
            rows.append((cls, form, lemma))
rows.sort()
with open(out_path, "w", encoding="utf-8") as out:
    out.write("# Irregular forms and their lemmas from WordNet 3.0's exception lists (verb.exc, noun.exc,\n")
    out.write("# adj.exc, adv.exc; Debian wordnet-base 1:3.0-37), built by tools/nlp/build_wordnet_exceptions.py.\n")
    out.write("# Columns: class (v, n, a, r), form, lemma.\n")
    out.write("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to use,\n")
    out.write("# copy, modify and distribute this database for any purpose and without fee or royalty is\n")
    out.write("# granted provided this notice appears on all copies. THIS DATABASE IS PROVIDED \"AS IS\" AND\n")
    out.write("# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of\n")
    out.write("# Princeton University may not be used in advertising or publicity about this database.\n")
    for cls, form, lemma in rows:
        out.write(f"{cls}\t{form}\t{lemma}\n")
print(f"{len(rows)} exceptions")
