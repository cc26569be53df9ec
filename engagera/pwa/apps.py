from django.apps import AppConfig


class PwaConfig(AppConfig):
    name = "engagera.pwa"
    label = "pwa"
    verbose_name = "Web app"
