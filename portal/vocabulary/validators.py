"""Validators for codes and values the portal receives from staff, seeds and the API."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

OCCUPATION_CODE_RE = re.compile(r"^[1-8]-\d{2}-\d{2}-\d{2}$")

# GB 32100-2015: 31 characters (no I, O, S, V, Z); weights are 3^i mod 31.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Chongqing's extent, a little generous at the edges (GCJ-02 and WGS-84 both fit).
CHONGQING_LATITUDE = (28.10, 32.25)
CHONGQING_LONGITUDE = (105.25, 110.25)

YEAR_MIN = 1949
YEAR_MAX = 2100


def validate_occupation_code(value):
    if not OCCUPATION_CODE_RE.match(value or ""):
        raise ValidationError(
            _("职业编码应为“D-DD-DD-DD”格式（如 6-18-01-01），首位为大类号 1–8；收到“%(value)s”。"),
            code="occupation_code",
            params={"value": value},
        )


def credit_code_check_character(first17):
    """The 18th character that GB 32100-2015 computes from the first 17."""
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value):
    value = value or ""
    if len(value) != 18:
        raise ValidationError(
            _("统一社会信用代码应为 18 位，收到 %(length)d 位。"),
            code="credit_code_length",
            params={"length": len(value)},
        )
    bad = [char for char in value if char not in CREDIT_CODE_CHARSET]
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符“%(chars)s”（不使用 I、O、S、V、Z 及小写字母）。"),
            code="credit_code_charset",
            params={"chars": "".join(dict.fromkeys(bad))},
        )
    if not value[2:8].isdigit():
        raise ValidationError(
            _("统一社会信用代码第 3–8 位应为行政区划码（数字）。"), code="credit_code_division"
        )
    expected = credit_code_check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位错误：第 18 位应为“%(expected)s”，收到“%(actual)s”。"),
            code="credit_code_check",
            params={"expected": expected, "actual": value[17]},
        )


def validate_latitude(value):
    low, high = CHONGQING_LATITUDE
    if value is not None and not low <= float(value) <= high:
        raise ValidationError(
            _("纬度 %(value)s 不在重庆市范围内（%(low)s–%(high)s）。"),
            code="latitude",
            params={"value": value, "low": low, "high": high},
        )


def validate_longitude(value):
    low, high = CHONGQING_LONGITUDE
    if value is not None and not low <= float(value) <= high:
        raise ValidationError(
            _("经度 %(value)s 不在重庆市范围内（%(low)s–%(high)s）。"),
            code="longitude",
            params={"value": value, "low": low, "high": high},
        )


def validate_year(value):
    if value is not None and not YEAR_MIN <= value <= YEAR_MAX:
        raise ValidationError(
            _("年份 %(value)s 不在合理范围内（%(low)s–%(high)s）。"),
            code="year",
            params={"value": value, "low": YEAR_MIN, "high": YEAR_MAX},
        )


def year_range_check(field, *, name, nullable=False):
    """The database twin of validate_year, so no write path can store an absurd year."""
    condition = Q(**{f"{field}__gte": YEAR_MIN, f"{field}__lte": YEAR_MAX})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        name=name,
        condition=condition,
        violation_error_message=_("年份超出合理范围（1949–2100）。"),
    )
