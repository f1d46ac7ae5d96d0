"""How `make bench` measures: one client's sequential requests per URL (server time and query
count from the headers portal.settings.bench adds), and wrk's throughput against the
constant-JSON baseline measured around it."""

import http.client
import json
import math
import re
import subprocess
import time
import urllib.parse
from pathlib import Path

HOST, PORT = "127.0.0.1", 8765
BASE = f"http://{HOST}:{PORT}"
BASELINE = "/bench/baseline"
TIMEOUT = 30  # seconds: a request slower than this ends the route's measurement


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fetch(path):
    """(status, server ms, queries) of one GET on a new connection (gunicorn's sync workers
    close each one); the server's own timing, the client's where the header is missing."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    timing = re.search(r"app;dur=([\d.]+)", response.getheader("Server-Timing") or "")
    queries = response.getheader("X-Queries")
    return (
        response.status,
        float(timing.group(1)) if timing else elapsed,
        int(queries) if queries else None,
    )


def percentile(ordered, share):
    """Nearest-rank percentile of an ascending list."""
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def sample(request, *, requests, seconds):
    """The route's first answer (a status other than the expected one ends it there), then
    up to `requests` sequential requests for up to `seconds` (three at least)."""
    try:
        status, first, _queries = fetch(request["path"])
    except OSError as error:
        return {"status": f"error: {error}", "ok": False}
    if status != request["expect"]:
        return {"status": status, "ok": False, "first": first}
    times, counts, started = [], set(), time.monotonic()
    while len(times) < requests and (time.monotonic() - started < seconds or len(times) < 3):
        try:
            status, elapsed, queries = fetch(request["path"])
        except OSError:
            return {"status": "timeout", "ok": False, "first": first, "n": len(times)}
        if status != request["expect"]:
            return {"status": status, "ok": False, "first": first, "n": len(times)}
        times.append(elapsed)
        counts.add(queries)
    times.sort()
    return {
        "status": status,
        "ok": True,
        "first": first,
        "n": len(times),
        "p50": percentile(times, 0.50),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "max": times[-1],
        "queries": sorted(q for q in counts if q is not None),
    }


def sweep(requests, *, label, count, seconds):
    """sample() of every request, with progress; {path: figures}."""
    results = {}
    for number, request in enumerate(requests, 1):
        figures = sample(request, requests=count, seconds=seconds)
        results[request["path"]] = figures
        if figures["ok"]:
            said = f"p95 {figures['p95']:.1f} ms, max {figures['max']:.1f} ms, {figures['n']} req"
        else:
            said = f"answered {figures['status']}, expected {request['expect']}"
        log(f"{label} [{number}/{len(requests)}] {shown(request['path'])}: {said}")
    return results


def first_builds(paths):
    """Each sitemap file's first request (cache cold: the build) and its second (cached)."""
    builds = {}
    for number, path in enumerate(paths, 1):
        status, cold, _queries = fetch(path)
        _status, warm, _queries = fetch(path)
        builds[path] = {"status": status, "cold": cold, "warm": warm}
        log(f"sitemap [{number}/{len(paths)}] {path}: built in {cold:.0f} ms, then {warm:.1f} ms")
    return builds


def shown(path, width=90):
    """The path as the table shows it: readable, a cursor elided, long queries cut."""
    path = urllib.parse.unquote(re.sub(r"cursor=[^&]+", "cursor=…", path))
    return path if len(path) <= width else path[: width - 1] + "…"


def mix_script(name, paths):
    """A wrk Lua script requesting `paths` (a weighted list) in turn."""
    script = Path(__file__).resolve().parents[2] / "test-artifacts" / f"bench-{name}.lua"
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
    errors = []
    if failed := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors.append(f"{failed.group(1)} non-2xx")
    if socket := re.search(r"Socket errors: (.*)", out):  # timeouts: too slow
        errors.append(socket.group(1).strip())
    return {
        "errors": ", ".join(errors),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": milliseconds(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
    }


def milliseconds(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def paired(name, paths, *, seconds):
    """wrk on a mix of `paths` between two runs of the baseline, half as long each, and its
    ratio to their mean: the machine's speed drifts over minutes (other tenants of its host),
    so each mix is set against the baseline of its own moment."""
    script = mix_script(name, paths)
    wrk(script=script, seconds=2)  # warm up: connections, caches, the database's buffers
    half = max(1, seconds // 2)
    before = wrk(BASELINE, seconds=half)
    result = wrk(script=script, seconds=seconds)
    after = wrk(BASELINE, seconds=half)
    base = (before["rps"] + after["rps"]) / 2
    ratio = result["rps"] / base
    log(f"{name}: {result['rps']:,.0f} req/s, baseline {base:,.0f}, ratio {ratio:.3f}")
    return result | {"baseline": base, "ratio": ratio, "urls": len(set(paths))}
