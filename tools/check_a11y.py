#!/usr/bin/env python3
"""Accessibility and layout checks of a built site in headless Chromium.

Usage: python3 tools/check_a11y.py BASE_URL   (e.g. http://127.0.0.1:8731/)

For the home page, the directory, an institution page, an indicator page, a
policy page, search, ratings, credit, regions, data, a dataset page and the compare page, in normal and elder mode (长辈模式): axe-core (WCAG 2.0/2.1 A and AA
rules) must report zero violations, and at 360 px there must be no horizontal
scrolling. Prints every violation and exits non-zero if there is any.
"""
import sys
import time

import os

import axe_core_python
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

base = sys.argv[1].rstrip("/") + "/"
# axe-core as shipped inside the PyPI package axe-core-python (axe 4.x).
with open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8") as f:
    AXE = f.read()
options = Options()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=360,800"]:
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_script_timeout(120)


def first_link(path, prefix):
    driver.get(base + path)
    for a in driver.find_elements("css selector", "a"):
        href = a.get_attribute("href") or ""
        if prefix in href and not href.rstrip("/").endswith(prefix.rstrip("/")):
            return href[len(base):] if href.startswith(base) else href
    raise SystemExit(f"no link containing {prefix} on {path}")


def care_homes(n):
    """The first n care homes the ratings page lists (only care homes are compared)."""
    driver.get(base + "ratings/")
    ids = []
    for a in driver.find_elements("css selector", "a"):
        part = (a.get_attribute("href") or "").rstrip("/").split("/institutions/")
        if len(part) == 2 and len(part[1]) == 18 and part[1] not in ids:
            ids.append(part[1])
    return ids[:n]


pages = {
    "home": "",
    "directory": "institutions/",
    "institution": first_link("institutions/", "/institutions/1"),
    "indicator": "indicators/nursing_bed_share/",
    "policy": first_link("policies/", "/policies/"),
    # 曲沃养老院: a county and a kind of home, so the link to the county's homes shows too.
    "search": "search/?q=%E6%9B%B2%E6%B2%83%E5%85%BB%E8%80%81%E9%99%A2",
    # 失能老人: a need said alone, answered by the care homes with nursing beds.
    "search-need": "search/?q=%E5%A4%B1%E8%83%BD%E8%80%81%E4%BA%BA",
    "ratings": "ratings/",
    # Penalties (red) and spot-check findings (amber); a wide list turned into cards.
    "credit": "credit/",
    "regions": "regions/",
    "region": first_link("regions/", "/regions/1"),
    "data": "data/",
    # A dataset page: its example rows scroll sideways, and so does its code to read the file.
    "dataset": "data/institutions/",
    # Three care homes side by side: on a phone each item is a line above the three values.
    "compare": "compare/?ids=" + ",".join(care_homes(3)),
}
problems = 0
for mode in ["normal", "elder"]:
    for name, path in pages.items():
        driver.get(base + path)
        driver.execute_script("try{localStorage.setItem('yl-elder', arguments[0])}catch(e){}", "1" if mode == "elder" else "0")
        driver.get(base + path)
        time.sleep(0.5)  # let the deferred script and its fetches finish
        driver.execute_script(AXE)
        result = driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then(function (r) { done(r); }, function (e) { done({error: String(e)}); });""")
        if "error" in result:
            raise SystemExit(f"axe failed on {path}: {result['error']}")
        for v in result["violations"]:
            problems += 1
            targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
            print(f"{mode} {name} ({path}): {v['id']} [{v['impact']}] {v['help']} — {targets}")
        if name == "compare" and len(driver.find_elements("css selector", "#compare-table table td")) < 3:
            problems += 1
            print(f"{mode} compare: the table of three care homes was not drawn")
        if name == "search":
            links = [a.get_attribute("href") for a in driver.find_elements("css selector", "p.quick-find a")]
            if not any("county=141021&category=institution" in (h or "") for h in links):
                problems += 1
                print(f"{mode} search: no link to 曲沃县's care homes for 曲沃养老院 (found {links})")
            # A city's index is small enough to search whole: no "only part of the records" note.
            said = driver.find_element("css selector", "#search-results").text
            if "只查了一部分记录" in said:
                problems += 1
                print(f"{mode} search: the sample city's search says it read only part of the index")
        if name == "search-need":
            links = [a.get_attribute("href") for a in driver.find_elements("css selector", "p.quick-find a")]
            if not any("nursing=1" in (h or "") for h in links):
                problems += 1
                print(f"{mode} search: no link to the care homes with nursing beds for 失能老人 (found {links})")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems += 1
            print(f"{mode} {name} ({path}): scrolls sideways by {overflow}px at 360px")
        print(f"{mode:6} {name:11} {len(result['violations'])} violation(s), {len(result['passes'])} rules passed, overflow {max(overflow, 0)}px")
driver.quit()
print("check-a11y: " + ("no violations" if problems == 0 else f"{problems} problem(s)"))
sys.exit(1 if problems else 0)
