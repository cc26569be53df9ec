from django.urls import path

from . import views

urlpatterns = [
    path("needs/", views.service_level, name="service_level"),
    path("people/<int:pk>/needs/new/", views.raise_need, name="raise_need"),
    path("needs/<int:pk>/", views.need, name="need"),
    path("needs/<int:pk>/start/", views.start, name="start_need"),
    path("needs/<int:pk>/close/", views.close, name="close_need"),
    path("needs/rate/<str:secret>/", views.rate, name="rate_need"),
    path("needs/<int:pk>/rate/", views.rate_mine, name="rate_my_need"),
]
