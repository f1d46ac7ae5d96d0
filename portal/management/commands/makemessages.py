"""makemessages, reading the public site's templates (jinja2/) with Jinja2's own extractor.

Django's templatizer reads every .html file as the Django template language: it finds
{{ _("搜索") }} but not {{ _("共 %(total)s 条", total=n) }}, whose keyword arguments follow the
string. The admin's templates (templates/) still go through Django's templatizer.
"""

import os

from django.core.management.commands import makemessages
from django.template import engines
from django.template.backends.jinja2 import Jinja2


def jinja2_engine(path):
    """The Jinja2 engine whose templates include `path`, or None."""
    path = os.path.abspath(path)
    for engine in engines.all():
        if isinstance(engine, Jinja2) and any(
            path.startswith(os.path.join(os.path.abspath(folder), ""))
            for folder in engine.template_dirs
        ):
            return engine
    return None


def templatize(source, env):
    """Python for xgettext: each message of `source` as a gettext() call on its own line."""
    lines = [[] for _line in range(source.count("\n") + 1)]
    for lineno, function, message in env.extract_translations(source):
        strings = message if isinstance(message, tuple) else (message,)
        arguments = ", ".join(repr(string) for string in strings if string is not None)
        if function in ("ngettext", "npgettext"):
            arguments += ", n"
        lines[lineno - 1].append(f"{function}({arguments})")
    return "\n".join("; ".join(calls) for calls in lines) + "\n"


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        engine = jinja2_engine(self.path) if self.is_templatized else None
        if engine is None:
            return super().preprocess()
        with open(self.path, encoding="utf-8") as source:
            content = templatize(source.read(), engine.env)
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(content)


class Command(makemessages.Command):
    build_file_class = BuildFile
