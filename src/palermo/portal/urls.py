from django.urls import path

from palermo.portal.views import reports, statistics, tracking

app_name = "portal"
urlpatterns = [
    path("", reports.portal_home, name="home"),
    path("reports/<int:pk>/", reports.portal_report, name="report"),
    path("reports/<int:pk>/download/", reports.portal_download, name="download"),
    path("statistics/", statistics.portal_statistics, name="statistics"),
    path("statistics/<int:pk>/", statistics.portal_release, name="release"),
    path("recommendations/", tracking.portal_recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", tracking.portal_recommendation, name="recommendation"),
    path("plans/", tracking.portal_plans, name="plans"),
    path("plans/<int:pk>/", tracking.portal_plan, name="plan"),
]
