from django.urls import path

from . import views

urlpatterns = [
    path("people/", views.team_overview, name="team_overview"),
    path("people/import/", views.import_people, name="import_people"),
    path("people/export.csv", views.export_people, name="export_people"),
    path("people/options/", views.people_options, name="people_options"),
    path("people/<int:pk>/", views.person_card, name="person"),
    path("people/<int:pk>/card/", views.edit_card, name="edit_card"),
    path("people/<int:pk>/workload/", views.record_workload, name="record_workload"),
    path("people/<int:pk>/introductions/", views.add_introduction, name="add_introduction"),
    path("people/<int:pk>/goals/", views.agree_goal, name="agree_goal"),
    path("people/<int:pk>/notes/", views.add_note, name="add_note"),
    path("teams/<int:pk>/", views.team_page, name="team"),
    path("team-goals/<int:pk>/priority/", views.change_priority, name="change_priority"),
    path("team-goals/<int:pk>/explained/", views.explain_goal, name="explain_goal"),
    path("goals/<int:pk>/check-in/", views.check_in_goal, name="check_in_goal"),
    path("notes/<int:pk>/delete/", views.delete_note, name="delete_note"),
]
