"""The admin's CSV export opens safely in a spreadsheet; "Tin đọc nhiều" keeps restricted pages out."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction, Site

from congtin.archive.dates import today
from congtin.exports import safe_cell
from congtin.visits.counting import Beacon, apply
from tests.conftest import local, make_article

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("https://evil.example","Bấm")', "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1"]


def read_today(site, article, visitors=1):
    now = local(today().year, today().month, today().day, 0, 1)
    apply([Beacon(f"v{index}", site.pk, article.pk, now) for index in range(visitors)])


@pytest.mark.parametrize("title", FORMULAS)
def test_a_title_that_is_a_formula_is_exported_as_text(client, home, category, title):
    site = Site.objects.get(is_default_site=True)
    read_today(site, make_article(category, title, local(2020, 1, 1)))
    client.force_login(User.objects.create_superuser("qt", "qt@example.gov.vn", "x"))
    text = client.get("/admin/thong-ke-truy-cap/", {"dinh-dang": "csv"}).content.decode("utf-8-sig")
    rows = [line for line in text.splitlines() if "'" in line]
    assert len(rows) == 1 and rows[0].lstrip('"').startswith("'" + title[:1]), text


def test_safe_cell_leaves_ordinary_text_and_numbers_alone():
    assert safe_cell("Kế hoạch số 255/KH-UBND") == "Kế hoạch số 255/KH-UBND"
    assert safe_cell(-5) == -5 and safe_cell("=1") == "'=1"


def test_most_read_leaves_out_a_password_protected_article(client, home, category):
    site = Site.objects.get(is_default_site=True)
    public = make_article(category, "Tin công khai được đọc", local(2020, 1, 1))
    secret = make_article(category, "Tin mật được đọc nhiều", local(2020, 1, 2))
    read_today(site, public)
    read_today(site, secret, visitors=3)
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    html = client.get("/").content.decode()
    section = html[html.index('id="tin-doc-nhieu"') :]
    section = section[: section.index("</section>")]
    assert "Tin công khai được đọc" in section and "Tin mật được đọc nhiều" not in section
