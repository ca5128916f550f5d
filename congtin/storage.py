"""File storage for uploads: a write that fails leaves no part of the file behind.

Django's FileSystemStorage streams an upload into its final path; when the disk fills midway
(or any write fails), the partial file stays there, named like a real upload but referenced by
no row (the model's row is only saved after the file). ``WholeFileStorage`` removes it and lets
the error go on: the form or the admin then answers it (congtin.views.server_error: 507 for a
full disk), and nothing is half written.
"""

import os

from django.core.files.storage import FileSystemStorage


class WholeFileStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError:
            # The name was free when the save began (Storage.save chose it); what is there now is
            # this write's part. A name taken meanwhile by another upload is left alone.
            if not existed and os.path.isfile(full_path):
                os.remove(full_path)
            raise
