"""PostgreSQL: the text index in a narrow table of its own (congtin.search.fulltext_schema)."""

from django.db import migrations

from congtin.search import fulltext_schema


class Migration(migrations.Migration):
    dependencies = [("search", "0003_phrase_keys")]

    operations = [
        migrations.RunPython(
            fulltext_schema.create_postgres_text_table, fulltext_schema.drop_postgres_text_table
        )
    ]
