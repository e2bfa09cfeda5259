from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.core.selectors import search as search_selectors

KIND_LABELS = {
    "article": _("Article"),
    "law": _("Law"),
    "provision": _("Provision"),
    "organisation": _("Organisation"),
    "person": _("Person"),
    "event": _("Event"),
    "report": _("Published report"),
    "dataset": _("Dataset"),
    "collection": _("Network collection"),
}


def search_page(request: HttpRequest) -> HttpResponse:
    """Search across what the user may see; reference records are public."""
    query = request.GET.get("q", "").strip()[:200]
    hits = search_selectors.search_hits(user=request.user, query=query) if query else []
    language = get_language() or "en"
    results = [
        {"hit": hit, "kind": KIND_LABELS.get(hit.kind, hit.kind), "url": f"/{language}{hit.path}"}
        for hit in hits
    ]
    return render(request, "core/search.html", {"query": query, "results": results})
