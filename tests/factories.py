"""factory-boy factories for every model; records are valid and published unless a test says so."""

import datetime
import random

import factory
from django.contrib.auth import get_user_model

from portal.publishing.choices import PublicationState
from portal.publishing.models import StaffProfile
from portal.vocabulary.choices import Level
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization
from portal.vocabulary.validators import CREDIT_CODE_CHARSET, credit_code_check_character
from programs.models import Program, ProgramTargetGroup, ShortageEntry, ShortageList, TrainingBase
from talent.models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    ConsentMethod,
    Craftsman,
    HonorAward,
    HonorTitle,
    PublicBasis,
    Studio,
)


def valid_credit_code(n):
    """A well-formed code with a correct check character (not a real organization's)."""
    rng = random.Random(n)
    body = "91500103" + "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(9))
    return body + credit_code_check_character(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"5001{n % 100:02d}")
    name = factory.Sequence(lambda n: f"测试区{n}")
    name_en = factory.Sequence(lambda n: f"Test District {n}")
    kind = District.Kind.DISTRICT
    slug = factory.Sequence(lambda n: f"test-district-{n}")


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    district = factory.SubFactory(DistrictFactory)


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation

    code = factory.Sequence(
        lambda n: f"6-{n // 10000 % 100:02d}-{n // 100 % 100:02d}-{n % 100:02d}"
    )
    name = factory.Sequence(lambda n: f"测试职业{n}")


class IndustryClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndustryCluster

    slug = factory.Sequence(lambda n: f"cluster-{n}")
    name = factory.Sequence(lambda n: f"测试产业集群{n}")
    tier = IndustryCluster.Tier.RISING


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试单位{n}有限公司")
    credit_code = factory.Sequence(valid_credit_code)
    kind = Organization.Kind.ENTERPRISE
    district = factory.SubFactory(DistrictFactory)


class PublishedFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    publication_state = PublicationState.PUBLISHED
    source = "test"


class CraftsmanFactory(PublishedFactory):
    class Meta:
        model = Craftsman

    name = factory.Sequence(lambda n: f"测试工匠{n}")
    organization = factory.SubFactory(OrganizationFactory)
    occupation = factory.SubFactory(OccupationFactory)
    district = factory.SubFactory(DistrictFactory)
    public_basis = PublicBasis.CONSENT
    consent_date = datetime.date(2025, 3, 1)
    consent_method = ConsentMethod.WRITTEN

    class Params:
        # Shown nowhere public: no basis recorded.
        no_basis = factory.Trait(
            public_basis=PublicBasis.NONE, consent_date=None, consent_method=""
        )
        # Shown on an official announcement: name, organization and honors only.
        announced = factory.Trait(
            public_basis=PublicBasis.ANNOUNCEMENT,
            consent_date=None,
            consent_method="",
            announcement="重庆日报，《测试公告》，2025年1月",
        )


class HonorTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HonorTitle

    slug = factory.Sequence(lambda n: f"title-{n}")
    name = factory.Sequence(lambda n: f"测试称号{n}")
    level = HonorTitle.TitleLevel.MUNICIPAL


class HonorAwardFactory(PublishedFactory):
    class Meta:
        model = HonorAward

    craftsman = factory.SubFactory(CraftsmanFactory)
    title = factory.SubFactory(HonorTitleFactory)
    year = 2025


class StudioFactory(PublishedFactory):
    class Meta:
        model = Studio

    name = factory.Sequence(lambda n: f"测试{n}技能大师工作室")
    level = Level.MUNICIPAL
    leader = factory.SubFactory(CraftsmanFactory)
    organization = factory.SubFactory(OrganizationFactory)
    district = factory.SubFactory(DistrictFactory)
    approval_year = 2023


class CompetitionFactory(PublishedFactory):
    class Meta:
        model = Competition

    slug = factory.Sequence(lambda n: f"competition-{n}")
    name = factory.Sequence(lambda n: f"测试技能大赛{n}")
    series = Competition.Series.OTHER
    level = Competition.CompetitionLevel.MUNICIPAL
    year = 2025


class CompetitionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetitionEvent

    competition = factory.SubFactory(CompetitionFactory)
    name = factory.Sequence(lambda n: f"测试赛项{n}")


class CompetitionResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetitionResult

    event = factory.SubFactory(CompetitionEventFactory)
    craftsman = factory.SubFactory(CraftsmanFactory)
    delegation = "重庆"
    medal = CompetitionResult.Medal.GOLD


class TrainingBaseFactory(PublishedFactory):
    class Meta:
        model = TrainingBase

    name = factory.Sequence(lambda n: f"测试培训基地{n}")
    kind = TrainingBase.Kind.HIGH_SKILL_BASE
    level = Level.MUNICIPAL
    organization = factory.SubFactory(OrganizationFactory)
    district = factory.SubFactory(DistrictFactory)


class ProgramFactory(PublishedFactory):
    class Meta:
        model = Program

    slug = factory.Sequence(lambda n: f"program-{n}")
    title = factory.Sequence(lambda n: f"测试培训项目{n}")
    kind = Program.Kind.VOCATIONAL_TRAINING
    enrol_start = datetime.date(2026, 11, 1)
    enrol_end = datetime.date(2026, 11, 30)
    start_date = datetime.date(2026, 12, 1)
    end_date = datetime.date(2026, 12, 31)


class ProgramTargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramTargetGroup

    program = factory.SubFactory(ProgramFactory)
    group = ProgramTargetGroup.Group.GRADUATES


class ShortageListFactory(PublishedFactory):
    class Meta:
        model = ShortageList

    year = factory.Sequence(lambda n: 2000 + n % 100)
    title = factory.LazyAttribute(lambda o: f"{o.year}年急需紧缺职业目录")


class ShortageEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortageEntry

    shortage_list = factory.SubFactory(ShortageListFactory)
    rank = factory.Sequence(lambda n: n + 1)
    occupation = factory.SubFactory(OccupationFactory)


def staff_with_role(role, *, district=None, username=None):
    """A staff user in one of the setup_roles groups (run setup_roles first), with a district."""
    from django.contrib.auth.models import Group

    from portal.publishing.access import group_name

    user = UserFactory(username=username) if username else UserFactory()
    user.groups.add(Group.objects.get(name=group_name(role)))
    StaffProfile.objects.update_or_create(user=user, defaults={"district": district})
    return user


def admin_form_data(response, **changes):
    """The POST an admin change form would send as rendered (with inlines), plus `changes`."""

    def put(data, form, name):
        value = form[name].value()
        if value is None or value is False:
            return
        if value is True:
            data[form.add_prefix(name)] = "on"
        elif isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[form.add_prefix(name)] = str(getattr(value, "pk", value))

    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        put(data, form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                put(data, subform, name)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
