#!/usr/bin/env python3
"""Checks the published open data of a built site against its database.

Usage: python3 tools/check_data.py SITE_DIR DATABASE

- every dataset CSV loads with Python's standard csv module; row counts and
  numeric column sums match the database (or the JSON twin for derived tables);
- the Excel CSV is the plain CSV with a UTF-8 BOM in front, once its
  spreadsheet rules are undone (the fields' Chinese titles as the header, words for
  codes, ="digits" and the formula apostrophe);
- SHA256SUMS of data/latest and of every release verify;
- `frictionless validate` passes on data/datapackage.json and on every release;
- the pandas lines each dataset page gives run as printed: they read every row, and
  the code columns (registration and region codes) come back as text, not numbers.
Exits non-zero on the first class of failure, after printing every problem found.
"""
import csv
import hashlib
import json
import os
import sqlite3
import subprocess
import sys

site, database = sys.argv[1], sys.argv[2]
data = os.path.join(site, "data")
problems = []


def load(name):
    with open(os.path.join(data, name + ".csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if text != "" else 0.0


db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
scalar = lambda sql: db.execute(sql).fetchone()[0]

checks = {
    "institutions": ("SELECT count(*) FROM institutions",
                     {"beds_total": "SELECT sum(beds_total) FROM institutions",
                      "beds_nursing": "SELECT sum(beds_nursing) FROM institutions",
                      "residents": "SELECT total(residents) FROM institutions",
                      "caregivers": "SELECT total(caregivers) FROM institutions"}),
    # A rating dated after the data date is not part of these data (the site leaves it out).
    "ratings": ("SELECT count(*) FROM ratings WHERE rated_on <= (SELECT value FROM meta WHERE key = 'data_as_of')",
                {"level": "SELECT sum(level) FROM ratings WHERE rated_on <= (SELECT value FROM meta WHERE key = 'data_as_of')"}),
    "services": ("SELECT count(*) FROM services", {"seq": "SELECT sum(seq) FROM services"}),
    "regions": ("SELECT count(*) FROM regions", {}),
    "region-stats": ("SELECT count(*) FROM region_stats", {"value": "SELECT sum(value) FROM region_stats"}),
    "observations": ("SELECT count(*) FROM observations", {"value": "SELECT sum(value) FROM observations"}),
}
for name, (count_sql, sums) in checks.items():
    rows = load(name)
    if len(rows) != scalar(count_sql):
        problems.append(f"{name}.csv: {len(rows)} rows, database has {scalar(count_sql)}")
    for column, sql in sums.items():
        got, want = sum(number(r[column]) for r in rows), float(scalar(sql) or 0)
        if abs(got - want) > 1e-6 * max(1.0, abs(want)):
            problems.append(f"{name}.csv: sum of {column} is {got}, database says {want}")

# Derived tables: the CSV and its JSON twin hold the same rows.
derived = ["credit-records", "indicators", "indicator-definitions", "bed-gaps"]
for name in derived:
    rows = load(name)
    with open(os.path.join(data, name + ".json"), encoding="utf-8") as f:
        twin = json.load(f)
    if len(rows) != len(twin):
        problems.append(f"{name}: CSV has {len(rows)} rows, JSON {len(twin)}")
defined = {r["code"] for r in load("indicator-definitions")}
undefined = {r["indicator"] for r in load("indicators")} - defined
if undefined:
    problems.append(f"indicators.csv: indicators without a row in indicator-definitions.csv: {sorted(undefined)[:5]}")
# Bed gaps: recomputed here from the region statistics by the plan's formula.
def stat(code, metric, kind=None, year=None):
    sql = "SELECT value FROM region_stats WHERE region_code = ? AND metric = ?" + (" AND kind = ?" if kind else "") + (" AND year = ?" if year else "")
    row = db.execute(sql, [code, metric] + ([kind] if kind else []) + ([year] if year else [])).fetchone()
    return row[0] if row else None
for r in load("bed-gaps"):
    code = r["region_code"]
    pop = float(r["population_60plus_2025"])
    if stat(code, "population_60plus", year=2025) != pop:
        problems.append(f"bed-gaps.csv {code}: population_60plus_2025 {pop} is not the region statistic")
    needed = int(pop * 0.02 + 0.5)  # half away from zero (the values are positive)
    inst, comm = int(r["beds_institution"]), int(r["beds_community_fullcare"])
    if int(r["beds_needed"]) != needed or int(r["gap"]) != needed - inst - comm:
        problems.append(f"bed-gaps.csv {code}: needed {r['beds_needed']}, gap {r['gap']}; the formula gives {needed}, {needed - inst - comm}")
    if stat(code, "beds_institution_existing") != inst or stat(code, "beds_community_fullcare_existing") != comm:
        problems.append(f"bed-gaps.csv {code}: existing beds are not the region statistics")
    printed = stat(code, "bed_gap_published")
    if (printed is None) != (r["gap_printed"] == "") or printed is not None and int(printed) != int(r["gap_printed"]):
        problems.append(f"bed-gaps.csv {code}: gap_printed {r['gap_printed']} is not bed_gap_published {printed}")
credit_ids = {r["id"] for r in load("credit-records")}
unknown = credit_ids - {row[0] for row in db.execute("SELECT id FROM credit_records")}
if unknown:
    problems.append(f"credit-records.csv: ids not in the database: {sorted(unknown)[:5]}")

def unexcel(cell):
    """Undoes the Excel file's two rules: ="…" around text a spreadsheet would read as a
    number or a date, and the apostrophe guard."""
    if cell.startswith('="') and cell.endswith('"') and '"' not in cell[2:-1]:
        return cell[2:-1]
    if cell.startswith("'") and (cell[1:2] in ("=", "+", "-", "@", "\t", "\r") or cell[1:2] == "'" and cell[2:3] in ("=", "+", "-", "@", "\t", "\r")):
        return cell[1:]
    return cell


with open(os.path.join(data, "datapackage.json"), encoding="utf-8") as f:
    schemas = {r["name"]: r["schema"]["fields"] for r in json.load(f)["resources"]}


def words(name):
    """Per column, the Excel file's word -> the code (from the Table Schema's categories;
    yes/no fields are written 是/否)."""
    out = []
    for field in schemas[name]:
        if field["type"] == "boolean":
            out.append({"是": "true", "否": "false"})
        else:
            out.append({c["label"]: c["value"] for c in field.get("categories", [])})
    return out


for name in sorted(checks.keys() | set(derived)):
    with open(os.path.join(data, name + ".csv"), newline="", encoding="utf-8") as f:
        plain = list(csv.reader(f))
    back = words(name)
    with open(os.path.join(data, name + "-excel.csv"), "rb") as f:
        excel = f.read()
    if not excel.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{name}-excel.csv does not start with a UTF-8 BOM")
    rows = list(csv.reader(excel[3:].decode("utf-8").splitlines(keepends=True)))
    if rows[0] != [field["title"] for field in schemas[name]]:
        problems.append(f"{name}-excel.csv's header is not the fields' Chinese titles")
    undone = [plain[0]] + [[back[i].get(unexcel(c), unexcel(c)) for i, c in enumerate(r)] for r in rows[1:]]
    if undone != plain:
        problems.append(f"{name}-excel.csv does not hold the plain CSV's values")
    if any(back[i] and c in back[i].values() for r in rows[1:] for i, c in enumerate(r)):
        problems.append(f"{name}-excel.csv writes a code where its word belongs")


def verify_sums(folder):
    with open(os.path.join(folder, "SHA256SUMS"), encoding="utf-8") as f:
        for line in f:
            digest, name = line.rstrip("\n").split("  ", 1)
            with open(os.path.join(folder, name), "rb") as g:
                if hashlib.sha256(g.read()).hexdigest() != digest:
                    problems.append(f"{folder}/{name}: SHA-256 does not match SHA256SUMS")


releases = os.path.join(data, "releases")
release_dirs = sorted(os.path.join(releases, d) for d in os.listdir(releases) if os.path.isdir(os.path.join(releases, d))) if os.path.isdir(releases) else []
if not release_dirs:
    problems.append("no release under data/releases/")
for folder in [os.path.join(data, "latest")] + release_dirs:
    verify_sums(folder)

for package in [os.path.join(data, "datapackage.json")] + [os.path.join(d, "datapackage.json") for d in release_dirs]:
    run = subprocess.run(["frictionless", "validate", package], capture_output=True, text=True)
    if run.returncode != 0:
        problems.append(f"frictionless validate {package} failed:\n{run.stdout[-3000:]}")

# The reading snippets of the dataset pages, run as a journalist would paste them.
import html
import re
import pandas as pd
snippets = 0
for name in sorted(checks.keys() | set(derived)):
    with open(os.path.join(data, name, "index.html"), encoding="utf-8") as f:
        page = f.read()
    block = re.search(r"<pre[^>]*><code>(import pandas.*?)</code></pre>", page, re.S)
    if not block:
        continue
    python = html.unescape(block.group(1)).split("\n# R\n")[0]
    rows = len(load(name))
    for part in python.split("\n\n"):
        scope = {}
        try:
            cwd = os.getcwd(); os.chdir(data)
            exec("import pandas as pd\n" + part, scope)
        except Exception as e:  # noqa: BLE001 - any failure of a printed snippet is a finding
            problems.append(f"data/{name}/: the reading snippet fails: {part!r}: {e}")
            continue
        finally:
            os.chdir(cwd)
        df = scope["df"]
        snippets += 1
        if len(df) != rows:
            problems.append(f"data/{name}/: the snippet {part.splitlines()[-1]!r} reads {len(df)} rows, the CSV holds {rows}")
        for code in re.findall(r'"(\w+)": str', part):
            if pd.api.types.is_numeric_dtype(df[code]):
                problems.append(f"data/{name}/: the snippet reads {code} as numbers ({df[code].dtype})")
        # Dates asked for (parse_dates in CSV, to_datetime after reading JSON) come out as dates.
        for listed in re.findall(r"(?:parse_dates=|df\[)\[([^\]]*)\]", part):
            for column in re.findall(r'"(\w+)"', listed):
                if not pd.api.types.is_datetime64_any_dtype(df[column]):
                    problems.append(f"data/{name}/: the snippet reads {column} as {df[column].dtype}, not dates")
if snippets == 0:
    problems.append("no dataset page gives a pandas snippet")

for p in problems:
    print("check-data:", p)
print(f"check-data: {len(checks) + len(derived)} datasets, {len(release_dirs)} release(s), {snippets} reading snippets: "
      + ("all checks passed" if not problems else f"{len(problems)} problem(s)"))
sys.exit(1 if problems else 0)
