from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from palermo.core import notifications
from palermo.core.http import acting_user
from palermo.core.lists import paginate
from palermo.core.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if request.method == "POST":
        notifications.mark_read(user)
        return redirect("notification-list")
    page = paginate(request, Notification.objects.filter(user=user))
    return render(
        request,
        "core/notification_list.html",
        {"page_obj": page, "language": get_language() or "en", "page_query": "?"},
    )
