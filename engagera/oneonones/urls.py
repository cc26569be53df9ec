from django.urls import path

from . import views

urlpatterns = [
    path("people/<int:pk>/one-to-ones/", views.person_one_to_ones, name="person_one_to_ones"),
    path("one-to-ones/<int:pk>/", views.meeting, name="meeting"),
    path("one-to-ones/<int:pk>/points/", views.add_point, name="add_point"),
    path("one-to-ones/<int:pk>/actions/", views.add_action, name="add_action"),
    path("one-to-ones/<int:pk>/hold/", views.hold, name="hold_meeting"),
    path("one-to-ones/actions/<int:pk>/done/", views.toggle_action, name="toggle_action"),
]
