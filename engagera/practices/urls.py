from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("practices/", views.catalogue, name="catalogue"),
    path("practices/new/", views.own_practice_form, name="practice_new"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice"),
    path("practices/<slug:slug>/edit/", views.own_practice_form, name="practice_edit"),
    path("practices/<slug:slug>/hide/", views.set_practice_hidden, name="practice_hide"),
    path("plan/", views.plan, name="plan"),
    path("plan/add/<slug:slug>/", views.plan_add, name="plan_add"),
    path("plan/<int:pk>/", views.plan_item, name="plan_item"),
    path("plan/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
    path("plan/<int:pk>/state/", views.plan_item_state, name="plan_item_state"),
    path("plan/<int:pk>/log/", views.log_performance, name="log_performance"),
    path("plan/<int:pk>/rate/", views.rate_automaticity, name="rate_automaticity"),
    path("history/", views.history, name="history"),
    path("history/<int:pk>/edit/", views.performance_edit, name="performance_edit"),
    path("history/<int:pk>/delete/", views.undo_performance, name="performance_delete"),
    path("pauses/", views.pauses, name="pauses"),
    path("pauses/<int:pk>/delete/", views.unskip, name="unskip"),
    path("overview/", views.overview, name="overview"),
    path("settings/organisation/", views.organisation_settings, name="organisation_settings"),
    path("help/strength/", views.strength_help, name="strength_help"),
]
