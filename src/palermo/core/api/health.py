"""Whether the service and its database answer."""

from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema, Status

router = Router()


class HealthOut(Schema):
    status: str
    database: str


@router.get("/health", auth=None, response={200: HealthOut, 503: HealthOut})
def health(request: HttpRequest) -> Status[dict[str, str]]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ok"
        return Status(503, {"status": "error", "database": "error"})
    return Status(200, {"status": "ok", "database": "ok"})
