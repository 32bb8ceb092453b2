#!/usr/bin/env python3
"""Search checks of a built site in headless Chromium (run by `make check-a11y`).

Usage: python3 tools/check_search.py BASE_URL SITE_DIR

The site's search runs in the browser (assets/site.js over search/*.json). For queries
people type — a place and a kind of home, a fragment of a name, characters out of order,
a registration code typed in full width — the results are compared with the facility
names in SITE_DIR/data/institutions.csv: every facility whose name holds the query's
parts is listed (or the list says it is a selection), and nothing is called a whole
match that is not one; where more than 24 match, "再显示" lists the rest with the focus on
the first new one. Exits non-zero on any difference.
"""
import csv
import glob
import os
import re as _re
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

base, site = sys.argv[1].rstrip("/") + "/", sys.argv[2]
with open(f"{site}/data/institutions.csv", encoding="utf-8") as f:
    facilities = list(csv.DictReader(f))
names = [r["name"] for r in facilities]

options = Options()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=390,844"]:
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = []


def search(q):
    driver.get(base + "search/?q=" + urllib.parse.quote(q))
    for _ in range(50):
        status = driver.execute_script("var s = document.getElementById('search-status'); return s ? s.textContent : ''")
        if status and "正在" not in status:
            break
        time.sleep(0.1)
    titles = driver.execute_script("return [...document.querySelectorAll('#search-results ol.results li > a')].map(a => a.textContent.trim())")
    return status, titles


def expect(q, ok, why):
    if not ok:
        failures.append(f"{q}: {why}")
    print(("ok   " if ok else "FAIL ") + q + (": " + why if not ok else ""))


def place_and_kind(place, kind):
    """Every facility named '<place>…<kind>…' is found, and no partial match is called whole."""
    q = place + kind
    wanted = sorted(n for n in names if n.startswith(place) and kind in n)
    status, titles = search(q)
    if not wanted:
        return
    if len(wanted) <= 24:
        missing = [n for n in wanted if n not in titles]
        expect(q, not missing and "部分符合" not in status, f"missing {missing[:3]} ({status})")
    else:
        listed = [t for t in titles if t in names]
        wrong = [t for t in listed if not (t.startswith(place) and kind in t)]
        expect(q, len(titles) == 24 and not wrong and "最相关的 24 条" in status, f"{len(titles)} listed, not matching {wrong[:3]} ({status})")
        # "再显示" lists the rest, 24 at a time, until every one is listed.
        for _ in range(40):
            more = driver.find_elements("id", "search-more")
            if not more:
                break
            count, before = len(titles), titles
            more[0].click()
            for _ in range(50):
                titles = driver.execute_script("return [...document.querySelectorAll('#search-results ol.results li > a')].map(a => a.textContent.trim())")
                if len(titles) > count:
                    break
                time.sleep(0.1)
            if titles[:count] != before:
                expect(q + " 再显示", False, "the results already shown moved")
            focused = driver.execute_script("return document.activeElement.textContent.trim()")
            if focused != titles[count]:
                expect(q + " 再显示", False, f"focus on {focused!r}, not the first new result {titles[count]!r}")
        status = driver.execute_script("return document.getElementById('search-status').textContent")
        missing = [n for n in wanted if n not in titles]
        expect(q + " 再显示", not missing and not driver.find_elements("id", "search-more") and f"找到 {len(titles)} 条" in status,
               f"missing {missing[:3]} after showing more ({status})")


# A county and a kind of facility, for the counties with the most facilities and the fewest.
from collections import Counter
by_count = [c for c, _ in Counter(n[:3] for n in names if len(n) > 3 and n[2] in "区县市").most_common()]
for place in by_count[:3] + by_count[-2:]:
    for kind in ["养老院", "敬老院", "日间照料", "养老"]:
        place_and_kind(place, kind)

# A fragment of a name; characters of a name out of its order.
sample = next(n for n in names if "养老院" in n and len(n) >= 7)
fragment = sample[3:5]
status, titles = search(fragment)
expect(fragment, sample in titles or "最相关" in status, f"{sample} not among {titles[:5]}")
status, titles = search(sample[:2] + sample[3:5])
expect(sample[:2] + sample[3:5], titles[:1] == [sample] or sample in titles, f"{sample} not first: {titles[:3]}")

# A registration code typed in full width goes to its facility.
code = facilities[0]["id"]
full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
status, titles = search(full_width)
expect("full-width code", titles == [facilities[0]["name"]], f"{titles[:3]} ({status})")

# The summary pages are found by what people call them.
for q, page in [("五级", "等级评定"), ("黑名单", "信用信息"), ("下载数据", "开放数据")]:
    status, titles = search(q)
    expect(q, any(t.startswith(page) for t in titles[:3]), f"{page} not among the first three: {titles[:3]}")

# This area's own policy texts come before other areas' reference texts that match as well.
own, other = [], []
for path in glob.glob(os.path.join(site, "policies", "*", "index.html")):
    page = open(path, encoding="utf-8").read()
    m = _re.search(r"<h1[^>]*>(.*?)</h1>", page, _re.S)
    if m:
        (other if "外地参考" in page else own).append(_re.sub(r"<[^>]+>", "", m.group(1)).strip())
for q in ["规划", "护理补贴", "高龄补贴"]:
    status, titles = search(q)
    order = [("other" if t in other else "own") for t in titles if t in own or t in other]
    expect(q + " (own texts first)", "own" not in order[order.index("other"):] if "other" in order else True, f"{titles[:6]}")

# Asking for a number to ring gets the hotline.
status, titles = search("投诉电话")
hotline = driver.execute_script("return !!document.querySelector('#search-results a[href=\"tel:12345\"]')")
expect("投诉电话 (hotline)", hotline, "no tel:12345 link")

# A facility renamed is found by each of its former names (datasets: former_names), first.
for r in facilities:
    for former in [n for n in r.get("former_names", "").split("；") if n]:
        status, titles = search(former)
        expect(former + " (former name)", titles[:1] == [r["name"]], f"{titles[:3]}")
        break

# What families add to a name is dropped ("…电话"), and "附近的养老院" and "…收费" say where nearness and fees are.
status, titles = search(names[0] + "电话")
expect(names[0] + "电话 (name and a word)", titles[:1] == [names[0]], f"{status} {titles[:3]}")
for q, hint in [("附近的养老院", "near-hint"), ("养老院收费", "fee-hint")]:
    search(q)
    shown = driver.execute_script(f"var e = document.getElementById('{hint}'); return !!e && !e.hidden")
    expect(f"{q} ({hint})", shown, "the hint is not shown")

driver.quit()
if failures:
    print(f"check-search: {len(failures)} failure(s)")
    sys.exit(1)
print("check-search: all queries found what the data hold")
