from django.urls import include, path

urlpatterns = [
    path("", include("engagera.core.urls")),
    path("", include("engagera.practices.urls")),
    path("", include("engagera.people.urls")),
    path("", include("engagera.feedback.urls")),
    path("", include("engagera.oneonones.urls")),
    path("", include("engagera.needs.urls")),
    path("", include("engagera.surveys.urls")),
    path("", include("engagera.recognition.urls")),
    path("", include("engagera.ideas.urls")),
    path("", include("engagera.audit.urls")),
    path("", include("engagera.security.urls")),
    path("", include("engagera.gdpr.urls")),
    path("", include("engagera.pwa.urls")),
    path("", include("engagera.reminders.urls")),
    path("", include("engagera.api.urls")),
]
