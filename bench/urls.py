"""The app's URLs plus the benchmark's floor view (ROOT_URLCONF = "bench.urls")."""

from django.urls import include, path

from bench.floor import floor, floor_write

urlpatterns = [
    path("floor/", floor, name="bench_floor"),
    path("floor/write/", floor_write, name="bench_floor_write"),
    path("", include("engagera.urls")),
]
