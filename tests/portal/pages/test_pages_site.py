"""Site-wide pages: home, search, stats, sitemap, robots.txt, feeds, errors and languages."""

import pytest
from django.core.management import call_command

from portal.publishing.choices import PublicationState
from talent.models import HonorAward
from tests.factories import (
    CompetitionFactory,
    CraftsmanFactory,
    HonorAwardFactory,
    OccupationFactory,
    OrganizationFactory,
    ProgramFactory,
    StudioFactory,
    TrainingBaseFactory,
)

pytestmark = pytest.mark.django_db

DRAFT = PublicationState.DRAFT


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def seeded():
    """The seeds as `make run` loads them: real rows and the demo rows."""
    call_command("load_seeds", demo=True, verbosity=0)


@pytest.fixture
def drafts():
    """One draft of every public kind, all named with the marker 草稿标记."""
    return [
        ProgramFactory(title="草稿标记项目", publication_state=DRAFT),
        StudioFactory(name="草稿标记工作室", publication_state=DRAFT),
        TrainingBaseFactory(name="草稿标记基地", publication_state=DRAFT),
        CompetitionFactory(name="草稿标记竞赛", publication_state=DRAFT),
        CraftsmanFactory(name="草稿标记人", publication_state=DRAFT),
        HonorAwardFactory(title__name="草稿标记称号", publication_state=DRAFT),
    ]


def test_the_shortage_table_of_the_seeds_starts_with_che_gong(client, seeded):
    page = html(client, "/shortage/")
    table = page.split("<tbody>", 1)[1]
    first_row = table.split("</tr>", 1)[0]
    assert "车工" in first_row
    assert table.index("车工") < table.index("汽车装调工") < table.index("智能制造工程技术人员")
    assert "未公布" in page


def test_the_home_page_shows_open_programs_latest_honors_and_key_figures(client, seeded):
    page = html(client, "/")
    for heading in ("正在报名的项目", "最新荣誉", "近期竞赛", "官方数据", "本站收录的记录"):
        assert heading in page
    assert "报名中" in page
    assert "巴渝工匠" in page
    assert "演示数据" in page


def test_every_seeded_directory_page_renders_its_records(client, seeded):
    assert "重庆市补贴性职业技能培训" in html(client, "/programs/")
    assert "杨波技能大师工作室" in html(client, "/studios/")
    assert "国家级高技能人才培训基地" in html(client, "/bases/")
    assert "第45届世界技能大赛" in html(client, "/competitions/")
    award = HonorAward.objects.published().exclude(year=None).first()
    assert f"/honors/{award.title.slug}/{award.year}/" in html(client, "/honors/")


def test_a_two_character_chinese_query_finds_records_of_several_kinds(client, seeded):
    page = html(client, "/search/?q=焊工")
    assert "技能大师工作室" in page
    assert "示例工匠甲焊工技能大师工作室" in page
    assert "职业" in page


def test_search_covers_programs_studios_bases_competitions_craftsmen_and_occupations(client):
    ProgramFactory(title="数控车工培训")
    StudioFactory(name="数控车工技能大师工作室")
    TrainingBaseFactory(name="数控车工实训基地")
    CompetitionFactory(name="数控车工技能大赛")
    CraftsmanFactory(name="王师傅", occupation__name="数控车工")  # also the occupation found
    page = html(client, "/search/?q=数控车")
    for text in ("数控车工培训", "数控车工技能大师工作室", "数控车工实训基地", "数控车工技能大赛"):
        assert text in page
    assert "王师傅" in page
    assert "共找到 6 条结果" in page


def test_each_search_result_links_to_its_record_and_says_where_it_belongs(client):
    works = OrganizationFactory(name="长安汽车")
    person = CraftsmanFactory(name="数控王师傅", organization=works)
    studio = StudioFactory(name="数控车工技能大师工作室", district__name="江北区")
    contest = CompetitionFactory(name="数控车工技能大赛", year=2031)
    occupation = OccupationFactory(name="数控车工", code="6-18-01-01")
    page = html(client, "/search/?q=数控")
    for record in (person, studio, contest):
        assert f'href="{record.get_absolute_url()}"' in page
    for note in ("长安汽车", "江北区", "2031", occupation.code):
        assert f'<span class="muted">{note}</span>' in page


def test_a_too_long_search_gets_a_message_not_an_error_page(client):
    response = client.get("/search/?q=" + "焊" * 150)
    assert response.status_code == 400
    assert "最多 100 个字符" in response.content.decode()


def test_drafts_appear_in_no_list_search_sitemap_or_feed(client, drafts):
    pages = [
        "/",
        "/programs/",
        "/studios/",
        "/bases/",
        "/competitions/",
        "/honors/",
        "/stats/",
        "/sitemap.xml",
        "/feeds/programs/",
        "/feeds/programs/atom/",
    ]
    for url in pages:
        assert "草稿标记" not in html(client, url), url
    assert "共找到 0 条结果" in html(client, "/search/?q=草稿标记")


def test_drafts_have_no_detail_page(client, drafts):
    program, studio, base, competition, person, _award = drafts
    for record in (program, studio, base, competition, person):
        html(client, record.get_absolute_url(), status=404)


def test_the_stats_page_counts_published_records_with_charts_and_tables(client):
    StudioFactory.create_batch(3, level="national")
    StudioFactory(level="national", publication_state=DRAFT)
    page = html(client, "/stats/")
    national = page.split("技能大师工作室（按级别）", 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">国家级</th><td class="num">3</td>' in national
    assert page.count('<svg class="chart"') == 5
    assert page.count("<table>") == 5


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    page = html(client, "/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in page
    assert "Disallow: /admin/" in page


def test_the_feed_carries_new_programs_and_honors(client):
    ProgramFactory(title="新发布的培训项目")
    HonorAwardFactory(craftsman__name="新获奖的人", title__name="巴渝技能之星", year=2026)
    rss = html(client, "/feeds/programs/")
    assert "新发布的培训项目" in rss
    assert "2026年巴渝技能之星：新获奖的人" in rss
    assert "<feed" in html(client, "/feeds/programs/atom/")


def test_an_unknown_page_gets_the_site_styled_404(client):
    page = html(client, "/no-such-page/", status=404)
    assert "页面不存在" in page
    assert 'class="site-header"' in page


def test_the_500_page_renders_without_a_request(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


def test_pages_declare_their_language_canonical_url_and_alternates(client):
    page = html(client, "/programs/")
    assert '<html lang="zh-Hans">' in page
    assert '<link rel="canonical" href="http://testserver/programs/">' in page
    assert 'hreflang="en" href="http://testserver/en/programs/"' in page
    assert 'property="og:title"' in page
    assert 'class="skip-link" href="#main"' in page


def test_english_pages_live_under_en_and_say_so(client):
    page = html(client, "/en/programs/")
    assert '<html lang="en">' in page
    assert '<link rel="canonical" href="http://testserver/en/programs/">' in page


def test_english_pages_have_translated_headings(client):
    """Passes once the catalogue carries the English of /tmp/i18n/public.json."""
    page = html(client, "/en/programs/")
    assert "<h1>Training programmes</h1>" in page


def switch(client, page):
    """Where the switcher of `page` links."""
    switcher = html(client, page).split('class="language-switch"', 1)[1].split("</p>", 1)[0]
    return switcher.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def test_the_language_switcher_takes_the_citizen_to_the_same_page_in_english(client):
    target = switch(client, "/programs/?state=enrolling&kind=skill_evaluation")
    assert target == "/en/programs/?state=enrolling&kind=skill_evaluation"
    assert '<html lang="en">' in html(client, target)


def test_the_language_switcher_brings_the_citizen_back_to_chinese(client):
    target = switch(client, "/en/programs/?state=enrolling")
    assert target == "/programs/?state=enrolling"
    assert '<html lang="zh-Hans">' in html(client, target)


def test_a_public_page_sets_no_cookie_and_does_not_vary_by_cookie(client):
    """Nothing on a public page is per visitor: no token, no session, so any cache may keep it."""
    response = client.get("/programs/")
    assert (dict(response.cookies), "Cookie" in response.get("Vary", "")) == ({}, False)
