"""The one pagination every API list uses: `limit` and `offset`, both bounded (422 beyond)."""

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """Limit-offset pages whose bounds are documented in the schema and enforced on input."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=settings.PALERMO_API_MAX_OFFSET)
