from django.urls import path

from palermo.engagement import views

app_name = "engagement"
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
]
