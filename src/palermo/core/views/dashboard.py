from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.core import selectors
from palermo.core.dashboard import panels_for


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": panels_for(request.user),
            "recent_activity": selectors.recent_activity(user=request.user),
        },
    )
