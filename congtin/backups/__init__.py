"""``congtin backup`` and ``congtin restore``: a consistent snapshot of the portal while it serves.

A snapshot is a folder: the database (SQLite's online backup API, or ``pg_dump`` in its custom
format, both one consistent moment), the uploads (``MEDIA_ROOT``, copied after the database),
and ``manifest.json`` with every file's SHA-256 and size and each table's row count. ``restore``
checks every checksum before it writes anything, brings the snapshot into an empty install (it
refuses a database that has tables), then counts the rows again against the manifest.
"""
