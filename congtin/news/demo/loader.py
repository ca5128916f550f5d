"""Load the demo portal: site, categories, articles written for it (content.json), settings, admin.

Every step finds what exists first (articles by ``source_id``), so running it again adds nothing.
"""

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from congtin.news.demo.files import docx_document, logo_png, placeholder_photo
from congtin.news.models import (
    ArticleAttachment,
    ArticlePage,
    CategoryPage,
    HomePage,
    PortalSettings,
)
from congtin.vietnamese import slugify

CONTENT_PATH = Path(__file__).with_name("content.json")
PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ADMIN_USERNAME = "admin"


@dataclass
class DemoReport:
    created_articles: int = 0
    existing_articles: int = 0
    created_categories: list[str] = field(default_factory=list)
    home_created: bool = False


def load_content(path: Path = CONTENT_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def local_datetime(text: str) -> datetime:
    """Dates in content.json are local portal time without an offset."""
    return datetime.fromisoformat(text).replace(tzinfo=PORTAL_TZ)


def ensure_home(site_name: str, report: DemoReport) -> HomePage:
    """The site's home page; replaces Wagtail's placeholder "Welcome" page on a fresh database."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=site_name, slug="trang-chu"))
        report.home_created = True
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk or not site.site_name:
        welcome = site.root_page if site.root_page_id else None
        site.root_page = home
        site.site_name = site.site_name or site_name
        site.save()
        plain_page = ContentType.objects.get_for_model(Page)
        if welcome and welcome.pk != home.pk and welcome.content_type_id == plain_page.pk:
            welcome.delete()  # Wagtail's install placeholder, never real content
    return home


def ensure_categories(home: HomePage, categories: list[dict], report: DemoReport) -> dict:
    existing = {page.slug: page for page in CategoryPage.objects.child_of(home)}
    for item in categories:
        if item["slug"] not in existing:
            category = CategoryPage(
                title=item["title"],
                slug=item["slug"],
                intro=item.get("intro", ""),
                show_in_menus=True,
            )
            home.add_child(instance=category)
            category.save_revision().publish()
            existing[item["slug"]] = category
            report.created_categories.append(item["title"])
    return existing


def _image(title: str, color: str, seed: int):
    data = placeholder_photo(color, seed)
    image = get_image_model()(title=title[:255])
    image.file = ImageFile(ContentFile(data), name=f"{slugify(title, 60) or 'anh'}.jpg")
    image.save()
    return image


def _rich_paragraph(text: str) -> str:
    """content.json marks bold as **...**; rich text is HTML."""
    parts = escape(text).split("**")
    html = "".join(f"<b>{part}</b>" if index % 2 else part for index, part in enumerate(parts))
    return f"<p>{html}</p>"


def _body(blocks: list[dict], seed: int) -> list[dict]:
    stream = []
    for index, block in enumerate(blocks):
        kind = block["type"]
        if kind == "paragraph":
            stream.append({"type": "paragraph", "value": _rich_paragraph(block["text"])})
        elif kind == "heading":
            stream.append({"type": "heading", "value": block["text"]})
        elif kind == "image":
            image = _image(block["caption"], block["color"], seed * 7 + index)
            stream.append(
                {"type": "image", "value": {"image": image.pk, "caption": block["caption"]}}
            )
        elif kind == "quote":
            value = {"text": block["text"], "attribution": block.get("attribution", "")}
            stream.append({"type": "quote", "value": value})
        else:
            raise ValueError(f"content.json: unknown block type {kind!r}")
    return stream


def _attachment(item: dict) -> ArticleAttachment:
    spec = item["attachment"]
    data = docx_document(
        spec["title"], spec["summary_lines"], issuer="ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ"
    )
    document = get_document_model()(title=spec["title"])
    document.file = ContentFile(data, name=spec["filename"])
    document._set_document_file_metadata()  # size and hash, as Wagtail's upload form sets them
    document.save()
    return ArticleAttachment(document=document, title=spec["title"])


@transaction.atomic
def create_article(category: CategoryPage, item: dict, seed: int) -> ArticlePage:
    """Create and publish one article with its original dates, images and attachment, or nothing."""
    published = local_datetime(item["published_at"])
    updated = local_datetime(item["updated_at"])
    main_image = None
    if item.get("image"):
        main_image = _image(item["title"], item["image"]["color"], seed)
    article = ArticlePage(
        title=item["title"],
        lead=item["lead"],
        body=_body(item["body"], seed),
        main_image=main_image,
        main_image_caption=(item.get("image") or {}).get("caption", ""),
        author=item["author"],
        source=item["source"],
        source_id=item["source_id"],
        first_published_at=published,
        last_significant_update=updated if updated > published else None,
        live=False,
        attachments=[_attachment(item)] if item.get("attachment") else [],
    )
    category.add_child(instance=article)
    article.tags.add(*item.get("tags", []))
    article.save_revision().publish()
    return article


def ensure_articles(categories: dict, articles: list[dict], report: DemoReport) -> None:
    existing = set(
        ArticlePage.objects.filter(
            source_id__in=[item["source_id"] for item in articles]
        ).values_list("source_id", flat=True)
    )
    for seed, item in enumerate(articles):
        if item["source_id"] in existing:
            report.existing_articles += 1
            continue
        create_article(categories[item["category"]], item, seed)
        report.created_articles += 1


def ensure_portal_settings(site: Site) -> None:
    portal_settings = PortalSettings.for_site(site)
    if portal_settings.logo_id is None:
        logo = get_image_model()(title="Biểu trưng cổng thông tin")
        logo.file = ImageFile(ContentFile(logo_png()), name="bieu-trung.png")
        logo.save()
        portal_settings.logo = logo
    portal_settings.governing_body = (
        portal_settings.governing_body or "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    )
    portal_settings.address = (
        portal_settings.address or "16 Lê Lợi, thành phố Huế (địa chỉ minh họa)"
    )
    portal_settings.phone = portal_settings.phone or "0234 3000 000 (số minh họa)"
    portal_settings.email = portal_settings.email or "banbientap@example.gov.vn"
    portal_settings.license_info = portal_settings.license_info or (
        "Bản demo của congtin: nội dung do nhóm phát triển biên soạn để minh họa."
    )
    portal_settings.editor_in_chief = (
        portal_settings.editor_in_chief or "Trưởng Ban Biên tập (minh họa)"
    )
    portal_settings.save()


def ensure_admin(password_file: Path) -> tuple[str, str | None, bool]:
    """Create the demo administrator once; its generated password is kept beside the database.

    Returns (username, password or None if it was changed outside the demo, created).
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.gov.vn", password)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password)
        password_file.chmod(0o600)
        return ADMIN_USERNAME, password, True
    stored = password_file.read_text().strip() if password_file.exists() else None
    if stored and not user.check_password(stored):
        stored = None
    return ADMIN_USERNAME, stored, False


def load_demo(content: dict | None = None) -> DemoReport:
    content = content or load_content()
    report = DemoReport()
    site_name = settings.CONGTIN_SITE_NAME
    with transaction.atomic():
        home = ensure_home(site_name, report)
        categories = ensure_categories(home, content["categories"], report)
    ensure_articles(categories, content["articles"], report)
    ensure_portal_settings(Site.objects.get(is_default_site=True))
    return report
