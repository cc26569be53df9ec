from django.urls import include, path

urlpatterns = [
    path("", include("engagera.core.urls")),
    path("", include("engagera.practices.urls")),
]
