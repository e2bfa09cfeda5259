from django.urls import path

from palermo.engagement.views import registry

app_name = "engagement"
urlpatterns = [
    # Registry: organisations and people
    path("organisations/", registry.organisation_list, name="organisation-list"),
    path("organisations/new/", registry.organisation_create, name="organisation-create"),
    # Alliances
    # Events, statements, calendar
    # Minutes and action items
    # Stakeholder import and registry export
]
