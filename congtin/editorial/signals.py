"""Keep the board's groups in step: after ``migrate``, and when a category is created or renamed."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate, post_save

from congtin.editorial import setup

_done = {"setup": False}


def board_after_migrate(sender, using="default", **kwargs):
    """Run the setup once per ``migrate``, as soon as every permission it grants exists
    (post_migrate is sent app by app, and each app's permissions are created by its own).

    This app's receiver runs before django.contrib.auth's (INSTALLED_APPS order), so the
    sending app's permissions are created here first: otherwise the last app's (otp_totp's)
    would not exist yet when the last signal comes, and the setup would never run."""
    if _done["setup"] or using != "default":
        return
    create_permissions(
        sender, verbosity=0, interactive=False, using=using, apps=kwargs.get("apps", global_apps)
    )
    if not setup.permissions_exist():
        return
    setup.setup_editorial()
    _done["setup"] = True


def category_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    setup.ensure_category_groups(instance)


def connect():
    from congtin.news.models import CategoryPage

    uid = "congtin.editorial.signals"
    post_migrate.connect(board_after_migrate, dispatch_uid=f"{uid}.migrate")
    post_save.connect(category_saved, sender=CategoryPage, dispatch_uid=f"{uid}.category")
