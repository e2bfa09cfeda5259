from django.urls import path

from palermo.evidence.views import datasets, feeds, imports, releases, statistics
from palermo.evidence.views import links as link_views
from palermo.evidence.views import profiles as profile_views

app_name = "evidence"

urlpatterns = [
    path("", datasets.dataset_list, name="dataset-list"),
    path("new/", datasets.dataset_create, name="dataset-create"),
    path("<int:dataset_id>/", datasets.dataset_detail, name="dataset-detail"),
    path("<int:dataset_id>/edit/", datasets.dataset_edit, name="dataset-edit"),
    path("<int:dataset_id>/import/", imports.dataset_import, name="dataset-import"),
    path("<int:dataset_id>/statistics/", statistics.dataset_statistics, name="dataset-statistics"),
    path(
        "<int:dataset_id>/versions/<int:number>/records/",
        imports.version_records,
        name="version-records",
    ),
    path(
        "<int:dataset_id>/versions/<int:number>/export/",
        imports.version_export,
        name="version-export",
    ),
    path("<int:dataset_id>/releases/", releases.release_prepare, name="release-prepare"),
    path("releases/<int:release_id>/", releases.release_detail, name="release-detail"),
    path("<int:dataset_id>/feeds/", feeds.feed_create, name="feed-create"),
    path("<int:dataset_id>/feeds/<int:feed_id>/remove/", feeds.feed_delete, name="feed-delete"),
    path("<int:dataset_id>/profile/", profile_views.oc_profile, name="oc-profile"),
    path("links/new/", link_views.link_create, name="link-create"),
    path("links/<int:link_id>/remove/", link_views.link_delete, name="link-delete"),
    path("<int:dataset_id>/access/", datasets.grant_create, name="grant-create"),
    path(
        "<int:dataset_id>/access/<int:grant_id>/remove/",
        datasets.grant_delete,
        name="grant-delete",
    ),
]
