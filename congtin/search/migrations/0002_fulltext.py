from django.db import migrations

from congtin.search import fulltext_schema


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(fulltext_schema.create, fulltext_schema.drop)]
