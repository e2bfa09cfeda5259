from django.urls import path

from palermo.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("reports/<int:pk>/", views.portal_report, name="report"),
    path("reports/<int:pk>/download/", views.portal_download, name="download"),
    path("statistics/", views.portal_statistics, name="statistics"),
    path("statistics/<int:pk>/", views.portal_release, name="release"),
    path("recommendations/", views.portal_recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", views.portal_recommendation, name="recommendation"),
    path("plans/", views.portal_plans, name="plans"),
    path("plans/<int:pk>/", views.portal_plan, name="plan"),
]
