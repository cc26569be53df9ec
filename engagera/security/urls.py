from django.urls import path

from . import views

urlpatterns = [
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
    path("accounts/two-factor/off/", views.two_factor_disable, name="two_factor_disable"),
    path(
        "accounts/two-factor/recovery-codes/",
        views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("accounts/link/", views.sign_in_link_request, name="sign_in_link_request"),
    path("accounts/link/<str:secret>/", views.sign_in_link, name="sign_in_link"),
    path("people/invite/", views.invite_people, name="invite_people"),
]
