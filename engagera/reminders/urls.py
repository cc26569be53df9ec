from django.urls import path

from . import views

urlpatterns = [
    path("settings/reminders/", views.reminder_settings, name="reminder_settings"),
    path(
        "settings/reminders/calendar/new/",
        views.regenerate_calendar_feed,
        name="regenerate_calendar_feed",
    ),
    path(
        "settings/reminders/calendar/revoke/",
        views.revoke_calendar_feed,
        name="revoke_calendar_feed",
    ),
    path("calendar/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="digest_unsubscribe"),
    path("organisation/webhook/", views.webhook_settings, name="webhook_settings"),
]
