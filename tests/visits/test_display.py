"""What readers and editors see: the box on every page, "Lượt xem", "Tin đọc nhiều", set-total,
the admin's report with its charts and CSV."""

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from wagtail.models import Site

from congtin.archive.dates import today
from congtin.visits.counting import Beacon, apply
from congtin.visits.models import DailyVisits
from tests.conftest import local, make_article


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def article(category):
    return make_article(category, "Tin được đọc nhiều nhất", local(2020, 1, 1))


def test_set_total_continues_the_old_portals_figure(client, site):
    DailyVisits.objects.create(site_id=site.pk, day=today(), visits=12)
    out = io.StringIO()
    call_command("visits", "set-total", "3.132.532", stdout=out)
    assert "3.132.532" in out.getvalue()
    html = client.get("/").content.decode()
    assert 'data-visits="total">3.132.532<' in html  # grouped the Vietnamese way
    assert 'data-visits="today">12<' in html
    with pytest.raises(CommandError, match="không phải là một số"):
        call_command("visits", "set-total", "ba triệu")


def test_the_box_sends_the_beacon_for_readers_only(client, site, article):
    html = client.get(article.url).content.decode()
    assert '<script src="/static/visits/beacon.js" defer></script>' in html
    assert f'data-page="{article.pk}" data-beacon="1"' in html
    client.force_login(User.objects.create_superuser("qt", "qt@example.gov.vn", "x"))
    assert f'data-page="{article.pk}" data-beacon="0"' in client.get(article.url).content.decode()


def test_figures_api_and_article_views(client, site, article):
    now = local(2020, 1, 2, 9)
    apply([Beacon(f"v{i}", site.pk, article.pk, now) for i in range(3)])
    data = client.get("/api/v1/visits").json()
    assert set(data) == {"total", "today", "month", "online"} and data["total"] == 3
    assert (
        'Lượt xem: <span data-visits="page_views">3</span>'
        in client.get(article.url).content.decode()
    )
    assert client.get("/api/v1/visits", {"page": article.pk}).json()["page_views"] == 3


def test_the_home_page_lists_the_most_read_articles(client, site, article, category):
    other = make_article(category, "Tin ít người đọc", local(2020, 1, 2))
    recent = local(2020, 1, 1, 8) + (today() - local(2020, 1, 1).date())
    apply([Beacon(f"v{i}", site.pk, article.pk, recent) for i in range(5)])
    apply([Beacon("w", site.pk, other.pk, recent)])
    html = client.get("/").content.decode()
    section = html[html.index('id="tin-doc-nhieu"') :]
    section = section[: section.index("</section>")]
    assert section.index("Tin được đọc nhiều nhất") < section.index("Tin ít người đọc")


def test_the_admin_report_has_charts_top_articles_and_csv(client, site, article):
    client.force_login(User.objects.create_superuser("qt", "qt@example.gov.vn", "x"))
    day = today()
    DailyVisits.objects.create(site_id=site.pk, day=day - timedelta(days=2), visits=1234)
    apply([Beacon("v", site.pk, article.pk, local(day.year, day.month, day.day, 0, 1))])
    response = client.get("/admin/thong-ke-truy-cap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 2 and "1.234 lượt truy cập" in html
    assert "Tin được đọc nhiều nhất" in html
    csv = client.get("/admin/thong-ke-truy-cap/", {"dinh-dang": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert (
        f"{day - timedelta(days=2):%d/%m/%Y},1234" in text and "Tin được đọc nhiều nhất,1," in text
    )
    bad = client.get("/admin/thong-ke-truy-cap/", {"tu-ngay": "31/02/2020"})
    assert bad.status_code == 400 and "không có trên lịch" in bad.content.decode()
    sidebar = client.get("/admin/").content.decode()  # the menu is JSON props of the sidebar
    assert f'"label": {json.dumps("Thống kê truy cập")}' in sidebar
    assert '"url": "/admin/thong-ke-truy-cap/"' in sidebar


def test_the_report_is_for_editors_only(client, site):
    response = client.get("/admin/thong-ke-truy-cap/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
