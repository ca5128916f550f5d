"""PostgreSQL: a GIN index on the text table's meta tokens (congtin.search.fulltext_schema)."""

from django.db import migrations

from congtin.search import fulltext_schema


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_text_table")]

    operations = [
        migrations.RunPython(
            fulltext_schema.create_postgres_text_meta_index,
            fulltext_schema.drop_postgres_text_meta_index,
        )
    ]
