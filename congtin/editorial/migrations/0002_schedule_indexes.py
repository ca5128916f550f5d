"""Indexes for the scheduler's minute: the pages with an expiry, the revisions with a go-live time.

``congtin publish_scheduled`` runs every minute and asks for the live pages past their
``expire_at`` and the revisions past their ``approved_go_live_at``; Wagtail indexes neither, so
each pass read every page of the portal (122 ms at 72,000 articles on SQLite, and growing with
the portal). Both columns are empty for almost every row: partial indexes hold only the few
scheduled ones (SQLite and PostgreSQL both have them).
"""

from django.db import migrations

CREATE_EXPIRY = (
    "CREATE INDEX congtin_page_expire_at ON wagtailcore_page (expire_at)"
    " WHERE expire_at IS NOT NULL"
)
CREATE_GO_LIVE = (
    "CREATE INDEX congtin_revision_go_live_at ON wagtailcore_revision (approved_go_live_at)"
    " WHERE approved_go_live_at IS NOT NULL"
)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_initial"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(CREATE_EXPIRY, "DROP INDEX congtin_page_expire_at"),
        migrations.RunSQL(CREATE_GO_LIVE, "DROP INDEX congtin_revision_go_live_at"),
    ]
