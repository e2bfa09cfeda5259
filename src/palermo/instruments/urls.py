from django.urls import path

from palermo.instruments.views import coverage, legislation, reference, states

app_name = "instruments"
urlpatterns = [
    path("", reference.instrument_list, name="instrument-list"),
    path("clusters/", reference.cluster_list, name="cluster-list"),
    path("clusters/<int:number>/", reference.cluster_detail, name="cluster-detail"),
    path("states/", states.state_list, name="state-list"),
    path("states/<str:iso3>/", states.state_detail, name="state-detail"),
    path("legislation/", legislation.law_list, name="law-list"),
    path("legislation/new/", legislation.law_create, name="law-create"),
    path("legislation/import/", legislation.law_import, name="law-import"),
    path("legislation/<int:law_id>/", legislation.law_detail, name="law-detail"),
    path("legislation/<int:law_id>/edit/", legislation.law_edit, name="law-edit"),
    path("legislation/<int:law_id>/file/", legislation.law_file, name="law-file"),
    path("legislation/<int:law_id>/delete/", legislation.law_delete, name="law-delete"),
    path(
        "legislation/mappings/<int:mapping_id>/delete/",
        legislation.mapping_delete,
        name="mapping-delete",
    ),
    path(
        "legislation/provisions/<int:provision_id>/delete/",
        legislation.provision_delete,
        name="provision-delete",
    ),
    path("coverage/", coverage.coverage, name="coverage"),
    path("<slug:code>/", reference.instrument_detail, name="instrument-detail"),
    path("<slug:code>/<int:number>/", reference.article_detail, name="article-detail"),
]
