"""The import's own audit-log action, so Wagtail can store, filter and show its entries."""

from wagtail import hooks

from congtin.imports.audit import IMPORT_ACTION, ImportFormatter


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action(IMPORT_ACTION)(ImportFormatter)
