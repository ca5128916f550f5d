"""Build the tutorial reference site: a fresh SQLite database with the blog and 11 posts.

    /work/main/.venv/bin/python bench/wagtail_tutorial/setup.py --content FILE.json

FILE.json is {"title": ..., "intro": ..., "body_html": ..., "date": "YYYY-MM-DD"} (optionally
"slug"): the post being benchmarked. Ten more posts ("Tin khác số N"), published earlier, are its
siblings. The database is $TUTORIAL_DB (default var/tutorial.sqlite3 beside this file); it is
deleted and created again. The last line of stdout is the benchmarked post's URL path.
"""

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ["DJANGO_SETTINGS_MODULE"] = "tutorial.settings"

import django  # noqa: E402

SIBLINGS = 10


def ascii_slug(title):
    """What an editor would type in the slug field: the title without Vietnamese diacritics."""
    text = title.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:200] or "bai-viet"


def shorten(text, limit):
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    print(
        f"intro has {len(text)} characters; cut to {len(cut) + 1} (CharField(250))", file=sys.stderr
    )
    return cut + "…"


def publish(parent, page, published_at):
    """Add ``page`` under ``parent`` and publish it as the editor's Publish button would, dated."""
    page.first_published_at = published_at
    parent.add_child(instance=page)
    page.save_revision().publish()
    # Publishing stamps last_published_at with the present moment: date it like first_published_at.
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=published_at, last_published_at=published_at
    )
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", required=True, type=Path, help="the benchmarked post (JSON)")
    args = parser.parse_args()
    content = json.loads(args.content.read_text(encoding="utf-8"))

    django.setup()
    from blog.models import BlogIndexPage, BlogPage
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Page, Site

    db = Path(settings.DATABASES["default"]["NAME"])
    db.parent.mkdir(parents=True, exist_ok=True)
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")):
        path.unlink(missing_ok=True)
    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)

    # Wagtail's initial data: the tree root and the "Welcome to your new Wagtail site!" page,
    # root of the default Site. The blog goes under it, so posts are at /blog/<slug>/.
    home = Site.objects.get(is_default_site=True).root_page
    home.title = "Home"
    home.save_revision().publish()

    blog = BlogIndexPage(title="Blog", slug="blog", intro="<p>Tin tức mới nhất.</p>")
    blog = publish(Page.objects.get(pk=home.pk), blog, timezone.now())

    date = dt.date.fromisoformat(content["date"])
    tz = timezone.get_current_timezone()
    noon = dt.time(12, 0)
    for n in range(SIBLINGS, 0, -1):  # oldest first, as they would have been written
        day = date - dt.timedelta(days=n)
        sibling = BlogPage(
            title=f"Tin khác số {n}",
            slug=f"tin-khac-so-{n}",
            date=day,
            intro=f"Tóm tắt của tin khác số {n}.",
            body=f"<p>Nội dung ngắn của tin khác số {n}, đăng ngày {day:%d/%m/%Y}.</p>",
        )
        publish(blog, sibling, dt.datetime.combine(day, noon, tzinfo=tz))

    post = BlogPage(
        title=content["title"],
        slug=content.get("slug") or ascii_slug(content["title"]),
        date=date,
        intro=shorten(content.get("intro", ""), 250),
        body=content["body_html"],
    )
    post = publish(blog, post, dt.datetime.combine(date, noon, tzinfo=tz))

    print(f"database: {db}")
    print(f"{BlogPage.objects.live().count()} live BlogPages under {blog.url_path}")
    print(BlogPage.objects.get(pk=post.pk).get_url())


if __name__ == "__main__":
    main()
