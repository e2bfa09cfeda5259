from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.core.audit import export_record
from palermo.core.models import User
from palermo.instruments import exporters
from palermo.instruments.models import Cluster, State
from palermo.instruments.selectors import coverage as coverage_selectors
from palermo.instruments.views.common import user_state


def coverage(request: HttpRequest) -> HttpResponse:
    state = user_state(request)
    cluster_number = request.GET.get("cluster", "")
    cluster = (
        Cluster.objects.filter(number=cluster_number).first() if cluster_number.isdigit() else None
    )
    if state is None:
        return render(
            request,
            "instruments/coverage.html",
            {"state": None, "states": State.objects.all()},
        )
    matrix = coverage_selectors.coverage_matrix(state, cluster=cluster)
    if request.GET.get("format") == "xlsx":
        content = exporters.coverage_xlsx(matrix)
        export_record(
            actor=request.user if isinstance(request.user, User) else None,
            what=f"Coverage matrix of {state.iso3}"
            + (f", cluster {cluster.number}" if cluster else ""),
            fmt="xlsx",
            count=sum(len(group.rows) for group in matrix.groups),
            object_type="instruments.coverage",
        )
        response = HttpResponse(content, content_type=exporters.XLSX)
        response["Content-Disposition"] = f'attachment; filename="coverage-{state.iso3}.xlsx"'
        return response
    return render(
        request,
        "instruments/coverage.html",
        {
            "state": state,
            "matrix": matrix,
            "totals": matrix.cluster_totals(),
            "cluster": cluster,
            "clusters": Cluster.objects.all(),
            "states": State.objects.all(),
        },
    )
