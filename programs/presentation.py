"""A program's enrolment, dates, place and cost as citizens read them, on cards and pages.

Written in Python rather than as included templates: a page of twenty cards rendered a hundred
includes for these four lines each, and then the card itself (six labels translated and five
functions called through the template, per card) was half of the directory page's time. Each
function reads a Program or a ProgramCard alike (the same attribute names)."""

import datetime
import functools
from decimal import Decimal
from types import SimpleNamespace
from typing import NamedTuple

from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from portal.presentation import demo_badge, labels_of, program_state, yuan

from .models import Program, ProgramState, cost_after_subsidy


class ProgramCard(NamedTuple):
    """What a program card shows, read as one plain row (programs.views.card_rows): twenty
    programs as models, with their districts and base, were a hundred objects per page."""

    slug: str
    title: str
    is_demo: bool
    kind: str
    mode: str
    address: str
    enrol_start: datetime.date | None
    enrol_end: datetime.date | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    fee: Decimal | None
    subsidy: Decimal | None
    current_state: str
    base_name: str | None
    district_names: list

    @property
    def cost_after_subsidy(self):
        return cost_after_subsidy(self.fee, self.subsidy)


def _period(start, end):
    # A date's isoformat() is Django's "Y-m-d" (four-digit year, zero-padded), at a fraction
    # of date_format's cost: eighty dates on a directory page.
    return "{} – {}".format(start.isoformat() if start else "", end.isoformat() if end else "")


def program_enrolment(program):
    if program.enrol_start or program.enrol_end:
        return _period(program.enrol_start, program.enrol_end)
    if not program.start_date:
        return _("常年开展，随时报名")
    return _("未公布")


def program_dates(program):
    if program.start_date or program.end_date:
        return _period(program.start_date, program.end_date)
    return _("常年开展")


def program_place(program):
    if program.mode == "online":
        return labels_of(Program.Mode, lambda: Program.Mode.choices)[program.mode]
    if program.address:
        return program.address
    if program.base_name:
        return program.base_name
    districts = program.district_names
    return "、".join(districts) if districts else _("全市")


def program_cost(program):
    return _cost(program.fee, program.subsidy, get_language())


@functools.lru_cache(maxsize=4096)
def _cost(fee, subsidy, language):
    """The cost line for a fee and subsidy in `language` (the active one): kept, as a page's
    programs share a few dozen amounts and Decimal formatting was a third of a card's time."""
    if fee is None:
        if subsidy:
            return _("补贴 %(amount)s") % {"amount": yuan(subsidy)}
        return _("未公布")
    cost = yuan(cost_after_subsidy(fee, subsidy))
    if not subsidy:
        return cost
    detail = _("（费用 %(fee)s，补贴 %(subsidy)s）") % {
        "fee": yuan(fee),
        "subsidy": yuan(subsidy),
    }
    return format_html('{} <span class="muted">{}</span>', cost, detail)


class CardWords(NamedTuple):
    """A card's words in one language, escaped once: its frame (the labels written in, the
    record's parts left as fields), the kinds' and states' labels, the demo badge."""

    frame: str
    kinds: dict
    states: dict
    badge: str


# language -> CardWords
_card_words = {}

CARD = """<article class="card program-card">
  <h3><a href="{url}">{title}</a>{badge}</h3>
  <p class="state state-{state}">{state_label}</p>
  <dl class="facts">
    <div><dt>%(kind)s</dt><dd>{kind}</dd></div>
    <div><dt>%(enrolment)s</dt><dd>{enrolment}</dd></div>
    <div><dt>%(dates)s</dt><dd>{dates}</dd></div>
    <div><dt>%(place)s</dt><dd>{place}</dd></div>
    <div><dt>%(cost)s</dt><dd>{cost}</dd></div>
  </dl>
</article>
"""


def card_words(language):
    words = _card_words.get(language)
    if words is None:
        labels = {
            "kind": _("项目类型"),
            "enrolment": _("报名时间"),
            "dates": _("培训时间"),
            "place": _("地点"),
            "cost": _("补贴后费用"),
        }
        written = {
            key: str(escape(label)).replace("{", "{{").replace("}", "}}")
            for key, label in labels.items()
        }
        words = _card_words[language] = CardWords(
            frame=CARD % written,
            kinds={value: str(escape(label)) for value, label in Program.Kind.choices},
            states={value: str(escape(program_state(value))) for value in ProgramState.values},
            badge=str(demo_badge(SimpleNamespace(is_demo=True))),
        )
    return words


def program_card(program, url):
    """A program's card (the directory, a base's page, the home page) at `url`: its title,
    state, kind, enrolment, dates, place and cost, every value escaped."""
    words = card_words(get_language())
    state = program.current_state
    return Markup(
        words.frame.format(
            url=escape(url),
            title=escape(program.title),
            badge=words.badge if program.is_demo else "",
            state=escape(state),
            state_label=words.states.get(state) or escape(state),
            kind=words.kinds.get(program.kind) or escape(program.kind),
            enrolment=escape(program_enrolment(program)),
            dates=escape(program_dates(program)),
            place=escape(program_place(program)),
            cost=escape(program_cost(program)),
        )
    )
