"""A program's enrolment, dates, place and cost as citizens read them, on cards and pages.

Written in Python rather than as included templates: a page of twenty cards rendered a hundred
includes for these four lines each."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.presentation import choice_label, yuan


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
        return choice_label(program, "mode")
    if program.address:
        return program.address
    if program.provider_base:
        return program.provider_base.name
    districts = [district.name for district in program.districts.all()]
    return "、".join(districts) if districts else _("全市")


def program_cost(program):
    if program.fee is None:
        if program.subsidy:
            return _("补贴 %(amount)s") % {"amount": yuan(program.subsidy)}
        return _("未公布")
    cost = yuan(program.cost_after_subsidy)
    if not program.subsidy:
        return cost
    detail = _("（费用 %(fee)s，补贴 %(subsidy)s）") % {
        "fee": yuan(program.fee),
        "subsidy": yuan(program.subsidy),
    }
    return format_html('{} <span class="muted">{}</span>', cost, detail)
