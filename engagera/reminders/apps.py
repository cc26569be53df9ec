from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "engagera.reminders"
    label = "reminders"
    verbose_name = _("Reminders, calendar and webhook")

    def ready(self) -> None:
        from engagera.core import events

        from . import webhooks

        # Public recognition reaches the organisation's chat channel (issue 6).
        for kind in webhooks.KINDS:
            events.subscribe(kind, webhooks.on_event)
