from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "engagera.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from engagera import checks  # noqa: F401  (registers Engagera's system checks)

        from . import receivers  # noqa: F401  (connects the sign-in signals)
