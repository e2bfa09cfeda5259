from django.urls import path

from palermo.reports.views import reports as views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("new/<slug:kind>/", views.report_new, name="report-new"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/status/", views.report_status, name="report-status"),
    path("<int:pk>/download/", views.report_download, name="report-download"),
    path("<int:pk>/view/", views.report_view, name="report-view"),
    path("<int:pk>/retry/", views.report_retry, name="report-retry"),
    path("<int:pk>/publish/", views.report_publish, name="report-publish"),
]
