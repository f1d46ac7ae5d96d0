"""Training programs: their state derived from their dates, their target groups."""

import datetime

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.publishing.choices import PublicationState
from portal.publishing.models import (
    PublishableModel,
    PublishableQuerySet,
    TimeStampedModel,
    newest_index,
)
from portal.security.uploads import generated_upload_name
from portal.vocabulary.choices import SkillLevel
from portal.vocabulary.models import District, Occupation, Organization

from .bases import TrainingBase


class ProgramState(models.TextChoices):
    """Derived from a program's dates on a given day; never stored."""

    UPCOMING = "upcoming", _("即将开始")
    ENROLLING = "enrolling", _("报名中")
    RUNNING = "running", _("进行中")
    ENDED = "ended", _("已结束")


def today():
    return timezone.localdate()


def cost_after_subsidy(fee, subsidy):
    """What a citizen pays: the fee less the subsidy, never below nothing; None when the fee
    is not published."""
    if fee is None:
        return None
    return max(fee - (subsidy or 0), 0)


class ProgramQuerySet(PublishableQuerySet):
    """State follows the dates: ended, then running, then enrolling, else upcoming.

    A program with no dates at all is a standing offer (常年开展) and counts as enrolling.
    """

    @staticmethod
    def _conditions(day):
        ended = Q(end_date__lt=day)
        running = Q(start_date__lte=day) & ~ended
        window_open = (
            (Q(enrol_start__lte=day) | Q(enrol_start__isnull=True))
            & (Q(enrol_end__gte=day) | Q(enrol_end__isnull=True))
            & (
                Q(enrol_start__isnull=False)
                | Q(enrol_end__isnull=False)
                | Q(start_date__isnull=True)
            )
        )
        return ended, running, window_open

    def in_state(self, state, *, on=None):
        """Programs whose dates put them in `state` on the given day (today by default)."""
        ended, running, window_open = self._conditions(on or today())
        if state == ProgramState.ENDED:
            return self.filter(ended)
        if state == ProgramState.RUNNING:
            return self.filter(running)
        if state == ProgramState.ENROLLING:
            return self.filter(window_open & ~running & ~ended)
        if state == ProgramState.UPCOMING:
            return self.exclude(ended | running | window_open)
        raise ValueError(f"unknown program state {state!r}")

    def in_citizen_order(self, *, on=None):
        """Open for enrolment first, then upcoming, running, ended; nearest deadline first.
        Ranked by one CASE over the dates: sorting by a CASE over `current_state` made the
        database work out each program's state four times."""
        ended, running, window_open = self._conditions(on or today())
        rank = Case(
            When(ended, then=Value(3)),
            When(running, then=Value(2)),
            When(window_open, then=Value(0)),
            default=Value(1),
            output_field=models.IntegerField(),
        )
        return self.alias(state_rank=rank).order_by(
            "state_rank",
            F("enrol_end").asc(nulls_last=True),
            F("start_date").asc(nulls_last=True),
            "pk",
        )

    def with_state(self, *, on=None):
        """Annotate `current_state` so lists can show and sort by it in one query."""
        ended, running, window_open = self._conditions(on or today())
        return self.annotate(
            current_state=Case(
                When(ended, then=Value(ProgramState.ENDED.value)),
                When(running, then=Value(ProgramState.RUNNING.value)),
                When(window_open, then=Value(ProgramState.ENROLLING.value)),
                default=Value(ProgramState.UPCOMING.value),
                output_field=models.CharField(),
            )
        )


class Program(PublishableModel):
    """Something a citizen can join: training, evaluation, apprenticeship, a subsidy."""

    class Kind(models.TextChoices):
        DIGITAL_TRAINING = "digital_training", _("数字技能培训")
        SKILL_EVALUATION = "skill_evaluation", _("职业技能等级认定")
        APPRENTICESHIP = "apprenticeship", _("企业新型学徒制")
        TRAINING_VOUCHER = "training_voucher", _("职业培训券")
        EIGHT_LEVEL_PILOT = "eight_level_pilot", _("新八级工试点")
        RURAL_STATION = "rural_station", _("巴渝工匠乡村驿站")
        COMPETITION_CAMP = "competition_camp", _("竞赛集训")
        VOCATIONAL_TRAINING = "vocational_training", _("职业技能培训")

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("线下")
        ONLINE = "online", _("线上")
        HYBRID = "hybrid", _("线上线下混合")

    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    title = models.CharField(_("项目名称"), max_length=160)
    kind = models.CharField(_("项目类型"), max_length=32, choices=Kind, db_index=True)
    provider_base = models.ForeignKey(
        TrainingBase,
        verbose_name=_("承办基地"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
    )
    provider_organization = models.ForeignKey(
        Organization,
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
    )
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("职业"), blank=True, related_name="programs"
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("区县"), blank=True, related_name="programs"
    )
    mode = models.CharField(_("方式"), max_length=16, choices=Mode, blank=True)
    skill_level = models.CharField(_("目标等级"), max_length=32, choices=SkillLevel, blank=True)
    enrol_start = models.DateField(_("报名开始"), null=True, blank=True)
    enrol_end = models.DateField(_("报名截止"), null=True, blank=True, db_index=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("学时"), null=True, blank=True)
    places = models.PositiveIntegerField(_("名额"), null=True, blank=True)
    fee = models.DecimalField(
        _("费用（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    subsidy = models.DecimalField(
        _("补贴（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    summary = models.TextField(_("项目简介"), blank=True)
    eligibility = models.TextField(_("报名条件"), blank=True)
    how_to_apply = models.TextField(_("报名方式"), blank=True)
    contact = models.CharField(_("咨询电话（单位）"), max_length=128, blank=True)
    address = models.CharField(_("地点"), max_length=255, blank=True)
    attachment = models.FileField(
        _("附件"),
        upload_to=generated_upload_name,
        blank=True,
        help_text=_("报名表或通知，PDF 格式。"),
    )

    objects = ProgramQuerySet.as_manager()
    rich_text_fields = ("summary", "eligibility", "how_to_apply")
    identifier_fields = ("slug",)  # how it is found: portal.finding.identifiers

    class Meta:
        verbose_name = _("培训项目")
        verbose_name_plural = _("培训项目")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                name="program_enrolment_window_ordered",
                condition=Q(enrol_start__isnull=True)
                | Q(enrol_end__isnull=True)
                | Q(enrol_start__lte=F("enrol_end")),
                violation_error_message=_("报名开始日期不能晚于报名截止日期。"),
            ),
            models.CheckConstraint(
                name="program_enrolment_closes_before_start",
                condition=Q(enrol_end__isnull=True)
                | Q(start_date__isnull=True)
                | Q(enrol_end__lte=F("start_date")),
                violation_error_message=_("报名截止日期不能晚于项目开始日期。"),
            ),
            models.CheckConstraint(
                name="program_ends_after_start",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                name="program_money_non_negative",
                condition=(Q(fee__isnull=True) | Q(fee__gte=0))
                & (Q(subsidy__isnull=True) | Q(subsidy__gte=0)),
                violation_error_message=_("费用和补贴不能为负数。"),
            ),
            models.CheckConstraint(
                name="program_subsidy_within_fee",
                condition=Q(fee__isnull=True) | Q(subsidy__isnull=True) | Q(subsidy__lte=F("fee")),
                violation_error_message=_("补贴不能高于费用。"),
            ),
        ]
        indexes = [
            models.Index(
                fields=["publication_state", "kind", "start_date"], name="program_filters"
            ),
            newest_index("program_newest"),  # the feeds' new programs
            # Every column the citizen order reads (in_citizen_order), so a directory page
            # sorts the published programs' keys from this index alone (portal.pages.directory).
            models.Index(
                fields=["enrol_end", "start_date", "id"],
                include=["enrol_start", "end_date"],
                condition=Q(publication_state=PublicationState.PUBLISHED),
                name="program_citizen_order",
            ),
            # The order of Meta.ordering (the API's list) has an index on PostgreSQL only,
            # `program_published_order` (migration 0007): SQLite cannot index NULLS LAST, and
            # an index in the model's state would break SQLite's table rebuilds.
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programs:program-detail", kwargs={"slug": self.slug})

    def state_on(self, day):
        """The same rule as ProgramQuerySet.with_state, for one record in memory."""
        if self.end_date and self.end_date < day:
            return ProgramState.ENDED
        if self.start_date and self.start_date <= day:
            return ProgramState.RUNNING
        has_window = self.enrol_start or self.enrol_end
        window_open = (not self.enrol_start or self.enrol_start <= day) and (
            not self.enrol_end or day <= self.enrol_end
        )
        if window_open and (has_window or not self.start_date):
            return ProgramState.ENROLLING
        return ProgramState.UPCOMING

    @property
    def state(self):
        return self.state_on(today())

    @property
    def cost_after_subsidy(self):
        return cost_after_subsidy(self.fee, self.subsidy)

    @property
    def base_name(self):
        """The providing base's name, as a program card reads it (programs.presentation)."""
        return self.provider_base.name if self.provider_base_id else None

    @property
    def district_names(self):
        """The districts' names in their order, as a program card reads them."""
        return [district.name for district in self.districts.all()]

    @property
    def duration_days(self):
        if self.start_date is None or self.end_date is None:
            return None
        return (self.end_date - self.start_date + datetime.timedelta(days=1)).days


class ProgramTargetGroup(TimeStampedModel):
    """Who a program is for; a program may serve several groups."""

    class Group(models.TextChoices):
        GRADUATES = "graduates", _("高校毕业生")
        UNEMPLOYED = "unemployed", _("失业人员")
        RURAL_LABOUR = "rural_labour", _("农村转移劳动力")
        EMPLOYEES = "employees", _("在职职工")
        VETERANS = "veterans", _("退役军人")
        EVERYONE = "everyone", _("不限")

    program = models.ForeignKey(
        Program, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="target_groups"
    )
    group = models.CharField(_("面向群体"), max_length=32, choices=Group, db_index=True)

    class Meta:
        verbose_name = _("面向群体")
        verbose_name_plural = _("面向群体")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "group"],
                name="program_target_group_unique",
                violation_error_message=_("该项目已包含此面向群体。"),
            ),
        ]

    def __str__(self):
        return self.get_group_display()
