from django.urls import path

from . import views

urlpatterns = [
    path("ideas/", views.board, name="idea_board"),
    path("ideas/sessions/new/", views.record_session, name="record_thinking_session"),
    path("ideas/<int:pk>/", views.idea, name="idea"),
    path("ideas/<int:pk>/build/", views.build_on, name="build_on_idea"),
    path("ideas/<int:pk>/mark/", views.mark, name="mark_idea"),
]
