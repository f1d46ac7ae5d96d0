"""The Jinja2 environment of the public pages (portal/pages/jinja2.py): its helpers give what the
Django template language gave, translations are complete, and every value is escaped."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import defaultfilters, engines
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.timezone import template_localtime

from portal.pages.jinja2 import environment
from portal.pages.presentation import demo_badge
from tests.factories import (
    CompetitionFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    ProgramFactory,
    StudioFactory,
)

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SWITCH_TO_CHINESE = 'hreflang="zh-Hans" lang="zh-Hans">中文</a>'


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def english_records():
    """A roll and a studio whose every name is English, so only the site's words can be Chinese."""
    district = DistrictFactory(name="Yuzhong")
    names = {
        "craftsman__name": "Li Hua",
        "craftsman__organization__name": "Acme Works",
        "craftsman__organization__district": district,
        "craftsman__occupation__name": "Welder",
        "craftsman__district": district,
    }
    title = HonorTitleFactory(slug="bayu", name="Bayu Craftsman", conferring_body="The Bureau")
    award = HonorAwardFactory(title=title, year=2025, **names)
    StudioFactory(
        name="Li Hua Studio",
        leader=award.craftsman,
        organization=award.craftsman.organization,
        district=award.craftsman.district,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/honors/", "/en/honors/bayu/2025/", "/en/studios/"])
def test_an_english_page_has_no_chinese_but_the_way_back_and_a_search_example(
    client, english_records, url
):
    html = page(client, url)
    with translation.override("en"):
        example = f'placeholder="{translation.gettext("如：焊工")}"'  # e.g. 焊工 (welder)
    assert SWITCH_TO_CHINESE in html
    assert example in html
    assert CHINESE.findall(html.replace(SWITCH_TO_CHINESE, "").replace(example, "")) == []


@pytest.mark.django_db
def test_a_hostile_name_is_escaped_in_text_in_attributes_and_in_translated_sentences(client):
    hostile = '<script>alert("x")</script>'
    title = HonorTitleFactory(slug="bayu", name=hostile)
    HonorAwardFactory(title=title, year=2025, craftsman__name=hostile)
    for url in ["/honors/", "/honors/bayu/2025/", "/en/honors/bayu/2025/"]:
        html = page(client, url)
        assert "<script" not in html, url
        assert "&lt;script&gt;" in html, url
    roll = page(client, "/honors/bayu/2025/")
    assert "<h1>2025 年&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;名单</h1>" in roll


def test_autoescape_cannot_be_switched_off_by_settings():
    env = environment(autoescape=False, loader=None)
    assert env.from_string("{{ value }}").render(value="<b>") == "&lt;b&gt;"


@pytest.mark.parametrize("debug", [True, False])
def test_templates_are_reloaded_when_edited_only_in_debug(settings, debug):
    settings.DEBUG = debug
    assert environment().auto_reload is debug


def test_a_translated_sentence_takes_its_values_by_name_and_escapes_them():
    with translation.override("en"):
        shown = render('{{ _("共 %(total)s 条", total=total) }}', total="<5>")
    assert shown == "Results: &lt;5&gt;"


@pytest.mark.parametrize(("language", "prefix"), [("zh-hans", ""), ("en", "/en")])
def test_a_link_in_a_template_is_the_path_django_reverses_in_the_pages_language(language, prefix):
    source = "{{ url('talent:honor-roll', 'bayu', 2025) }}|{{ url('programs:program-list') }}"
    with translation.override(language):
        shown = render(source)
    assert shown == f"{prefix}/honors/bayu/2025/|{prefix}/programs/"


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 3, 9),
        datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC),
        None,
        "",
    ],
)
def test_the_date_filter_is_djangos(value):
    with translation.override("en"):
        shown = render('{{ value|date("Y-m-d") }}|{{ value|date }}', value=value)
        local = template_localtime(value)
        expected = f"{defaultfilters.date(local, 'Y-m-d')}|{defaultfilters.date(local)}"
    assert shown == expected


def test_regroup_keeps_the_order_it_is_given_as_the_django_tag_did():
    rows = [SimpleNamespace(year=year) for year in (2024, 2026, 2026, 2024)]
    grouped = render(
        "{% for g in rows|regroup('year') %}{{ g.grouper }}:{{ g.list|length }} {% endfor %}",
        rows=rows,
    )
    assert grouped == "2024:1 2026:2 2024:1 "


def test_djangos_filters_replace_jinjas_look_alikes():
    text = "<p>A &amp;  B</p>\n<p>C</p>"
    shown = render(
        "{{ text|striptags }}|{{ 'a b/ü'|urlencode }}|{{ 'abcdef'|truncatechars(4) }}",
        text=text,
    )
    expected = [
        str(defaultfilters.escape(defaultfilters.striptags(text))),
        defaultfilters.urlencode("a b/ü"),
        defaultfilters.truncatechars("abcdef", 4),
    ]
    assert shown.split("|") == expected


@pytest.mark.django_db
def test_a_source_is_shown_as_its_citation_linked_only_to_an_allowed_site(client):
    citation = "重庆市人力资源和社会保障局，《职业培训补贴》，2023年7月28日"
    program = ProgramFactory(
        source=citation, source_url="https://rlsbj.cq.gov.cn/x.html", is_demo=False
    )
    html = page(client, program.get_absolute_url())
    assert (
        f'<a href="https://rlsbj.cq.gov.cn/x.html" rel="noopener noreferrer">{citation}</a>' in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["http://103.52.134.50/a", "http://us.usy7.cc/a"])
def test_a_source_link_off_the_allow_list_is_shown_as_text_only(client, address):
    program = ProgramFactory(source="重庆日报，某报道，2023年2月", source_url=address)
    html = page(client, program.get_absolute_url())
    assert "重庆日报，某报道，2023年2月" in html
    assert address not in html


@pytest.mark.django_db
def test_competitions_of_one_year_stay_together_in_the_listed_order(client):
    for year, name in [(2024, "甲赛"), (2026, "乙赛"), (2026, "丙赛")]:
        CompetitionFactory(year=year, name=name)
    html = page(client, "/competitions/")
    assert html.index('id="year-2026"') < html.index('id="year-2024"')
    assert html.count('id="year-2026"') == 1


def test_the_error_pages_render_without_a_request_or_a_database():
    assert "服务暂时不可用" in get_template("500.html").render()
    assert "数据库正在恢复" in render_to_string("503.html")


def test_every_public_template_is_jinja2_and_has_one_copy():
    jinja2 = Path(settings.BASE_DIR) / "jinja2"
    django = Path(settings.BASE_DIR) / "templates"
    public = {path.relative_to(jinja2) for path in jinja2.rglob("*.html")}
    assert {"base.html", "404.html", "500.html", "503.html"} <= {str(p) for p in public}
    assert [p for p in public if (django / p).exists()] == []
    assert {path.relative_to(django).parts[0] for path in django.rglob("*.html")} == {"admin"}
    for name in sorted(str(p) for p in public):
        assert get_template(name).backend.name == "jinja2", name


def test_the_demo_badge_speaks_each_language_in_turn():
    demo = SimpleNamespace(is_demo=True)
    badges = []
    for language in ("zh-hans", "en", "zh-hans"):
        with translation.override(language):
            badges.append(str(demo_badge(demo)))
    said = ["演示数据" in badges[0], "Demo data" in badges[1], "演示数据" in badges[2]]
    assert said == [True, True, True]
