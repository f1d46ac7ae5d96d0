"""A program's enrolment, dates, place and cost as citizens read them: the wording rules the
program card (jinja2/macros/cards.html) and the program page share."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.pages.presentation import yuan

from .models import Program, ProgramState


def _period(start, end):
    # isoformat() is Django's "Y-m-d": a four-digit, zero-padded year.
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
    """Online, else the address, else the providing base, else the districts, else the city."""
    if program.mode == Program.Mode.ONLINE:
        return program.get_mode_display()
    if program.address:
        return program.address
    if program.base_name:
        return program.base_name
    districts = program.district_names
    return "、".join(districts) if districts else _("全市")


def program_cost(program):
    """What remains to pay after the subsidy, with the fee and subsidy beside it."""
    fee, subsidy = program.fee, program.subsidy
    if fee is None:
        if subsidy:
            return _("补贴 %(amount)s") % {"amount": yuan(subsidy)}
        return _("未公布")
    cost = yuan(program.cost_after_subsidy)
    if not subsidy:
        return cost
    detail = _("（费用 %(fee)s，补贴 %(subsidy)s）") % {
        "fee": yuan(fee),
        "subsidy": yuan(subsidy),
    }
    return format_html('{} <span class="muted">{}</span>', cost, detail)


def program_state(value):
    """The label of a ProgramState value (e.g. 报名中)."""
    return ProgramState(value).label if value else ""
