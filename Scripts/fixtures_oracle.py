#!/usr/bin/env python3
"""Independent oracle for educheck's expected results.

Reads a ruleset folder (Rules/gz-2025), the submissions of one period and a waiver file, evaluates
every rule with exact rational arithmetic (fractions.Fraction, never floats), and writes the
expected compliance matrix as TSV: rule, unit, scope, status, gap.

It shares no code with the Swift engine on purpose: when the two disagree, one of them is wrong.

    python3 Scripts/fixtures_oracle.py                     # writes Fixtures/expected/city-2025.tsv
    python3 Scripts/fixtures_oracle.py --output -          # prints it instead

Semantics implemented (SPEC sections 2-4):
  missing          a value the rule needs is absent (a metric, `previous` for a change target,
                   school rows for a coverage measure; at city scope: in any applicable unit)
  invalid          present but inconsistent: a negative count, a part larger than its whole
                   (`at_most`), a non-zero part over a zero whole, a school row with a bad value
  not_applicable   0 of 0 (nothing to measure), or a unit outside the rule's `applies_to`
  missing wins over invalid, invalid over not_applicable, at unit and at city scope.
  waived           a failing unit result covered by a waiver that has not expired on --as-of
  gap              the shortfall in the domain's units (people, schools, places) for failing or
                   waived count-based and ratio results, 0 when passing, empty otherwise
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re
import sys
from fractions import Fraction

import yaml

MISSING, INVALID, NOT_APPLICABLE = "missing", "invalid", "not_applicable"
PASS, FAIL, WAIVED = "pass", "fail", "waived"
STATUSES = [PASS, FAIL, WAIVED, MISSING, INVALID, NOT_APPLICABLE]

CITY_CODE = "440100"


# MARK: - Loading


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


class Ruleset:
    def __init__(self, folder):
        self.folder = folder
        self.header = load_yaml(os.path.join(folder, "ruleset.yaml"))
        self.period = int(self.header["period"])
        units_doc = load_yaml(os.path.join(folder, "units.yaml"))
        self.city_code = str(units_doc["city"]["code"])
        self.units = [dict(u, code=str(u["code"])) for u in units_doc["units"]]
        self.unit_codes = [u["code"] for u in self.units]
        self.unit_kind = {u["code"]: u["kind"] for u in self.units}
        metrics_doc = load_yaml(os.path.join(folder, "metrics.yaml"))
        self.domains = metrics_doc["domains"]
        self.metrics = {m["id"]: m for m in metrics_doc["metrics"]}
        self.rules = []
        rules_dir = os.path.join(folder, "rules")
        for name in sorted(os.listdir(rules_dir)):
            if name.endswith((".yaml", ".yml")):
                for rule in load_yaml(os.path.join(rules_dir, name)) or []:
                    rule = dict(rule)
                    rule["_file"] = name
                    self.rules.append(rule)
        self.rules_by_id = {r["id"]: r for r in self.rules}

    def applicable_units(self, rule):
        applies = rule.get("applies_to", "all")
        if applies == "all":
            return list(self.unit_codes)
        if applies == "districts":
            return [c for c in self.unit_codes if self.unit_kind[c] == "district"]
        if applies == "municipal":
            return [c for c in self.unit_codes if self.unit_kind[c] == "municipal"]
        if isinstance(applies, list):
            return [c for c in self.unit_codes if c in {str(a) for a in applies}]
        raise ValueError(f"{rule['id']}: unknown applies_to {applies!r}")


def rule_scopes(rule):
    scope = rule["scope"]
    return [scope] if isinstance(scope, str) else list(scope)


def load_submissions(folder):
    """Every *.yaml / *.yml file under folder that is a submission (has `unit` and `metrics`)."""
    subs = {}
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            doc = load_yaml(os.path.join(root, name))
            if isinstance(doc, dict) and "unit" in doc and "period" in doc:
                code = str(doc["unit"])
                if code in subs:
                    raise ValueError(f"two submissions for unit {code}")
                subs[code] = normalize_submission(doc)
    return subs


def normalize_submission(doc):
    doc = dict(doc)
    doc["unit"] = str(doc["unit"])
    doc["metrics"] = dict(doc.get("metrics") or {})
    return doc


# MARK: - Values


class Rejected(Exception):
    """A value is present but unusable: the result is invalid."""


def parse_percent(text):
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*%\s*", str(text))
    if not m:
        raise Rejected(f"not a rate: {text!r}")
    return Fraction(m.group(1)) / 100


def typed_value(ruleset, metric_id, raw):
    metric = ruleset.metrics[metric_id]
    kind = metric["type"]
    if kind == "count":
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise Rejected(f"{metric_id}: not a whole number: {raw!r}")
        if raw < 0:
            raise Rejected(f"{metric_id}: negative count {raw}")
        value = Fraction(raw)
    elif kind == "amount":
        if isinstance(raw, bool):
            raise Rejected(f"{metric_id}: not a number")
        value = Fraction(str(raw))
    elif kind == "rate":
        value = parse_percent(raw)
    elif kind == "flag":
        if not isinstance(raw, bool):
            raise Rejected(f"{metric_id}: not a flag: {raw!r}")
        value = raw
    else:
        value = raw
    if "min" in metric and value < Fraction(str(metric["min"])):
        raise Rejected(f"{metric_id}: below min")
    return value


def metric_state(ruleset, values, metric_id):
    """(state, value) for one metric in one set of values: ('missing'|'invalid'|'ok', value)."""
    if metric_id not in ruleset.metrics:
        raise KeyError(f"unknown metric {metric_id}")
    if metric_id not in values or values[metric_id] is None:
        return MISSING, None
    try:
        value = typed_value(ruleset, metric_id, values[metric_id])
    except Rejected:
        return INVALID, None
    whole_id = ruleset.metrics[metric_id].get("at_most")
    if whole_id and whole_id in values and values[whole_id] is not None:
        try:
            whole = typed_value(ruleset, whole_id, values[whole_id])
        except Rejected:
            whole = None
        if whole is not None and value > whole:
            return INVALID, None
    return "ok", value


# MARK: - Targets


PREFIX_WORDS = [
    ("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("达到", ">="),
    ("不超过", "<="), ("不高于", "<="), ("不多于", "<="),
    ("超过", ">"), ("高于", ">"), ("多于", ">"),
    ("不满", "<"), ("低于", "<"), ("少于", "<"),
]
SUFFIX_WORDS = [("及以上", ">="), ("以上", ">="), ("以下", "<="), ("以内", "<=")]
WHOLE_WORDS = {"全覆盖", "全员", "配齐"}
MEASURE_WORDS = "个所名人对项"


def parse_number(text):
    """'99%' -> (Fraction(99, 100), True); '6万个' -> (60000, False); '30对' -> (30, False)."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|万)?\s*([" + MEASURE_WORDS + r"])?", text.strip())
    if not m:
        raise ValueError(f"bad number in target: {text!r}")
    number = Fraction(m.group(1))
    if m.group(2) == "%":
        return number / 100, True
    if m.group(2) == "万":
        number *= 10000
    return number, False


def parse_target(text):
    """-> (op, value, is_percent); value is a Fraction or a bool."""
    text = str(text).strip()
    if text in WHOLE_WORDS:
        return "=", Fraction(1), True
    m = re.fullmatch(r"(>=|<=|>|<|=)\s*(.+)", text)
    if m:
        op, rest = m.group(1), m.group(2).strip()
        if rest in ("true", "false"):
            return op, rest == "true", False
        value, pct = parse_number(rest)
        return op, value, pct
    for word, op in PREFIX_WORDS:
        if text.startswith(word):
            value, pct = parse_number(text[len(word):])
            return op, value, pct
    for word, op in SUFFIX_WORDS:
        if text.endswith(word):
            value, pct = parse_number(text[: -len(word)])
            return op, value, pct
    raise ValueError(f"unrecognised target {text!r}")


def compare(op, left, right):
    return {
        ">=": left >= right, ">": left > right, "<=": left <= right,
        "<": left < right, "=": left == right,
    }[op]


def count_gap(op, value, target):
    """Shortfall (or excess) of a whole-number value against a whole-number target."""
    if op == ">=":
        return max(0, target - value)
    if op == ">":
        return max(0, target + 1 - value)
    if op == "<=":
        return max(0, value - target)
    if op == "<":
        return max(0, value - target + 1)
    return abs(value - target)


def ratio_gap(op, numerator, denominator, target):
    """How many more (or fewer) numerator units bring numerator/denominator onto the target."""
    line = target * denominator
    if op == ">=":
        need = math.ceil(line)
        return max(0, need - numerator)
    if op == ">":
        need = math.floor(line) + 1
        return max(0, need - numerator)
    if op == "<=":
        allowed = math.floor(line)
        return max(0, numerator - allowed)
    if op == "<":
        allowed = math.ceil(line) - 1
        return max(0, numerator - allowed)
    if line.denominator == 1:
        return abs(int(line) - numerator)
    return None


# MARK: - Row expressions


TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(>=|<=|!=|==|[-+*/()\[\],=<>])|([A-Za-z_][A-Za-z0-9_.]*))")


def tokenize(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"bad expression near {text[pos:]!r}")
        number, op, word = m.groups()
        out.append(("num", Fraction(number)) if number else ("op", op) if op else ("word", word))
        pos = m.end()
    return out


class Expression:
    """A small recursive-descent parser for the row filter / predicate language."""

    def __init__(self, text):
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.tree = self.parse_or()
        if self.pos != len(self.tokens):
            raise ValueError(f"trailing tokens in {text!r}")

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value is not None and tok[1] != value):
            raise ValueError(f"expected {value or kind} in {self.text!r}")
        self.pos += 1
        return tok

    def at(self, kind, value):
        return self.peek() == (kind, value)

    def parse_or(self):
        node = self.parse_and()
        while self.at("word", "or"):
            self.take()
            node = ("or", node, self.parse_and())
        return node

    def parse_and(self):
        node = self.parse_not()
        while self.at("word", "and"):
            self.take()
            node = ("and", node, self.parse_not())
        return node

    def parse_not(self):
        if self.at("word", "not"):
            self.take()
            return ("not", self.parse_not())
        return self.parse_comparison()

    def parse_comparison(self):
        left = self.parse_sum()
        tok = self.peek()
        if tok[0] == "op" and tok[1] in (">=", "<=", ">", "<", "=", "==", "!="):
            self.take()
            op = "=" if tok[1] == "==" else tok[1]
            return ("cmp", op, left, self.parse_sum())
        if tok == ("word", "in"):
            self.take()
            self.take("op", "[")
            items = []
            while not self.at("op", "]"):
                kind, value = self.take()
                if kind not in ("word", "num"):
                    raise ValueError(f"bad list item in {self.text!r}")
                items.append(value)
                if not self.at("op", "]"):
                    self.take("op", ",")
            self.take("op", "]")
            return ("in", left, items)
        return left

    def parse_sum(self):
        node = self.parse_term()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            op = self.take()[1]
            node = ("arith", op, node, self.parse_term())
        return node

    def parse_term(self):
        node = self.parse_unary()
        while self.peek()[0] == "op" and self.peek()[1] in "*/":
            op = self.take()[1]
            node = ("arith", op, node, self.parse_unary())
        return node

    def parse_unary(self):
        if self.at("op", "-"):
            self.take()
            return ("neg", self.parse_unary())
        kind, value = self.peek()
        if kind == "num":
            self.take()
            return ("const", value)
        if kind == "word" and value in ("true", "false"):
            self.take()
            return ("const", value == "true")
        if kind == "word":
            self.take()
            return ("field", value)
        self.take("op", "(")
        node = self.parse_or()
        self.take("op", ")")
        return node

    def fields(self, node=None):
        node = self.tree if node is None else node
        if node[0] == "field":
            return {node[1]}
        out = set()
        for child in node[1:]:
            if isinstance(child, tuple):
                out |= self.fields(child)
        return out

    def evaluate(self, row, node=None):
        node = self.tree if node is None else node
        kind = node[0]
        if kind == "const":
            return node[1]
        if kind == "field":
            if node[1] not in row or row[node[1]] is None:
                raise Rejected(f"row {row.get('code')}: no {node[1]}")
            value = row[node[1]]
            if isinstance(value, bool) or isinstance(value, str):
                return value
            if isinstance(value, (int, float)):
                return Fraction(str(value))
            raise Rejected(f"row {row.get('code')}: bad {node[1]}")
        if kind == "neg":
            return -self.number(row, node[1])
        if kind == "arith":
            a, b = self.number(row, node[2]), self.number(row, node[3])
            if node[1] == "/" and b == 0:
                raise Rejected("division by zero")
            return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[node[1]]
        if kind == "cmp":
            a, b = self.evaluate(row, node[2]), self.evaluate(row, node[3])
            if node[1] in ("=", "!="):
                return (a == b) if node[1] == "=" else (a != b)
            if not all(isinstance(x, Fraction) for x in (a, b)):
                raise Rejected("ordering of non-numbers")
            return compare(node[1], a, b)
        if kind == "in":
            value = self.evaluate(row, node[1])
            return any(value == item for item in node[2])
        if kind == "not":
            return not self.truth(row, node[1])
        if kind == "and":
            return self.truth(row, node[1]) and self.truth(row, node[2])
        if kind == "or":
            return self.truth(row, node[1]) or self.truth(row, node[2])
        raise ValueError(kind)

    def number(self, row, node):
        value = self.evaluate(row, node)
        if not isinstance(value, Fraction):
            raise Rejected(f"row {row.get('code')}: not a number")
        return value

    def truth(self, row, node=None):
        value = self.evaluate(row, node)
        if not isinstance(value, bool):
            raise Rejected("not a condition")
        return value


def row_numbers_ok(row, fields):
    """A row field used in arithmetic must be a non-negative whole number."""
    for name in fields:
        value = row.get(name)
        if name in ("code", "name", "stage", "ownership"):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return False
    return True


# MARK: - Evaluation


class Outcome:
    def __init__(self, status, gap=None, detail=""):
        self.status, self.gap, self.detail = status, gap, detail


def combine_states(states):
    """Missing wins over invalid; both win over everything else."""
    if MISSING in states:
        return MISSING
    if INVALID in states:
        return INVALID
    return None


class Evaluator:
    def __init__(self, ruleset, submissions):
        self.rs = ruleset
        self.subs = submissions

    # --- inputs -------------------------------------------------------------------------------

    def unit_metric(self, code, metric_id):
        sub = self.subs.get(code)
        if sub is None:
            return MISSING, None
        return metric_state(self.rs, sub["metrics"], metric_id)

    def unit_previous(self, code, metric_id):
        sub = self.subs.get(code)
        prev = (sub or {}).get("previous")
        if not prev or int(prev.get("period", -1)) != self.rs.period - 1:
            return MISSING, None
        return metric_state(self.rs, dict(prev.get("metrics") or {}), metric_id)

    def city_metric(self, units, metric_id, previous=False):
        """Aggregate a metric over units by its declared aggregation."""
        metric = self.rs.metrics[metric_id]
        how = metric["aggregate"]
        fetch = self.unit_previous if previous else self.unit_metric
        if how == "municipal":
            units = [c for c in self.rs.unit_codes if self.rs.unit_kind[c] == "municipal"]
        elif how == "none":
            raise ValueError(f"{metric_id} has no city figure (aggregate: none)")
        states = [fetch(code, metric_id) for code in units]
        state = combine_states([s for s, _ in states])
        if state:
            return state, None
        values = [v for _, v in states]
        if how in ("sum",):
            return "ok", sum(values, Fraction(0))
        if how == "all":
            return "ok", all(values)
        if how == "any":
            return "ok", any(values)
        if how == "municipal":
            return "ok", values[0]
        raise ValueError(how)

    # --- measures -----------------------------------------------------------------------------

    def measure(self, rule, measure, units, scope):
        """-> (state, payload). state: 'ok' | missing | invalid | not_applicable."""
        get = (lambda m: self.unit_metric(units[0], m)) if scope == "unit" else (
            lambda m: self.city_metric(units, m))
        if "value" in measure:
            state, value = get(measure["value"])
            return (state, None) if state != "ok" else ("ok", ("value", value))
        if "ratio" in measure:
            num_id, den_id = measure["ratio"]["numerator"], measure["ratio"]["denominator"]
            (sn, n), (sd, d) = get(num_id), get(den_id)
            state = combine_states([sn, sd])
            if state:
                return state, None
            if n > d:
                return INVALID, None
            if d == 0:
                return NOT_APPLICABLE, None
            return "ok", ("ratio", n, d)
        if "change" in measure:
            metric_id = measure["change"]
            if scope == "unit":
                (sc, cur), (sp, prev) = self.unit_metric(units[0], metric_id), self.unit_previous(
                    units[0], metric_id)
            else:
                (sc, cur), (sp, prev) = self.city_metric(units, metric_id), self.city_metric(
                    units, metric_id, previous=True)
            state = combine_states([sc, sp])
            if state:
                return state, None
            return "ok", ("value", cur - prev)
        if "coverage" in measure:
            rows_filter = Expression(measure["coverage"]["rows"])
            meets = Expression(measure["coverage"]["meets"])
            all_rows, missing = [], False
            for code in units:
                rows = (self.subs.get(code) or {}).get("schools")
                if not rows:
                    missing = True
                else:
                    all_rows.extend(rows)
            if missing:
                return MISSING, None
            try:
                chosen = [r for r in all_rows if rows_filter.truth(r)]
                for row in chosen:
                    if not row_numbers_ok(row, meets.fields()):
                        return INVALID, None
                good = sum(1 for r in chosen if meets.truth(r))
            except Rejected:
                return INVALID, None
            if not chosen:
                return NOT_APPLICABLE, None
            return "ok", ("ratio", Fraction(good), Fraction(len(chosen)))
        if "count" in measure or "sum" in measure:
            spec = measure.get("count") or measure.get("sum")
            rows_filter = Expression(spec.get("rows", "true"))
            all_rows = []
            for code in units:
                rows = (self.subs.get(code) or {}).get("schools")
                if not rows:
                    return MISSING, None
                all_rows.extend(rows)
            try:
                chosen = [r for r in all_rows if rows_filter.truth(r)]
            except Rejected:
                return INVALID, None
            if "count" in measure:
                return "ok", ("value", Fraction(len(chosen)))
            field = spec["field"]
            if not all(row_numbers_ok(r, {field}) for r in chosen):
                return INVALID, None
            return "ok", ("value", sum((Fraction(r[field]) for r in chosen), Fraction(0)))
        if "consistency" in measure:
            spec = measure["consistency"]
            reported_state, reported = get(spec["reported"])
            computed_state, computed = self.measure(rule, spec["computed"], units, scope)
            state = combine_states([reported_state, computed_state])
            if state:
                return state, None
            if computed_state == NOT_APPLICABLE:
                return NOT_APPLICABLE, None
            return "ok", ("consistency", reported, computed, int(spec.get("rounding", 2)))
        raise ValueError(f"{rule['id']}: unsupported measure {measure}")

    def judge(self, rule, payload):
        """-> Outcome with pass/fail and gap."""
        kind = payload[0]
        if kind == "consistency":
            _, reported, computed, places = payload
            value = computed[1] / computed[2] if computed[0] == "ratio" else computed[1]
            return Outcome(PASS if round_half_up(reported * 100, places) == round_half_up(
                value * 100, places) else FAIL)
        op, target, is_percent = parse_target(rule["target"])
        if kind == "value":
            value = payload[1]
            if isinstance(target, bool) or isinstance(value, bool):
                return Outcome(PASS if compare(op, value, target) else FAIL)
            ok = compare(op, value, target)
            return Outcome(PASS if ok else FAIL, int(count_gap(op, value, target)))
        if kind == "ratio":
            _, n, d = payload
            ok = compare(op, n / d, target)
            gap = ratio_gap(op, int(n), int(d), target)
            return Outcome(PASS if ok else FAIL, gap)
        raise ValueError(kind)

    def evaluate(self, rule, units, scope):
        state, payload = self.measure(rule, rule["measure"], units, scope)
        if state != "ok":
            return Outcome(state)
        return self.judge(rule, payload)


def round_half_up(value, places):
    scaled = value * (10 ** places)
    return Fraction(math.floor(scaled + Fraction(1, 2)), 10 ** places)


def parse_date(value):
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def run(ruleset, submissions, city=True, waivers=(), as_of=None, only_rule=None,
        include_outside=False):
    """Evaluate every rule; -> list of (rule, unit, scope, status, gap)."""
    evaluator = Evaluator(ruleset, submissions)
    as_of = parse_date(as_of) if as_of else dt.date.today()
    results = []
    for rule in ruleset.rules:
        if only_rule and rule["id"] != only_rule:
            continue
        applicable = ruleset.applicable_units(rule)
        scopes = rule_scopes(rule)
        if "unit" in scopes:
            for code in sorted(submissions):
                if code not in applicable:
                    if include_outside:
                        results.append((rule["id"], code, "unit", NOT_APPLICABLE, None))
                    continue
                outcome = evaluator.evaluate(rule, [code], "unit")
                status = outcome.status
                if status == FAIL and any(
                        w["rule"] == rule["id"] and str(w["unit"]) == code
                        and as_of <= parse_date(w["expires"]) for w in waivers):
                    status = WAIVED
                gap = outcome.gap if status in (PASS, FAIL, WAIVED) else None
                results.append((rule["id"], code, "unit", status, gap))
        if "city" in scopes and city:
            outcome = evaluator.evaluate(rule, applicable, "city")
            gap = outcome.gap if outcome.status in (PASS, FAIL) else None
            results.append((rule["id"], ruleset.city_code, "city", outcome.status, gap))
    results.sort(key=lambda r: (r[0], r[1], 0 if r[2] == "unit" else 1))
    return results


def to_tsv(results):
    lines = ["rule\tunit\tscope\tstatus\tgap"]
    for rule, unit, scope, status, gap in results:
        lines.append(f"{rule}\t{unit}\t{scope}\t{status}\t{'' if gap is None else gap}")
    return "\n".join(lines) + "\n"


def summary(results):
    counts = {s: 0 for s in STATUSES}
    for r in results:
        counts[r[3]] += 1
    return counts


def main(argv=None):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=os.path.join(top, "Rules", "gz-2025"))
    parser.add_argument("--submissions", default=os.path.join(top, "Fixtures", "submissions", "2025"))
    parser.add_argument("--waivers", default=os.path.join(top, "Fixtures", "waivers-2025.yaml"))
    parser.add_argument("--as-of", default="2025-11-30")
    parser.add_argument("--output", default=os.path.join(top, "Fixtures", "expected", "city-2025.tsv"))
    args = parser.parse_args(argv)

    ruleset = Ruleset(args.rules)
    submissions = load_submissions(args.submissions)
    waivers = load_yaml(args.waivers) if args.waivers else []
    for w in waivers or []:
        if w["rule"] not in ruleset.rules_by_id or str(w["unit"]) not in ruleset.unit_codes:
            raise SystemExit(f"waiver for unknown rule or unit: {w}")
    results = run(ruleset, submissions, city=True, waivers=waivers or [], as_of=args.as_of)
    text = to_tsv(results)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        tmp = args.output + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.output)
    counts = summary(results)
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"rows={len(results)}", file=sys.stderr)


if __name__ == "__main__":
    main()
