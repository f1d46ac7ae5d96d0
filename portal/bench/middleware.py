"""Benchmark runs only (portal.settings.bench): every response says how long the server spent
on it and how many database queries it made, so `make bench` can report both per route."""

import time

from django.db import connections


class ServerTiming:
    """Outermost middleware: `Server-Timing: app;dur=<ms>` and `X-Queries: <n>`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connections["default"].execute_wrapper(count):
            response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        response["X-Queries"] = str(len(queries))
        return response
