#!/usr/bin/env python3
"""Writes a Hugo site with one page per institution of a yanglao database, showing
the same fields as yanglao's institution page (the baseline of `make bench`).

Usage: python3 tools/bench_hugo_site.py DATABASE OUTDIR
"""
import os
import sqlite3
import sys

db_path, out = sys.argv[1], sys.argv[2]
db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
regions = dict(db.execute("SELECT code, name FROM regions"))
levels = {}
for iid, level, rated, until in db.execute("SELECT institution_id, level, rated_on, valid_until FROM ratings ORDER BY rated_on"):
    levels[iid] = (level, rated, until)
credit = {}
for iid, n in db.execute("SELECT institution_id, count(*) FROM credit_records GROUP BY institution_id"):
    credit[iid] = n

os.makedirs(os.path.join(out, "content", "institutions"), exist_ok=True)
os.makedirs(os.path.join(out, "layouts", "_default"), exist_ok=True)
with open(os.path.join(out, "config.toml"), "w") as f:
    f.write('baseURL = "/"\nlanguageCode = "zh-CN"\ntitle = "基准"\ndisableKinds = ["taxonomy", "term"]\n')
with open(os.path.join(out, "layouts", "_default", "single.html"), "w") as f:
    f.write("""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/assets/site.css"></head><body><main><h1>{{ .Title }}</h1>
<dl><dt>统一社会信用代码</dt><dd>{{ .Params.uscc }}</dd><dt>所在地区</dt><dd>{{ .Params.region }}</dd>
<dt>类别</dt><dd>{{ .Params.category }}</dd><dt>性质</dt><dd>{{ .Params.ownership }}</dd><dt>状态</dt><dd>{{ .Params.status }}</dd>
<dt>地址</dt><dd>{{ .Params.address }}</dd><dt>电话</dt><dd>{{ .Params.phone }}</dd><dt>床位</dt><dd>{{ .Params.beds }}</dd>
<dt>护理型床位</dt><dd>{{ .Params.nursing }}</dd><dt>入住</dt><dd>{{ .Params.residents }}</dd><dt>护理员</dt><dd>{{ .Params.caregivers }}</dd>
<dt>医养结合</dt><dd>{{ .Params.medical }}</dd><dt>等级</dt><dd>{{ .Params.level }}（{{ .Params.rated_on }}—{{ .Params.valid_until }}）</dd>
<dt>信用记录</dt><dd>{{ .Params.credit }}</dd></dl>{{ .Content }}</main></body></html>
""")
with open(os.path.join(out, "layouts", "_default", "list.html"), "w") as f:
    f.write("""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
""")
q = """SELECT id, name, region_code, category, ownership, status, address, phone, beds_total, beds_nursing,
       residents, caregivers, medical_integration FROM institutions ORDER BY id"""
for row in db.execute(q):
    iid, name, region, cat, own, status, addr, phone, beds, nursing, residents, caregivers, medical = row
    level = levels.get(iid, ("未评级", "", ""))
    def s(v):
        return '"' + str("" if v is None else v).replace("\\", "\\\\").replace('"', '\\"') + '"'
    with open(os.path.join(out, "content", "institutions", iid + ".md"), "w", encoding="utf-8") as f:
        f.write("---\n" + "\n".join([
            f"title: {s(name)}", f"uscc: {s(iid)}", f"region: {s(regions.get(region, region))}", f"category: {s(cat)}",
            f"ownership: {s(own)}", f"status: {s(status)}", f"address: {s(addr)}", f"phone: {s(phone)}", f"beds: {beds}",
            f"nursing: {nursing}", f"residents: {s(residents)}", f"caregivers: {s(caregivers)}", f"medical: {s(medical)}",
            f"level: {s(level[0])}", f"rated_on: {s(level[1])}", f"valid_until: {s(level[2])}", f"credit: {credit.get(iid, 0)}",
        ]) + "\n---\n")
