import factory

from portal.figures.models import KeyFigure
from portal.publishing.choices import PublicationState

CITATION = "重庆日报，《测试报道》，2025年"


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    slug = factory.Sequence(lambda n: f"test-figure-{n}")
    label = factory.Sequence(lambda n: f"测试数字{n}")
    topic = "platforms"
    value = 36
    unit = "个"
    scope = "全市"
    as_of_year = 2025
    source = CITATION
    publication_state = PublicationState.PUBLISHED
