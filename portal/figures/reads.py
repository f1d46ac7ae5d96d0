"""The public reads of the key figures: the home page's chosen few and /stats/' full list."""

from itertools import groupby

from .models import KeyFigure, Topic


def published_figures():
    return KeyFigure.objects.published().order_by("topic", "position", "slug")


def featured_figures():
    return list(published_figures().filter(featured=True))


def figures_by_topic():
    """(topic label, its figures) in the order of the topics' choices."""
    order = {value: number for number, value in enumerate(Topic.values)}
    figures = sorted(published_figures(), key=lambda figure: order[figure.topic])
    return [
        (Topic(topic).label, list(group))
        for topic, group in groupby(figures, key=lambda figure: figure.topic)
    ]
