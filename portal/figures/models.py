"""The bureau's published key figures (DESIGN §2): what the official sources say of Chongqing's
skill talent, each with its unit, scope, date and source, shown on /stats/ and the home page as
官方数据 beside the counts of the portal's own records."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.publishing.models import PublishableModel
from portal.vocabulary.validators import validate_year, year_range_check


class Topic(models.TextChoices):
    WORKFORCE = "workforce", _("技能人才队伍")
    DIGITAL = "digital", _("数字技能人才")
    PLATFORMS = "platforms", _("培养平台")
    MASTERS = "masters", _("高技能领军人才")
    COMPETITIONS = "competitions", _("技能竞赛")
    TRAINING = "training", _("培训与评价")
    EDUCATION = "education", _("职业教育")
    SHORTAGE = "shortage", _("紧缺职业")
    INTERNATIONAL = "international", _("国际交流")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("确数")
    ABOUT = "about", _("约")
    MORE_THAN = "more_than", _("超过")
    AT_LEAST = "at_least", _("以上")
    UNDER = "under", _("不足")


class FigureKind(models.TextChoices):
    ACTUAL = "actual", _("实际数")
    TARGET = "target", _("目标")


class KeyFigure(PublishableModel):
    """One figure as a source gives it: "超过110人", "约70万人", "不足5%". `value` is the number
    for sorting and charts; `qualifier` keeps it honest about what the source says of it."""

    identifier_fields = ("slug",)

    slug = models.SlugField(_("标识"), max_length=64, unique=True)
    label = models.CharField(_("名称"), max_length=100, help_text=_("这个数字说的是什么。"))
    topic = models.CharField(_("主题"), max_length=16, choices=Topic, db_index=True)
    kind = models.CharField(_("类型"), max_length=8, choices=FigureKind, default=FigureKind.ACTUAL)
    value = models.DecimalField(
        _("数值"),
        max_digits=12,
        decimal_places=2,
        help_text=_("按单位记的数，如 6.7（万人）；用于排序。"),
    )
    qualifier = models.CharField(
        _("限定"),
        max_length=16,
        choices=Qualifier,
        default=Qualifier.EXACT,
        help_text=_("来源写“超过”“余”“以上”“约”“不足”的，照实选择。"),
    )
    unit = models.CharField(_("单位"), max_length=16, help_text=_("如 个、人、万人次、%。"))
    scope = models.CharField(
        _("范围"),
        max_length=64,
        default="全市",
        db_index=True,
        help_text=_("数字所指的地域或对象，如 全市、西部（重庆）科学城。"),
    )
    since_year = models.PositiveSmallIntegerField(
        _("起始年份"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("累计数的起点，如“2022年以来”填 2022。"),
    )
    as_of_year = models.PositiveSmallIntegerField(
        _("截至年份"),
        validators=[validate_year],
        help_text=_("数字所截至的年份；目标填提出的年份。"),
    )
    as_of_month = models.PositiveSmallIntegerField(
        _("截至月份"), null=True, blank=True, help_text=_("来源给出月份时填写。")
    )
    period_note = models.CharField(
        _("期限说明"),
        max_length=32,
        blank=True,
        help_text=_("来源给出的期限，如 未来十年、每年。"),
    )
    note = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("公开显示的简短说明，用自己的话写。")
    )
    featured = models.BooleanField(_("在首页显示"), default=False)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("官方数据")
        verbose_name_plural = _("官方数据")
        ordering = ["topic", "position", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="key_figure_value_not_negative",
                violation_error_message=_("数值不能为负。"),
            ),
            models.CheckConstraint(
                condition=~Q(unit=""),
                name="key_figure_unit_given",
                violation_error_message=_("请填写单位。"),
            ),
            models.CheckConstraint(
                condition=~Q(unit="%") | Q(value__lte=100),
                name="key_figure_percent_at_most_100",
                violation_error_message=_("百分比不能超过 100。"),
            ),
            models.CheckConstraint(
                condition=~Q(label="") & ~Q(slug=""),
                name="key_figure_named",
                violation_error_message=_("请填写名称和标识。"),
            ),
            models.CheckConstraint(
                condition=~Q(source=""),
                name="key_figure_cites_source",
                violation_error_message=_("官方数据必须注明来源。"),
            ),
            models.CheckConstraint(
                condition=~Q(scope=""),
                name="key_figure_scope_given",
                violation_error_message=_("请填写范围。"),
            ),
            models.CheckConstraint(
                condition=Q(is_demo=False),
                name="key_figure_never_demo",
                violation_error_message=_("官方数据不能是演示数据。"),
            ),
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values),
                name="key_figure_topic_known",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=Qualifier.values),
                name="key_figure_qualifier_known",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FigureKind.values),
                name="key_figure_kind_known",
            ),
            year_range_check("as_of_year", name="key_figure_as_of_year_range"),
            year_range_check("since_year", name="key_figure_since_year_range", nullable=True),
            models.CheckConstraint(
                condition=Q(as_of_month__isnull=True)
                | Q(as_of_month__gte=1) & Q(as_of_month__lte=12),
                name="key_figure_month_range",
                violation_error_message=_("月份应在 1–12 之间。"),
            ),
            models.CheckConstraint(
                condition=Q(since_year__isnull=True) | Q(since_year__lte=models.F("as_of_year")),
                name="key_figure_since_before_as_of",
                violation_error_message=_("起始年份不能晚于截至年份。"),
            ),
        ]

    def __str__(self):
        return f"{self.scope} {self.label}：{self.display_value}"

    @property
    def display_value(self):
        """The figure as a reader says it: 约70万人, 超过110人, 1万人以上, 不足5%."""
        number = self.value.normalize() if self.value is not None else Decimal(0)
        if number == number.to_integral():
            number = number.quantize(Decimal(1))
        amount = f"{number}{self.unit}"  # as the Chinese sources write it: 15283家, 24000名
        return {
            Qualifier.ABOUT: _("约%(amount)s"),
            Qualifier.MORE_THAN: _("超过%(amount)s"),
            Qualifier.AT_LEAST: _("%(amount)s以上"),
            Qualifier.UNDER: _("不足%(amount)s"),
        }.get(self.qualifier, "%(amount)s") % {"amount": amount}

    @property
    def display_period(self):
        """When the figure holds: 截至2024年12月, 2022年以来（截至2025年）, 未来十年目标."""
        as_of = (
            _("%(year)s年%(month)s月") % {"year": self.as_of_year, "month": self.as_of_month}
            if self.as_of_month
            else _("%(year)s年") % {"year": self.as_of_year}
        )
        if self.kind == FigureKind.TARGET:
            return _("%(period)s目标（%(as_of)s提出）") % {
                "period": self.period_note,
                "as_of": as_of,
            }
        if self.since_year:
            return _("%(since)s年以来（截至%(as_of)s）") % {
                "since": self.since_year,
                "as_of": as_of,
            }
        if self.period_note:
            return _("%(period)s（%(as_of)s）") % {"period": self.period_note, "as_of": as_of}
        return _("截至%(as_of)s") % {"as_of": as_of}
