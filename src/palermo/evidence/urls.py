from django.urls import path

from palermo.evidence import views
from palermo.evidence.views import links as link_views
from palermo.evidence.views import profiles as profile_views

app_name = "evidence"

urlpatterns = [
    path("", views.dataset_list, name="dataset-list"),
    path("new/", views.dataset_create, name="dataset-create"),
    path("<int:dataset_id>/", views.dataset_detail, name="dataset-detail"),
    path("<int:dataset_id>/edit/", views.dataset_edit, name="dataset-edit"),
    path("<int:dataset_id>/import/", views.dataset_import, name="dataset-import"),
    path("<int:dataset_id>/statistics/", views.dataset_statistics, name="dataset-statistics"),
    path(
        "<int:dataset_id>/versions/<int:number>/records/",
        views.version_records,
        name="version-records",
    ),
    path(
        "<int:dataset_id>/versions/<int:number>/export/",
        views.version_export,
        name="version-export",
    ),
    path("<int:dataset_id>/releases/", views.release_prepare, name="release-prepare"),
    path("releases/<int:release_id>/", views.release_detail, name="release-detail"),
    path("<int:dataset_id>/feeds/", views.feed_create, name="feed-create"),
    path("<int:dataset_id>/feeds/<int:feed_id>/remove/", views.feed_delete, name="feed-delete"),
    path("<int:dataset_id>/profile/", profile_views.oc_profile, name="oc-profile"),
    path("links/new/", link_views.link_create, name="link-create"),
    path("links/<int:link_id>/remove/", link_views.link_delete, name="link-delete"),
    path("<int:dataset_id>/access/", views.grant_create, name="grant-create"),
    path(
        "<int:dataset_id>/access/<int:grant_id>/remove/",
        views.grant_delete,
        name="grant-delete",
    ),
]
