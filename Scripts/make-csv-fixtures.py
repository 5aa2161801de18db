#!/usr/bin/env python3
"""Regenerates Fixtures/csv/ from the YAML fixtures in Fixtures/submissions/2025/.

Each CSV file carries exactly the figures of the YAML submission it mirrors, written the way
Excel writes them, so a test can require both to evaluate alike:

- 440105-metrics-gbk.csv      long form, GBK (Excel "CSV" on Chinese Windows), CRLF, a description
                              column, thousands separators ("171,493"), 是/否, one full-width number
- districts-wide.csv          wide form, UTF-8 with BOM (Excel "CSV UTF-8"), CRLF, three units with
                              their previous-period rows
- 440112-unicode-text.csv     wide form, UTF-16LE with BOM, tab-separated (Excel "Unicode text")
- 440104-yuexiu.yaml + schools-440104.csv
                              the Yuexiu submission with its school rows in a CSV file

Run `python3 Scripts/make-csv-fixtures.py` to rewrite them, `--check` to verify they are current.
"""
import csv
import io
import os
import sys

import yaml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = os.path.join(root, "Fixtures", "submissions", "2025")
target = os.path.join(root, "Fixtures", "csv")


def load(name):
    with open(os.path.join(source, name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


with open(os.path.join(root, "Rules", "gz-2025", "metrics.yaml"), encoding="utf-8") as handle:
    names = {m["id"]: m["name"]["zh"] for m in yaml.safe_load(handle)["metrics"]}


def excel(value, full_width=False):
    """A value as Excel shows it: flags as 是/否, counts of four digits or more grouped."""
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, int):
        text = f"{value:,}" if value >= 1000 else str(value)
        if full_width:
            text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
        return text
    return str(value)


def table(rows, delimiter=",", line="\r\n"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


files = {}

haizhu = load("440105-haizhu.yaml")
rows = [["unit", "period", "metric", "value", "说明"]]
for metric, value in haizhu["metrics"].items():
    rows.append([haizhu["unit"], haizhu["period"], metric,
                 excel(value, full_width=metric == "arts_sports.sports_team_programmes"), names[metric]])
for metric, value in haizhu["previous"]["metrics"].items():
    rows.append([haizhu["unit"], haizhu["previous"]["period"], metric, excel(value), names[metric]])
files["440105-metrics-gbk.csv"] = table(rows).encode("gbk")

units = [load(n) for n in ("440103-liwan.yaml", "440106-tianhe.yaml", "440111-baiyun.yaml")]
metrics = sorted({m for u in units for m in u["metrics"]} | {m for u in units for m in u.get("previous", {}).get("metrics", {})})
rows = [["unit", "period"] + metrics]
for unit in units:
    rows.append([unit["unit"], unit["period"]] + [excel(unit["metrics"].get(m, "")) for m in metrics])
    if "previous" in unit:
        previous = unit["previous"]
        rows.append([unit["unit"], previous["period"]] + [excel(previous["metrics"].get(m, "")) for m in metrics])
files["districts-wide.csv"] = b"\xef\xbb\xbf" + table(rows).encode("utf-8")

huangpu = load("440112-huangpu.yaml")
metrics = list(huangpu["metrics"])
rows = [["unit", "period"] + metrics, [huangpu["unit"], huangpu["period"]] + [excel(huangpu["metrics"][m]) for m in metrics]]
previous = huangpu.get("previous")
if previous:
    rows.append([huangpu["unit"], previous["period"]] + [excel(previous["metrics"].get(m, "")) for m in metrics])
files["440112-unicode-text.csv"] = b"\xff\xfe" + table(rows, delimiter="\t").encode("utf-16-le")

with open(os.path.join(source, "440104-yuexiu.yaml"), encoding="utf-8") as handle:
    text = handle.read()
head, _, _ = text.partition("\nschools:\n")
files["440104-yuexiu.yaml"] = (head + "\nschools: schools-440104.csv\n").encode("utf-8")
yuexiu = load("440104-yuexiu.yaml")
fields = ["code", "name", "stage", "ownership", "students", "backbone_teachers"]
rows = [fields] + [[excel(s[f]) if f in ("students", "backbone_teachers") else s[f] for f in fields] for s in yuexiu["schools"]]
files["schools-440104.csv"] = table(rows, line="\n").encode("utf-8")

stale = []
for name, data in sorted(files.items()):
    path = os.path.join(target, name)
    if "--check" in sys.argv:
        try:
            with open(path, "rb") as handle:
                if handle.read() != data:
                    stale.append(name)
        except FileNotFoundError:
            stale.append(name)
        continue
    os.makedirs(target, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
if "--check" in sys.argv:
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
    sys.exit(1 if stale else 0)
print(f"wrote {len(files)} files to {os.path.relpath(target, root)}")
