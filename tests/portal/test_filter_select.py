"""The filter form's <select> (portal.pages.FilterSelect) writes what Django's Select writes."""

import re

import pytest
from django import forms

from portal.pages import FilterSelect

CHOICES = [("", "全部"), ("a", "甲"), ("晨<b>", "乙 & 丙"), ("城区", [("c", "丁"), ("d", "戊")])]


def tags(html):
    """The markup without the whitespace between tags (Django's templates indent)."""
    return re.sub(r">\s+<", "><", html)


def both(value, attrs=None):
    django = forms.Select(choices=CHOICES).render("k", value, attrs=attrs)
    ours = FilterSelect(choices=CHOICES).render("k", value, attrs=attrs)
    return tags(ours), tags(django)


@pytest.mark.parametrize("value", [None, "", "a", "晨<b>", "d", "没有这一项"])
def test_every_option_group_and_choice_reads_as_djangos_select_writes_it(value):
    ours, django = both(value, {"id": "id_k"})
    assert ours == django


def test_only_the_first_of_two_equal_values_is_marked():
    select = FilterSelect(choices=[("a", "甲"), ("a", "甲二")])
    assert select.render("k", "a").count(" selected") == 1
