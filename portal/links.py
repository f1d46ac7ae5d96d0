"""Many links to one URL pattern for the price of one reverse().

A list page links each of its rows to a detail page: a reverse() per row (13 µs; fifty rows on
an honor roll) cost more than the rest of the row. `Links(name)` reverses the name once per
language, with stand-ins for the arguments, then fills in each row's arguments converted,
checked and quoted as reverse() does them. An argument it cannot vouch for (one the URL's
converter refuses, say) goes to reverse() itself, which raises as before; a model's
get_absolute_url() stays the truth everywhere else.
"""

import re
from itertools import product
from urllib.parse import quote

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, resolve
from django.urls import reverse as django_reverse
from django.urls.converters import IntConverter, SlugConverter, UUIDConverter
from django.utils.http import RFC3986_SUBDELIMS, escape_leading_slashes
from django.utils.translation import get_language

# What reverse() leaves unquoted in an argument (django.urls.resolvers: RFC 3986's pchar).
SAFE = RFC3986_SUBDELIMS + "/~:@"
# Stand-ins reverse() accepts for the n-th argument: digits for int, slug, str and path
# converters, a UUID's shape for uuid. Text no fixed part of a URL of ours contains.
STAND_INS = ("4815162342{}", "48151623-4200-4000-8000-00000000000{}")

# Converters whose every accepted text is unreserved in a URL: quote() would return it as it
# is (a fifth of an honor roll's links' time went to finding that out for each UUID).
PLAIN = {IntConverter, SlugConverter, UUIDConverter}
# (resolver, script prefix, language, name, number of arguments) -> Pattern or None (unsuited).
_patterns = {}


class Pattern:
    """A reversed URL cut at its arguments, with each argument's converter."""

    def __init__(self, pieces, converters):
        self.pieces = pieces
        self.converters = converters

    def fill(self, args):
        """The URL for `args`, or None where only reverse() may decide."""
        parts = [self.pieces[0]]
        for arg, (converter, accepts, plain), piece in zip(
            args, self.converters, self.pieces[1:], strict=True
        ):
            try:
                text = str(converter.to_url(arg))
            except ValueError:
                return None
            if not accepts(text):
                return None
            parts += (text if plain else quote(text, safe=SAFE), piece)
        return escape_leading_slashes("".join(parts))


def compile_pattern(name, arity):
    """Reverse `name` with stand-ins; None if no stand-ins fit or the name is ambiguous."""
    for stand_ins in product(STAND_INS, repeat=arity):
        args = [stand_in.format(n) for n, stand_in in enumerate(stand_ins)]
        try:
            url = django_reverse(name, args=args)
        except NoReverseMatch:
            continue
        return cut(url, args) if unambiguous(name) else None
    return None


def unambiguous(name):
    """One pattern under this name: reverse() tries several in turn, a stand-in fits one."""
    *namespaces, view = name.split(":")
    resolver = get_resolver(get_urlconf())
    try:
        for namespace in namespaces:
            resolver = resolver.namespace_dict[namespace][1]
    except KeyError:
        return False
    return len(resolver.reverse_dict.getlist(view)) == 1


def cut(url, args):
    """The Pattern of a URL reversed with stand-ins `args`, each found once and in order."""
    prefix = get_script_prefix()
    if not url.startswith(prefix) or any(url.count(arg) != 1 for arg in args):
        return None
    pieces = []
    rest = url
    for arg in args:
        before, found, rest = rest.partition(arg)
        if not found:
            return None
        pieces.append(before)
    pieces.append(rest)
    # The converters of the pattern the URL resolves to: the route's, in the arguments' order.
    match = resolve("/" + url[len(prefix) :])
    converters = {}
    for pattern in match.tried[-1]:  # the chain of patterns that matched
        converters.update(pattern.pattern.converters)
    if list(converters) != list(match.captured_kwargs):
        return None  # e.g. a re_path() group: no converter to check an argument with
    return Pattern(
        pieces,
        [(c, re.compile(c.regex).fullmatch, type(c) in PLAIN) for c in converters.values()],
    )


class Links:
    """Links to the URL `name` in the active language: `Links(name)(*args)` == reverse()."""

    def __init__(self, name):
        self.name = name
        self.key = (get_resolver(get_urlconf()), get_script_prefix(), get_language(), name)
        self.patterns = {}

    def __call__(self, *args):
        arity = len(args)
        try:
            pattern = self.patterns[arity]
        except KeyError:
            key = (*self.key, arity)
            if key not in _patterns:
                _patterns[key] = compile_pattern(self.name, arity)
            pattern = self.patterns[arity] = _patterns[key]
        url = pattern.fill(args) if pattern is not None else None
        return url if url is not None else django_reverse(self.name, args=args)


def url(name, *args):
    """reverse(name, args=args) for templates, from the same stand-in patterns."""
    return Links(name)(*args)
