from django.urls import path  # noqa: F401 - each section adds its paths

app_name = "tracking"
urlpatterns: list = [  # type: ignore[type-arg]
    # Recommendations
    # Action plans, measures, indicators, measurements
    # Data maintenance templates
    # Dashboards
]
