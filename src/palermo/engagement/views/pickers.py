"""Type-ahead answers for the pickers: people and organisations the reader may see, by name."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse

from palermo.core.http import acting_user
from palermo.core.widgets import PICKER_LIMIT, picker_results
from palermo.engagement.selectors import registry as registry_selectors


def _query(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:100]


@login_required
def people(request: HttpRequest) -> JsonResponse:
    """People whose name (or organisation's name) holds the query, first PICKER_LIMIT by name."""
    query = _query(request)
    if not query:
        return JsonResponse(picker_results([]))
    found = registry_selectors.person_list(user=acting_user(request), search=query).order_by(
        "name", "pk"
    )
    return JsonResponse(picker_results((person.pk, person.name) for person in found[:PICKER_LIMIT]))


@login_required
def organisations(request: HttpRequest) -> JsonResponse:
    """Organisations whose name holds the query (or whose acronym it is), first by name."""
    query = _query(request)
    if not query:
        return JsonResponse(picker_results([]))
    found = registry_selectors.organisation_list(user=acting_user(request), search=query).order_by(
        "name", "pk"
    )
    return JsonResponse(
        picker_results(
            (organisation.pk, organisation.name) for organisation in found[:PICKER_LIMIT]
        )
    )
