#!/usr/bin/env python3
"""Regenerates Fixtures/hostile/: files made to break a reader, each with the diagnostic it must
produce (code and place) and the exit status, in Fixtures/hostile/expected.tsv.

The test `HostileFixtureTests` runs the built educheck on every file listed there and requires
the code at the place, exit 2, and a run well under a second. The fuzzers use the folder as a
seed corpus. Two cases are too large to keep in git and are made by the test itself: a file over
the size limit and a unit with 50,000 school rows.

Run `python3 Scripts/make-hostile.py` to rewrite the folder, `--check` to verify it is current.
"""
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target = os.path.join(root, "Fixtures", "hostile")

HEAD = 'unit: "440104"\nperiod: 2025\n'
CSV_HEAD = "unit,period,metric,value\n"
SCHOOLS_HEAD = "code,name,stage,ownership,students,backbone_teachers\n"

cases = []  # (file, bytes, code, location, extra files)


def case(name, data, code, location, extra=()):
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases.append((name, data, code, location, list(extra)))


def schools(name, rows):
    return (name, (SCHOOLS_HEAD + "".join(r + "\n" for r in rows)).encode("utf-8"))


# YAML: expansion bombs, depth, size of one value, bytes that are not text.
bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
for prev, name in zip("abcdefgh", "bcdefghi"):
    bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
case("alias-bomb.yaml", bomb + HEAD, "yaml-alias", "alias-bomb.yaml:1:4")
case("deep-nesting.yaml", "metrics: " + "[" * 5000 + "\n", "yaml-depth", "deep-nesting.yaml:1:73")
case("long-string.yaml", HEAD + "notes:\n  food-safety-incidents: " + "长" * 30000 + "\n", "value-too-long", "long-string.yaml:4:26")
case("nul-byte.yaml", HEAD + "metrics:\n  food_safety.incidents: 0\x00\n", "nul-byte", "nul-byte.yaml:4:27")
case("invalid-encoding.yaml", HEAD.encode() + b'notes:\n  food-safety-incidents: "\xc3\x28"\n', "invalid-encoding", "invalid-encoding.yaml:4:27")
case("utf8-bom-then-gbk.yaml", b"\xef\xbb\xbf" + HEAD.encode() + b"notes:\n  food-safety-incidents: \xc4\xe3\n", "invalid-encoding", "utf8-bom-then-gbk.yaml:4:26")
case("duplicate-key.yaml", HEAD + 'unit: "440105"\n', "duplicate-key", "duplicate-key.yaml:3:1")
case("multiple-documents.yaml", HEAD + "---\n" + HEAD, "yaml-multiple-documents", "multiple-documents.yaml:3:1")

# School-row files named by a submission.
case("self-reference.yaml", HEAD + "schools: self-reference.yaml\n", "self-reference", "self-reference.yaml:3:10")
case("absolute-path.yaml", HEAD + "schools: /etc/passwd\n", "unsafe-path", "absolute-path.yaml:3:10")
case("parent-path.yaml", HEAD + "schools: ../submissions/schools.csv\n", "unsafe-path", "parent-path.yaml:3:10")
case("duplicate-school-code.yaml", HEAD + "schools: duplicate-school-code.schools.csv\n", "duplicate-school-code",
     "duplicate-school-code.schools.csv:4:1",
     [schools("duplicate-school-code.schools.csv", [
         "4401040001,东风西路小学,primary,public,940,17",
         "4401040002,东风东路小学,primary,public,1378,18",
         "4401040001,文德路小学,primary,public,988,11",
     ])])
case("lost-leading-zeros.yaml", HEAD + "schools: lost-leading-zeros.schools.csv\n", "mangled-code",
     "lost-leading-zeros.schools.csv:3:1",
     [schools("lost-leading-zeros.schools.csv", [
         "0044010401,东风西路小学,primary,public,940,17",
         "44010402,东风东路小学,primary,public,1378,18",
         "0044010403,文德路小学,primary,public,988,11",
     ])])
case("school-field-count.yaml", HEAD + "schools: school-field-count.schools.csv\n", "csv-field-count",
     "school-field-count.schools.csv:3:40",
     [schools("school-field-count.schools.csv", [
         "4401040001,东风西路小学,primary,public,940,17",
         "4401040002,东风,东路小学,primary,public,1378,18",
     ])])

# CSV: syntax, encodings, sizes.
case("field-count.csv", CSV_HEAD + "440104,2025,food_safety.incidents,0\n440104,2025,fitness.students_tested\n",
     "csv-field-count", "field-count.csv:3:36")
case("unterminated-quote.csv", CSV_HEAD + '440104,2025,food_safety.incidents,"0\n', "csv-syntax", "unterminated-quote.csv:2:35")
case("stray-quote.csv", CSV_HEAD + '440104,2025,food_"safety.incidents,0\n', "csv-syntax", "stray-quote.csv:2:18")
case("text-after-quote.csv", CSV_HEAD + '440104,2025,"food_safety.incidents"x,0\n', "csv-syntax", "text-after-quote.csv:2:36")
case("nul-byte.csv", CSV_HEAD + "440104,2025,food_safety.incidents,0\x00\n", "nul-byte", "nul-byte.csv:2:36")
case("invalid-encoding.csv", CSV_HEAD.encode() + b"440104,2025,food_safety.incidents,\xff\n", "invalid-encoding", "invalid-encoding.csv:2:35")
case("utf16be.csv", b"\xfe\xff" + CSV_HEAD.encode("utf-16-be"), "invalid-encoding", "utf16be.csv:1:1")
case("long-line.csv", CSV_HEAD + "440104,2025,food_safety.incidents," + "9" * 70000 + "\n", "value-too-long", "long-line.csv:2:35")
case("too-many-fields.csv", "unit,period," + ",".join(f"m{i}" for i in range(1100)) + "\n", "csv-too-many-fields", "too-many-fields.csv:1:5035")

# CSV: what Excel does to codes and numbers.
case("scientific-unit-code.csv", CSV_HEAD + "4.40104E+5,2025,food_safety.incidents,0\n", "mangled-code", "scientific-unit-code.csv:2:1")
case("short-unit-code.csv", CSV_HEAD + "44010,2025,food_safety.incidents,0\n", "mangled-code", "short-unit-code.csv:2:1")
case("percent-count.csv", CSV_HEAD + "440104,2025,special_education.school_age_disabled_children,98%\n", "wrong-type", "percent-count.csv:2:60")
case("decimal-count.csv", CSV_HEAD + "440104,2025,special_education.school_age_disabled_children,1520.5\n", "wrong-type", "decimal-count.csv:2:60")
case("scientific-count.csv", CSV_HEAD + "440104,2025,special_education.school_age_disabled_children,1.10101E+17\n", "wrong-type", "scientific-count.csv:2:60")
case("duplicate-metric.csv", CSV_HEAD + "440104,2025,food_safety.incidents,0\n440104,2025,food_safety.incidents,1\n", "duplicate-metric", "duplicate-metric.csv:3:35")
case("duplicate-unit-row.csv", "unit,period,food_safety.incidents\n440104,2025,0\n440104,2025,1\n", "duplicate-submission", "duplicate-unit-row.csv:3:1")
case("period-mismatch.csv", CSV_HEAD + "440104,2023,food_safety.incidents,0\n", "period-mismatch", "period-mismatch.csv:2:8")

files = {}
rows = ["file\tcode\texit\tlocation"]
for name, data, code, location, extra in cases:
    files[name] = data
    for extra_name, extra_data in extra:
        files[extra_name] = extra_data
    rows.append(f"{name}\t{code}\t2\t{location}")
files["expected.tsv"] = ("\n".join(rows) + "\n").encode("utf-8")

if "--check" in sys.argv:
    stale = [n for n, d in sorted(files.items()) if not os.path.exists(os.path.join(target, n)) or open(os.path.join(target, n), "rb").read() != d]
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
    sys.exit(1 if stale else 0)
os.makedirs(target, exist_ok=True)
for name, data in sorted(files.items()):
    with open(os.path.join(target, name), "wb") as handle:
        handle.write(data)
print(f"wrote {len(cases)} cases ({len(files)} files) to {os.path.relpath(target, root)}")
