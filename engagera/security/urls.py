from django.urls import path

from . import views

urlpatterns = [
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
    path("accounts/two-factor/off/", views.two_factor_disable, name="two_factor_disable"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
]
