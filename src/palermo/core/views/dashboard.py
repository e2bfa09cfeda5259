from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.core.dashboard import panels_for
from palermo.core.inbox import inbox_count, inbox_first, inbox_for
from palermo.core.pagecache import cached_page
from palermo.core.selectors import audit as audit_selectors

INBOX_FIRST = 5


@login_required
@cached_page
def dashboard(request: HttpRequest) -> HttpResponse:
    groups = inbox_for(request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": panels_for(request.user),
            "inbox_groups": groups,
            "inbox_total": inbox_count(groups),
            "inbox_first": inbox_first(groups, INBOX_FIRST),
            "recent_activity": audit_selectors.recent_activity(user=request.user),
        },
    )
