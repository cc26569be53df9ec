"""The app's URLs plus the benchmark's floor view (ROOT_URLCONF = "bench.urls")."""

from django.urls import include, path

from bench.floor import floor

urlpatterns = [
    path("floor/", floor, name="bench_floor"),
    path("", include("engagera.urls")),
]
