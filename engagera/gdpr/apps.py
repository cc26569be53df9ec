from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GdprConfig(AppConfig):
    name = "engagera.gdpr"
    label = "gdpr"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from . import registry

        registry.autodiscover()
