#!/usr/bin/env python3
"""Benchmark educheck against the Python baseline; write Benchmarks/results.md.

    python3 Benchmarks/run.py                 # release build, default sizes, 7 runs each
    python3 Benchmarks/run.py --quick         # CI smoke run: small sizes, 3 runs, no static build
    python3 Benchmarks/run.py --runs 11 --sizes 300x200,3000x200

Builds educheck in release (`swift build -c release`, and with `--static-swift-stdlib` in
.build-static to see whether it helps start-up), generates the data sets with generate.py into a
scratch folder outside the repository (default /tmp/educheck-bench; reused while the generator and
the ruleset are unchanged), then measures whole-process wall time as the median of N runs, with
min and max, CPU time (user + system) and peak resident memory (ru_maxrss of each child, from
wait4). The commands of one table are run in turns, one run of each per round, so that a drift in
the machine's speed reaches all of them and their ratios hold:

  W1  one district submission with 150 school rows: `educheck check FILE` (text to /dev/null),
      beside `educheck --version` (the process-start floor), `python3 -c 'import yaml'` (Python's
      floor) and the baseline on the same file
  W2  the twelve fixtures: `--city --waivers Fixtures/waivers-2025.yaml --format html --output F`
  W3  each size (default 300x200 and 3000x200): `--city --format json --output F`, with --jobs 1
      and --jobs 2 when the CLI has --jobs, and baseline.py on the same data, with the ratio

When mimalloc is installed (Debian's libmimalloc2.0), W1 and the fastest W3 setting are measured a
second time with it preloaded (LD_PRELOAD), the same binary over another malloc; --no-mimalloc
skips that.

Every data set's verdicts are checked: educheck's JSON statuses and the baseline's against the
generator's expected.tsv, the generator against the fixtures oracle (Scripts/fixtures_oracle.py,
on sizes up to 100,000 rows), and W2 against Fixtures/expected/city-2025.tsv. Any difference is
printed and makes the run exit 1 (after writing the results, marked as failed).

When this build cannot read school rows from CSV files (it says so with an `unsupported-input`
diagnostic), the runner reports that and measures educheck on --inline-schools data instead,
labelled as a stand-in; the baseline is then measured on both.

A measurement runs N times (--runs), but stops after --max-seconds of runs once it has 3 (1 for
the baseline on inline data, which only exists for the stand-in); the run count is in the table. A
first run shorter than 2 s is a warm-up and is not counted.
"""

from __future__ import annotations

import argparse
import csv
import ctypes.util
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SCRATCH_OUT = None
TOP = os.path.dirname(HERE)
PYTHON = sys.executable
GENERATE = os.path.join(HERE, "generate.py")
BASELINE = os.path.join(HERE, "baseline.py")
RULES = os.path.join(TOP, "Rules", "gz-2025")
FIXTURES = os.path.join(TOP, "Fixtures", "submissions", "2025")
FIXTURE_WAIVERS = os.path.join(TOP, "Fixtures", "waivers-2025.yaml")
FIXTURE_EXPECTED = os.path.join(TOP, "Fixtures", "expected", "city-2025.tsv")
AS_OF = "2025-11-30"
W1_UNIT = "440103"
ORACLE_MAX_ROWS = 100_000


def log(message):
    print(f"run.py: {message}", file=sys.stderr, flush=True)


# MARK: - Machine


def machine():
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            models = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        info["cpu"] = models[0] if models else platform.processor()
    except OSError:
        info["cpu"] = platform.processor() or platform.machine()
    info["cores"] = os.cpu_count()
    try:
        info["usable_cores"] = len(os.sched_getaffinity(0))
    except AttributeError:
        info["usable_cores"] = info["cores"]
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
        info["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["memory"] = "?"
    os_name = platform.system()
    try:
        with open("/etc/os-release") as f:
            os_name = re.search(r'PRETTY_NAME="?([^"\n]*)', f.read()).group(1)
    except (OSError, AttributeError):
        pass
    info["os"] = f"{os_name}, kernel {platform.release()}"
    info["swift"] = first_line(["swift", "--version"])
    info["python"] = platform.python_version()
    info["pyyaml"] = f"{yaml.__version__}, libyaml {yaml.__with_libyaml__ and yaml._yaml.get_version_string()}"
    info["load"] = load_average()
    return info


def first_line(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        return ((out.stdout or out.stderr).strip().splitlines() or ["?"])[0]
    except OSError:
        return "?"


def load_average():
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def git_revision():
    rev = first_line(["git", "-C", TOP, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", TOP, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return rev + (" (with uncommitted changes)" if dirty else "")


# MARK: - Build


def build(static):
    """-> (binary path, seconds) or (None, error text)."""
    command = ["swift", "build", "-c", "release", "--product", "educheck"]
    if static:
        command += ["--static-swift-stdlib", "--scratch-path", os.path.join(TOP, ".build-static")]
    log(" ".join(command))
    start = time.perf_counter()
    done = subprocess.run(command, cwd=TOP, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return None, (done.stderr or done.stdout).strip().splitlines()[-1:]
    bin_path = subprocess.run(command + ["--show-bin-path"], cwd=TOP, capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "educheck"), seconds


def mimalloc_environment():
    """This process's environment with mimalloc (Debian's libmimalloc2.0) preloaded, or None when
    the library is not installed: a drop-in allocator that a user can put under the same binary."""
    library = ctypes.util.find_library("mimalloc")
    return dict(os.environ, LD_PRELOAD=library) if library else None


# MARK: - Data sets


def fingerprint():
    """Data sets are reused while the generator and the ruleset it copies are unchanged."""
    digest = hashlib.sha256()
    paths = [GENERATE] + sorted(os.path.join(root, n) for root, _, names in os.walk(RULES)
                                if "cases" not in root.split(os.sep) for n in names)
    for path in paths:
        digest.update(os.path.relpath(path, TOP).encode())
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()[:16]


def dataset(scratch, units, rows, inline, gz=False, seed=1, fail_share=0.1):
    name = f"{'gz' if gz else 'u'}{units}-s{rows}-seed{seed}{'-inline' if inline else '-csv'}"
    out = os.path.join(scratch, "data", name)
    stamp = os.path.join(out, ".fingerprint")
    key = fingerprint()
    if os.path.exists(stamp) and open(stamp).read() == key:
        return load_dataset(out)
    if os.path.exists(stamp):
        os.remove(stamp)
    command = [PYTHON, GENERATE, "--units", str(units), "--schools-per-unit", str(rows), "--seed", str(seed),
               "--fail-share", str(fail_share), "--out", out] + (["--inline-schools"] if inline else []) + \
              (["--gz-units"] if gz else [])
    log(f"generating {name}")
    start = time.perf_counter()
    subprocess.run(command, check=True)
    log(f"generated {name} in {time.perf_counter() - start:.1f} s")
    with open(stamp, "w") as f:
        f.write(key)
    return load_dataset(out)


def load_dataset(out):
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    return dict(manifest, path=out, submissions=os.path.join(out, "submissions"), rules=os.path.join(out, "rules"),
                expected=os.path.join(out, "expected.tsv"))


def read_expected(path):
    with open(path, encoding="utf-8") as f:
        return {(r["rule"], r["unit"], r["scope"]): r["status"] for r in csv.DictReader(f, delimiter="\t")}


# MARK: - Measuring


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
NULL_IO = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
           (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
           (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]


def run_once(command, with_rss=False, env=None):
    """-> (wall seconds, CPU seconds, peak RSS in KiB or None, exit code) of one child, spawned
    with posix_spawn from the repository root, all three standard streams on /dev/null.

    Peak RSS needs `/usr/bin/time -f %M`: Linux charges a child's ru_maxrss with the memory of the
    process it was forked (or vforked) from until exec, so wait4 on a child of this 25 MB Python
    process reports at least 25 MB. GNU time, small itself, forks the command and reads its
    ru_maxrss; its own start adds well under a millisecond of wall time."""
    rss_file = None
    if with_rss and GNU_TIME:
        rss_file = os.path.join(SCRATCH_OUT, "maxrss.txt")
        command = [GNU_TIME, "-f", "%M", "-o", rss_file, "--"] + command
    start = time.perf_counter()
    pid = os.posix_spawn(command[0], command, env or os.environ, file_actions=NULL_IO)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    rss = None
    if rss_file:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])        # "Command exited with non-zero status 1" comes first
    elif with_rss:
        rss = usage.ru_maxrss                      # an upper bound: see above
    return wall, usage.ru_utime + usage.ru_stime, rss, os.waitstatus_to_exitcode(status)


class Measurement:
    def __init__(self, label, command, walls, cpus, rss, codes):
        self.label, self.command = label, command
        self.walls, self.cpus, self.rss, self.codes = walls, cpus, rss, codes
        self.median = statistics.median(walls)
        self.cpu = statistics.median(cpus)
        self.peak = max(r for r in rss if r is not None)

    @property
    def runs(self):
        return len(self.walls)


class MeasureFailed(Exception):
    pass


class Trial:
    """A command to measure; `env` is the child's whole environment (default: this process's)."""

    def __init__(self, label, command, min_runs=3, ok_codes=(0, 1), env=None):
        self.label, self.command, self.min_runs, self.ok_codes, self.env = label, command, min_runs, ok_codes, env
        self.samples, self.rss, self.first, self.spent = [], [], None, 0.0

    def run(self):
        sample = run_once(self.command, with_rss=self.first is None or self.first[0] >= 0.5, env=self.env)
        if sample[3] not in self.ok_codes:
            raise MeasureFailed(f"{self.label} exited {sample[3]}: `{' '.join(self.command)}`")
        self.rss.append(sample[2])
        self.spent += sample[0]
        if self.first is None:
            self.first = sample
            if sample[0] < 2:                      # a short first run is a warm-up
                return
        self.samples.append(sample)

    def wants_more(self, runs, max_seconds):
        if self.first is None:
            return True
        return len(self.samples) < runs and (
            len(self.samples) < self.min_runs or self.spent + self.first[0] <= max_seconds)


def measure_together(trials, runs, max_seconds):
    """Measures the trials in turns, one run of each per round, so that the machine's speed, which
    drifts by tens of percent over minutes on shared hosts, weighs on all of them alike and their
    ratios hold; a trial leaves the rounds when it has its runs (or has spent `max_seconds`)."""
    for trial in trials:
        log(f"measuring {trial.label}: "
            f"{' '.join(os.path.relpath(c, TOP) if c.startswith(TOP) else c for c in trial.command)}")
    while True:
        waiting = [t for t in trials if t.wants_more(runs, max_seconds)]
        if not waiting:
            break
        for trial in waiting:
            trial.run()
    measurements = []
    for trial in trials:
        walls, cpus, _, codes = zip(*trial.samples)
        m = Measurement(trial.label, trial.command, list(walls), list(cpus), trial.rss, list(codes))
        log(f"  {m.label}: median {fmt_time(m.median)} (min {fmt_time(min(m.walls))}, max {fmt_time(max(m.walls))}, "
            f"{m.runs} run{'s' if m.runs > 1 else ''}), peak {m.peak / 1024:.0f} MiB")
        measurements.append(m)
    return measurements


def measure(label, command, runs, max_seconds, min_runs=3, ok_codes=(0, 1), env=None):
    return measure_together([Trial(label, command, min_runs, ok_codes, env)], runs, max_seconds)[0]


def fmt_time(seconds):
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


# MARK: - Verdicts


def fresh(path):
    """An output path with no file left from an earlier run, so a run that writes nothing is caught."""
    if os.path.exists(path):
        os.remove(path)
    return path


class Verdicts:
    def __init__(self):
        self.lines, self.failed = [], False

    def compare(self, what, got, expected):
        diff = sorted(k for k in set(got) | set(expected) if got.get(k) != expected.get(k))
        if diff:
            self.failed = True
            self.lines.append(f"- ✗ **{what}: {len(diff)} of {len(expected)} statuses differ**")
            log(f"VERDICT MISMATCH in {what}: {len(diff)} differences")
            for key in diff[:20]:
                line = f"    {key[0]} {key[1]} {key[2]}: expected {expected.get(key, '(none)')}, got {got.get(key, '(none)')}"
                self.lines.append("  " + line.strip())
                log(line)
        else:
            self.lines.append(f"- ✓ {what}: all {len(expected)} statuses as expected")

    def note(self, text):
        self.lines.append(f"- {text}")


def educheck_statuses(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    return {(r["rule"], r["unit"], r["scope"]): r["status"] for r in report["results"]}, report.get("diagnostics", [])


def baseline_statuses(path):
    with open(path, encoding="utf-8") as f:
        return {(r["rule"], r["unit"], r["scope"]): r["status"] for r in json.load(f)}


def csv_support(binary, data, scratch):
    """None when educheck reads school rows from CSV; else the reason it does not."""
    out = fresh(os.path.join(scratch, "csv-probe.json"))
    run_once([binary, "check", data["submissions"], "--rules", data["rules"], "--city", "--format", "json",
              "--output", out])
    if not os.path.exists(out):
        return "educheck wrote no report for the CSV data set"
    _, diagnostics = educheck_statuses(out)
    for d in diagnostics:
        text = (d.get("message_en") or d.get("message") or "").lower()
        if d.get("code") == "unsupported-input" and ("csv" in text or "school" in text):
            return f"`{d['code']}`: {d.get('message_en') or d.get('message')}"
    return None


def oracle_statuses(data):
    """The fixtures oracle (Scripts/fixtures_oracle.py, loaded read-only) on a generated data set;
    school rows from CSV files are read here, with numbers as ints, as the oracle expects."""
    spec = importlib.util.spec_from_file_location("fixtures_oracle", os.path.join(TOP, "Scripts", "fixtures_oracle.py"))
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    subs = {}
    for name in sorted(os.listdir(data["submissions"])):
        if not name.endswith(".yaml"):
            continue
        doc = oracle.load_yaml(os.path.join(data["submissions"], name))
        if isinstance(doc.get("schools"), str):
            with open(os.path.join(data["submissions"], doc["schools"]), encoding="utf-8", newline="") as f:
                doc["schools"] = [{k: int(v) if v.isdigit() and k != "code" else v for k, v in row.items()}
                                  for row in csv.DictReader(f)]
        subs[str(doc["unit"])] = oracle.normalize_submission(doc)
    results = oracle.run(oracle.Ruleset(data["rules"]), subs, city=True, as_of=AS_OF, include_outside=True)
    return {(r[0], r[1], r[2]): r[3] for r in results}


def fixture_expected():
    with open(FIXTURE_EXPECTED, encoding="utf-8") as f:
        return {(r["rule"], r["unit"], r["scope"]): r["status"] for r in csv.DictReader(f, delimiter="\t")}


# MARK: - Report


def cell_time(m):
    return f"{fmt_time(m.median)}", f"{fmt_time(min(m.walls))} – {fmt_time(max(m.walls))}"


def row(m, extra=()):
    median, spread = cell_time(m)
    return f"| {m.label} | {median} | {spread} | {m.runs} | {fmt_time(m.cpu)} | {m.peak / 1024:.1f} MiB |" + \
        "".join(f" {e} |" for e in extra)


TABLE_HEAD = "| what | median wall | min – max | runs | CPU (user+sys) | peak RSS |"
TABLE_RULE = "| --- | ---: | ---: | ---: | ---: | ---: |"


def ratio(slow, fast):
    return f"{slow.median / fast.median:.1f}×"


def ratios(slow, fast):
    """Wall-time ratio, and the CPU-time ratio, which other jobs on the machine disturb less."""
    return f"{ratio(slow, fast)} (CPU {slow.cpu / fast.cpu:.1f}×)"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (default 7; 3 with --quick)")
    parser.add_argument("--sizes", default=None,
                        help="W3 sizes as UNITSxROWS, comma-separated (default 300x200,3000x200; 20x20,200x50 with --quick)")
    parser.add_argument("--quick", action="store_true", help="CI smoke run: small sizes, 3 runs, no static build")
    parser.add_argument("--scratch", default=os.path.join("/tmp", "educheck-bench"), help="data and outputs (outside the repo)")
    parser.add_argument("--max-seconds", type=float, default=60, help="stop a measurement after this long once it has 3 runs")
    parser.add_argument("--no-static", action="store_true", help="skip the --static-swift-stdlib build")
    parser.add_argument("--no-mimalloc", action="store_true", help="skip the runs with mimalloc preloaded")
    parser.add_argument("--binary", help="measure this educheck binary instead of building one (no static build)")
    parser.add_argument("--results", default=os.path.join(HERE, "results.md"), help="Markdown file to write")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    sizes_text = args.sizes or ("20x20,200x50" if args.quick else "300x200,3000x200")
    try:
        sizes = [tuple(int(x) for x in s.lower().split("x")) for s in sizes_text.split(",")]
        assert all(len(s) == 2 and s[0] >= 1 and s[1] >= 1 for s in sizes)
    except (ValueError, AssertionError):
        parser.error("--sizes takes UNITSxROWS[,UNITSxROWS...], e.g. 3000x200")
    scratch = os.path.abspath(args.scratch)
    if os.path.commonpath([scratch, TOP]) == TOP:
        parser.error("--scratch must be outside the repository")
    os.makedirs(os.path.join(scratch, "out"), exist_ok=True)
    global SCRATCH_OUT
    SCRATCH_OUT = os.path.join(scratch, "out")
    os.chdir(TOP)
    started = time.perf_counter()
    info = machine()
    verdicts = Verdicts()
    notes = []

    # Build.
    if args.binary:
        binary, build_time = os.path.abspath(args.binary), None
    else:
        binary, build_time = build(static=False)
        if binary is None:
            raise SystemExit(f"run.py: swift build -c release failed: {build_time}")
    static_binary = static_time = None
    if not (args.quick or args.no_static or args.binary):
        static_binary, static_time = build(static=True)
        if static_binary is None:
            notes.append(f"The `--static-swift-stdlib` build failed ({' '.join(static_time)}); not measured.")
    mimalloc = None if args.quick or args.no_mimalloc else mimalloc_environment()
    if not (args.quick or args.no_mimalloc or mimalloc):
        notes.append("mimalloc is not installed (`apt-get install libmimalloc2.0`): the runs with it preloaded "
                     "were skipped.")
    help_text = subprocess.run([binary, "check", "--help"], capture_output=True, text=True).stdout
    has_jobs = "--jobs" in help_text
    version = first_line([binary, "--version"])

    # Data sets, and whether this build reads school rows from CSV files.
    small = min(sizes, key=lambda s: s[0] * s[1])
    probe = dataset(scratch, small[0], small[1], inline=False)
    csv_problem = csv_support(binary, probe, scratch)
    if csv_problem:
        log(f"this educheck does not read school rows from CSV files ({csv_problem}); "
            "measuring it on --inline-schools data as a stand-in")
        notes.append(f"**This build of educheck does not read school rows from CSV files** ({csv_problem}). "
                     "Its W1 and W3 figures below are measured on the same data with the rows written inline "
                     "in each YAML submission (`generate.py --inline-schools`): a **stand-in**, labelled so. "
                     "The baseline is measured on the CSV data (the real W3 input) and on the stand-in.")
    stand_in = " *(inline stand-in)*" if csv_problem else ""
    mode_inline = bool(csv_problem)

    def outputs(name):
        return os.path.join(scratch, "out", name)

    # W1: one district, 150 rows, built-in ruleset.
    w1 = dataset(scratch, 1, 150, inline=mode_inline, gz=True)
    w1_file = os.path.join(w1["submissions"], f"{W1_UNIT}.yaml")
    w1_bytes = os.path.getsize(w1_file) + (0 if mode_inline else os.path.getsize(
        os.path.join(w1["submissions"], f"schools-{W1_UNIT}.csv")))
    w1_baseline_out = fresh(outputs("w1-baseline.json"))
    w1_trials = [Trial("`educheck --version` (process-start floor)", [binary, "--version"])]
    if static_binary:
        w1_trials.append(Trial("`educheck --version`, static stdlib", [static_binary, "--version"]))
    w1_trials += [
        Trial("`python3 -c 'import yaml'` (Python floor)", [PYTHON, "-c", "import yaml"]),
        Trial(f"W1 `educheck check` one file{stand_in}", [binary, "check", w1_file]),
    ]
    if static_binary:
        w1_trials.append(Trial(f"W1 `educheck check`, static stdlib{stand_in}", [static_binary, "check", w1_file]))
    if mimalloc:
        w1_trials.append(Trial(f"W1 `educheck check`, mimalloc preloaded{stand_in}", [binary, "check", w1_file],
                               env=mimalloc))
    w1_trials.append(Trial("W1 baseline.py one file", [PYTHON, BASELINE, w1_file, "--rules", RULES, "--output",
                                                       w1_baseline_out]))
    w1_results = measure_together(w1_trials, runs, args.max_seconds)
    w1_by_label = {m.label: m for m in w1_results}
    w1_check = w1_by_label[f"W1 `educheck check` one file{stand_in}"]
    w1_static = w1_by_label.get(f"W1 `educheck check`, static stdlib{stand_in}")
    w1_mimalloc = w1_by_label.get(f"W1 `educheck check`, mimalloc preloaded{stand_in}")
    w1_baseline = w1_by_label["W1 baseline.py one file"]
    expected_w1 = {k: v for k, v in read_expected(w1["expected"]).items() if k[1] == W1_UNIT and k[2] == "unit"}
    w1_json = fresh(outputs("w1.json"))
    run_once([binary, "check", w1_file, "--format", "json", "--output", w1_json])
    verdicts.compare(f"W1 educheck ({w1['school_rows']} rows{', inline' if mode_inline else ', CSV'})",
                     educheck_statuses(w1_json)[0], expected_w1)
    verdicts.compare("W1 baseline", baseline_statuses(w1_baseline_out), expected_w1)

    # W2: the twelve fixtures, HTML.
    w2_command = [binary, "check", FIXTURES, "--city", "--waivers", FIXTURE_WAIVERS, "--as-of", AS_OF,
                  "--format", "html", "--output", outputs("w2.html")]
    try:
        w2 = measure("W2 `educheck check` 12 fixtures `--city --format html`", w2_command, runs, args.max_seconds)
    except MeasureFailed as failure:
        w2 = None
        log(f"W2 FAILED: {failure}")
        notes.append(f"**W2 could not be measured**: {failure}.")
    w2_json = fresh(outputs("w2.json"))
    run_once(w2_command[:-4] + ["--format", "json", "--output", w2_json])
    got, _ = educheck_statuses(w2_json)
    expected = fixture_expected()
    # The oracle leaves out units a rule does not apply to; educheck reports them not_applicable.
    expected.update({k: "not_applicable" for k in got if k not in expected and got[k] == "not_applicable"})
    verdicts.compare("W2 educheck (fixtures against Fixtures/expected/city-2025.tsv)", got, expected)

    # W3: each size.
    w3_sections = []
    for units, rows in sizes:
        csv_data = dataset(scratch, units, rows, inline=False)
        expected = read_expected(csv_data["expected"])
        if csv_data["school_rows"] <= ORACLE_MAX_ROWS:
            verdicts.compare(f"{units}×{rows} generator against the fixtures oracle (CSV rows)",
                             oracle_statuses(csv_data), expected)
        data = dataset(scratch, units, rows, inline=True) if mode_inline else csv_data
        if data is not csv_data:
            same = open(data["expected"], "rb").read() == open(csv_data["expected"], "rb").read()
            if not same:
                verdicts.failed = True
                verdicts.note(f"✗ **{units}×{rows}: the inline stand-in's expected.tsv differs from the CSV data's**")
        label = f"{units:,} units × {rows} rows"
        # educheck with each --jobs, the fastest setting again with mimalloc under it instead of
        # glibc's malloc, and the baseline: measured in turns.
        job_variants = [["--jobs", "1"], ["--jobs", "2"]] if has_jobs else [[]]
        trials, checks = [], []
        for jobs in job_variants:
            out = fresh(outputs(f"w3-{units}x{rows}{'-j' + jobs[1] if jobs else ''}.json"))
            command = [binary, "check", data["submissions"], "--rules", data["rules"], "--city", "--format", "json",
                       "--output", out] + jobs
            trials.append(Trial(f"educheck{' ' + ' '.join(jobs) if jobs else ''}{stand_in}", command))
            checks.append((data, out, f"W3 {label} educheck{' ' + ' '.join(jobs) if jobs else ''}"
                                      f"{' (inline stand-in)' if mode_inline else ' (CSV)'}", educheck_statuses))
        if mimalloc:
            jobs = job_variants[-1]
            out = fresh(outputs(f"w3-{units}x{rows}-mimalloc.json"))
            command = [binary, "check", data["submissions"], "--rules", data["rules"], "--city", "--format", "json",
                       "--output", out] + jobs
            trials.append(Trial(f"educheck{' ' + ' '.join(jobs) if jobs else ''}, mimalloc preloaded{stand_in}",
                                command, env=mimalloc))
            checks.append((data, out, f"W3 {label} educheck, mimalloc preloaded", educheck_statuses))
        for variant, bdata, min_runs in [("CSV", csv_data, 3)] + ([("inline stand-in", data, 1)] if mode_inline else []):
            out = fresh(outputs(f"w3-{units}x{rows}-baseline-{'inline' if variant != 'CSV' else 'csv'}.json"))
            trials.append(Trial(f"baseline.py ({variant})", [PYTHON, BASELINE, bdata["submissions"], "--rules",
                                                             bdata["rules"], "--city", "--output", out],
                                min_runs=min_runs))
            checks.append((bdata, out, f"W3 {label} baseline ({variant})",
                           lambda path: (baseline_statuses(path), [])))
        measured = measure_together(trials, runs, args.max_seconds)
        for m, (mdata, out, what, statuses) in zip(measured, checks):
            m.data = mdata
            verdicts.compare(what, statuses(out)[0], expected)
        educheck_runs = measured[:len(job_variants)]
        allocator_runs = measured[len(job_variants):len(job_variants) + (1 if mimalloc else 0)]
        baselines = measured[len(job_variants) + len(allocator_runs):]
        w3_sections.append((units, rows, csv_data, data, educheck_runs, baselines, allocator_runs))

    # Report.
    info["load_end"] = load_average()
    elapsed = time.perf_counter() - started
    lines = [
        "# educheck benchmark results",
        "",
        f"`python3 Benchmarks/run.py{' --quick' if args.quick else ''}"
        f"{' --runs ' + str(args.runs) if args.runs else ''}{' --sizes ' + args.sizes if args.sizes else ''}"
        f"{' --binary ' + args.binary if args.binary else ''}` "
        f"at {git_revision()}, {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; "
        f"the whole run took {elapsed / 60:.1f} min.",
        "",
        "Medians of the runs stated, with the fastest and slowest run (the spread); the commands of a table are "
        "run in turns, one run of each per round, so that the machine's drift reaches them alike; wall time is the whole process "
        "as a user sees it, spawned from Python (posix_spawn) and reaped with wait4; CPU is the child's user + "
        "system time; peak RSS is the child's ru_maxrss as `/usr/bin/time -f %M` reports it (largest over its "
        "runs)." + ("" if GNU_TIME else " **/usr/bin/time is missing: peak RSS is wait4's ru_maxrss, an upper "
                   "bound that includes the runner's own memory.**"),
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable)",
        f"- Memory: {info['memory']}",
        f"- OS: {info['os']}",
        f"- Swift: {info['swift']}; educheck {version} " + (
            f"built with `swift build -c release` ({build_time:.0f} s this run)" if build_time is not None
            else f"given as `--binary {args.binary}`"),
        f"- Python {info['python']}, PyYAML {info['pyyaml']}",
        f"- Load average (1, 5, 15 min) at start {info['load']}, at end {info['load_end']}: other jobs on the "
        "machine inflate wall times; CPU time and peak RSS are less affected.",
        "",
    ]
    if notes:
        lines += [n + "\n" for n in notes]
    lines += [
        f"## W1: one district submission, {w1['school_rows']} school rows",
        "",
        f"`educheck check {os.path.relpath(w1_file, scratch)}` (built-in ruleset, text report to /dev/null); "
        f"input {w1_bytes / 1024:.1f} KiB.",
        "",
        TABLE_HEAD, TABLE_RULE,
    ] + [row(m) for m in w1_results] + [
        "",
        f"Baseline / educheck: **{ratios(w1_baseline, w1_check)}**. educheck above its start floor: "
        f"{fmt_time(w1_check.median - w1_results[0].median)}.",
    ]
    if static_binary:
        static_floor = w1_results[1]
        verdict = "helps" if static_floor.median < w1_results[0].median * 0.9 else \
            "does not help noticeably" if static_floor.median < w1_results[0].median * 1.1 else "is slower"
        lines += [
            "",
            f"`--static-swift-stdlib` (built in .build-static, {static_time:.0f} s this run; binary "
            f"{os.path.getsize(static_binary) / 1e6:.1f} MB against {os.path.getsize(binary) / 1e6:.1f} MB): start-up "
            f"{fmt_time(static_floor.median)} against {fmt_time(w1_results[0].median)} dynamic — it **{verdict}**; "
            f"W1 {fmt_time(w1_static.median)} against {fmt_time(w1_check.median)}.",
        ]
    if w1_mimalloc:
        lines += [
            "",
            f"mimalloc preloaded (`LD_PRELOAD={mimalloc['LD_PRELOAD']}`): W1 {fmt_time(w1_mimalloc.median)} against "
            f"{fmt_time(w1_check.median)} with glibc's malloc.",
        ]
    lines += [
        "",
        "## W2: the twelve fixtures, `--city`, HTML audit report",
        "",
        f"`educheck check Fixtures/submissions/2025 --city --waivers Fixtures/waivers-2025.yaml --as-of {AS_OF} "
        "--format html --output …`",
        "",
        TABLE_HEAD, TABLE_RULE, row(w2) if w2 else "| W2 | could not be measured: see the notes above | | | | |",
        "",
        "## W3: national scale, `--city --format json`",
        "",
        "Data from `Benchmarks/generate.py --units N --schools-per-unit M --fail-share 0.1 --seed 1` "
        f"(in {scratch}/data). Throughput is input bytes (submissions and their school files) and school rows "
        "per second of wall time.",
        "",
    ]
    for units, rows, csv_data, data, educheck_runs, baselines, allocator_runs in w3_sections:
        lines += [
            f"### {units:,} units × {rows} rows: {csv_data['school_rows']:,} school rows, "
            f"{csv_data['input_bytes'] / 1e6:.1f} MB as CSV" +
            (f", {data['input_bytes'] / 1e6:.1f} MB inline" if data is not csv_data else ""),
            "",
            TABLE_HEAD + " MB/s | rows/s | baseline (same data) ÷ this |",
            TABLE_RULE + " ---: | ---: | ---: |",
        ]
        for m in educheck_runs + allocator_runs + baselines:
            same = [b for b in baselines if b.data is m.data and m not in baselines]
            lines.append(row(m, [f"{m.data['input_bytes'] / 1e6 / m.median:.1f}",
                                 f"{m.data['school_rows'] / m.median:,.0f}",
                                 ratios(same[0], m) if same else "—"]))
        if data is not csv_data:
            real = baselines[0]
            lines += ["", "educheck on the stand-in against the baseline on the CSV data (the real W3 input, same "
                      "content): " + ", ".join(f"{m.label}: {ratios(real, m)}" for m in educheck_runs) + "."]
        if len(educheck_runs) == 2:
            lines += ["", f"`--jobs 2` against `--jobs 1`: {ratio(educheck_runs[0], educheck_runs[1])}."]
        for m in allocator_runs:
            lines += ["", f"Same binary and options, glibc's malloc ÷ mimalloc preloaded: "
                          f"{ratios(educheck_runs[-1], m)}; peak RSS {m.peak / 1024:.0f} against "
                          f"{educheck_runs[-1].peak / 1024:.0f} MiB."]
        lines.append("")
    if not has_jobs:
        lines += ["This build of educheck has no `--jobs` option; W3 was run once per measurement without it.", ""]

    # Issue 7's targets, as measured here.
    big = max(w3_sections, key=lambda s: s[0] * s[1])
    best = min(big[4], key=lambda m: m.median)
    real_baseline = big[5][0]
    targets = [
        ("W1 under 15 ms", f"{fmt_time(w1_check.median)}{stand_in}" +
         (f"; static stdlib {fmt_time(w1_static.median)}" if w1_static else ""), w1_check.median < 0.015),
        ("W3 at least 6× faster than the baseline", f"{ratios(real_baseline, best)} (baseline on CSV){stand_in}",
         real_baseline.median / best.median >= 6),
        ("W3 under 0.5 s", f"{fmt_time(best.median)}{stand_in}", best.median < 0.5),
        ("W3 peak memory under 150 MB", f"{best.peak / 1024:.0f} MiB{stand_in}", best.peak * 1024 < 150e6),
        ("W3 `--jobs 2` at least 1.6× `--jobs 1`",
         ratio(big[4][0], big[4][1]) if len(big[4]) == 2 else "no `--jobs` option",
         len(big[4]) == 2 and big[4][0].median / big[4][1].median >= 1.6),
    ]
    lines += [
        f"## Issue 7's targets ({big[0]:,} × {big[1]})",
        "",
        "| target | measured | met |",
        "| --- | --- | :---: |",
    ] + [f"| {t} | {v} | {'yes' if ok else '**no**'} |" for t, v, ok in targets] + [
        "",
        "## Verdicts",
        "",
    ] + verdicts.lines + [""]
    if verdicts.failed:
        lines[0] += " — **VERDICTS DIFFER: see below**"
    text = "\n".join(lines)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    log(f"wrote {os.path.relpath(args.results, os.getcwd())} in {elapsed / 60:.1f} min")
    if w2 is None:
        return 1
    if verdicts.failed:
        log("VERDICTS DIFFER from the expected matrix: see the Verdicts section")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
