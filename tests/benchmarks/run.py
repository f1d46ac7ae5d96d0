"""`make bench`: the public lists and the API lists against a constant-JSON baseline, at 10,000
and 1,000,000 craftsmen and honor awards, on PostgreSQL behind gunicorn (2 sync workers), with
wrk on loopback. Writes the table into docs/benchmarks.md and prints it.

Not a pytest module (pytest never collects it): it builds its own database, BENCH_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/cqskills_bench), dropping and recreating it, and
with --drop removes it at the end. Every URL is checked for a 200 (redirects not followed)
before wrk measures it.
"""

import argparse
import base64
import datetime
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
HOST, PORT = "127.0.0.1", 8765
BASE = f"http://{HOST}:{PORT}"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cqskills_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PROGRAMS = 2000  # a city's training programs number in the thousands, not millions
TARGETS = {"api": 0.30, "page": 0.15, "api_cached": 0.5, "page_cached": 0.4}
P99 = {"api": 50.0, "page": 80.0}

ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
    "DATABASE_URL": DATABASE_URL,
    "SECRET_KEY": secrets.token_urlsafe(60),
    "DEBUG": "false",
    "ALLOWED_HOSTS": HOST,
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    # The rate limit stays on (its cost is part of a request) but never trips under wrk.
    "API_ANON_RATE": "100000000/minute",
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*args, env=None, **kwargs):
    return subprocess.run(args, check=True, cwd=ROOT, env=env, **kwargs)


def server_env(*, cache):
    env = {**os.environ, **ENV}
    env.pop("REDIS_URL", None)
    if cache:
        env["REDIS_URL"] = REDIS_URL
    return env


def manage(*args, cache=False):
    run(sys.executable, "manage.py", *args, env=server_env(cache=cache))


def psql(database, sql):
    url = urllib.parse.urlparse(DATABASE_URL)
    run(
        "psql",
        "-h",
        url.hostname or HOST,
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
        "-d",
        database,
        "-v",
        "ON_ERROR_STOP=1",
        "-qAtc",
        sql,
        stdout=subprocess.PIPE,
    )


def db_name():
    return urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")


def fresh_database():
    name = db_name()
    log(f"recreating database {name}")
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql("postgres", f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", "-v", "0")
    manage("load_seeds")


def grow(craftsmen, awards, *, programs=0, results=0, seed):
    log(f"generating {craftsmen} craftsmen, {awards} awards, {programs} programs")
    started = time.monotonic()
    manage(
        "generate_volume",
        f"--craftsmen={craftsmen}",
        f"--awards={awards}",
        f"--programs={programs}",
        f"--results={results}",
        f"--seed={seed}",
    )
    psql(db_name(), "VACUUM ANALYZE")
    psql(db_name(), "CHECKPOINT")  # write the bulk load out now, not during a measurement
    log(f"generated and analysed in {time.monotonic() - started:.0f} s")


def cursor_for(keys, values):
    payload = json.dumps({"o": keys, "v": values, "r": False}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def targets():
    """The URLs to measure, chosen from the data as it stands (Django set up in-process)."""
    os.environ.update(server_env(cache=False))
    import django

    django.setup()
    from django.db.models import Count

    from portal.models import District
    from talent.models import Craftsman, HonorAward

    public = Craftsman.objects.published().order_by("name", "pk")
    total = public.count()
    middle = public.values_list("name", "pk")[total // 2]
    deep = cursor_for(["name", "pk"], [middle[0], middle[1]])
    district = (
        District.objects.annotate(n=Count("craftsmen")).order_by("-n").values_list("code", "n")[0]
    )
    three = (
        public.filter(name__regex=r"^...$")
        .values_list("name", flat=True)[total // 3 % 1000 : total // 3 % 1000 + 1]
        .get()
    )
    roll = (
        HonorAward.objects.values("title__slug", "year")
        .annotate(n=Count("pk"))
        .order_by("-n", "title__slug", "-year")[0]
    )
    q = urllib.parse.quote(three)
    return {
        "page": [
            ("programs", "/programs/"),
            ("honor roll", f"/honors/{roll['title__slug']}/{roll['year']}/"),
            ("craftsman search", f"/search/?q={q}"),
        ],
        "api": [
            ("craftsmen, first page", "/api/v1/craftsmen/"),
            ("craftsmen, deep page", f"/api/v1/craftsmen/?cursor={deep}"),
            ("craftsmen, filtered", f"/api/v1/craftsmen/?district={district[0]}"),
            ("craftsmen, q search", f"/api/v1/craftsmen/?q={q}"),
            ("honor awards, first page", "/api/v1/honor-awards/"),
        ],
        "notes": {
            "public craftsmen": total,
            "honor roll rows": roll["n"],
            "filtered district": f"{district[0]} ({district[1]} craftsmen)",
            "search term": three,
        },
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(path):
    """A 200 and a body, or stop: a redirect or an error would measure the wrong thing."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(BASE + path, timeout=30)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{path} answered {error.code}, not 200: not measured") from None
    body = response.read()
    if response.status != 200 or not body:
        raise SystemExit(f"{path} answered {response.status}, not 200: not measured")


def mix_script(paths):
    """A wrk Lua script requesting `paths` (a weighted list) in turn."""
    script = ROOT / "test-artifacts" / f"bench-mix-{len(paths)}.lua"
    script.parent.mkdir(exist_ok=True)
    items = ",\n".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{\n{items}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\nend\n"
    )
    return script


def wrk(path=None, *, script=None, seconds, threads=2, connections=8):
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        args += ["-s", str(script)]
    out = subprocess.run(
        [*args, BASE + (path or "/")], check=True, capture_output=True, text=True
    ).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise SystemExit(f"wrk saw failures on {path or script}:\n{out}")
    socket = re.search(r"Socket errors: (.*)", out)  # timeouts: too slow, reported as such
    return {
        "errors": socket.group(1).strip() if socket else "",
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": milliseconds(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
    }


def milliseconds(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


class Server:
    def __init__(self, *, cache):
        self.env = server_env(cache=cache)

    def __enter__(self):
        try:  # a server left from an interrupted run would be measured instead of this one
            urllib.request.urlopen(BASE + "/bench/baseline", timeout=1)
        except OSError:
            pass
        else:
            raise SystemExit(f"something already answers on {BASE}: stop it first")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "portal.wsgi",
                "--workers=2",
                "--worker-class=sync",
                f"--bind={HOST}:{PORT}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(100):
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(BASE + "/bench/baseline", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def around(seconds):
    """How long each of the baseline's runs around a measured request lasts."""
    return max(1, seconds // 2)


def paired(path=None, *, script=None, seconds):
    """wrk on a request between two runs of the baseline, half as long each, and its ratio to
    their mean: the machine's own speed drifts by up to a tenth over a few minutes here (other
    tenants of the host), so each request is set against the baseline of its own moment."""
    before = wrk("/bench/baseline", seconds=around(seconds))
    result = wrk(path, script=script, seconds=seconds)
    after = wrk("/bench/baseline", seconds=around(seconds))
    base = (before["rps"] + after["rps"]) / 2
    return result | {"baseline": base, "ratio": result["rps"] / base}


def measure(urls, *, seconds, cache, scale):
    rows = []
    with Server(cache=cache):
        paths = ["/bench/baseline"] + [p for kind in ("page", "api") for _n, p in urls[kind]]
        for path in paths:
            check(path)
        for path in paths:  # warm up: imports, connections, caches, the database's buffers
            wrk(path, seconds=2)
        base = wrk("/bench/baseline", seconds=seconds)
        base |= {"baseline": base["rps"], "ratio": 1.0}
        rows.append(("baseline", "constant JSON", base, scale, cache))
        if cache:
            for kind in ("page", "api"):
                mix = cached_mix(urls[kind], kind)
                for path in sorted(set(mix)):
                    check(path)
                script = mix_script(mix)
                wrk(script=script, seconds=2)
                result = paired(script=script, seconds=seconds)
                rows.append((kind, f"{kind} mix (cache on)", result, scale, cache))
        else:
            for kind in ("page", "api"):
                for name, path in urls[kind]:
                    log(f"{scale:>9} {name}")
                    rows.append((kind, name, paired(path, seconds=seconds), scale, cache))
    return rows


def cached_mix(urls, kind):
    """Mostly first pages, then a long tail: other filters, other searches, deeper pages."""
    first = urls[0][1]
    tail = [path for _name, path in urls[1:]]
    if kind == "api":
        first_pages = ["/api/v1/craftsmen/", "/api/v1/honor-awards/", "/api/v1/studios/"]
        long_tail = tail + [
            f"/api/v1/craftsmen/?district={code}" for code in ("500103", "500106", "500112")
        ]
        long_tail += [f"/api/v1/honor-awards/?year={year}" for year in range(2010, 2027)]
    else:
        first_pages = [first, "/honors/", "/studios/", "/bases/"]
        long_tail = tail + [f"/programs/?page={n}" for n in range(2, 12)]
        long_tail += [f"/programs/?kind={k}" for k in ("digital_training", "skill_evaluation")]
    return first_pages * 10 + long_tail


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
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {memory} GB RAM, {platform.platform()}",
        f"- Python {platform.python_version()}, Django {versions[0]}, DRF {versions[1]}, "
        f"gunicorn {versions[2]} (2 sync workers), psycopg {versions[3]}",
        f"- PostgreSQL {pg}, Redis {redis.split()[2].removeprefix('v=') if redis else '-'}, "
        f"{wrk_version.split(' [')[0].strip() or 'wrk'}",
    ]


def table(rows, seconds):
    lines = [
        "| scale | cache | kind | request | req/s | p50 ms | p99 ms | baseline req/s | ratio "
        "| wrk socket errors |",
        "|---:|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for kind, name, r, scale, cache in rows:
        lines.append(
            f"| {scale:,} | {'on' if cache else 'off'} | {kind} | {name} | {r['rps']:,.0f} | "
            f"{r['p50']:.2f} | {r['p99']:.2f} | {r['baseline']:,.0f} | {r['ratio']:.3f} "
            f"| {r['errors'] or '-'} |"
        )
    return lines


def verdicts(rows, small, large):
    """Each target of issue #6 with the figure that decides it."""
    lines = []
    at = {(k, n, s, c): r for k, n, r, s, c in rows}
    for kind, name, r, scale, cache in rows:
        if scale != large or kind == "baseline":
            continue
        goal = TARGETS[f"{kind}_cached" if cache else kind]
        ok = r["ratio"] >= goal and r["p99"] < P99[kind]
        parts = [f"ratio {r['ratio']:.3f} (≥ {goal})", f"p99 {r['p99']:.1f} ms (< {P99[kind]:.0f})"]
        before = at.get((kind, name, small, cache))
        if before:
            flat = r["rps"] / before["rps"]
            ok = ok and flat >= 0.9
            parts.append(f"{flat:.2f} of the {small:,}-row throughput (≥ 0.9)")
        state = "met" if ok else "**NOT met**"
        cache_label = "cache on" if cache else "cache off"
        lines.append(f"- {cache_label}, {name}: {state} — {', '.join(parts)}")
    return lines


def write(rows, notes, command, seconds, small, large):
    body = [
        START,
        f"Measured {datetime.date.today().isoformat()} by `{command}` "
        f"(each figure: wrk, {seconds} s, 2 threads, 8 connections, after a 2 s warm-up; "
        f"each ratio against the baseline measured {around(seconds)} s just before and "
        f"{around(seconds)} s just after it, their mean in the baseline column).",
        "",
        *machine(),
        f"- Data: {large:,} craftsmen and {large:,} honor awards at the large scale "
        f"({small:,} each at the small), {PROGRAMS:,} programs; "
        + "; ".join(f"{k}: {v}" for k, v in notes.items()),
        "",
        *table(rows, seconds),
        "",
        "Targets at 1,000,000 rows:",
        "",
        *verdicts(rows, small, large),
        END,
    ]
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(head + "\n".join(body) + tail)
    print("\n".join(body[1:-1]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data left by a previous run, as large"
    )
    options = parser.parse_args()
    command = "make bench" if os.environ.get("MAKELEVEL") else " ".join(["python", *sys.argv])
    rows = []
    notes = {}
    try:
        manage("collectstatic", "--no-input", "-v", "0")  # production serves the manifest
        if options.reuse:
            manage("migrate", "--no-input", "-v", "0")
        else:
            fresh_database()
            grow(options.small, options.small, programs=PROGRAMS, results=2000, seed=1)
        scales = (options.large,) if options.reuse else (options.small, options.large)
        for scale in scales:
            if scale == options.large and not options.reuse:
                extra = options.large - options.small
                grow(extra, extra, seed=2)
            log(f"measuring at {scale:,} rows")
            urls = subprocess_targets()
            notes = urls["notes"]
            manage("shell", "-c", "from django.core.cache import cache; cache.clear()", cache=True)
            for cache in (False, True):
                rows += measure(urls, seconds=options.seconds, cache=cache, scale=scale)
        write(rows, notes, command, options.seconds, options.small, options.large)
    finally:
        if options.drop:
            psql("postgres", f'DROP DATABASE IF EXISTS "{db_name()}" WITH (FORCE)')


def subprocess_targets():
    """targets() in a child process, so this one holds no connection during the run."""
    out = subprocess.run(
        [sys.executable, __file__, "--print-targets"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=server_env(cache=False),
    ).stdout
    return json.loads(out)


if __name__ == "__main__":
    if sys.argv[1:] == ["--print-targets"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(targets(), ensure_ascii=False))
    else:
        main()
