from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OneOnOnesConfig(AppConfig):
    name = "engagera.oneonones"
    label = "oneonones"
    verbose_name = _("One-to-ones")
