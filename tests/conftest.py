"""Fixtures: a small portal built in code (never from ../shared/corpus)."""

import socket
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from wagtail.models import Collection, Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from congtin.news import structure
from congtin.news.models import ArticlePage, CategoryPage, HomePage
from congtin.search.results import _site_scopes
from congtin.sites import forget_sites
from congtin.visits import beacon, identity
from congtin.visits.buffer import counter

PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def answers(port: int) -> bool:
    """True if a local service (PostgreSQL 5432, Redis 6379) accepts connections."""
    try:
        socket.create_connection(("127.0.0.1", port), 2).close()
        return True
    except OSError:
        return False


def local(year, month, day, hour=8, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=PORTAL_TZ)


def _add_article(category, title, published, fields) -> ArticlePage:
    values = {
        "lead": f"Tóm tắt của bài «{title}».",
        "body": [{"type": "paragraph", "value": f"<p>Nội dung bài {title}.</p>"}],
        "author": "Minh Anh",
        "source": "Sở Nội vụ",
        "first_published_at": published,
        "live": False,
    }
    values.update(fields)
    article = ArticlePage(title=title, **values)
    category.add_child(instance=article)
    return article


def make_article(category, title, published, **fields):
    """Create and publish an article with ``published`` as its publication date."""
    article = _add_article(category, title, published, fields)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def make_draft(category, title, published, user=None, **fields):
    """Create an article never published: one revision, saved by ``user``."""
    article = _add_article(category, title, published, fields)
    article.save_revision(user=user)
    return article


def _forget_process_state():
    # Site root paths are cached; with Redis the cache outlives each test's rolled-back database.
    # The search keeps each site's scope for a minute (the tests make new sites in seconds); the
    # visit beacon remembers sites, salts and rates, and buffers beacons (in Redis with REDIS_URL).
    cache.clear()
    caches["limits"].clear()
    caches["pages"].clear()
    caches["fragments"].clear()
    structure.reset()
    _site_scopes.clear()
    forget_sites()
    beacon._rates.clear()
    identity._salts.clear()
    if counter.buffer is not None:
        counter.buffer.take()
    counter.buffer = None


@pytest.fixture
def uncached(settings):
    """Every request rendered, the page cache off: for tests that measure a page's rendering."""
    settings.CONGTIN_PAGECACHE = False


@pytest.fixture(autouse=True)
def _clear_cache():
    _forget_process_state()
    yield
    _forget_process_state()


def ensure_tree_root() -> Page:
    """The locale, the tree root and the root collection Wagtail's migrations create, made again
    when missing: live-server (transactional) tests flush the database, taking them with it."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


@pytest.fixture
def home(db):
    """The portal's home page as the default site's root.

    Also creates the locale, tree root and site when they are missing: live-server (transactional)
    tests flush the database, taking what Wagtail's migrations created with it.
    """
    return make_home()


def make_home() -> HomePage:
    """What the ``home`` fixture makes, for fixtures of a wider scope than a test."""
    root = ensure_tree_root()
    home = root.add_child(instance=HomePage(title="Cổng thông tin thử nghiệm", slug="trang-chu"))
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    welcome_page = site.root_page if site.root_page_id else None
    site.root_page = home
    site.site_name = "Cổng thông tin thử nghiệm"
    site.save()
    if welcome_page is not None:
        welcome_page.delete()
    return home


def make_category(home, title, slug):
    category = CategoryPage(title=title, slug=slug, show_in_menus=True, live=False)
    home.add_child(instance=category)
    category.save_revision().publish()
    return category


@pytest.fixture
def category(home):
    return make_category(home, "Cải cách hành chính", "cai-cach-hanh-chinh")


@pytest.fixture
def other_category(home):
    return make_category(home, "Kinh tế", "kinh-te")


@pytest.fixture
def articles(category):
    """Seven articles one day apart, oldest first, from 15/12/2019."""
    start = local(2019, 12, 15)
    return [
        make_article(
            category, f"Tin số {index} về cải cách hành chính", start + timedelta(days=index)
        )
        for index in range(7)
    ]


def article_form_data(title, **overrides):
    """What the admin's article form posts (Wagtail's nested form data), with ``overrides``."""
    data = {
        "title": title,
        "slug": "",
        "lead": "UBND tỉnh ban hành Kế hoạch số 255/KH-UBND về cải cách hành chính.",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung kế hoạch gồm ba phần.</p>"))]),
        "main_image": "",
        "main_image_caption": "",
        "attachments": inline_formset([]),
        "author": "Thanh Hương",
        "source": "Sở Nội vụ",
        "tags": "",
        "comments": inline_formset([]),
        "expiry_action": "archive",
    }
    data.update(overrides)
    return nested_form_data(data)


def form_errors(response):
    """The page form's errors, so a failing POST says which field was wrong."""
    context = getattr(response, "context", None)
    if not context or "form" not in context:
        return response.content.decode()[:800]
    form = context["form"]
    return {"form": form.errors, "formsets": {n: f.errors for n, f in form.formsets.items()}}
