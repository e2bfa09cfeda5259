from django.urls import path

from palermo.networks.views import analyses, collections, entities, graph, imports, resolution

app_name = "networks"

urlpatterns = [
    path("", collections.collection_list, name="collection-list"),
    path("new/", collections.collection_create, name="collection-create"),
    path("<int:collection_id>/", collections.collection_detail, name="collection-detail"),
    path("<int:collection_id>/edit/", collections.collection_edit, name="collection-edit"),
    path("<int:collection_id>/delete/", collections.collection_delete, name="collection-delete"),
    path("<int:collection_id>/access/", collections.grant_create, name="grant-create"),
    path(
        "<int:collection_id>/access/<int:grant_id>/remove/",
        collections.grant_delete,
        name="grant-delete",
    ),
    path("<int:collection_id>/import/", imports.collection_import, name="collection-import"),
    path("<int:collection_id>/entities/", entities.entity_list, name="entity-list"),
    path(
        "<int:collection_id>/entities/<str:entity_id>/",
        entities.entity_detail,
        name="entity-detail",
    ),
    path("<int:collection_id>/export/", entities.collection_export, name="collection-export"),
    path("<int:collection_id>/duplicates/", resolution.duplicates, name="resolution-duplicates"),
    path("<int:collection_id>/duplicates/decide/", resolution.decide, name="resolution-decide"),
    path("<int:collection_id>/decisions/", resolution.decisions, name="resolution-decisions"),
    path(
        "<int:collection_id>/decisions/<int:judgement_id>/undo/",
        resolution.undo,
        name="resolution-undo",
    ),
    path("<int:collection_id>/analyses/", analyses.analysis_list, name="analysis-list"),
    path(
        "<int:collection_id>/analyses/<int:run_id>/",
        analyses.analysis_detail,
        name="analysis-detail",
    ),
    path("<int:collection_id>/graph/", graph.graph_page, name="graph"),
    path("<int:collection_id>/graph/elements.json", graph.graph_elements, name="graph-elements"),
    path(
        "<int:collection_id>/graph/neighbours.json",
        graph.graph_neighbours,
        name="graph-neighbours",
    ),
    path("<int:collection_id>/graph/path.json", graph.graph_path, name="graph-path"),
    path("<int:collection_id>/graph/export/", graph.graph_export, name="graph-export"),
]
