#!/usr/bin/env python3
"""The baseline: the straightforward evaluator a district IT person would write.

    python3 Benchmarks/baseline.py SUBMISSIONS... --rules DIR [--city] [--output results.json]

Python, PyYAML with libyaml's loader (yaml.CSafeLoader), the csv module, exact arithmetic (int and
fractions.Fraction, never floats). It reads the rules from the ruleset's rule files and evaluates
every measure kind gz-2025 uses (value, ratio, change, coverage over school rows, consistency; also
count and sum over rows), with city aggregation by each metric's declared `aggregate`, and writes a
JSON list of results: rule, unit, scope, status and the value used. School rows come inline or from
the CSV file a submission names (`schools: schools-440104.csv`).

No diagnostics with line and column, no reports beyond the JSON list, no waivers: it is here so
the benchmark's figures are ratios against an honest, competent script, not absolute times. It
shares no code with educheck or with Benchmarks/generate.py.

Exit code: 0 when every error-severity result passes (or is not applicable), 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
from fractions import Fraction

import yaml


def load_yaml(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


# MARK: - Targets

WORDS_BEFORE = [("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("达到", ">="), ("不超过", "<="),
                ("不高于", "<="), ("不多于", "<="), ("超过", ">"), ("高于", ">"), ("多于", ">"),
                ("不满", "<"), ("低于", "<"), ("少于", "<")]
WORDS_AFTER = [("及以上", ">="), ("以上", ">="), ("以下", "<="), ("以内", "<=")]
WHOLE = {"全覆盖", "全员", "配齐"}


def parse_number(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|万)?\s*[个所名人对项]?", text.strip())
    if not m:
        raise ValueError(f"bad number in target: {text!r}")
    n = Fraction(m.group(1))
    return n / 100 if m.group(2) == "%" else n * 10000 if m.group(2) == "万" else n


def parse_target(text):
    """'99%以上' -> ('>=', Fraction(99, 100)); '= true' -> ('=', True)."""
    text = str(text).strip()
    if text in WHOLE:
        return "=", Fraction(1)
    m = re.fullmatch(r"(>=|<=|>|<|=)\s*(.+)", text)
    if m:
        rest = m.group(2).strip()
        return m.group(1), (rest == "true") if rest in ("true", "false") else parse_number(rest)
    for word, op in WORDS_BEFORE:
        if text.startswith(word):
            return op, parse_number(text[len(word):])
    for word, op in WORDS_AFTER:
        if text.endswith(word):
            return op, parse_number(text[: -len(word)])
    raise ValueError(f"unrecognised target {text!r}")


OPS = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b,
       "<": lambda a, b: a < b, "=": lambda a, b: a == b}


# MARK: - Row expressions

TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(>=|<=|!=|==|[-+*/()\[\],=<>])|([A-Za-z_][A-Za-z0-9_]*))")
KEYWORDS = {"and": "and", "or": "or", "not": "not", "in": "in", "true": "True", "false": "False"}


def compile_row_expression(text):
    """Translate a filter or predicate into a Python function of a row dict.
    `/` becomes `* ONE /` so division stays exact (same precedence, left to right)."""
    out, pos, in_list = [], 0, False
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"bad expression near {text[pos:]!r}")
        number, op, word = m.groups()
        pos = m.end()
        if number:
            out.append(number if "." not in number else f"Fraction({number!r})")
        elif op:
            if op == "[":
                in_list, op = True, "("
            elif op == "]":
                in_list, op = False, ",)"
            out.append({"=": "==", "/": "* ONE /"}.get(op, op))
        elif in_list:
            out.append(repr(word))
        else:
            out.append(KEYWORDS.get(word, f"r[{word!r}]"))
    return eval("lambda r: " + " ".join(out), {"Fraction": Fraction, "ONE": Fraction(1)})


TEXT_FIELDS = {"code", "name", "stage", "ownership"}


def read_school_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def typed_rows(rows):
    """Numbers as ints, in place; a row with a bad number is kept and marked, so results that use
    it are invalid."""
    for row in rows:
        for key in [k for k in row if k not in TEXT_FIELDS]:
            value = row[key]
            if type(value) is str and value.isdigit():
                row[key] = int(value)
            elif type(value) is bool or (type(value) is int and value >= 0):
                pass
            else:
                row["_bad"] = key
    return rows


# MARK: - Ruleset and submissions


class Ruleset:
    def __init__(self, folder):
        self.period = int(load_yaml(os.path.join(folder, "ruleset.yaml"))["period"])
        units = load_yaml(os.path.join(folder, "units.yaml"))
        self.city = str(units["city"]["code"])
        self.kind = {str(u["code"]): u["kind"] for u in units["units"]}
        self.metrics = {m["id"]: m for m in load_yaml(os.path.join(folder, "metrics.yaml"))["metrics"]}
        self.rules = []
        for name in sorted(os.listdir(os.path.join(folder, "rules"))):
            if name.endswith((".yaml", ".yml")):
                self.rules.extend(load_yaml(os.path.join(folder, "rules", name)) or [])
        for rule in self.rules:
            scope = rule["scope"]
            rule["scopes"] = [scope] if isinstance(scope, str) else scope
            if "target" in rule:
                rule["op"], rule["goal"] = parse_target(rule["target"])
            for kind in ("coverage", "count", "sum"):
                spec = rule["measure"].get(kind)
                if spec:
                    spec["rows_fn"] = compile_row_expression(spec.get("rows", "true"))
                    if "meets" in spec:
                        spec["meets_fn"] = compile_row_expression(spec["meets"])
            rule["units"] = self.applies(rule)

    def applies(self, rule):
        applies = rule.get("applies_to", "all")
        if applies == "all":
            return set(self.kind)
        if applies == "districts":
            return {c for c, k in self.kind.items() if k == "district"}
        if applies == "municipal":
            return {c for c, k in self.kind.items() if k == "municipal"}
        return {str(c) for c in applies}


def find_submissions(paths):
    files = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
        else:
            files.append(path)
    subs = {}
    for path in files:
        doc = load_yaml(path)
        if not isinstance(doc, dict) or "unit" not in doc:
            print(f"baseline: skipped {path}: not a submission", file=sys.stderr)
            continue
        schools = doc.get("schools")
        if isinstance(schools, str):
            schools = read_school_csv(os.path.join(os.path.dirname(path), schools))
        doc["schools"] = typed_rows(schools) if schools else None
        subs[str(doc["unit"])] = doc
    return subs


# MARK: - Evaluation

MISSING, INVALID, NA = "missing", "invalid", "not_applicable"


class Problem(Exception):
    def __init__(self, status):
        self.status = status


def metric_value(rs, values, metric_id):
    """A unit's value of a metric; raises Problem(missing | invalid)."""
    if values is None or values.get(metric_id) is None:
        raise Problem(MISSING)
    value, metric = values[metric_id], rs.metrics[metric_id]
    kind = metric["type"]
    if kind == "count" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise Problem(INVALID)
    if kind == "flag" and not isinstance(value, bool):
        raise Problem(INVALID)
    if kind == "rate":
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", str(value))
        if not m:
            raise Problem(INVALID)
        value = Fraction(m.group(1)) / 100
    whole = metric.get("at_most")
    if whole and isinstance(values.get(whole), int) and value > values[whole]:
        raise Problem(INVALID)
    return value


def worst(problems):
    """Missing wins over invalid, invalid over not applicable."""
    for status in (MISSING, INVALID, NA):
        if status in problems:
            return status
    return None


def city_value(rs, subs, units, metric_id, previous=False):
    how = rs.metrics[metric_id]["aggregate"]
    if how == "municipal":
        units = [c for c, k in rs.kind.items() if k == "municipal"]
    values, problems = [], set()
    for code in units:
        sub = subs.get(code)
        source = sub and ((sub.get("previous") or {}).get("metrics") if previous else sub.get("metrics"))
        if previous and sub and int((sub.get("previous") or {}).get("period", 0)) != rs.period - 1:
            source = None
        try:
            values.append(metric_value(rs, source, metric_id))
        except Problem as p:
            problems.add(p.status)
    if worst(problems):
        raise Problem(worst(problems))
    if how == "sum":
        return sum(values)
    if how == "all":
        return all(values)
    if how == "any":
        return any(values)
    if how == "municipal":
        return values[0]
    raise ValueError(f"{metric_id}: no city figure ({how})")


def measure(rs, subs, measure_spec, units, scope):
    """-> (kind, value): ('value', x) or ('ratio', (n, d)); raises Problem."""
    def get(metric_id, previous=False):
        if scope == "city":
            return city_value(rs, subs, units, metric_id, previous)
        sub = subs[units[0]]
        if previous:
            prev = sub.get("previous") or {}
            if int(prev.get("period", 0)) != rs.period - 1:
                raise Problem(MISSING)
            return metric_value(rs, prev.get("metrics"), metric_id)
        return metric_value(rs, sub.get("metrics"), metric_id)

    def both(f, g):
        problems, values = set(), []
        for fetch in (f, g):
            try:
                values.append(fetch())
            except Problem as p:
                problems.add(p.status)
        if worst(problems):
            raise Problem(worst(problems))
        return values

    if "value" in measure_spec:
        return "value", get(measure_spec["value"])
    if "ratio" in measure_spec:
        spec = measure_spec["ratio"]
        n, d = both(lambda: get(spec["numerator"]), lambda: get(spec["denominator"]))
        if n > d:
            raise Problem(INVALID)
        if d == 0:
            raise Problem(NA)
        return "ratio", (n, d)
    if "change" in measure_spec:
        metric_id = measure_spec["change"]
        now, before = both(lambda: get(metric_id), lambda: get(metric_id, previous=True))
        return "value", now - before
    for kind in ("coverage", "count", "sum"):
        if kind in measure_spec:
            spec = measure_spec[kind]
            rows = []
            for code in units:
                unit_rows = (subs.get(code) or {}).get("schools")
                if not unit_rows:
                    raise Problem(MISSING)
                rows.extend(unit_rows)
            try:
                chosen = [r for r in rows if spec["rows_fn"](r)]
                if any("_bad" in r for r in chosen):
                    raise Problem(INVALID)
                if kind == "count":
                    return "value", len(chosen)
                if kind == "sum":
                    return "value", sum(r[spec["field"]] for r in chosen)
                good = sum(1 for r in chosen if spec["meets_fn"](r))
            except (KeyError, TypeError, ZeroDivisionError):
                raise Problem(INVALID)
            if not chosen:
                raise Problem(NA)
            return "ratio", (good, len(chosen))
    if "consistency" in measure_spec:
        spec = measure_spec["consistency"]
        reported, computed = both(lambda: get(spec["reported"]),
                                  lambda: measure(rs, subs, spec["computed"], units, scope))
        n, d = computed[1] if computed[0] == "ratio" else (computed[1], 1)
        scale = 100 * 10 ** int(spec.get("rounding", 2))
        same = math.floor(Fraction(n, d) * scale + Fraction(1, 2)) == math.floor(reported * scale + Fraction(1, 2))
        return "consistency", same
    raise ValueError(f"unsupported measure {measure_spec}")


def evaluate(rs, subs, rule, units, scope):
    try:
        kind, value = measure(rs, subs, rule["measure"], units, scope)
    except Problem as p:
        return {"status": p.status}
    if kind == "consistency":
        return {"status": "pass" if value else "fail"}
    if kind == "ratio":
        n, d = value
        ok = OPS[rule["op"]](Fraction(n, d), rule["goal"])
        return {"status": "pass" if ok else "fail", "numerator": n, "denominator": d}
    ok = OPS[rule["op"]](value, rule["goal"])
    return {"status": "pass" if ok else "fail", "value": value}


def run(rs, subs, city):
    results = []
    for code in sorted(subs):
        for rule in rs.rules:
            if "unit" in rule["scopes"]:
                outcome = evaluate(rs, subs, rule, [code], "unit") if code in rule["units"] else {"status": NA}
                results.append(dict(rule=rule["id"], unit=code, scope="unit", severity=rule["severity"], **outcome))
    if city:
        for rule in rs.rules:
            if "city" in rule["scopes"]:
                units = sorted(rule["units"])
                outcome = evaluate(rs, subs, rule, units, "city")
                results.append(dict(rule=rule["id"], unit=rs.city, scope="city", severity=rule["severity"], **outcome))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="submission files or folders")
    parser.add_argument("--rules", required=True, help="ruleset folder")
    parser.add_argument("--city", action="store_true", help="evaluate city-scope rules too")
    parser.add_argument("--output", default="-", help="JSON file to write (default: standard output)")
    args = parser.parse_args(argv)

    rs = Ruleset(args.rules)
    subs = find_submissions(args.paths)
    results = run(rs, subs, args.city)
    # one result per line: readable, and json's C encoder (indent= would switch to pure Python)
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in results) + "\n]\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    failed = any(r["severity"] == "error" and r["status"] in ("fail", "missing", "invalid") for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
