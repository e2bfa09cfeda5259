"""Background tasks of the reports app (django-tasks; see TASKS in settings)."""

from django_tasks import task

from palermo.reports.services import report_generate


@task()
def report_generate_task(report_id: int) -> str:
    """Generate one requested report; returns its final status."""
    report = report_generate(report_id=report_id)
    return "" if report is None else report.status
