#!/usr/bin/env python3
"""Generate the synthetic facility data of the Linfen (临汾市, 141000) sample city.

Writes three UTF-8 CSV files (RFC 4180, header row equal to the table's
columns, LF line endings, empty field = NULL) into content/data/:

  institutions.csv    124 care institutions (37 public, 87 private, 9121 beds,
                      2336 nursing beds), 61 urban community facilities
                      (22 社区养老幸福工程), 55 township centres, 831 village
                      day-care centres
  ratings.csv         等级评定 history of care institutions (GB/T 37276-2018)
  credit_records.csv  信用承诺, 双随机抽查, 行政处罚, 守信激励, 失信惩戒, 黑名单

Totals and per-county proportions follow the published Linfen plan
(临汾市养老服务体系建设规划 2024–2028: 发展基础 paragraph, annex 1 and 2).
Every facility record, name, address, phone, person, rating and credit record
is INVENTED: it is sample data (示例数据), not a disclosure about any real
organisation or person. Real institutions named in the plan are never used.

The output is committed to the repository as sample data; do not edit the CSV
files by hand. Regenerate them only by running, from the repository root:

    python3 tools/gen_sample.py

The generator uses only the standard library and a fixed seed, so two runs
give byte-identical files.
"""

import csv
import datetime as dt
import os
import re
import sys

import random

SEED = 20241231
DATA_AS_OF = dt.date(2024, 12, 31)  # of the drawing calendar; written as 2023-12-31 (see earlier())
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content", "data")

# ---------------------------------------------------------------------------
# Published figures (real)
# ---------------------------------------------------------------------------

# code, name, penalty-document prefix, population 2023 (万人, annex 2),
# institution beds (annex 2 机构床位), townships (annex 1 乡镇区域养老服务中心
# target = number of townships), urban communities (annex 1 社区养老服务设施),
# approximate county-seat latitude / longitude.
COUNTIES = [
    ("141002", "尧都区", "尧", 94.42, 1924, 14, 85, 36.0880, 111.5190),
    ("141021", "曲沃县", "曲", 21.23, 471, 7, 8, 35.6410, 111.4750),
    ("141022", "翼城县", "翼", 25.96, 557, 9, 14, 35.7390, 111.7180),
    ("141023", "襄汾县", "襄", 42.20, 1093, 13, 12, 35.8770, 111.4420),
    ("141024", "洪洞县", "洪", 62.77, 1254, 15, 18, 36.2540, 111.6750),
    ("141025", "古县", "古", 7.86, 172, 6, 6, 36.2670, 111.9200),
    ("141026", "安泽县", "安", 7.42, 260, 6, 5, 36.1480, 112.2500),
    ("141027", "浮山县", "浮", 9.54, 100, 7, 6, 35.9680, 111.8480),
    ("141028", "吉县", "吉", 8.60, 130, 7, 7, 36.0980, 110.6820),
    ("141029", "乡宁县", "乡", 20.27, 402, 10, 11, 35.9700, 110.8470),
    ("141030", "大宁县", "大", 5.12, 207, 5, 4, 36.4650, 110.7520),
    ("141031", "隰县", "隰", 8.90, 80, 7, 6, 36.6930, 110.9400),
    ("141032", "永和县", "永", 4.77, 140, 6, 5, 36.7600, 110.6320),
    ("141033", "蒲县", "蒲", 9.43, 369, 8, 5, 36.4120, 111.0960),
    ("141034", "汾西县", "汾", 9.85, 360, 7, 7, 36.6530, 111.5680),
    ("141081", "侯马市", "侯", 25.80, 712, 3, 29, 35.6190, 111.3720),
    ("141082", "霍州市", "霍", 27.09, 1135, 7, 25, 36.5690, 111.7550),
]
# 8 counties the plan names as 社区养老幸福工程空白县.
NO_HAPPINESS = {"141025", "141028", "141030", "141031", "141032", "141033", "141034", "141082"}

N_INSTITUTIONS, N_PUBLIC, N_PRIVATE = 124, 37, 87
BEDS_TOTAL, BEDS_NURSING = 9121, 2336
N_COMMUNITY, N_HAPPINESS, N_TOWNSHIP, N_VILLAGE = 61, 22, 55, 831
CAREGIVERS, CERTIFIED = 683, 478          # 683 staff, 持证上岗率 70%
FIRE_ACCEPTED = 100

# Institutions per county (public, private): invented but plausible; the
# sums are the published 37 / 87.
INST_COUNTS = {
    "141002": (3, 20), "141021": (2, 5), "141022": (2, 6), "141023": (3, 10),
    "141024": (4, 11), "141025": (2, 1), "141026": (2, 2), "141027": (2, 1),
    "141028": (2, 1), "141029": (2, 4), "141030": (2, 1), "141031": (1, 1),
    "141032": (2, 1), "141033": (2, 3), "141034": (2, 3), "141081": (1, 8),
    "141082": (3, 9),
}

# Real names from the plan (and close variants): must never appear.
FORBIDDEN_NAMES = ["正元养老院", "尧都区中心敬老院", "尧都区老年医养中心", "荣福老年公寓",
                   "临汾市养老公寓", "侯马市中心敬老院", "临汾市三院", "临汾市中心医院"]
FORBIDDEN_FRAGMENTS = ["正元", "荣福", "老年医养中心", "养老公寓", "三院", "中心医院", "临汾市"]

# Real township names of Linfen that the invented ones must not reproduce.
REAL_TOWNSHIPS = set(
    "乐昌 史村 曲村 高显 里村 北董 杨谈 屯里 乔李 大阳 县底 刘村 金殿 吴村 土门 魏村 尧庙 贾得 段店 "
    "枕头 河底 唐兴 南梁 里砦 隆化 桥上 西阎 中卫 南唐 新城 汾城 襄陵 邓庄 古城 赵康 景毛 永固 陶寺 "
    "大邓 西贾 甘亭 曲亭 苏堡 明姜 赵城 万安 淹底 辛村 龙马 山头 左木 堤村 岳阳 北平 古阳 旧县 石壁 "
    "府城 和川 唐城 冀氏 良马 马壁 天坛 北王 槐埝 张庄 东张 吉昌 壶口 车城 文城 中垛 昌宁 光华 台头 "
    "管头 西坡 双鹤 尉庄 枣岭 昕水 曲峨 三多 太德 太古 龙泉 下李 寨子 午城 克城 红道 薛关 芝河 桑壁 "
    "坡头 交口 南垣 楼山 窑头 上马 张村 新田 高村 凤城 浍滨 退沙 白龙 辛置 大张 李曹 师庄 三教 开元 "
    "鼓楼 平阳 东城 西城 南城 北城 安泽 永和 青城 和平 清河".split())

# ---------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997)
# ---------------------------------------------------------------------------

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ORG_BODY_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check_char(first17):
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    c = 31 - total % 31
    return USCC_CHARSET[0 if c == 31 else c]


def uscc_valid(code):
    """Self-check: 18 characters from the charset with a correct check character."""
    return (len(code) == 18 and all(c in USCC_CHARSET for c in code)
            and uscc_check_char(code[:17]) == code[17])


def org_code_check_char(body8):
    def value(c):
        return int(c) if c.isdigit() else ord(c) - 55  # A = 10 … Z = 35
    c = 11 - sum(value(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def make_uscc(rng, used, prefix, county):
    """prefix '12' (事业单位, public) or '52' (民政-registered 民办非企业单位)."""
    while True:
        body = "".join(rng.choice(ORG_BODY_CHARSET) for _ in range(8))
        if body.isdigit():  # keep at least one letter: no 18-digit id ever looks like an ID card
            continue
        org = body + org_code_check_char(body)
        if org in used:
            continue
        used.add(org)
        first17 = prefix + county + org
        code = first17 + uscc_check_char(first17)
        assert uscc_valid(code), code
        return code


# The example code printed in GB 32100-2015 itself must validate.
assert uscc_valid("91350100M000100Y43")
assert not uscc_valid("91350100M000100Y44")

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def largest_remainder(total, weights):
    s = float(sum(weights))
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def split_bounded(rng, total, weights, lo, hi):
    """Integers proportional to weights, each within [lo[i], hi[i]], summing to total."""
    n = len(weights)
    assert sum(lo) <= total <= sum(hi), (total, sum(lo), sum(hi))
    vals = [min(max(v, lo[i]), hi[i]) for i, v in enumerate(largest_remainder(total, weights))]
    diff = total - sum(vals)
    while diff:
        step = 1 if diff > 0 else -1
        room = [i for i in range(n) if (vals[i] < hi[i] if step > 0 else vals[i] > lo[i])]
        i = rng.choice(room)
        vals[i] += step
        diff -= step
    return vals


def rand_date(rng, start, end):
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def plus_years_minus_day(d, years):
    try:
        end = d.replace(year=d.year + years)
    except ValueError:  # 29 February
        end = d.replace(year=d.year + years, day=28)
    return end - dt.timedelta(days=1)


def weighted_sample(rng, items, weights, k):
    """k distinct items, probability rising with weight (Efraimidis–Spirakis)."""
    keyed = sorted(((rng.random() ** (1.0 / w), idx) for idx, w in enumerate(weights)), reverse=True)
    return [items[idx] for _, idx in keyed[:k]]


def iso(d):
    return d.isoformat() if d else None


# ---------------------------------------------------------------------------
# Invented vocabulary
# ---------------------------------------------------------------------------

TOWN_A = list("东西南北新安平清柳杏槐榆杨石泉龙凤青白金桃松兴和永双三丰高上")
TOWN_B = list("泉坡原岭川庄营堡峪沟河店阳陵塬湾口坪峰台")
VILLAGE_A = list("东西南北前后上下中新大小王李张刘赵陈郭杜贾段韩薛范侯史柴乔吉卫冯席")
VILLAGE_B = list("庄堡沟坡洼岭峪河家寨营坊头院窑垣")
WORDS = ["康乐", "福寿", "馨安", "颐和", "安康", "松鹤", "永康", "乐龄", "福缘", "祥和", "康宁",
         "德馨", "慈孝", "仁爱", "静怡", "怡心", "长青", "晚晴", "万福", "和美", "嘉禾", "泰和",
         "寿康", "百福", "宁馨", "同心", "孝亲", "椿萱", "鹤年", "延年", "康泰", "瑞祥", "恒康",
         "悦康", "暖阳", "金秋", "乐享", "颐康", "佳和", "福康", "夕照", "益寿"]
PRIVATE_TYPES = ["养老院", "颐养院", "老年公寓", "养老服务中心", "康养中心", "护理院", "颐养中心",
                 "托养中心"]
ROADS = ["向阳路", "滨河路", "建设路", "解放路", "文化街", "育才路", "兴业街", "康宁街", "迎宾大道",
         "府前路", "新华街", "朝阳街", "东环路", "西环路", "南环路", "北环路", "振兴路", "友谊街",
         "青年路", "锦华路"]
COMMUNITIES = ["向阳", "滨河", "建设", "文化", "育才", "兴业", "康宁", "新华", "朝阳", "友谊",
               "青年", "锦绣", "翠苑", "馨园", "府东", "府西", "花园", "紫荆", "长青", "春晖",
               "福泽", "书香", "明德", "安居", "怡景", "东关", "西关", "南关", "北关", "迎宾"]
SURNAMES = list("王李张刘陈杨赵郭贾薛段柴范韩卫冯")
GIVEN = list("建国平华明军强伟芳丽英红霞志刚永春秀兰海涛文斌")

# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


def main():
    rng = random.Random(SEED)
    used_org, used_phone, used_names = set(), set(), set()
    county = {c[0]: c for c in COUNTIES}
    codes = [c[0] for c in COUNTIES]

    def cname(code):
        return county[code][1]

    def phone():
        # Shaped like a Linfen number but never one that rings: a local number does not begin
        # with 0, so a visitor who taps it on the sample site reaches nobody. (The digit drawn
        # first is still drawn, so the rest of the sample stays as it was.)
        while True:
            rng.randint(2, 8)
            p = "0357-0" + "".join(str(rng.randint(0, 9)) for _ in range(6))
            if p not in used_phone:
                used_phone.add(p)
                return p

    def coords(code, spread):
        lat, lon = county[code][7], county[code][8]
        return (round(lat + rng.uniform(-spread, spread), 6), round(lon + rng.uniform(-spread, spread), 6))

    def unique(name):
        assert name not in used_names, name
        used_names.add(name)
        return name

    # invented townships: one per township of the county (annex 1 count)
    combos = [a + b for a in TOWN_A for b in TOWN_B if a != b and a + b not in REAL_TOWNSHIPS]
    rng.shuffle(combos)
    townships, k = {}, 0
    for code in codes:
        n = county[code][5]
        townships[code] = [combos[k + i] + ("镇" if i % 3 != 2 else "乡") for i in range(n)]
        k += n

    def village_name(used):
        while True:
            v = rng.choice(VILLAGE_A) + rng.choice(VILLAGE_B) + "村"
            if v not in used:
                used.add(v)
                return v

    rows = []

    def row(**kw):
        base = dict(id=None, name=None, region_code=None, category=None, ownership=None, address=None,
                    phone=None, latitude=None, longitude=None, opened_on=None, status="operating",
                    beds_total=0, beds_nursing=0, residents=None, caregivers=None,
                    caregivers_certified=None, social_workers=None, medical_integration="none",
                    fire_safety_accepted=0, updated_on=None)
        base.update(kw)
        base["updated_on"] = iso(rand_date(rng, dt.date(2024, 12, 1), dt.date(2024, 12, 31)))
        rows.append(base)
        return base

    # ---- care institutions --------------------------------------------------
    county_beds = largest_remainder(BEDS_TOTAL, [c[4] for c in COUNTIES])
    inst = []
    for (code, name, _, _, _, _, _, _, _), beds in zip(COUNTIES, county_beds):
        n_pub, n_priv = INST_COUNTS[code]
        weights = [rng.uniform(35, 80) for _ in range(n_pub)] + \
                  [rng.lognormvariate(4.4, 0.6) for _ in range(n_priv)]
        lo = [20] * n_pub + [10] * n_priv
        hi = [120] * n_pub + [400] * n_priv
        split = split_bounded(rng, beds, weights, lo, hi)
        towns = rng.sample(townships[code], min(n_pub, len(townships[code])))
        for i in range(n_pub):
            t = towns[i % len(towns)]
            if i == n_pub - 1 and n_pub >= 3:   # one county-level public facility in bigger counties
                while True:
                    nm = name + rng.choice(WORDS) + "养老服务中心"
                    if nm not in used_names:
                        break
                addr = name + rng.choice(ROADS) + str(rng.randint(1, 199)) + "号"
                spread = 0.04
            else:
                nm = name + t + ("中心敬老院" if rng.random() < 0.4 else "敬老院")
                addr = name + t + village_name(set())
                spread = 0.15
            lat, lon = coords(code, spread)
            inst.append(row(name=unique(nm), region_code=code, category="institution", ownership="public",
                            address=addr, phone=phone(), latitude=lat, longitude=lon,
                            opened_on=rand_date(rng, dt.date(1995, 1, 1), dt.date(2012, 12, 31)),
                            beds_total=split[i]))
        for j in range(n_priv):
            while True:
                nm = name + rng.choice(WORDS) + rng.choice(PRIVATE_TYPES)
                if nm not in used_names:
                    break
            if rng.random() < 0.75:
                addr, spread = name + rng.choice(ROADS) + str(rng.randint(1, 299)) + "号", 0.05
            else:
                addr, spread = name + rng.choice(townships[code]) + village_name(set()), 0.15
            lat, lon = coords(code, spread)
            y = rng.choice([2008, 2010, 2012, 2013, 2014, 2015, 2016, 2016, 2017, 2017, 2018, 2018, 2019,
                            2019, 2020, 2020, 2021, 2021, 2022, 2023])
            inst.append(row(name=unique(nm), region_code=code, category="institution", ownership="private",
                            address=addr, phone=phone(), latitude=lat, longitude=lon,
                            opened_on=rand_date(rng, dt.date(y, 1, 1), dt.date(y, 12, 31)),
                            beds_total=split[n_pub + j]))
    pub = [r for r in inst if r["ownership"] == "public"]
    priv = [r for r in inst if r["ownership"] == "private"]

    # special private institutions: the blacklisted one and one suspended after a fire-safety penalty
    mid = [r for r in priv if 80 <= r["beds_total"] <= 250 and r["opened_on"].year <= 2018]
    blacklisted = rng.choice(mid)
    small = [r for r in priv if r["beds_total"] <= 60 and r is not blacklisted and r["opened_on"].year <= 2020]
    fire_suspended = rng.choice(small)
    for r in (blacklisted, fire_suspended):
        r["status"] = "suspended"

    # nursing beds: public homes few, private more
    shares = [r["beds_total"] * (rng.uniform(0.05, 0.25) if r["ownership"] == "public" else rng.uniform(0.15, 0.45))
              for r in inst]
    for r, v in zip(inst, split_bounded(rng, BEDS_NURSING, shares, [0] * len(inst), [r["beds_total"] for r in inst])):
        r["beds_nursing"] = v

    # residents: 38.9 % of all beds occupied; suspended institutions empty
    def fill(group, rate, lo_occ, hi_occ):
        live = [r for r in group if r["status"] == "operating"]
        target = round(rate * sum(r["beds_total"] for r in live))
        vals = split_bounded(rng, target, [r["beds_total"] * rng.uniform(lo_occ, hi_occ) for r in live],
                             [0] * len(live), [r["beds_total"] for r in live])
        for r, v in zip(live, vals):
            r["residents"] = v
        for r in group:
            if r["status"] != "operating":
                r["residents"] = 0
    # The plan's 38.9 % is the average over all institutions (一(二)2): public
    # homes a little below it, private ones take the rest.
    fill(pub, 0.35, 0.15, 0.6)
    pub_residents = sum(r["residents"] for r in pub)
    priv_live_beds = sum(r["beds_total"] for r in priv if r["status"] == "operating")
    fill(priv, (round(0.389 * BEDS_TOTAL) - pub_residents) / priv_live_beds, 0.2, 0.8)

    cg = split_bounded(rng, CAREGIVERS, [r["residents"] / 7.0 + 0.5 for r in inst], [1] * len(inst),
                       [max(2, r["residents"] // 2) for r in inst])
    for r, v in zip(inst, cg):
        r["caregivers"] = v
    cert = split_bounded(rng, CERTIFIED, [r["caregivers"] * rng.uniform(0.5, 1.0) for r in inst],
                         [0] * len(inst), [r["caregivers"] for r in inst])
    for r, v in zip(inst, cert):
        r["caregivers_certified"] = v
    for r in inst:
        b = r["beds_total"]
        if r["ownership"] == "public":
            r["social_workers"] = 1 if rng.random() < 0.15 else 0
        else:
            r["social_workers"] = rng.randint(1, 3) if b > 200 else (rng.randint(0, 2) if b > 80 else rng.choice([0, 0, 0, 1]))

    # medical–care integration: 25 in-house, 68 contracted, 31 none; bigger ones more likely in-house
    order = sorted(inst, key=lambda r: -r["beds_total"] * rng.uniform(0.4, 1.6))
    for i, r in enumerate(order):
        r["medical_integration"] = "in_house" if i < 25 else ("contracted" if i < 93 else "none")

    # fire safety: exactly 100 accepted; the 24 others lean to old and small homes
    others = [r for r in inst if r["status"] == "operating"]
    not_ok = weighted_sample(rng, others, [(2013 - min(r["opened_on"].year, 2012)) / (r["beds_total"] ** 0.5)
                                           for r in others], N_INSTITUTIONS - FIRE_ACCEPTED - 2)
    not_ok_ids = {id(r) for r in not_ok} | {id(blacklisted), id(fire_suspended)}
    for r in inst:
        r["fire_safety_accepted"] = 0 if id(r) in not_ok_ids else 1

    # ---- community facilities (urban) ----------------------------------------
    happy_codes = [c for c in codes if c not in NO_HAPPINESS]
    happy = dict(zip(happy_codes, largest_remainder(N_HAPPINESS, [county[c][6] for c in happy_codes])))
    plain = dict(zip(codes, largest_remainder(N_COMMUNITY - N_HAPPINESS, [county[c][6] for c in codes])))
    community = []
    for code in codes:
        picks = rng.sample(COMMUNITIES, happy.get(code, 0) + plain[code])
        for i, cm in enumerate(picks):
            is_happy = i < happy.get(code, 0)
            suffix = "社区养老幸福工程" if is_happy else rng.choice(["社区日间照料中心", "社区养老服务站",
                                                                "社区嵌入式养老服务中心"])
            beds = rng.randint(10, 30) if is_happy else rng.choice([0, 0, 0, 6, 8, 10, 12, 15, 20])
            nursing = min(beds, rng.randint(0, 5))
            lat, lon = coords(code, 0.04)
            own = rng.choice(["public", "public_private", "public_private"] if is_happy
                             else ["public", "public", "public_private", "public_private", "private"])
            community.append(row(name=unique(cname(code) + cm + suffix), region_code=code, category="community",
                                 ownership=own,
                                 address=cname(code) + rng.choice(ROADS) + str(rng.randint(1, 299)) + "号" + cm + "社区",
                                 phone=phone(), latitude=lat, longitude=lon,
                                 opened_on=rand_date(rng, dt.date(2015, 1, 1), dt.date(2023, 12, 31)),
                                 beds_total=beds, beds_nursing=nursing,
                                 residents=rng.randint(0, beds) if beds else 0,
                                 caregivers=rng.randint(1, 4), social_workers=rng.randint(0, 1),
                                 medical_integration=rng.choice(["contracted", "contracted", "none"]),
                                 fire_safety_accepted=1 if rng.random() < 0.9 else 0))
    for r in community:
        r["caregivers_certified"] = rng.randint(0, r["caregivers"])

    # ---- township centres ------------------------------------------------------
    township = []
    per_county = largest_remainder(N_TOWNSHIP, [c[5] for c in COUNTIES])
    for code, n in zip(codes, per_county):
        for t in rng.sample(townships[code], n):
            beds = rng.randint(10, 40)
            lat, lon = coords(code, 0.15)
            cgv = rng.randint(1, 4)
            township.append(row(name=unique(cname(code) + t + "区域养老服务中心"), region_code=code,
                                category="township_centre", ownership=rng.choice(["public", "public_private"]),
                                address=cname(code) + t + rng.choice(["政府街", "中心街", "新街", "正街"]) +
                                str(rng.randint(1, 99)) + "号",
                                phone=phone(), latitude=lat, longitude=lon,
                                opened_on=rand_date(rng, dt.date(2016, 1, 1), dt.date(2023, 12, 31)),
                                beds_total=beds, beds_nursing=rng.randint(0, min(10, beds)),
                                residents=rng.randint(beds // 5, beds * 3 // 4), caregivers=cgv,
                                caregivers_certified=rng.randint(0, cgv), social_workers=0,
                                medical_integration=rng.choice(["contracted", "contracted", "none"]),
                                fire_safety_accepted=1 if rng.random() < 0.85 else 0))

    # ---- village day-care centres ------------------------------------------------
    village = []
    per_county = largest_remainder(N_VILLAGE, [c[3] for c in COUNTIES])
    for code, n in zip(codes, per_county):
        used_v = {t: set() for t in townships[code]}
        for _ in range(n):
            t = rng.choice(townships[code])
            v = village_name(used_v[t])
            lat, lon = coords(code, 0.15)
            village.append(row(name=unique(cname(code) + t + v + "老年人日间照料中心"), region_code=code,
                               category="village_daycare", ownership="public",
                               address=cname(code) + t + v, phone=None, latitude=lat, longitude=lon,
                               opened_on=rand_date(rng, dt.date(2012, 1, 1), dt.date(2023, 12, 31)),
                               medical_integration="contracted" if rng.random() < 0.3 else "none",
                               fire_safety_accepted=1 if rng.random() < 0.6 else 0))

    # ids: public → 12 (事业单位), otherwise 52 (民办非企业单位)
    for r in rows:
        r["id"] = make_uscc(rng, used_org, "12" if r["ownership"] == "public" else "52", r["region_code"])

    # ---- ratings -------------------------------------------------------------
    ASSESSOR = "临汾市养老机构等级评定委员会"
    B = {  # batch: (decision date, document number); same day → same document
        "20a": (dt.date(2020, 7, 18), "临民发〔2020〕27号"), "20b": (dt.date(2020, 11, 25), "临民发〔2020〕58号"),
        "21": (dt.date(2021, 9, 16), "临民发〔2021〕41号"), "22": (dt.date(2022, 7, 20), "临民发〔2022〕33号"),
        "23a": (dt.date(2023, 6, 28), "临民发〔2023〕30号"), "23b": (dt.date(2023, 12, 15), "临民发〔2023〕71号"),
        "24a": (dt.date(2024, 5, 22), "临民发〔2024〕26号"), "24b": (dt.date(2024, 11, 8), "临民发〔2024〕63号"),
    }
    SCORE = {1: (60, 69.9), 2: (70, 79.9), 3: (80, 87.9), 4: (88, 93.9), 5: (94, 98)}
    rating_plan = []  # (institution, level, batch, withdrawn_on)

    priv_rated = sorted([r for r in priv if r["opened_on"].year <= 2019 and r is not fire_suspended
                         and r is not blacklisted], key=lambda r: -r["beds_total"])
    five, fours = priv_rated[0], priv_rated[1:4]
    threes_priv = rng.sample(priv_rated[4:30], 3) + [blacklisted]
    # The plan counts 37 institutions with a rating, all public ("37 家公办养老机构完成等级
    #评定"; private ones are to follow): the private institutions rated in the first rounds
    # hold ratings that lapsed (已过有效期) before the data date, or, for the blacklisted one,
    # one withdrawn. (The batches once drawn here are still drawn, so every later draw of the
    # generator stays the same.)
    lapsed = ["20a", "20b", "21"]
    rating_plan.append((five, 5, "20b", None))
    for n, r in enumerate(fours):
        rng.choice(["22", "23a", "24b"])
        rating_plan.append((r, 4, lapsed[n % 3], None))
    for n, r in enumerate(threes_priv):
        if r is blacklisted:
            rating_plan.append((r, 3, "22", dt.date(2023, 11, 20)))
        else:
            rng.choice(["22", "23a", "23b", "24b"])
            rating_plan.append((r, 3, lapsed[(n + 1) % 3], None))
    pub_sorted = sorted(pub, key=lambda r: -r["beds_total"] * rng.uniform(0.6, 1.4))
    pub_levels = [4] * 2 + [3] * 2 + [2] * 15 + [1] * 18
    expired_batches = ["20a", "20b", "21", "21"]
    e = 0
    up_done = down_done = False
    for r, lvl in zip(pub_sorted, pub_levels):
        if lvl == 2 and not down_done:      # re-assessed down: 三级 (2021) → 二级 (2024)
            rating_plan += [(r, 3, "21", None), (r, 2, "24a", None)]
            down_done = True
        elif lvl == 2 and not up_done:      # re-assessed up: 一级 (2020) → 二级 (2023)
            rating_plan += [(r, 1, "20a", None), (r, 2, "23a", None)]
            up_done = True
        elif lvl == 1 and e < len(expired_batches):
            # Every public institution holds a current rating at the data date, as the plan
            # reports ("37 家公办养老机构完成等级评定"); the lapsed ratings are private ones below.
            # (A fixed batch, not a draw, so every later draw of the generator stays the same.)
            rating_plan.append((r, lvl, "22", None))
            e += 1
        else:
            rating_plan.append((r, lvl, rng.choice(["22", "22", "23a", "23b", "24a"]), None))
    # Private institutions rated once and never re-assessed: their ratings have lapsed
    # (已过有效期) by the data date, so the sample shows what an expired rating looks like.
    for r, lvl, b in zip(priv_rated[30:34], [2, 1, 2, 1], expired_batches):
        rating_plan.append((r, lvl, b, None))
    rating_plan.sort(key=lambda p: (B[p[2]][0], p[0]["region_code"], p[0]["name"]))
    ratings = []
    for i, (r, lvl, b, withdrawn) in enumerate(rating_plan, 1):
        rated_on, doc = B[b]
        assert r["opened_on"] < rated_on
        lo, hi = SCORE[lvl]
        ratings.append(dict(id="R%04d" % i, institution_id=r["id"], level=lvl,
                            score="%.1f" % rng.uniform(lo, hi), rated_on=iso(rated_on),
                            valid_until=iso(plus_years_minus_day(rated_on, 3)), assessor=ASSESSOR,
                            document_no=doc, withdrawn_on=iso(withdrawn)))

    # ---- credit records --------------------------------------------------------
    credits = []

    def bureau(r):
        return cname(r["region_code"]) + "民政局"

    def credit(r, kind, decided, authority, subject_type="organisation", subject_name=None, document_no=None,
               reason=None, basis=None, result=None, fine=None, severity=None, disclose_until=None, repaired=None):
        assert decided <= DATA_AS_OF and (r["opened_on"] is None or r["opened_on"] <= decided)
        credits.append(dict(id=None, institution_id=r["id"], kind=kind, subject_type=subject_type,
                            subject_name=subject_name or r["name"], decided_on=iso(decided),
                            document_no=document_no, authority=authority, reason=reason, basis=basis,
                            result=result, fine_yuan=None if fine is None else str(fine), severity=severity,
                            disclose_until=iso(disclose_until), repaired_on=iso(repaired)))

    def person_name():
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))

    for r in inst:  # one pledge per institution
        d = r["opened_on"] if r["opened_on"].year >= 2021 else rand_date(rng, dt.date(2021, 1, 1), dt.date(2023, 12, 31))
        credit(r, "pledge", d, "临汾市民政局" if rng.random() < 0.15 else bureau(r),
               reason="养老机构备案信用承诺", result="已作出信用承诺")

    # spot checks (双随机、一公开): 54 institutions + 6 township centres, 8 batches
    check_dates = [dt.date(2021, 6, 15), dt.date(2021, 11, 10), dt.date(2022, 5, 18), dt.date(2022, 10, 20),
                   dt.date(2023, 5, 16), dt.date(2023, 10, 19), dt.date(2024, 5, 21), dt.date(2024, 10, 22)]
    results = ["合格"] * 44 + ["基本合格"] * 11 + ["责令整改"] * 5
    rng.shuffle(results)
    minor = ["应急预案未按要求定期组织演练", "入住老年人能力评估记录不完整", "食品留样记录缺失",
             "服务合同未使用示范文本", "药品管理台账登记不规范", "安全巡查记录不全", "部分护理员未持证上岗"]
    major = ["消防通道堆放杂物，疏散指示标志损坏", "未按规定开展入住老年人能力评估",
             "护理人员配备不足，夜间无人值守", "食堂从业人员未取得健康证明"]
    checkable = [r for r in inst if r is not fire_suspended]
    checked = set()  # (id, date): a batch draws each facility at most once
    for n, res in enumerate(results):
        d = check_dates[n % len(check_dates)]
        pool = [r for r in (checkable if n < 54 else township)
                if r["opened_on"] < d and not (r is blacklisted and d > dt.date(2023, 11, 20)) and (r["id"], d) not in checked]
        r = rng.choice(pool)
        checked.add((r["id"], d))
        reason = None if res == "合格" else rng.choice(minor if res == "基本合格" else major)
        credit(r, "spot_check", d, bureau(r), reason=reason, basis="养老机构“双随机、一公开”监督检查",
               result=res)

    # administrative penalties
    law = "《养老机构管理办法》第四十六条"
    fire_law = "《中华人民共和国消防法》第六十条"
    candidates = [r for r in priv if r not in (blacklisted, fire_suspended, five) and r["opened_on"].year <= 2019]
    pen_targets = rng.sample(candidates, 8)
    food_inst = pen_targets[4]

    def pdoc(r, year, n, kind="民罚决字"):
        return "%s%s〔%d〕%d号" % (county[r["region_code"]][2], kind, year, n)

    penalties = [
        # (institution, date, reason, basis, result, fine, severity, disclose_until, repaired, authority, doc kind)
        (pen_targets[0], dt.date(2020, 8, 21), "未按规定建立入住评估档案，未对入住老年人开展能力评估",
         law + "第（一）项", "警告", None, "ordinary", None, None, None, "民罚决字"),
        (pen_targets[1], dt.date(2020, 11, 10), "消防设施、器材未保持完好有效", fire_law, "罚款",
         5000, "ordinary", None, None, "消防救援大队", "消行罚决字"),
        (pen_targets[2], dt.date(2021, 4, 16), "入住老年人发生噎食事故后未及时处置，且未按规定报告",
         law + "第（六）项", "警告，并处罚款", 30000, "serious", None, None, None, "民罚决字"),
        (pen_targets[3], dt.date(2021, 10, 9), "部分护理人员未经岗前培训即上岗，工作人员资格不符合规定",
         law + "第（四）项", "警告", None, "ordinary", None, None, None, "民罚决字"),
        (pen_targets[5], dt.date(2022, 3, 22), "利用机构场地为外来企业举办保健品推销活动",
         law + "第（五）项", "警告，并处罚款", 3000, "ordinary", None, None, None, "民罚决字"),
        (food_inst, dt.date(2022, 6, 14), "食堂餐具、饮具未按规定清洗消毒，经责令改正拒不改正",
         "《中华人民共和国食品安全法》第一百二十六条", "罚款", 5000, "ordinary", None, None,
         "市场监督管理局", "市监罚字"),
        (pen_targets[6], dt.date(2022, 12, 6), "未与入住老年人签订服务协议", law + "第（二）项", "警告",
         None, "ordinary", None, None, None, "民罚决字"),
        (pen_targets[7], dt.date(2023, 5, 12), "未按照《养老机构服务安全基本规范》开展服务安全风险评估",
         law + "第（三）项", "警告，并处罚款", 2000, "ordinary", None, None, None, "民罚决字"),
        (blacklisted, dt.date(2023, 9, 14), "护理人员多次殴打、辱骂入住老年人，机构未及时制止",
         law + "第（七）项", "警告，并处罚款", 30000, "serious", None, None, None, "民罚决字"),
        (pen_targets[0], dt.date(2024, 3, 8), "超出备案服务范围和护理能力收住失能老年人",
         law + "第（三）项", "警告，并处罚款", 8000, "ordinary", None, dt.date(2024, 8, 20), None, "民罚决字"),
        (fire_suspended, dt.date(2024, 6, 18), "消防设施未保持完好有效，疏散通道被占用", fire_law,
         "罚款，责令停业整改", 20000, "ordinary", None, None, "消防救援大队", "消行罚决字"),
        (pen_targets[3], dt.date(2024, 10, 25), "未按规定建立入住评估档案", law + "第（一）项", "警告", None,
         "ordinary", None, None, None, "民罚决字"),
    ]
    for n, (r, d, reason, basis, result, fine, sev, until, repaired, auth, dk) in enumerate(penalties, 1):
        authority = cname(r["region_code"]) + auth if auth else bureau(r)
        credit(r, "penalty", d, authority, document_no=pdoc(r, d.year, 3 + n * 2 if dk != "消行罚决字" else 10 + n,
                                                            dk),
               reason=reason, basis=basis, result=result, fine=fine, severity=sev, disclose_until=until,
               repaired=repaired)
    # the food-safety case also fined the directly responsible manager (a person)
    credit(food_inst, "penalty", dt.date(2022, 6, 14), cname(food_inst["region_code"]) + "市场监督管理局",
           subject_type="person", subject_name=person_name(), document_no=pdoc(food_inst, 2022, 16, "市监罚字"),
           reason="作为直接负责的主管人员，对所在养老机构食堂餐具未按规定清洗消毒且拒不改正负有责任",
           basis="《中华人民共和国食品安全法实施条例》第七十五条", result="罚款", fine=3000, severity="ordinary")

    # rewards (守信激励)
    public_three = next(r for r, lvl, b, w in rating_plan
                        if r["ownership"] == "public" and lvl == 3 and b != "21" and r["name"].endswith("敬老院"))
    rewards = [
        (five, dt.date(2024, 1, 18), "organisation", "评为全市养老服务示范机构"),
        (fours[0], dt.date(2023, 2, 21), "organisation", "养老院服务质量建设专项行动中表现突出，评为医养结合示范机构"),
        (public_three, dt.date(2024, 9, 12), "organisation", "管理规范、服务优良，评为农村养老服务示范敬老院"),
        (fours[1], dt.date(2022, 12, 28), "person", "机构负责人守信经营、事迹突出，评为全市养老服务先进个人"),
    ]
    for r, d, st, reason in rewards:
        credit(r, "reward", d, "临汾市民政局", subject_type=st, subject_name=person_name() if st == "person" else None,
               document_no="临民发〔%d〕%d号" % (d.year, 5 + d.month * 3), reason=reason,
               basis="养老服务领域守信联合激励有关规定",
               result="通报表扬，在项目申报、资金补助等方面优先支持")

    # blacklist and joint punishment of the same institution and its legal representative
    bl_date, bl_doc = dt.date(2023, 11, 20), "临民发〔2023〕66号"
    bl_basis = "《养老服务市场失信联合惩戒对象名单管理办法（试行）》"
    credit(blacklisted, "blacklist", bl_date, "临汾市民政局", document_no=bl_doc,
           reason="发生侵害老年人合法权益的严重事件，经处罚后仍未有效整改",
           basis=bl_basis, result="列入养老服务市场失信联合惩戒对象名单", severity="serious")
    credit(blacklisted, "punishment", bl_date, "临汾市民政局", document_no=bl_doc,
           reason="列入养老服务市场失信联合惩戒对象名单", basis=bl_basis,
           result="取消各级财政补贴和政府购买服务资格，撤销等级评定结果", severity="serious")
    credit(blacklisted, "punishment", bl_date, "临汾市民政局", subject_type="person",
           subject_name=person_name(), document_no=bl_doc,
           reason="作为失信养老机构的法定代表人，对侵害老年人合法权益事件负有责任", basis=bl_basis,
           result="限制担任养老服务机构法定代表人、主要负责人", severity="serious")

    credits.sort(key=lambda c: (c["decided_on"], c["kind"], c["institution_id"], c["subject_type"]))
    for i, c in enumerate(credits, 1):
        c["id"] = "C%05d" % i

    # ---- checks ------------------------------------------------------------------
    all_rows = rows
    cats = {k: [r for r in all_rows if r["category"] == k]
            for k in ("institution", "community", "township_centre", "village_daycare")}
    ins = cats["institution"]
    assert len(ins) == N_INSTITUTIONS
    assert sum(r["ownership"] == "public" for r in ins) == N_PUBLIC
    assert sum(r["ownership"] == "private" for r in ins) == N_PRIVATE
    assert sum(r["beds_total"] for r in ins) == BEDS_TOTAL
    assert sum(r["beds_nursing"] for r in ins) == BEDS_NURSING
    assert sum(r["fire_safety_accepted"] for r in ins) == FIRE_ACCEPTED
    assert sum(r["caregivers"] for r in ins) == CAREGIVERS and sum(r["caregivers_certified"] for r in ins) == CERTIFIED
    assert sum(r["status"] == "suspended" for r in ins) == 2
    assert len(cats["community"]) == N_COMMUNITY and len(cats["township_centre"]) == N_TOWNSHIP
    assert len(cats["village_daycare"]) == N_VILLAGE
    assert sum(r["name"].endswith("社区养老幸福工程") for r in cats["community"]) == N_HAPPINESS
    assert not any(r["name"].endswith("社区养老幸福工程") and r["region_code"] in NO_HAPPINESS for r in all_rows)
    for r in all_rows:
        assert uscc_valid(r["id"]) and r["id"][2:8] == r["region_code"], r["id"]
        assert r["beds_nursing"] <= r["beds_total"]
        if r["residents"] is not None:
            assert r["residents"] <= r["beds_total"] or r["beds_total"] == 0
        if r["caregivers_certified"] is not None:
            assert r["caregivers_certified"] <= r["caregivers"]
        for bad in FORBIDDEN_NAMES + FORBIDDEN_FRAGMENTS:
            assert bad not in r["name"], r["name"]
        for c in codes:
            assert r["name"] != cname(c) + "中心敬老院"
        assert r["phone"] is None or re.fullmatch(r"0357-0\d{6}", r["phone"])
    for r in ins:
        assert r["caregivers"] >= 1 and 0 <= r["social_workers"] <= 3
        assert (20 <= r["beds_total"] <= 120) if r["ownership"] == "public" else (10 <= r["beds_total"] <= 400)
        assert dt.date(1995, 1, 1) <= r["opened_on"] <= dt.date(2023, 12, 31)
    assert len({r["id"] for r in all_rows}) == len(all_rows) and len({r["name"] for r in all_rows}) == len(all_rows)
    ids = {r["id"] for r in all_rows}
    assert all(x["institution_id"] in ids for x in ratings + credits)
    for c in credits:
        assert (c["severity"] is not None) == (c["kind"] in ("penalty", "punishment", "blacklist"))

    # ---- former names (曾用名) ------------------------------------------------------
    # Two private homes were renamed (a 养老院 grown into a 颐养中心 or 康养中心): the site shows
    # and finds them by their former names too. Chosen by id, without the random generator, so
    # that nothing else changes.
    names = {r["name"] for r in all_rows}
    for r in all_rows:
        r["former_names"] = None
    renamed = [r for r in sorted(ins, key=lambda r: r["id"])
               if r["ownership"] == "private" and r["name"].endswith(("颐养中心", "康养中心"))
               and r["name"][:-4] + "养老院" not in names][:2]
    assert len(renamed) == 2
    for r in renamed:
        r["former_names"] = r["name"][:-4] + "养老院"
        for bad in FORBIDDEN_NAMES + FORBIDDEN_FRAGMENTS:
            assert bad not in r["former_names"], r["former_names"]

    # ---- write -------------------------------------------------------------------
    inst_cols = ["id", "name", "region_code", "category", "ownership", "address", "phone", "latitude",
                 "longitude", "opened_on", "status", "beds_total", "beds_nursing", "residents", "caregivers",
                 "caregivers_certified", "social_workers", "medical_integration", "fire_safety_accepted",
                 "updated_on", "former_names"]
    rating_cols = ["id", "institution_id", "level", "score", "rated_on", "valid_until", "assessor",
                   "document_no", "withdrawn_on"]
    credit_cols = ["id", "institution_id", "kind", "subject_type", "subject_name", "decided_on", "document_no",
                   "authority", "reason", "basis", "result", "fine_yuan", "severity", "disclose_until",
                   "repaired_on"]

    # The records are drawn on a 2024 calendar, then written one year earlier, so
    # that they describe the end of 2023: the year of the plan's own figures (一(一)),
    # which the facility totals reproduce, and the sample's data_as_of (meta.csv).
    def earlier(d):
        return d.replace(year=d.year - 1) if (d.month, d.day) != (2, 29) else dt.date(d.year - 1, 2, 28)

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, float):
            return "%.6f" % v
        if isinstance(v, dt.date):
            return earlier(v).isoformat()
        if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return earlier(dt.date.fromisoformat(v)).isoformat()
        # document numbers carry their year: 临民发〔2024〕26号
        return re.sub(r"〔(\d{4})〕", lambda m: "〔%d〕" % (int(m.group(1)) - 1), str(v))

    id_card = re.compile(r"(?<!\d)(\d{18}|\d{17}[Xx])(?!\d)")
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    order = {"institution": 0, "community": 1, "township_centre": 2, "village_daycare": 3}
    out_rows = sorted(all_rows, key=lambda r: (order[r["category"]], r["region_code"], r["name"]))
    os.makedirs(OUT_DIR, exist_ok=True)
    for fname, cols, data in (("institutions.csv", inst_cols, out_rows), ("ratings.csv", rating_cols, ratings),
                              ("credit_records.csv", credit_cols, credits)):
        with open(os.path.join(OUT_DIR, fname), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for d in data:
                values = [cell(d[c]) for c in cols]
                for v in values:
                    assert not id_card.search(v) and not mobile.search(v), (fname, v)
                w.writerow(values)

    # ---- summary -----------------------------------------------------------------
    def s(group, key):
        return sum(r[key] or 0 for r in group)
    p = [r for r in ins if r["ownership"] == "public"]
    q = [r for r in ins if r["ownership"] == "private"]
    print("sample data written to", os.path.normpath(OUT_DIR))
    for k, g in cats.items():
        print("  %-16s %4d rows, beds %5d, nursing %4d" % (k, len(g), s(g, "beds_total"), s(g, "beds_nursing")))
    print("  institutions: public %d (beds %d, occupancy %.1f%%), private %d (beds %d, occupancy %.1f%%)" % (
        len(p), s(p, "beds_total"), 100.0 * s(p, "residents") / s(p, "beds_total"),
        len(q), s(q, "beds_total"), 100.0 * s(q, "residents") / s(q, "beds_total")))
    print("  caregivers %d, certified %d (%.1f%%), social workers %d" % (
        s(ins, "caregivers"), s(ins, "caregivers_certified"),
        100.0 * s(ins, "caregivers_certified") / s(ins, "caregivers"), s(ins, "social_workers")))
    print("  fire safety accepted %d / %d; suspended %d; medical in_house %d, contracted %d, none %d" % (
        s(ins, "fire_safety_accepted"), len(ins), sum(r["status"] == "suspended" for r in ins),
        *(sum(r["medical_integration"] == m for r in ins) for m in ("in_house", "contracted", "none"))))
    print("  community: 幸福工程 %d" % sum(r["name"].endswith("社区养老幸福工程") for r in cats["community"]))
    latest = {}
    for x in sorted(ratings, key=lambda x: (x["rated_on"], x["id"])):
        latest[x["institution_id"]] = x
    print("  ratings: %d rows, %d institutions; latest level counts %s; expired %d, withdrawn %d" % (
        len(ratings), len(latest),
        {lvl: sum(x["level"] == lvl for x in latest.values()) for lvl in (5, 4, 3, 2, 1)},
        sum(x["valid_until"] < DATA_AS_OF.isoformat() and not x["withdrawn_on"] for x in latest.values()),
        sum(bool(x["withdrawn_on"]) for x in latest.values())))
    kinds = {}
    for c in credits:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print("  credit records: %d %s; person subjects %d; serious penalties %d" % (
        len(credits), kinds, sum(c["subject_type"] == "person" for c in credits),
        sum(c["kind"] == "penalty" and c["severity"] == "serious" for c in credits)))
    print("  county beds:", " ".join("%s %d" % (cname(c), sum(r["beds_total"] for r in ins if r["region_code"] == c))
                                     for c in codes))


if __name__ == "__main__":
    sys.exit(main())
