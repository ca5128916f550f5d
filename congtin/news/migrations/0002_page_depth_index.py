"""An index on the page tree's (depth, path), which Wagtail does not create.

treebeard reads a page's children as "depth = d AND path BETWEEN p0000 AND pZZZZ": without this
index the database walks every descendant to keep those one level down (72,000 articles under the
home page to list its dozen categories: the main menu, the home page, the search form). With it,
the children are one index range.
"""

from django.db import migrations

CREATE = "CREATE INDEX congtin_page_depth_path ON wagtailcore_page (depth, path)"
DROP = "DROP INDEX congtin_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunSQL(CREATE, DROP)]
