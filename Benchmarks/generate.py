#!/usr/bin/env python3
"""Generate a synthetic national-scale data set for benchmarking educheck, with its expected verdicts.

    python3 Benchmarks/generate.py --units 3000 --schools-per-unit 200 --fail-share 0.1 --seed 1 \
        --out /tmp/educheck-bench/u3000-s200

writes, under --out:

    rules/                    the gz-2025 ruleset (Rules/gz-2025 without cases/) with a generated
                              units.yaml: N district units with synthetic six-digit codes plus the
                              municipal unit 440100; the two rules that name districts
                              (`applies_to: [codes]`) name generated districts instead
    submissions/<code>.yaml   one submission per unit (SPEC 3.2), every metric the rules use
    submissions/schools-<code>.csv
                              the unit's school rows (SPEC 3.4: header
                              code,name,stage,ownership,students,backbone_teachers; RFC 4180,
                              UTF-8, LF), referenced from the submission as `schools: schools-<code>.csv`;
                              with --inline-schools the rows are written inline in the YAML instead
    expected.tsv              rule, unit, scope, status for every unit-scope result (every unit,
                              not_applicable outside a rule's applies_to, as educheck reports it) and
                              every city-scope result over all units
    manifest.json             the arguments, unit, row and byte counts, and status counts

With --gz-units the units are Guangzhou's own (the first N of its eleven districts plus 440100) and
the ruleset is copied unchanged, so the submissions also check against educheck's built-in ruleset.

The expected statuses are computed here, from the values this script chose, with exact integer
arithmetic; educheck is never run. The script knows the gz-2025 rules (it has to, to choose values
that pass or miss them) and refuses to run when the ruleset's rules differ from what it knows.

Values are realistic and internally consistent: parts never exceed wholes, every reported rate
agrees with its counts (except where the consistency rule is meant to fail), every unit reports last
period's admission plan under `previous`, and a unit's school totals are at least its listed rows.
Exactly round(fail_share x candidates) targets are missed, chosen at random among every
(rule, unit) pair that can miss: each applicable unit-scope result, and the municipal level's
city-only targets. Passing and failing values include the edges (exactly 99%, exactly 55%,
backbone_teachers * 100 == students), and rows outside a coverage filter often fail its predicate.

Deterministic: the same arguments give byte-identical output. Randomness comes only from
random.Random(...).random() (Mersenne Twister, seeded from strings, stable across Python 3
versions); nothing depends on time, hash order or the machine.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import sys
from fractions import Fraction

import yaml

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_RULES = os.path.join(TOP, "Rules", "gz-2025")
MUNICIPAL = "440100"
PERIOD = 2025
CSV_HEADER = ["code", "name", "stage", "ownership", "students", "backbone_teachers"]

# MARK: - What the generator knows about gz-2025

# Ratio rules: id -> (numerator, denominator, op, target as a Fraction).
RATIO_RULES = {
    "class-teacher-b-certificate": ("mental_health.class_teachers_with_b_certificate", "mental_health.class_teachers", "=", Fraction(1)),
    "secondary-mentor-system": ("mental_health.secondary_schools_with_mentor_system", "mental_health.secondary_schools", "=", Fraction(1)),
    "fitness-good-rate": ("fitness.students_good_or_excellent", "fitness.students_tested", ">", Fraction(55, 100)),
    "primary-ideology-teachers": ("moral_education.primary_schools_with_ideology_teacher", "moral_education.primary_schools", ">=", Fraction(70, 100)),
    "secondary-ideology-teachers": ("moral_education.secondary_schools_with_ideology_teacher", "moral_education.secondary_schools", "=", Fraction(1)),
    "psych-teacher-staffing": ("mental_health.schools_with_psych_teacher", "mental_health.schools", "=", Fraction(1)),
    "psych-counselling-rooms": ("mental_health.schools_with_counselling_room", "mental_health.schools", "=", Fraction(1)),
    "disabled-children-enrolment": ("special_education.enrolled_disabled_children", "special_education.school_age_disabled_children", ">=", Fraction(99, 100)),
    "priority-schools-in-groups": ("compulsory.priority_schools_in_groups", "compulsory.priority_schools", "=", Fraction(1)),
    "vocational-conditions": ("vocational.schools_meeting_standards", "vocational.schools", ">=", Fraction(90, 100)),
    "campus-security-guards": ("safety.schools_with_fulltime_guards", "safety.schools", "=", Fraction(1)),
    "campus-security-closed": ("safety.schools_with_closed_campus", "safety.schools", "=", Fraction(1)),
    "campus-security-alarm": ("safety.schools_with_alarm_button", "safety.schools", "=", Fraction(1)),
    "campus-security-posts": ("safety.schools_with_guard_posts", "safety.schools", "=", Fraction(1)),
}
# Value rules: id -> (metric, op, target: int or bool).
VALUE_RULES = {
    "ideology-demo-micro-lessons": ("moral_education.demo_micro_lessons", ">=", 100),
    "ideology-curriculum-cases": ("moral_education.curriculum_cases", ">=", 100),
    "mental-health-hotline": ("mental_health.unified_hotline", "=", True),
    "sports-team-programmes": ("arts_sports.sports_team_programmes", ">=", 12),
    "arts-team-programmes": ("arts_sports.arts_team_programmes", ">=", 7),
    "family-school-alliance": ("family_school.district_alliance", "=", True),
    "preschool-benefit-district": ("preschool.benefit_district_application", "=", True),
    "balanced-compulsory-district": ("compulsory.balanced_district_application", "=", True),
    "new-public-places": ("school_places.new_public_places", ">=", 60000),
    "long-programme-industries": ("vocational.long_programme_industry_fields", ">=", 9),
    "vocational-bachelor": ("vocational.municipal_bachelor_institutions", ">=", 1),
    "tech-transfer-subcentres": ("higher_education.tech_transfer_subcentres", ">=", 3),
    "international-window-schools": ("international.window_schools", ">=", 50),
    "new-dse-centres": ("international.new_dse_exam_centres", ">=", 1),
    "sister-school-pairs": ("international.new_sister_school_pairs", ">=", 30),
    "visitor-booking-system": ("safety.visitor_booking_system", "=", True),
    "safety-command-centre": ("safety.command_centre", "=", True),
    "food-safety-incidents": ("food_safety.incidents", "=", 0),
}
CHANGE_RULES = {"high-school-plan-growth": ("high_school.enrolment_plan_places", ">=", 10000)}
CONSISTENCY_RULE = "vocational-standard-rate-consistency"
COVERAGE_RULE = "backbone-teacher-coverage"
COVERAGE_STAGES = ("primary", "junior_secondary", "nine_year", "complete_secondary", "twelve_year")

# The ruleset as the generator expects to find it: id -> (scope, applies_to, measure, target).
KNOWN_RULES = {
    "ideology-demo-micro-lessons": ("city", "all", {"value": "moral_education.demo_micro_lessons"}, ">= 100"),
    "ideology-curriculum-cases": ("city", "all", {"value": "moral_education.curriculum_cases"}, ">= 100"),
    "mental-health-hotline": ("city", "municipal", {"value": "mental_health.unified_hotline"}, "= true"),
    "class-teacher-b-certificate": (["unit", "city"], "all", "ratio", "全员"),
    "secondary-mentor-system": (["unit", "city"], "all", "ratio", "= 100%"),
    "fitness-good-rate": (["unit", "city"], "all", "ratio", "超过55%"),
    "sports-team-programmes": ("unit", "districts", {"value": "arts_sports.sports_team_programmes"}, ">= 12"),
    "arts-team-programmes": ("unit", "districts", {"value": "arts_sports.arts_team_programmes"}, ">= 7"),
    "family-school-alliance": (["unit", "city"], "districts", {"value": "family_school.district_alliance"}, "= true"),
    "primary-ideology-teachers": (["unit", "city"], "all", "ratio", "70%以上"),
    "secondary-ideology-teachers": (["unit", "city"], "all", "ratio", "配齐"),
    "psych-teacher-staffing": (["unit", "city"], "all", "ratio", "= 100%"),
    "psych-counselling-rooms": (["unit", "city"], "all", "ratio", "= 100%"),
    "preschool-benefit-district": ("unit", "list", {"value": "preschool.benefit_district_application"}, "= true"),
    "balanced-compulsory-district": ("unit", "list", {"value": "compulsory.balanced_district_application"}, "= true"),
    "disabled-children-enrolment": (["unit", "city"], "districts", "ratio", "99%以上"),
    "high-school-plan-growth": ("city", "all", {"change": "high_school.enrolment_plan_places"}, ">= 10000"),
    "new-public-places": ("city", "all", {"value": "school_places.new_public_places"}, ">= 60000"),
    "priority-schools-in-groups": (["unit", "city"], "districts", "ratio", "全覆盖"),
    "long-programme-industries": ("city", "municipal", {"value": "vocational.long_programme_industry_fields"}, ">= 9"),
    "vocational-bachelor": ("city", "municipal", {"value": "vocational.municipal_bachelor_institutions"}, ">= 1"),
    "vocational-conditions": (["unit", "city"], "all", "ratio", "不低于90%"),
    CONSISTENCY_RULE: ("unit", "all", "consistency", None),
    "tech-transfer-subcentres": ("city", "municipal", {"value": "higher_education.tech_transfer_subcentres"}, ">= 3"),
    "international-window-schools": ("city", "all", {"value": "international.window_schools"}, "不少于50所"),
    "new-dse-centres": ("city", "municipal", {"value": "international.new_dse_exam_centres"}, ">= 1"),
    "sister-school-pairs": ("city", "all", {"value": "international.new_sister_school_pairs"}, "30对以上"),
    COVERAGE_RULE: (["unit", "city"], "districts", "coverage", "全覆盖"),
    "visitor-booking-system": ("city", "municipal", {"value": "safety.visitor_booking_system"}, "= true"),
    "safety-command-centre": ("city", "municipal", {"value": "safety.command_centre"}, "= true"),
    "campus-security-guards": (["unit", "city"], "all", "ratio", "= 100%"),
    "campus-security-closed": (["unit", "city"], "all", "ratio", "= 100%"),
    "campus-security-alarm": (["unit", "city"], "all", "ratio", "= 100%"),
    "campus-security-posts": (["unit", "city"], "all", "ratio", "= 100%"),
    "food-safety-incidents": (["unit", "city"], "all", {"value": "food_safety.incidents"}, "= 0"),
}

# Rules whose `applies_to` lists district codes; with synthetic units, every `every`-th district
# (starting at `start`) is listed instead.
LISTED_RULES = {"preschool-benefit-district": (0, 3), "balanced-compulsory-district": (1, 5)}


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def read_rules(rules_folder):
    rules = []
    folder = os.path.join(rules_folder, "rules")
    for name in sorted(os.listdir(folder)):
        if name.endswith((".yaml", ".yml")):
            rules.extend(load_yaml(os.path.join(folder, name)) or [])
    return rules


def check_ruleset(rules_folder):
    """Refuse to generate for a ruleset whose rules differ from the ones this script knows."""
    rules = read_rules(rules_folder)
    found = {r["id"]: r for r in rules}
    problems = []
    if set(found) != set(KNOWN_RULES):
        problems.append(f"rule ids differ: unknown {sorted(set(found) - set(KNOWN_RULES))}, "
                        f"absent {sorted(set(KNOWN_RULES) - set(found))}")
    for rule_id, (scope, applies, measure, target) in KNOWN_RULES.items():
        rule = found.get(rule_id)
        if rule is None:
            continue
        if rule["scope"] != scope:
            problems.append(f"{rule_id}: scope {rule['scope']!r}, expected {scope!r}")
        got_applies = rule.get("applies_to", "all")
        if (applies == "list") != isinstance(got_applies, list) or (applies != "list" and got_applies != applies):
            problems.append(f"{rule_id}: applies_to {got_applies!r}, expected {applies!r}")
        m = rule["measure"]
        if measure == "ratio":
            numerator, denominator, _, _ = RATIO_RULES[rule_id]
            if m != {"ratio": {"numerator": numerator, "denominator": denominator}}:
                problems.append(f"{rule_id}: measure {m!r}")
        elif measure == "coverage":
            cov = m.get("coverage", {})
            if cov.get("rows") != f"stage in [{', '.join(COVERAGE_STAGES)}]" or \
                    cov.get("meets") != "backbone_teachers * 100 >= students":
                problems.append(f"{rule_id}: measure {m!r}")
        elif measure == "consistency":
            expected = {"consistency": {"reported": "vocational.standard_rate_reported", "computed": {"ratio": {
                "numerator": "vocational.schools_meeting_standards", "denominator": "vocational.schools"}},
                "rounding": 2}}
            if m != expected:
                problems.append(f"{rule_id}: measure {m!r}")
        elif m != measure:
            problems.append(f"{rule_id}: measure {m!r}, expected {measure!r}")
        if target is not None and str(rule.get("target")) != target:
            problems.append(f"{rule_id}: target {rule.get('target')!r}, expected {target!r}")
    if problems:
        raise SystemExit("generate.py: the ruleset's rules are not the ones this generator knows; "
                         "update KNOWN_RULES and the value choices:\n  " + "\n  ".join(problems))
    return rules


# MARK: - Randomness


class Dice:
    """Integer draws from Random.random() only, so the stream is stable across Python versions."""

    def __init__(self, seed_text):
        self.r = random.Random(seed_text)
        self.random = self.r.random

    def int(self, low, high):
        """A whole number in [low, high]."""
        return low + int(self.random() * (high - low + 1))

    def chance(self, p):
        return self.random() < p

    def pick(self, items):
        return items[int(self.random() * len(items))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.random() * total
        for item, weight in pairs:
            x -= weight
            if x < 0:
                return item
        return pairs[-1][0]

    def sample(self, items, k):
        """k items of a list, chosen without replacement (partial Fisher-Yates), in list order."""
        pool = list(range(len(items)))
        for i in range(k):
            j = i + int(self.random() * (len(pool) - i))
            pool[i], pool[j] = pool[j], pool[i]
        return [items[i] for i in sorted(pool[:k])]


# MARK: - Units


PROVINCES = [
    ("11", "北京"), ("12", "天津"), ("13", "河北"), ("14", "山西"), ("15", "内蒙古"), ("21", "辽宁"),
    ("22", "吉林"), ("23", "黑龙江"), ("31", "上海"), ("32", "江苏"), ("33", "浙江"), ("34", "安徽"),
    ("35", "福建"), ("36", "江西"), ("37", "山东"), ("41", "河南"), ("42", "湖北"), ("43", "湖南"),
    ("44", "广东"), ("45", "广西"), ("46", "海南"), ("50", "重庆"), ("51", "四川"), ("52", "贵州"),
    ("53", "云南"), ("54", "西藏"), ("61", "陕西"), ("62", "甘肃"), ("63", "青海"), ("64", "宁夏"),
    ("65", "新疆"),
]
COUNTIES_PER_PREFECTURE = 12
CN_NUMBERS = "〇一二三四五六七八九"


def cn_number(n):
    """1..99 in Chinese numerals: 7 -> 七, 12 -> 十二, 40 -> 四十."""
    if n < 10:
        return CN_NUMBERS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMBERS[tens]) + "十" + (CN_NUMBERS[ones] if ones else "")


def synthetic_units(count):
    """count district units with GB/T 2260-shaped codes PPCCDD, spread round-robin over the
    provinces; never 4401xx (Guangzhou's own codes, 440100 included), never a CC or DD of 00."""
    units, i = [], 0
    capacity = len(PROVINCES) * 99 * COUNTIES_PER_PREFECTURE
    if count > capacity - COUNTIES_PER_PREFECTURE:
        raise SystemExit(f"generate.py: at most {capacity - COUNTIES_PER_PREFECTURE} synthetic units")
    while len(units) < count:
        (pp, province), j = PROVINCES[i % len(PROVINCES)], i // len(PROVINCES)
        cc, dd = 1 + j // COUNTIES_PER_PREFECTURE, 2 + j % COUNTIES_PER_PREFECTURE
        i += 1
        code = f"{pp}{cc:02d}{dd:02d}"
        if code.startswith("4401"):
            continue
        dice = Dice(f"educheck-bench/unit-name/{code}")
        county = dice.pick(PLACE_HEADS) + dice.pick(PLACE_TAILS) + ("区" if dd <= 4 else "县")
        units.append({
            "code": code,
            "zh": f"{province}{county}",
            "short": county,
            "en": f"Synthetic district {code}",
            "slug": f"u{code}",
        })
    units.sort(key=lambda u: u["code"])
    return units


def gz_units(rules_folder, count):
    doc = load_yaml(os.path.join(rules_folder, "units.yaml"))
    districts = sorted((u for u in doc["units"] if u["kind"] == "district"), key=lambda u: str(u["code"]))
    if count > len(districts):
        raise SystemExit(f"generate.py: --gz-units has only {len(districts)} districts")
    return [{"code": str(u["code"]), "zh": u["name"]["zh"], "short": u["name"]["zh"], "en": u["name"]["en"],
             "slug": u.get("slug", "")} for u in districts[:count]]


def units_yaml(districts):
    lines = [
        "# Generated by Benchmarks/generate.py: synthetic reporting units for benchmarking.",
        'city: {code: "440100", name: {zh: 全国模拟汇总, en: Synthetic national aggregate}}',
        "units:",
        '  - {code: "440100", name: {zh: 模拟本级, en: Municipal level}, kind: municipal, slug: shiben}',
    ]
    for u in districts:
        lines.append(f'  - {{code: "{u["code"]}", name: {{zh: {u["zh"]}, en: {u["en"]}}}, '
                     f'kind: district, slug: {u["slug"]}}}')
    return "\n".join(lines) + "\n"


def listed_codes(districts):
    """The districts each listed rule applies to, for synthetic units."""
    return {rule_id: [u["code"] for k, u in enumerate(districts) if k % every == start]
            for rule_id, (start, every) in LISTED_RULES.items()}


def copy_ruleset(source, target, districts, listed):
    """Copy the ruleset without cases/; with synthetic units, replace units.yaml and the listed
    rules' applies_to lines (text substitution, so every other byte of the rule files is kept)."""
    os.makedirs(os.path.join(target, "rules"))
    for name in sorted(os.listdir(source)):
        path = os.path.join(source, name)
        if os.path.isfile(path) and not (listed and name == "units.yaml"):
            shutil.copyfile(path, os.path.join(target, name))
    if listed:
        write_text(os.path.join(target, "units.yaml"), units_yaml(districts))
    done = set()
    for name in sorted(os.listdir(os.path.join(source, "rules"))):
        with open(os.path.join(source, "rules", name), encoding="utf-8") as f:
            text = f.read()
        if listed:
            text = replace_applies_to(text, listed, done)
        write_text(os.path.join(target, "rules", name), text)
    if listed and done != set(listed):
        raise SystemExit(f"generate.py: could not rewrite applies_to of {sorted(set(listed) - done)}")


def replace_applies_to(text, listed, done):
    out, current = [], None
    for line in text.split("\n"):
        m = re.match(r"- id:\s*(\S+)", line)
        if m:
            current = m.group(1)
        m = re.match(r"(\s*applies_to:\s*)\[.*\]\s*$", line)
        if m and current in listed:
            line = m.group(1) + "[" + ", ".join(f'"{c}"' for c in listed[current]) + "]"
            done.add(current)
        out.append(line)
    return "\n".join(out)


# MARK: - Values


STAGE_MIX = [
    ("primary", 44), ("junior_secondary", 15), ("nine_year", 8), ("complete_secondary", 5),
    ("twelve_year", 2), ("senior_secondary", 8), ("kindergarten", 11), ("vocational", 4), ("special", 3),
]
STUDENTS = {
    "primary": (380, 2800), "junior_secondary": (450, 2600), "nine_year": (600, 3200),
    "complete_secondary": (1200, 4200), "twelve_year": (1500, 4800), "senior_secondary": (900, 3600),
    "kindergarten": (120, 620), "vocational": (700, 5200), "special": (60, 320),
}
SUFFIXES = {
    "primary": ["小学", "中心小学", "实验小学", "第一小学", "第二小学", "外国语小学"],
    "junior_secondary": ["中学", "第一中学", "实验中学", "初级中学"],
    "nine_year": ["学校", "九年一贯制学校", "实验学校"],
    "complete_secondary": ["中学", "第二中学", "完全中学"],
    "twelve_year": ["外国语学校", "十二年一贯制学校"],
    "senior_secondary": ["高级中学", "第一高级中学", "实验高级中学"],
    "kindergarten": ["幼儿园", "中心幼儿园", "实验幼儿园"],
    "vocational": ["职业技术学校", "中等专业学校", "职业高级中学"],
    "special": ["特殊教育学校", "启智学校"],
}
PLACE_HEADS = "东西南北中新华青龙凤金银石云松桂兰梅竹荷清明德文武安平和永长乐康宁福寿兴隆昌盛泰丰"
PLACE_TAILS = "山河湖江海岭溪塘坪岗洲湾桥村镇街路园坊苑城门口源林田"
BRANDS = ["博雅", "育英", "启明", "明德", "英才", "致远", "弘文", "思源", "行知", "崇文", "求实", "睿思"]


def school_name(dice, county, towns, stage, ownership, n):
    """County, town, place and kind, as official names run: 青河县新塘镇长湾中心小学."""
    place = dice.pick(PLACE_HEADS) + dice.pick(PLACE_TAILS)
    if ownership == "private":
        place = dice.pick(BRANDS) + place
    name = county + dice.pick(towns) + place + dice.pick(SUFFIXES[stage])
    if dice.chance(0.12):
        name += dice.pick(["（东校区）", "（西校区）", "（南校区）", "（北校区）", f"（{cn_number(1 + n % 9)}部）"])
    elif dice.chance(0.012):
        # as spreadsheets export them: an ASCII comma, so the CSV field is quoted (RFC 4180)
        name += dice.pick(["(初中部,东校区)", "(小学部,本部)", ",分校"])
    elif dice.chance(0.003):
        name += '"星光"班'    # a stray ASCII quote: doubled inside a quoted CSV field
    return name


def school_rows(dice, code, county, count, failing_coverage, has_vocational):
    """count rows; every row in a coverage stage meets backbone_teachers * 100 >= students
    unless failing_coverage, in which case 1-3 of them do not. Rows outside the coverage stages
    often fail the predicate, so an evaluator that ignores the filter is caught."""
    rows = []
    towns = [dice.pick(PLACE_HEADS) + dice.pick(PLACE_TAILS) + dice.pick(["镇", "镇", "街道", "乡"])
             for _ in range(dice.int(5, 16))]
    mix = STAGE_MIX if has_vocational else [(s, w) for s, w in STAGE_MIX if s != "vocational"]
    for n in range(1, count + 1):
        stage = dice.weighted(mix)
        ownership = "private" if dice.chance(0.16) else "public"
        low, high = STUDENTS[stage]
        students = dice.int(low, high)
        line = -(-students // 100)                      # the fewest backbone teachers that meet it
        if stage in COVERAGE_STAGES:
            if dice.chance(0.04):                      # exactly on the line: students == 100 * teachers
                backbone = max(1, students // 100)
                students = backbone * 100
            else:
                backbone = line + dice.int(0, 14)
        else:
            backbone = max(0, line + dice.int(-6, 6))
        rows.append([f"{code}{n:04d}", school_name(dice, county, towns, stage, ownership, n), stage, ownership,
                     students, backbone])
    if failing_coverage:
        chosen = [r for r in rows if r[2] in COVERAGE_STAGES]
        if not chosen:                                 # no coverage row to fail: make one
            rows.append([f"{code}{len(rows) + 1:04d}", school_name(dice, county, towns, "primary", "public", len(rows) + 1),
                         "primary", "public", 1000, 10])
            chosen = [rows[-1]]
        for row in dice.sample(chosen, min(len(chosen), dice.int(1, 3))):
            students = row[4]
            if dice.chance(0.3):                       # one student over the line
                row[5] = max(0, students // 100)
                row[4] = row[5] * 100 + 1
            else:
                row[5] = max(0, -(-students // 100) - dice.int(1, 4))
                if row[5] * 100 >= students:
                    row[4] = row[5] * 100 + dice.int(1, 99)
    return rows


def ratio_pair(dice, whole, op, target, fail):
    """A part of `whole` that meets (or, with fail, misses) part/whole op target, often on the edge."""
    t = Fraction(target)
    if op == "=":                                      # = 100%
        return whole - dice.int(1, max(1, min(3, whole))) if fail else whole
    if op == ">=":
        line = math.ceil(t * whole)                    # the smallest part that passes
        if fail:
            return max(0, line - dice.int(1, max(1, min(5, whole // 20 + 1))))
        return line if dice.chance(0.2) else dice.int(line, whole)
    if op == ">":
        line = math.floor(t * whole) + 1
        if fail:
            return max(0, line - 1 - (0 if dice.chance(0.3) else dice.int(1, max(1, whole // 200))))
        return line if dice.chance(0.2) else dice.int(line, min(whole, line + whole // 8))
    raise ValueError(op)


def rounded_rate(part, whole):
    """part / whole rounded half up to two decimal places of a percent: 30/38 -> 7895/10000."""
    return Fraction(math.floor(Fraction(part * 10000, whole) + Fraction(1, 2)), 10000)


def percent_text(rate):
    """A rate with at most two decimals of a percent -> "78.95%"."""
    hundredths = rate * 10000
    assert hundredths.denominator == 1
    whole, frac = divmod(int(hundredths), 100)
    return f"{whole}.{frac:02d}%"


def unit_values(dice, municipal, rows, fails, has_vocational, listed_here):
    """The unit's metrics and previous metrics, meeting every target except those in `fails`."""
    count = lambda *stages: sum(1 for r in rows if r[2] in stages)
    extra = lambda n: n + dice.int(0, max(1, n // 10))    # totals include schools not listed
    k12 = ("primary", "junior_secondary", "nine_year", "complete_secondary", "twelve_year", "senior_secondary", "special")
    primary = extra(count("primary", "nine_year", "twelve_year")) or dice.int(4, 60)
    secondary = extra(count("junior_secondary", "nine_year", "complete_secondary", "twelve_year", "senior_secondary")) \
        or dice.int(3, 40)
    vocational = (extra(count("vocational")) or dice.int(1, 12)) if has_vocational else 0
    schools = max(extra(count(*k12)), primary + secondary // 2) or dice.int(10, 120)
    students = sum(r[4] for r in rows if r[2] in k12) or dice.int(20000, 200000)
    m = {}

    def ratio(rule_id, whole):
        numerator, denominator, op, target = RATIO_RULES[rule_id]
        m[denominator] = whole
        m[numerator] = ratio_pair(dice, whole, op, target, rule_id in fails)

    m["moral_education.demo_micro_lessons"] = dice.int(0, 12)
    m["moral_education.curriculum_cases"] = dice.int(0, 10)
    ratio("primary-ideology-teachers", primary)
    ratio("secondary-ideology-teachers", secondary)
    if municipal:
        m["mental_health.unified_hotline"] = "mental-health-hotline" not in fails
    ratio("class-teacher-b-certificate", schools * dice.int(18, 40))
    ratio("secondary-mentor-system", secondary + vocational)
    m["mental_health.schools"] = schools
    ratio("psych-teacher-staffing", schools)
    ratio("psych-counselling-rooms", schools)
    if not municipal:
        m["arts_sports.sports_team_programmes"] = dice.int(5, 11) if "sports-team-programmes" in fails \
            else (12 if dice.chance(0.2) else dice.int(12, 24))
        m["arts_sports.arts_team_programmes"] = dice.int(2, 6) if "arts-team-programmes" in fails \
            else (7 if dice.chance(0.2) else dice.int(7, 14))
    tested = int(students * (0.82 + 0.15 * dice.random()))
    if "fitness-good-rate" in fails and tested >= 20 and dice.chance(0.3):
        tested -= tested % 20                          # exactly 55% is possible: it fails (超过)
        m["fitness.students_tested"] = tested
        m["fitness.students_good_or_excellent"] = tested * 55 // 100
    else:
        ratio("fitness-good-rate", max(tested, 1))
    if not municipal:
        m["family_school.district_alliance"] = "family-school-alliance" not in fails
        for rule_id in LISTED_RULES:
            if rule_id in listed_here:
                m[VALUE_RULES[rule_id][0]] = rule_id not in fails
        ratio("priority-schools-in-groups", dice.int(2, max(3, primary // 4)))
        children = dice.int(150, 2600)
        if "disabled-children-enrolment" not in fails and dice.chance(0.15):
            children -= children % 100                 # exactly 99% is possible: it passes (以上)
            children = max(children, 100)
        ratio("disabled-children-enrolment", children)
    plan = dice.int(1500, 22000) if not municipal else dice.int(12000, 20000)
    m["high_school.enrolment_plan_places"] = plan
    m["school_places.new_public_places"] = dice.int(0, 6000)
    if municipal:
        m["vocational.long_programme_industry_fields"] = dice.int(5, 8) if "long-programme-industries" in fails else dice.int(9, 12)
        m["vocational.municipal_bachelor_institutions"] = 0 if "vocational-bachelor" in fails else dice.int(1, 2)
    m["vocational.schools"] = vocational
    meeting = ratio_pair(dice, vocational, ">=", Fraction(90, 100), "vocational-conditions" in fails) if vocational else 0
    m["vocational.schools_meeting_standards"] = meeting
    reported = rounded_rate(meeting, vocational) if vocational else Fraction(0)
    if CONSISTENCY_RULE in fails:                      # misreported by 0.01 to 3 points
        off = Fraction(dice.int(1, 300), 10000)
        reported = reported + off if reported + off <= 1 else reported - off
    m["vocational.standard_rate_reported"] = percent_text(reported)
    if municipal:
        m["higher_education.tech_transfer_subcentres"] = dice.int(1, 2) if "tech-transfer-subcentres" in fails else dice.int(3, 5)
    m["international.window_schools"] = dice.int(0, 6)
    if municipal:
        m["international.new_dse_exam_centres"] = 0 if "new-dse-centres" in fails else dice.int(1, 2)
    m["international.new_sister_school_pairs"] = dice.int(0, 5)
    if municipal:
        m["safety.visitor_booking_system"] = "visitor-booking-system" not in fails
        m["safety.command_centre"] = "safety-command-centre" not in fails
    m["safety.schools"] = schools
    for rule_id in ("campus-security-guards", "campus-security-closed", "campus-security-alarm", "campus-security-posts"):
        ratio(rule_id, schools)
    m["food_safety.incidents"] = dice.int(1, 2) if "food-safety-incidents" in fails else 0
    previous = {"high_school.enrolment_plan_places": max(0, plan - dice.int(-300, 1500))}
    return m, previous


# MARK: - Expected statuses


def compare(op, left, right):
    return {">=": left >= right, ">": left > right, "<=": left <= right, "<": left < right, "=": left == right}[op]


def ratio_status(part, whole, op, target):
    if whole == 0:
        return "not_applicable"
    return "pass" if compare(op, Fraction(part, whole), target) else "fail"


def coverage_counts(rows):
    chosen = [r for r in rows if r[2] in COVERAGE_STAGES]
    return sum(1 for r in chosen if r[5] * 100 >= r[4]), len(chosen)


def unit_status(rule_id, unit):
    m = unit["metrics"]
    if rule_id in RATIO_RULES:
        numerator, denominator, op, target = RATIO_RULES[rule_id]
        return ratio_status(m[numerator], m[denominator], op, target)
    if rule_id in VALUE_RULES:
        metric, op, target = VALUE_RULES[rule_id]
        return "pass" if compare(op, m[metric], target) else "fail"
    if rule_id == CONSISTENCY_RULE:
        whole, part = m["vocational.schools"], m["vocational.schools_meeting_standards"]
        if whole == 0:
            return "not_applicable"
        reported = Fraction(m["vocational.standard_rate_reported"].rstrip("%")) / 100
        return "pass" if rounded_rate(part, whole) == reported else "fail"
    if rule_id == COVERAGE_RULE:
        if not unit["rows"]:
            return "missing"
        good, chosen = coverage_counts(unit["rows"])
        return ratio_status(good, chosen, "=", Fraction(1))
    raise ValueError(rule_id)


def city_status(rule_id, units, applicable, aggregates):
    """The city result over the applicable units: missing unless every one of them submitted;
    otherwise each metric aggregated as metrics.yaml declares (sum, all, municipal)."""
    if any(code not in units for code in applicable):
        return "missing"
    subs = [units[c] for c in applicable]
    total = lambda metric, which="metrics": sum(u[which][metric] for u in subs)
    if rule_id in RATIO_RULES:
        numerator, denominator, op, target = RATIO_RULES[rule_id]
        return ratio_status(total(numerator), total(denominator), op, target)
    if rule_id in VALUE_RULES:
        metric, op, target = VALUE_RULES[rule_id]
        how = aggregates[metric]
        if how == "municipal":
            value = units[MUNICIPAL]["metrics"][metric]
        elif how == "all":
            value = all(u["metrics"][metric] for u in subs)
        elif how == "sum":
            value = total(metric)
        else:
            raise ValueError(f"{metric}: aggregate {how}")
        return "pass" if compare(op, value, target) else "fail"
    if rule_id in CHANGE_RULES:
        metric, op, target = CHANGE_RULES[rule_id]
        return "pass" if compare(op, total(metric) - total(metric, "previous"), target) else "fail"
    if rule_id == COVERAGE_RULE:
        if any(not u["rows"] for u in subs):
            return "missing"
        good = chosen = 0
        for u in subs:
            g, c = coverage_counts(u["rows"])
            good, chosen = good + g, chosen + c
        return ratio_status(good, chosen, "=", Fraction(1))
    raise ValueError(rule_id)


def scopes(rule):
    return [rule["scope"]] if isinstance(rule["scope"], str) else list(rule["scope"])


def applicable_codes(rule, all_codes, districts, listed):
    applies = rule.get("applies_to", "all")
    if applies == "all":
        return list(all_codes)
    if applies == "districts":
        return [c for c in all_codes if c in districts]
    if applies == "municipal":
        return [MUNICIPAL]
    wanted = set(listed[rule["id"]]) if listed else {str(c) for c in applies}
    return [c for c in all_codes if c in wanted]


# MARK: - Writing


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def yaml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)     # a JSON string is a YAML double-quoted scalar


def yaml_name(name):
    return json.dumps(name, ensure_ascii=False) if re.search(r"[\x00-\x7f]", name) else name


def submission_yaml(unit, inline):
    lines = [
        f"# {unit['zh']} {PERIOD}年数据填报（Benchmarks/generate.py 生成的模拟数据）",
        f'unit: "{unit["code"]}"',
        f"period: {PERIOD}",
        "ruleset: gz-2025",
        "metrics:",
    ]
    lines += [f"  {k}: {yaml_scalar(v)}" for k, v in unit["metrics"].items()]
    lines += ["previous:", f"  period: {PERIOD - 1}", "  metrics:"]
    lines += [f"    {k}: {yaml_scalar(v)}" for k, v in unit["previous"].items()]
    if unit["notes"]:
        lines.append("notes:")
        lines += [f"  {k}: {v}" for k, v in unit["notes"].items()]
    if unit["rows"]:
        if inline:
            lines.append("schools:")
            for code, name, stage, ownership, students, backbone in unit["rows"]:
                lines.append(f'  - {{code: "{code}", name: {yaml_name(name)}, stage: {stage}, '
                             f"ownership: {ownership}, students: {students}, backbone_teachers: {backbone}}}")
        else:
            lines.append(f"schools: schools-{unit['code']}.csv")
    return "\n".join(lines) + "\n"


def schools_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


NOTES = {
    "vocational-conditions": "部分职业学校实训场地改造于年底完工，届时达标。",
    "backbone-teacher-coverage": "新建学校骨干教师于下学期到位。",
    "fitness-good-rate": "已制定体质健康提升专项计划。",
}


def prepare_output(out):
    """Create --out, or clear a folder this script wrote before; never delete anything else."""
    if os.path.exists(out):
        entries = set(os.listdir(out))
        ours = {"rules", "submissions", "expected.tsv", "manifest.json"}
        if entries and ("manifest.json" not in entries or not entries <= ours):
            raise SystemExit(f"generate.py: {out} exists and was not written by generate.py; refusing to overwrite")
        for name in entries:
            path = os.path.join(out, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    os.makedirs(os.path.join(out, "submissions"), exist_ok=True)


def generate(args):
    rules = check_ruleset(args.rules)
    aggregates = {m["id"]: m["aggregate"] for m in load_yaml(os.path.join(args.rules, "metrics.yaml"))["metrics"]}
    if args.gz_units:
        districts, listed = gz_units(args.rules, args.units), None
        doc = load_yaml(os.path.join(args.rules, "units.yaml"))
        universe = sorted(str(u["code"]) for u in doc["units"])        # every unit of the ruleset
        district_codes = {str(u["code"]) for u in doc["units"] if u["kind"] == "district"}
    else:
        districts = synthetic_units(args.units)
        listed = listed_codes(districts)
        universe = sorted([MUNICIPAL] + [u["code"] for u in districts])
        district_codes = {u["code"] for u in districts}
    all_codes = sorted([MUNICIPAL] + [u["code"] for u in districts])   # the units that submit
    unit_names = {u["code"]: u for u in districts}
    unit_names[MUNICIPAL] = {"code": MUNICIPAL, "zh": "模拟本级" if listed else "广州市本级", "en": "Municipal level"}

    # Which (rule, unit) pairs miss their target: exactly round(share x candidates), spread at random.
    candidates = []
    for rule in rules:
        applicable = applicable_codes(rule, all_codes, district_codes, listed)    # submitted ones
        if "unit" in scopes(rule):
            candidates += [(rule["id"], code) for code in applicable]
        elif rule.get("applies_to") == "municipal":
            candidates.append((rule["id"], MUNICIPAL))
    fails_wanted = round(args.fail_share * len(candidates))
    chosen = Dice(f"educheck-bench/{args.seed}/fails").sample(candidates, fails_wanted)
    fails = {}
    for rule_id, code in chosen:
        fails.setdefault(code, set()).add(rule_id)
    listed_here = {code: {r for r, codes in (listed or {}).items() if code in codes} for code in all_codes}
    if not listed:
        for rule in rules:
            if isinstance(rule.get("applies_to"), list):
                for code in rule["applies_to"]:
                    listed_here.setdefault(str(code), set()).add(rule["id"])

    prepare_output(args.out)
    submissions = os.path.join(args.out, "submissions")
    units, total_rows, input_bytes = {}, 0, 0
    for code in all_codes:
        dice = Dice(f"educheck-bench/{args.seed}/{code}")
        municipal = code == MUNICIPAL
        unit_fails = fails.get(code, set())
        has_vocational = bool(unit_fails & {"vocational-conditions", CONSISTENCY_RULE}) or dice.chance(0.65)
        rows = [] if municipal else school_rows(dice, code, unit_names[code]["short"], args.schools_per_unit,
                                                COVERAGE_RULE in unit_fails, has_vocational)
        metrics, previous = unit_values(dice, municipal, rows, unit_fails, has_vocational,
                                        listed_here.get(code, set()))
        notes = {r: NOTES[r] for r in sorted(unit_fails) if r in NOTES}
        unit = dict(unit_names[code], metrics=metrics, previous=previous, rows=rows, notes=notes,
                    municipal=municipal, fails=unit_fails)
        units[code] = unit
        text = submission_yaml(unit, args.inline_schools).encode("utf-8")
        with open(os.path.join(submissions, f"{code}.yaml"), "wb") as f:
            f.write(text)
        input_bytes += len(text)
        if rows and not args.inline_schools:
            data = schools_csv(rows).encode("utf-8")
            with open(os.path.join(submissions, f"schools-{code}.csv"), "wb") as f:
                f.write(data)
            input_bytes += len(data)
        total_rows += len(rows)

    copy_ruleset(args.rules, os.path.join(args.out, "rules"), districts, listed)

    # The expected matrix, from the values chosen above.
    expected = []
    for rule in rules:
        rule_id, applicable = rule["id"], applicable_codes(rule, universe, district_codes, listed)
        wanted = set(applicable)
        if "unit" in scopes(rule):
            for code in all_codes:
                status = unit_status(rule_id, units[code]) if code in wanted else "not_applicable"
                meant = "fail" if rule_id in units[code]["fails"] else None
                if code in wanted and (status == "fail") != (meant == "fail"):
                    raise AssertionError(f"generator bug: {rule_id} {code} is {status}, meant {meant or 'to pass'}")
                expected.append((rule_id, code, "unit", status))
        if "city" in scopes(rule):
            status = city_status(rule_id, units, applicable, aggregates)
            if "unit" not in scopes(rule) and rule.get("applies_to") == "municipal":
                meant = "fail" if rule_id in units[MUNICIPAL]["fails"] else "pass"
                if status != meant:
                    raise AssertionError(f"generator bug: {rule_id} city is {status}, meant {meant}")
            expected.append((rule_id, MUNICIPAL, "city", status))
    expected.sort(key=lambda r: (r[0], r[1], 0 if r[2] == "unit" else 1))
    write_text(os.path.join(args.out, "expected.tsv"),
               "rule\tunit\tscope\tstatus\n" + "".join("\t".join(r) + "\n" for r in expected))

    counts = {}
    for r in expected:
        key = f"{r[2]}.{r[3]}"
        counts[key] = counts.get(key, 0) + 1
    manifest = {
        "generator": "Benchmarks/generate.py",
        "arguments": {"units": args.units, "schools_per_unit": args.schools_per_unit, "fail_share": args.fail_share,
                      "seed": args.seed, "inline_schools": args.inline_schools, "gz_units": args.gz_units},
        "ruleset_sha256": ruleset_digest(os.path.join(args.out, "rules")),
        "units": len(all_codes),
        "school_rows": total_rows,
        "input_bytes": input_bytes,
        "fail_candidates": len(candidates),
        "fails_chosen": fails_wanted,
        "expected_counts": dict(sorted(counts.items())),
    }
    write_text(os.path.join(args.out, "manifest.json"), json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def ruleset_digest(folder):
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, required=True, help="district units (the municipal unit is added)")
    parser.add_argument("--schools-per-unit", type=int, required=True, help="school rows per district unit")
    parser.add_argument("--fail-share", type=float, default=0.1, help="share of missable targets that are missed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="output folder (created; a previous output is replaced)")
    parser.add_argument("--inline-schools", action="store_true",
                        help="write school rows inline in each submission instead of a CSV file")
    parser.add_argument("--gz-units", action="store_true",
                        help="use Guangzhou's own districts (the first N) and the ruleset unchanged")
    parser.add_argument("--rules", default=DEFAULT_RULES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.units < 1 or args.schools_per_unit < 0 or not 0 <= args.fail_share <= 1:
        parser.error("--units must be >= 1, --schools-per-unit >= 0, --fail-share in [0, 1]")
    manifest = generate(args)
    print(f"generate.py: {manifest['units']} units, {manifest['school_rows']} school rows, "
          f"{manifest['input_bytes'] / 1e6:.1f} MB of input, {manifest['fails_chosen']} missed targets "
          f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
