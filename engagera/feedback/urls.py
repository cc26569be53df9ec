from django.urls import path

from . import views

urlpatterns = [
    path("people/<int:pk>/feedback/", views.give_feedback, name="give_feedback"),
    path("feedback/waiting/", views.waiting, name="feedback_waiting"),
]
