from django.urls import path

from . import views

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("privacy/", views.people, name="privacy"),
    path("privacy/record/", views.record, name="privacy_record"),
    path("privacy/retention/", views.retention, name="privacy_retention"),
    path("privacy/people/<slug:key>/", views.person, name="privacy_person"),
    path("privacy/people/<slug:key>/report/", views.report, name="privacy_report"),
    path("privacy/people/<slug:key>/export/", views.export_json, name="privacy_export"),
    path("privacy/people/<slug:key>/left/", views.set_left_on, name="privacy_left"),
    path("privacy/people/<slug:key>/erase/", views.erase, name="privacy_erase"),
]
