"""`make bench`: every route of the site, at 10,000 and 1,000,000 craftsmen, on PostgreSQL
behind gunicorn (2 sync workers, production settings), cache off and on; writes one table into
docs/benchmarks.md and prints it.

Not a pytest module (pytest never collects it): it builds its own database, BENCH_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/cqskills_bench), dropping and recreating it, and
with --drop removes it at the end. The routes come from the URLconf and the sitemap
(routes.py); how each is measured: measure.py; the table and the budgets: report.py.
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from measure import BASE, BASELINE, HOST, PORT, fetch, first_builds, log, paired, sweep, wrk
from report import write

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cqskills_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
SIZES = {"small": (10_000,), "full": (10_000, 1_000_000)}
SYNTHETIC_CRAFTSMEN = (
    "SELECT count(*) FROM talent_craftsman WHERE source = 'synthetic:generate_volume'"
)
SERVER_LOG = ROOT / "test-artifacts" / "bench-gunicorn.log"
FIRST_PAGES = 10
WARM_UP = (
    "/",
    "/en/",
    "/api/v1/",
    "/sitemap.xml",
    "/healthz",
)  # how much more often a mix asks for a first page than for the long tail

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
    host, port = url.hostname or HOST, str(url.port or 5432)
    user = url.username or "postgres"
    command = ["psql", "-h", host, "-p", port, "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1"]
    return run(*command, "-qAtc", sql, stdout=subprocess.PIPE, text=True).stdout.strip()


def db_name():
    return urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")


def fresh_database():
    name = db_name()
    log(f"recreating database {name}")
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql("postgres", f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", "-v", "0")
    manage("load_seeds")


def grow(craftsmen, *, seed):
    """`craftsmen` more craftsmen and awards, the rest in proportion (generate_volume --scale),
    then statistics and a checkpoint, so no measurement pays for the bulk load."""
    log(f"generating {craftsmen:,} craftsmen and awards, the rest in proportion")
    started = time.monotonic()
    manage("generate_volume", f"--scale={craftsmen}", f"--seed={seed}")
    log("VACUUM ANALYZE, CHECKPOINT")
    psql(db_name(), "VACUUM ANALYZE")
    psql(db_name(), "CHECKPOINT")
    log(f"generated and analysed in {time.monotonic() - started:.0f} s")


def clear_cache():
    manage("shell", "-c", "from django.core.cache import cache; cache.clear()", cache=True)


def discovered():
    """routes.discover() in a child process with Django set up."""
    out = ROOT / "test-artifacts" / "bench-routes.json"
    out.parent.mkdir(exist_ok=True)
    run(sys.executable, __file__, "--discover", str(out), env=server_env(cache=False))
    found = json.loads(out.read_text())
    routes = {request["route"] for request in found["requests"]}
    log(f"{len(found['requests'])} requests over {len(routes)} routes")
    return found


class Server:
    """gunicorn on loopback, 2 sync workers, with the shared cache on or off."""

    def __init__(self, *, cache):
        self.env = server_env(cache=cache)

    def __enter__(self):
        try:  # a server left from an interrupted run would be measured instead of this one
            urllib.request.urlopen(BASE + BASELINE, timeout=1)
        except OSError:
            pass
        else:
            raise SystemExit(f"something already answers on {BASE}: stop it first")
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [
                *(gunicorn, "portal.wsgi", "--workers=2", "--worker-class=sync"),
                *(f"--bind={HOST}:{PORT}", "--log-level=warning", "--timeout=120"),
            ],
            cwd=ROOT,
            env=self.env,
            stderr=SERVER_LOG.open("a"),  # Django logs each 404: kept out of the progress
        )
        try:
            self.wait()
            wrk(BASELINE, seconds=2)  # both workers loaded and connected
            for path in WARM_UP * 4:  # and past their first page, API list and sitemap
                fetch(path)
        except BaseException:
            self.__exit__()
            raise
        return self

    def wait(self):
        for _ in range(150):
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(BASE + BASELINE, timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def mix(requests, figures, kind):
    """The list URLs of a kind that answered 200, first pages FIRST_PAGES times."""
    paths = []
    for request in requests:
        answered = figures.get(request["path"], {}).get("ok") and request["expect"] == 200
        if request["kind"] == kind and request["list"] and answered:
            paths += [request["path"]] * (FIRST_PAGES if request["first"] else 1)
    return paths


def measure(size, options):
    """Both phases at one size: cache off (every request, the uncached API lists' ratio), then
    cache on (sitemap builds, every request again, the cached mixes' ratios)."""
    found = discovered()
    requests = found["requests"]
    seconds, count = options.seconds, options.requests
    clear_cache()
    log(f"{size:,} rows, cache off")
    with Server(cache=False):
        off = sweep(requests, label=f"{size:,} cache off", count=count, seconds=seconds)
        lists = mix(requests, off, "api")
        ratios = {"API lists, cache off": paired("api-lists", lists, seconds=options.wrk)}
    clear_cache()
    log(f"{size:,} rows, cache on")
    with Server(cache=True):
        builds = first_builds(found["sitemap_files"])
        on = sweep(requests, label=f"{size:,} cache on", count=count, seconds=seconds)
        for kind, name in (("page", "pages, cache on"), ("api", "API, cache on")):
            ratios[name] = paired(f"{kind}-cached", mix(requests, on, kind), seconds=options.wrk)
    return {"found": found, "off": off, "on": on, "ratios": ratios, "builds": builds}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", choices=SIZES, default="full", help="small: 10,000 rows only (a quick run)"
    )
    parser.add_argument("--requests", type=int, default=200, help="per route and phase, at most")
    parser.add_argument("--seconds", type=int, default=5, help="per route and phase, at most")
    parser.add_argument("--wrk", type=int, default=10, help="seconds of each wrk mix")
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data a previous run left, at its size"
    )
    options = parser.parse_args()
    command = "make bench" if os.environ.get("MAKELEVEL") else " ".join(["python", *sys.argv])
    started, results = time.monotonic(), {}
    try:
        manage("collectstatic", "--no-input", "-v", "0")  # production serves the manifest
        if options.reuse:
            manage("migrate", "--no-input", "-v", "0")
            synthetic = (
                "SELECT count(*) FROM talent_craftsman WHERE source = 'synthetic:generate_volume'"
            )
            sizes = (int(psql(db_name(), synthetic)),)
        else:
            fresh_database()
            sizes = SIZES[options.size]
        made = 0
        for seed, size in enumerate(sizes, 1):
            if not options.reuse:
                grow(size - made, seed=seed)
                made = size
            results[size] = measure(size, options)
            (ROOT / "test-artifacts" / "bench-results.json").write_text(
                json.dumps(results, ensure_ascii=False, indent=1)
            )
        write(results, command, options, minutes=(time.monotonic() - started) / 60)
    finally:
        if options.drop:
            psql("postgres", f'DROP DATABASE IF EXISTS "{db_name()}" WITH (FORCE)')


if __name__ == "__main__":
    if sys.argv[1:2] == ["--discover"]:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import routes

        Path(sys.argv[2]).write_text(json.dumps(routes.discover(HOST), ensure_ascii=False))
    else:
        main()
