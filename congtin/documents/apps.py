from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "congtin.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from congtin.documents import citations, purges

        citations.connect()
        purges.connect()
