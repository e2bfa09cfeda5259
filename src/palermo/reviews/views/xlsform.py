from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core import uploads
from palermo.core.exceptions import ConflictError
from palermo.core.http import acting_user, attachment
from palermo.reviews import permissions, xlsform
from palermo.reviews.selectors import reviews as review_selectors


@login_required
def xlsform_download(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    content, filename = xlsform.xlsform_export(actor=user, review=review)
    return attachment(content, xlsform.XLSX, filename)


@login_required
@require_POST
def xlsform_upload(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    if not permissions.can_manage_review(user, review):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        flash.error(request, _("Choose a file to import."))
        return redirect(review)
    try:
        content = uploads.read_upload(upload, max_bytes=uploads.import_max_bytes())
        result = xlsform.import_file(
            actor=user, review=review, content=content, filename=upload.name or ""
        )
    except ConflictError as error:
        flash.error(request, str(error))
    except ValidationError as error:
        flash.error(
            request, _("Nothing was imported: %(reason)s") % {"reason": " ".join(error.messages)}
        )
    else:
        flash.success(
            request,
            _("%(count)s %(kind)s were imported: %(items)s.")
            % {
                "count": len(result.changed),
                "kind": result.kind,
                "items": ", ".join(result.changed) or "—",
            },
        )
    return redirect(review)
