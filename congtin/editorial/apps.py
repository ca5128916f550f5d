from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "congtin.editorial"
    label = "editorial"
    verbose_name = "Ban Biên tập"

    def ready(self):
        from congtin.editorial import media, scheduler, signals

        media.register_media_policies()
        signals.connect()
        scheduler.start_in_process()
