"""The metadata of a page's ``<head>``: description, canonical address, Open Graph and Twitter
cards, Dublin Core (``DC.*``, as Vietnamese state portals publish it) and, for an article,
schema.org ``NewsArticle`` JSON-LD.

Plain functions of the request and the page, so tests call them without HTTP. Every address is
absolute, built from the request's Wagtail site as ``Page.get_full_url`` builds a page's. What the
portal itself contributes (its name, publisher, logo renditions) is read once per purge of
everything (a change of the portal settings, a site or an image is one) into the "fragments"
cache; an article's metadata is rendered in its ``article_meta`` fragment, kept until the article
is purged, so it costs a page no query once that fragment is kept.
"""

import json
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Page, Site

from congtin.news.listing import PAGE_NUMBER
from congtin.pagecache.store import site_version

LANGUAGE = "vi"
# What share previews show best (Facebook, Zalo, X "summary_large_image"): 1.91:1, 1200 wide.
SHARE_IMAGE_FILTER = "fill-1200x630"
# The portal's logo when a page has no image of its own: whole, not cropped.
SHARE_LOGO_FILTER = "max-1200x630"
# A publisher's logo in NewsArticle: Google asks that it fit within 600x60.
PUBLISHER_LOGO_FILTER = "max-600x60"
DESCRIPTION_CHARS = 300
PUBLISHER_SECONDS = 86400

# What json_script escapes: a "</script>" or "<!--" in a title cannot end the script element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ImageMeta:
    """A rendition as metadata needs it: an absolute URL and its size."""

    url: str
    width: int
    height: int
    alt: str = ""

    def as_schema(self) -> dict:
        return {"@type": "ImageObject", "url": self.url, "width": self.width, "height": self.height}


@dataclass(frozen=True)
class Publisher:
    """The portal as a publisher: the same for every page of a site until everything is purged."""

    name: str
    governing_body: str
    url: str
    logo: ImageMeta | None  # within 600x60, for NewsArticle
    share_logo: ImageMeta | None  # the share image of pages that have none of their own

    @property
    def organization(self) -> str:
        """Who publishes, for DC.publisher: the governing body ("cơ quan chủ quản") if set."""
        return self.governing_body or self.name

    def as_schema(self) -> dict:
        publisher = {"@type": "Organization", "name": self.name, "url": self.url}
        if self.logo:
            publisher["logo"] = self.logo.as_schema()
        return publisher


def site_root(request) -> str:
    """The site's root URL ("https://congtin.gov.vn"), as Wagtail's full URLs of pages start."""
    site = Site.find_for_request(request)
    if site is not None:
        return site.root_url
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request, url: str) -> str:
    """``url`` (a path, or already absolute as with a remote storage) on the request's site."""
    if urlsplit(url).scheme:
        return url
    return urljoin(f"{site_root(request)}/", url)


def iso_datetime(value) -> str:
    """ISO 8601 in the portal's time zone, to the second: "2020-03-01T08:00:00+07:00"."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def describe(text: str) -> str:
    """A description of at most DESCRIPTION_CHARS characters, cut at a word."""
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_CHARS)


def image_meta(request, image, filter_spec: str, alt: str = "") -> ImageMeta:
    rendition = image.get_rendition(filter_spec)
    return ImageMeta(absolute_url(request, rendition.url), rendition.width, rendition.height, alt)


def portal_name(site) -> str:
    """The Wagtail site's name, else CONGTIN_SITE_NAME (as the ``portal_name`` of templates)."""
    return (site.site_name if site else "") or settings.CONGTIN_SITE_NAME


def portal_publisher(request) -> Publisher:
    """The request's portal as a publisher, kept in this process until everything is purged."""
    from congtin.news.models import PortalSettings

    site = Site.find_for_request(request)
    key = f"publisher:{site.pk if site else 0}:{site_version()}"
    publisher = caches["fragments"].get(key)
    if publisher is not None:
        return publisher
    logo = share_logo = None
    governing_body = ""
    if site is not None:
        portal_settings = PortalSettings.for_site(site)
        governing_body = portal_settings.governing_body
        if portal_settings.logo:
            name = portal_name(site)
            logo = image_meta(request, portal_settings.logo, PUBLISHER_LOGO_FILTER, name)
            share_logo = image_meta(request, portal_settings.logo, SHARE_LOGO_FILTER, name)
    publisher = Publisher(
        name=portal_name(site),
        governing_body=governing_body,
        url=f"{site_root(request)}/",
        logo=logo,
        share_logo=share_logo,
    )
    caches["fragments"].set(key, publisher, PUBLISHER_SECONDS)
    return publisher


def json_ld(data: dict) -> str:
    """``data`` as a JSON-LD script element, escaped as Django's json_script escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Safe: the only characters that could end the script element are escaped.
    return mark_safe(
        f'<script type="application/ld+json">{text.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )


def article_metadata(request, page, category=None) -> dict:
    """Everything the head of ``page`` (an ArticlePage) says of it; ``category``: its parent."""
    publisher = portal_publisher(request)
    url = page.get_full_url(request)
    title = page.title
    description = describe(page.search_description or page.lead)
    published, modified = iso_datetime(page.published_at), iso_datetime(page.updated_at)
    if page.main_image:
        image = image_meta(
            request, page.main_image, SHARE_IMAGE_FILTER, page.main_image_caption or title
        )
    else:
        image = publisher.share_logo
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": title,
        "description": description,
        "datePublished": published,
        "dateModified": modified,
        "author": {"@type": "Person", "name": page.author},
        "publisher": publisher.as_schema(),
        "inLanguage": LANGUAGE,
    }
    if image:
        article["image"] = image.as_schema()
    if category is not None:
        article["articleSection"] = category.title
    keywords = sorted((tag.name for tag in page.tags.all()), key=str.casefold)  # a preview's too
    if keywords:
        article["keywords"] = keywords
    subjects = [category.title] if category is not None else []
    return {
        "title": title,
        "document_title": f"{page.seo_title or title} | {publisher.name}",
        "description": description,
        "canonical": url,
        "type": "article",
        "dc_type": "Text",
        "subject": "; ".join([*subjects, *keywords]),
        "keywords": keywords,
        "creator": page.author,
        "published": published,
        "modified": modified,
        "image": image,
        "publisher": publisher,
        "json_ld": json_ld(article),
    }


def page_metadata(
    request, document_title: str, description: str = "", page=None, canonical: bool = True
) -> dict:
    """The head of any other page: the home page, a category, the search, the archive, an error.

    ``document_title`` is the page's ``<title>``; its Open Graph title leaves out the portal's
    name, which og:site_name says. A page of the tree has its Wagtail address as canonical; a view,
    its path without the query; either keeps the list's page number ("?trang=2"); an error page
    (``canonical`` False) none: it has no address.
    """
    publisher = portal_publisher(request)
    title = document_title.removesuffix(f" | {publisher.name}").strip() or publisher.name
    is_page = isinstance(page, Page)
    if is_page:
        description = description or page.search_description or getattr(page, "intro", "")
    if not canonical:
        url = ""
    elif is_page:
        url = page.get_full_url(request)
    else:
        url = absolute_url(request, request.path)
    page_number = request.GET.get("trang", "")
    # A page number as the lists read it (listing.PAGE_NUMBER: at most 9 ASCII digits); int()
    # refuses a string of more than 4,300 digits, which a page without a list still gets.
    if url and PAGE_NUMBER.fullmatch(page_number) and int(page_number) > 1:
        url += f"?trang={int(page_number)}"  # page 2 of a list is a page of its own
    # DC.date: when a page of the tree was last published; for a view (a list, the search, an
    # archive day) the day it is shown, as its content is that day's.
    changed = getattr(page, "last_published_at", None) if is_page else None
    return {
        "title": title,
        "document_title": document_title,
        "description": describe(description or publisher.name),
        "canonical": url,
        "published": iso_datetime(changed) if changed else timezone.localdate().isoformat(),
        "type": "website",
        "dc_type": "Collection" if is_page else "Text",
        "subject": title,
        "creator": publisher.organization,
        "image": publisher.share_logo,
        "publisher": publisher,
    }
