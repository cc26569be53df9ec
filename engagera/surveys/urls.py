from django.urls import path

from . import views

urlpatterns = [
    path("surveys/", views.rounds, name="survey_rounds"),
    path("surveys/new/", views.open_round, name="survey_open"),
    path("surveys/rounds/<int:pk>/", views.round_detail, name="survey_round"),
    path("surveys/rounds/<int:pk>/close/", views.close_round, name="survey_close"),
    path("surveys/rounds/<int:pk>/remind/", views.remind, name="survey_remind"),
    path("surveys/rounds/<int:pk>/results/", views.round_results, name="survey_results"),
    path("surveys/rounds/<int:pk>/add-practice/", views.add_practice, name="survey_add_practice"),
    path("surveys/rounds/<int:pk>/answer/", views.answer, name="survey_answer"),
    path("surveys/groups/<int:node>/trend/", views.trend, name="survey_trend"),
    path("surveys/teams/<int:pk>/measured/", views.measured, name="survey_measured"),
    path(
        "surveys/<int:round_pk>/answer/<str:secret>/",
        views.answer_link,
        name="survey_answer_link",
    ),
]
