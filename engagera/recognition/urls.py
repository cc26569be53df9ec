from django.urls import path

from . import views

urlpatterns = [
    path("recognition/", views.feed, name="recognition_feed"),
    path("recognition/new/", views.recognise, name="recognise"),
    path("recognition/hero/", views.name_hero, name="name_hero"),
    path("recognition/spread/", views.spread, name="recognition_spread"),
    path("recognition/<int:pk>/", views.recognition, name="recognition"),
    path("recognition/<int:pk>/react/", views.react, name="react"),
    path("recognition/<int:pk>/hide/", views.hide, name="hide_recognition"),
    path("recognition/<int:pk>/reward/", views.start_reward, name="start_reward"),
    path("rewards/<int:pk>/choose/", views.choose_reward, name="choose_reward"),
    path("rewards/<int:pk>/advance/", views.advance_reward, name="advance_reward"),
]
