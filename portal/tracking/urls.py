from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("applications/", views.application_list, name="application_list"),
    path("applications/<str:reference>/", views.application_detail, name="application_detail"),
]
