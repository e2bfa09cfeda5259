"""The questionnaire as an XLSForm, out and back in."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema, UploadedFile

from palermo.core import uploads
from palermo.core.http import acting_user, attachment
from palermo.reviews import permissions, xlsform
from palermo.reviews.api.common import (
    review_of,
)

router = Router(tags=["reviews: xlsform"])


class ImportResultOut(Schema):
    kind: str
    changed: list[str]


@router.get("/reviews/{review_id}/xlsform", response={200: None})
def get_xlsform(request: HttpRequest, review_id: int) -> HttpResponse:
    """The questionnaire as an XLSForm workbook."""
    review = review_of(request, review_id)
    content, filename = xlsform.xlsform_export(actor=acting_user(request), review=review)
    return attachment(content, xlsform.XLSX, filename)


@router.post("/reviews/{review_id}/xlsform", response=ImportResultOut)
def post_xlsform(request: HttpRequest, review_id: int, file: File[UploadedFile]) -> Any:
    """Import a filled questionnaire (answers) or an edited XLSForm (question texts)."""
    user = acting_user(request)
    review = review_of(request, review_id)
    if not permissions.can_manage_review(user, review):
        raise PermissionDenied
    return xlsform.import_file(
        actor=user,
        review=review,
        content=uploads.read_upload(file, max_bytes=uploads.import_max_bytes()),
        filename=file.name or "",
    )
