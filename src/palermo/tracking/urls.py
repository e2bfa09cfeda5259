from django.urls import path  # noqa: F401 - each section adds its paths

from palermo.tracking.views import dashboards as dashboard_views
from palermo.tracking.views import datatemplates as datatemplate_views
from palermo.tracking.views import indicators as indicator_views
from palermo.tracking.views import plans as plan_views
from palermo.tracking.views import recommendations as recommendation_views

app_name = "tracking"
urlpatterns: list = [  # type: ignore[type-arg]
    # Recommendations
    path(
        "recommendations/",
        recommendation_views.recommendation_list,
        name="recommendation-list",
    ),
    path(
        "recommendations/board/",
        recommendation_views.recommendation_board,
        name="recommendation-board",
    ),
    path(
        "recommendations/counts/",
        recommendation_views.recommendation_counts,
        name="recommendation-counts",
    ),
    path(
        "recommendations/new/",
        recommendation_views.recommendation_create,
        name="recommendation-create",
    ),
    path(
        "recommendations/extract/",
        recommendation_views.recommendation_extract,
        name="recommendation-extract",
    ),
    path(
        "recommendations/<int:recommendation_id>/",
        recommendation_views.recommendation_detail,
        name="recommendation-detail",
    ),
    path(
        "recommendations/<int:recommendation_id>/edit/",
        recommendation_views.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "recommendations/<int:recommendation_id>/delete/",
        recommendation_views.recommendation_delete,
        name="recommendation-delete",
    ),
    path(
        "recommendations/<int:recommendation_id>/progress/",
        recommendation_views.recommendation_progress,
        name="recommendation-progress",
    ),
    path(
        "recommendations/evidence/<int:update_id>/",
        recommendation_views.recommendation_evidence,
        name="recommendation-evidence",
    ),
    # Action plans, measures, indicators, measurements
    path("plans/", plan_views.plan_list, name="plan-list"),
    path("plans/new/", plan_views.plan_create, name="plan-create"),
    path("plans/<int:plan_id>/", plan_views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_id>/edit/", plan_views.plan_edit, name="plan-edit"),
    path("plans/<int:plan_id>/delete/", plan_views.plan_delete, name="plan-delete"),
    path("plans/<int:plan_id>/measures/new/", plan_views.measure_create, name="measure-create"),
    path("measures/<int:measure_id>/edit/", plan_views.measure_edit, name="measure-edit"),
    path("measures/<int:measure_id>/delete/", plan_views.measure_delete, name="measure-delete"),
    path(
        "measures/<int:measure_id>/indicators/new/",
        indicator_views.indicator_create,
        name="indicator-create",
    ),
    path(
        "indicators/<int:indicator_id>/", indicator_views.indicator_detail, name="indicator-detail"
    ),
    path(
        "indicators/<int:indicator_id>/edit/",
        indicator_views.indicator_edit,
        name="indicator-edit",
    ),
    path(
        "indicators/<int:indicator_id>/delete/",
        indicator_views.indicator_delete,
        name="indicator-delete",
    ),
    path(
        "indicators/<int:indicator_id>/report/",
        indicator_views.measurement_report,
        name="measurement-report",
    ),
    path(
        "measurements/<int:measurement_id>/verify/",
        indicator_views.measurement_verify,
        name="measurement-verify",
    ),
    path(
        "measurements/<int:measurement_id>/return/",
        indicator_views.measurement_return,
        name="measurement-return",
    ),
    path(
        "measurements/<int:measurement_id>/history/",
        indicator_views.measurement_history,
        name="measurement-history",
    ),
    path("my-reporting/", indicator_views.my_reporting, name="my-reporting"),
    # Data maintenance templates
    path(
        "plans/<int:plan_id>/templates/",
        datatemplate_views.datatemplate,
        name="datatemplate",
    ),
    path(
        "plans/<int:plan_id>/templates/download/",
        datatemplate_views.datatemplate_download,
        name="datatemplate-download",
    ),
    path(
        "plans/<int:plan_id>/templates/upload/",
        datatemplate_views.datatemplate_upload,
        name="datatemplate-upload",
    ),
    # Dashboards
    path("dashboard/", dashboard_views.tracking_dashboard, name="dashboard"),
    path("plans/<int:plan_id>/dashboard/", dashboard_views.plan_dashboard, name="plan-dashboard"),
]
