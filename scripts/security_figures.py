#!/usr/bin/env python3
"""Render the figures the security tests wrote (test-artifacts/security-*.json) into the table
between the FIGURES markers of docs/security.md.

    .venv/bin/pytest tests/portal/test_security_*.py tests/talent/test_security_*.py
    .venv/bin/python scripts/security_figures.py
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
ROWS = [
    ("hostile_pages", "urls", "public URLs fed hostile values"),
    ("hostile_pages", "parameters", "page parameters tried"),
    ("hostile_pages", "requests", "hostile page requests (incl. path segments), none 500"),
    ("hostile_api", "endpoints", "API list endpoints covered"),
    ("hostile_api", "parameters", "API list parameters tried"),
    ("hostile_api", "requests", "hostile API requests, none 500"),
    ("hostile_api", "hostile_values", "kinds of hostile value"),
    (
        "personal_data",
        "urls_checked",
        "pages, feeds, sitemap, CSV and API URLs swept for hidden people",
    ),
    ("redis", "pages_served_without_redis", "pages served with Redis stopped"),
    ("postgres_restart", "requests", "requests during a PostgreSQL restart under load"),
    ("postgres_restart", "answered_503", "of which answered 503 during the outage"),
    ("postgres_restart", "writes_acknowledged", "writes acknowledged (201) around the restart"),
    ("postgres_restart", "writes_lost", "acknowledged writes lost"),
    ("backup", "restored_programs", "programs restored from a pg_dump backup"),
]


def table(figures):
    lines = ["| figure | value |", "|---|---:|"]
    for section, key, label in ROWS:
        value = figures.get(section, {}).get(key, "—")
        lines.append(f"| {label} | {value} |")
    return "\n".join(lines)


def main():
    figures = {}
    for path in sorted((ROOT / "test-artifacts").glob("security-*.json")):
        figures[path.stem.removeprefix("security-")] = json.loads(path.read_text())
    if not figures:
        sys.exit("no test-artifacts/security-*.json: run the security tests first")
    text = DOC.read_text()
    new = re.sub(
        r"(<!-- FIGURES -->\n).*?(<!-- /FIGURES -->)",
        lambda m: m.group(1) + table(figures) + "\n" + m.group(2),
        text,
        flags=re.S,
    )
    DOC.write_text(new)
    print(table(figures))


if __name__ == "__main__":
    main()
