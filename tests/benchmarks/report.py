"""The result of a `make bench` run: one table of every request (both phases, each size) with
its verdict against the budgets, the throughput ratios, the sitemap builds, and the routes not
swept; written into docs/benchmarks.md between the markers and printed."""

import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

from measure import HOST, shown

DOC = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
P95, MAX = 60.0, 300.0  # ms, every route with one client, cache off and on
SITEMAP_BUILD = 1000.0  # ms, a sitemap file's build (cache off: every request builds)
RATIOS = {"API lists, cache off": 0.22, "pages, cache on": 0.6, "API, cache on": 0.6}
FLAT = 0.9  # the largest size's ratios against the smallest's


def ms(figures, key):
    return f"{figures[key]:.1f}" if figures.get("ok") else "—"


def queries(figures, smaller=None):
    counts = figures.get("queries") or []
    text = "–".join(str(n) for n in sorted({min(counts), max(counts)})) if counts else "—"
    before = (smaller or {}).get("queries")
    if before and counts and before != counts:
        text += f" (was {'–'.join(str(n) for n in sorted({min(before), max(before)}))})"
    return text


def verdict(request, off, on):
    """pass, or FAIL with each budget missed; a wrong status is a failure, never hidden."""
    missed = []
    build = request["sitemap"]
    for phase, figures in (("", off), ("cache on: ", on)):
        if not figures.get("ok"):
            missed.append(f"{phase}answered {figures.get('status')}, not {request['expect']}")
            continue
        most_p95, most = (SITEMAP_BUILD, SITEMAP_BUILD) if build and not phase else (P95, MAX)
        if figures["p95"] > most_p95:
            missed.append(f"{phase}p95 > {most_p95:.0f}")
        if figures["max"] > most:
            missed.append(f"{phase}max > {most:.0f}")
    return "pass" if not missed else "**FAIL**: " + "; ".join(missed)


def table(results):
    lines = [
        "| rows | route | request | status | p50 | p95 | p99 | max | queries | cache-on p95 "
        "| budget |",
        "|---:|---|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    sizes = sorted(results)
    for size in sizes:
        result = results[size]
        smaller = results[sizes[0]]["off"] if size != sizes[0] else {}
        ordered = sorted(result["found"]["requests"], key=lambda r: (r["kind"], r["route"]))
        for request in ordered:
            off, on = result["off"][request["path"]], result["on"][request["path"]]
            lines.append(
                f"| {size:,} | {request['route']} ({request['variant']}) "
                f"| `{shown(request['path'], 70)}` | {off.get('status')} | {ms(off, 'p50')} "
                f"| {ms(off, 'p95')} | {ms(off, 'p99')} | {ms(off, 'max')} "
                f"| {queries(off, smaller.get(request['path']))} | {ms(on, 'p95')} "
                f"| {verdict(request, off, on)} |"
            )
    return lines


def summary(results):
    lines = []
    sizes = sorted(results)
    for size in sizes:
        result = results[size]
        requests = result["found"]["requests"]
        failed = [
            r
            for r in requests
            if verdict(r, result["off"][r["path"]], result["on"][r["path"]]) != "pass"
        ]
        lines.append(
            f"- {size:,} rows: {len(requests) - len(failed)} of {len(requests)} requests "
            f"within budget" + (f"; **{len(failed)} not**" if failed else "")
        )
        for name, goal in RATIOS.items():
            ratio = result["ratios"][name]
            state = "met" if ratio["ratio"] >= goal else "**NOT met**"
            errors = f", wrk: {ratio['errors']}" if ratio["errors"] else ""
            lines.append(
                f"  - {name} ({ratio['urls']} URLs): {ratio['rps']:,.0f} req/s against the "
                f"baseline's {ratio['baseline']:,.0f}, ratio {ratio['ratio']:.3f} "
                f"(≥ {goal}): {state}{errors}"
            )
        if size != sizes[0]:
            for name in RATIOS:
                flat = result["ratios"][name]["ratio"] / results[sizes[0]]["ratios"][name]["ratio"]
                state = "met" if flat >= FLAT else "**NOT met**"
                lines.append(
                    f"  - {name}: {flat:.2f} of its ratio at {sizes[0]:,} rows (≥ {FLAT}): {state}"
                )
        lines.append("  - " + sitemap_line(result))
    return lines


def sitemap_line(result):
    builds = result["builds"]
    total = result["found"]["sitemap_file_count"]
    if not builds:
        return "sitemap: no sitemap index, so no files were timed"
    slowest = max(builds, key=lambda path: builds[path]["cold"])
    cold, warm = builds[slowest]["cold"], max(b["warm"] for b in builds.values())
    bad = [path for path, b in builds.items() if b["status"] != 200]
    state = "met" if cold <= SITEMAP_BUILD and not bad else "**NOT met**"
    return (
        f"sitemap files: {len(builds)} of {total} built cold, the slowest in {cold:.0f} ms "
        f"(`{slowest}`), ≤ {SITEMAP_BUILD:.0f} ms: {state}; then from the cache in at most "
        f"{warm:.1f} ms" + (f"; {len(bad)} not 200" if bad else "")
    )


def not_swept(results):
    reasons = {}
    for result in results.values():
        reasons |= result["found"]["not_swept"]
    return [f"- `{name}`: {why}" for name, why in sorted(reasons.items())]


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django,rest_framework,gunicorn,psycopg;"
            "print(django.__version__,rest_framework.__version__,gunicorn.__version__,"
            "psycopg.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    pg = subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-Atc", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    redis = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
    load = Path("/proc/loadavg").read_text().split()[0]
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {memory} GB RAM, {platform.platform()}, "
        f"load average {load} at the end",
        f"- Python {platform.python_version()}, Django {versions[0]}, DRF {versions[1]}, "
        f"gunicorn {versions[2]} (2 sync workers), psycopg {versions[3]}",
        f"- PostgreSQL {pg}, Redis {redis.split()[2].removeprefix('v=') if redis else '-'}",
    ]


def write(results, command, options, *, minutes):
    body = [
        START,
        f"Measured {datetime.date.today().isoformat()} by `{command}` in {minutes:.0f} minutes: "
        f"each request up to {options.requests} times or {options.seconds} s with one client "
        f"(server time, ms), each wrk mix {options.wrk} s against the baseline measured "
        f"{max(1, options.wrk // 2)} s just before and after it.",
        "",
        *machine(),
        "",
        *summary(results),
        "",
        *table(results),
        "",
        "Routes not swept:",
        "",
        *not_swept(results),
        END,
    ]
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(head + "\n".join(body) + tail)
    print("\n".join(body[1:-1]))
