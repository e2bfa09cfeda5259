from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from palermo.core.inbox import inbox_count, inbox_for


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    groups = inbox_for(request.user)
    return render(request, "core/inbox.html", {"groups": groups, "total": inbox_count(groups)})


@login_required
@require_GET
def inbox_badge(request: HttpRequest) -> HttpResponse:
    """The sidebar's count, loaded after the page so other pages do not pay for it."""
    return render(request, "core/inbox_badge.html", {"total": inbox_count(inbox_for(request.user))})
