"""Give every entry the text index keys of the dictionary's phrases ("uyǂǂbanǂǂnhanǂǂdan").

A change of the dictionary's phrases (congtin.vietnamese.abbreviations) needs a migration like this
one, so that pages indexed before it get the keys of the new phrases, with the new
``PHRASES_FINGERPRINT`` (tests/search/test_phrase_keys.py fails until there is one)."""

from django.db import migrations

PHRASES_FINGERPRINT = "3f9b2e5e77cf30e0"  # dictionary_phrases().fingerprint() when written


def refresh(apps, schema_editor):
    from congtin.search.rebuild import refresh_phrase_keys

    if not refresh_phrase_keys(using=schema_editor.connection.alias):
        return
    # The indexes as they are at this migration (not fulltext.optimize, which knows today's).
    if schema_editor.connection.vendor == "sqlite":
        for table in ("search_title", "search_heading", "search_text"):
            schema_editor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE search_searchentry")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
