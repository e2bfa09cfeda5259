"""Pages of recommendations: list, board, counts, detail, forms, progress and extraction."""

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.services import events as event_services
from palermo.tracking.models import Recommendation, RecommendationUpdate, Theme
from palermo.tracking.services import plans as plan_services
from palermo.tracking.services import recommendations as services
from tests.factories import make_event, make_organisation, make_plan, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def fia() -> Organisation:
    return make_organisation("Federal Investigation Agency")


@pytest.fixture
def coordinator() -> User:
    alliance = make_organisation("Alliance", kind=Organisation.Kind.CIVIL_SOCIETY)
    return make_user("coordinator", Role.CS_COORDINATOR, organisation=alliance)


@pytest.fixture
def client_for(coordinator: User) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def statement() -> Statement:
    return event_services.statement_create(
        actor=None,
        event=make_event(),
        organisation=make_organisation(kind=Organisation.Kind.CIVIL_SOCIETY),
        title="Written statement on Trafficking in Persons",
        delivered_on=datetime.date(2024, 7, 10),
        language="en",
        text="Six points.",
    )


def recommend(text: str, theme: str = "", country: str = "PAK", **fields: Any) -> Recommendation:
    return services.recommendation_create(
        actor=None,
        text=text,
        source=Recommendation.Source.REPORT,
        source_title="Civil Society Alliance: 6-point agenda",
        issued_on=fields.pop("issued_on", datetime.date(2022, 9, 15)),
        country=country,
        themes=Theme.objects.filter(code=theme),
        **fields,
    )


def progress(recommendation: Recommendation, status: str, day: str = "2024-05-01") -> None:
    services.recommendation_update_add(
        actor=None,
        recommendation=recommendation,
        reported_on=datetime.date.fromisoformat(day),
        status=status,
        narrative="Reported.",
    )


def test_the_list_filters_sorts_counts_and_shows_status_labels(client_for: Client) -> None:
    marking = recommend("Mark every firearm.", "firearms", reference="FA-1")
    records = recommend("Keep records of firearms.", "firearms", reference="FA-2")
    recommend("Protect victims.", "victims-and-witnesses", reference="AG-4")
    recommend("Elsewhere.", "firearms", country="IND")
    progress(marking, "implemented")
    progress(records, "not_accepted")
    url = reverse("tracking:recommendation-list")

    everything = client_for.get(url)
    firearms = client_for.get(url, {"theme": "firearms", "sort": "-reference"})
    implemented = client_for.get(url, {"status": "implemented"})

    assert everything.context["count"] == 3
    assert firearms.context["count"] == 2
    assert [r.reference for r in firearms.context["object_list"]] == ["FA-2", "FA-1"]
    assert [r.reference for r in implemented.context["object_list"]] == ["FA-1"]
    html = without_isolates(everything.content.decode())
    assert "3 recommendations" in html
    assert '<span class="badge text-bg-success">Implemented</span>' in html
    assert '<span class="badge text-bg-danger">Not accepted</span>' in html
    assert "Elsewhere" not in html


def test_the_list_exports_every_filtered_row_as_csv_and_xlsx(client_for: Client) -> None:
    recommend("Mark every firearm.", "firearms", reference="FA-1")
    recommend("Protect victims.", "victims-and-witnesses", reference="AG-4")
    url = reverse("tracking:recommendation-list")

    response = client_for.get(url, {"theme": "firearms", "format": "csv"})
    xlsx = client_for.get(url, {"format": "xlsx"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Title", "Text"]
    assert [row[0] for row in rows[1:]] == ["FA-1"]
    assert rows[1][8] == "Firearms"
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_board_groups_by_status_with_links(client_for: Client) -> None:
    done = recommend("Mark every firearm.", "firearms", reference="FA-1")
    recommend("Protect victims.", reference="AG-4")
    progress(done, "implemented")

    response = client_for.get(reverse("tracking:recommendation-board"))

    columns = response.context["columns"]
    assert [c.status for c in columns] == [
        "not_started",
        "in_progress",
        "partly_implemented",
        "implemented",
        "not_accepted",
    ]
    assert [r.reference for r in columns[0].recommendations] == ["AG-4"]
    assert [r.reference for r in columns[3].recommendations] == ["FA-1"]
    assert f'href="{done.get_absolute_url()}"' in without_isolates(response.content.decode())


def test_the_counts_page_breaks_themes_and_bodies_down_by_status(
    client_for: Client, fia: Organisation
) -> None:
    marking = recommend("Mark every firearm.", "firearms", responsible_bodies=[fia])
    recommend("Keep records of firearms.", "firearms", responsible_bodies=[fia])
    recommend("Protect victims.")
    progress(marking, "in_progress")

    response = client_for.get(reverse("tracking:recommendation-counts"))

    by_theme = {row.label: (row.total, row.cells) for row in response.context["by_theme"]}
    by_body = {row.label: (row.total, row.cells) for row in response.context["by_body"]}
    assert by_theme["Firearms"] == (2, [1, 1, 0, 0, 0])
    assert by_theme[""] == (1, [1, 0, 0, 0, 0])
    assert by_body["Federal Investigation Agency"] == (2, [1, 1, 0, 0, 0])
    assert "No theme" in without_isolates(response.content.decode())


def test_a_coordinator_adds_a_recommendation_from_a_statement(
    client_for: Client, statement: Statement, fia: Organisation
) -> None:
    response = client_for.post(
        reverse("tracking:recommendation-create"),
        {
            "reference": "TIP-1",
            "text": "Strengthen the national database on TIP.",
            "source": "statement",
            "statement": statement.pk,
            "issued_on": "2024-07-10",
            "priority": "high",
            "themes": [Theme.objects.get(code="data-and-research").pk],
            "responsible_bodies": [fia.pk],
        },
    )

    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == recommendation.get_absolute_url()
    assert recommendation.statement == statement
    assert recommendation.priority == "high"
    assert list(recommendation.responsible_bodies.all()) == [fia]


def test_a_mismatched_source_is_shown_next_to_the_form(
    client_for: Client, statement: Statement
) -> None:
    response = client_for.post(
        reverse("tracking:recommendation-create"),
        {
            "text": "Text.",
            "source": "report",
            "source_title": "",
            "issued_on": "2024-07-10",
            "priority": "medium",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["source_title"]
    assert Recommendation.objects.count() == 0


def test_people_without_the_right_get_403_and_other_states_404(client_for: Client) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation())
    client = Client()
    client.force_login(member)
    mine = recommend("Protect victims.")
    theirs = recommend("Elsewhere.", country="IND")

    assert client.get(reverse("tracking:recommendation-create")).status_code == 403
    assert client.get(reverse("tracking:recommendation-edit", args=[mine.pk])).status_code == 403
    assert client.post(reverse("tracking:recommendation-delete", args=[mine.pk])).status_code == 403
    assert client_for.get(theirs.get_absolute_url()).status_code == 404
    assert Recommendation.objects.count() == 2


def test_the_detail_page_has_its_tabs_and_history(client_for: Client, coordinator: User) -> None:
    recommendation = recommend("Protect victims.", reference="AG-4")
    services.recommendation_update(
        actor=coordinator, recommendation=recommendation, title="Protect victims and witnesses"
    )

    html = without_isolates(client_for.get(recommendation.get_absolute_url()).content.decode())

    for tab in ("pane-details", "pane-progress", "pane-measures", "pane-history"):
        assert f'id="{tab}"' in html
    assert "Not started" in html
    assert "title: Protect victims → Protect victims and witnesses" in html


def test_editing_saves_the_changes(client_for: Client) -> None:
    recommendation = recommend("Protect victims.", reference="AG-4")

    response = client_for.post(
        reverse("tracking:recommendation-edit", args=[recommendation.pk]),
        {
            "reference": "AG-4",
            "title": "Protect victims and witnesses",
            "text": "Protect victims and witnesses in every province.",
            "source": "report",
            "source_title": "Civil Society Alliance: 6-point agenda",
            "issued_on": "2022-09-15",
            "priority": "low",
        },
    )

    recommendation.refresh_from_db()
    assert response.status_code == 302
    assert recommendation.title == "Protect victims and witnesses"
    assert recommendation.priority == "low"


def test_progress_with_evidence_is_added_and_the_file_served_to_readers_only(
    client_for: Client,
) -> None:
    recommendation = recommend("Protect victims.")

    response = client_for.post(
        reverse("tracking:recommendation-progress", args=[recommendation.pk]),
        {
            "reported_on": "2024-05-01",
            "status": "partly_implemented",
            "narrative": "Shelters opened in two provinces.",
            "evidence_file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report"),
        },
    )

    update = RecommendationUpdate.objects.get()
    recommendation.refresh_from_db()
    assert response.status_code == 302
    assert recommendation.status == "partly_implemented"
    evidence = reverse("tracking:recommendation-evidence", args=[update.pk])
    assert evidence in without_isolates(
        client_for.get(recommendation.get_absolute_url()).content.decode()
    )
    download = client_for.get(evidence)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 report"  # type: ignore[attr-defined]
    outsider = Client()
    outsider.force_login(make_user("tongan", organisation=make_organisation(country="TON")))
    assert outsider.get(evidence).status_code == 404


def test_an_invalid_progress_update_reopens_the_progress_tab(client_for: Client) -> None:
    recommendation = recommend("Protect victims.")

    response = client_for.post(
        reverse("tracking:recommendation-progress", args=[recommendation.pk]),
        {"reported_on": "2999-01-01", "status": "implemented", "narrative": "Done."},
    )

    assert response.status_code == 200
    assert response.context["active_tab"] == "progress"
    assert RecommendationUpdate.objects.count() == 0


def test_deleting_asks_first_and_refuses_while_a_measure_links_it(client_for: Client) -> None:
    linked = recommend("Threat assessment.")
    plan = make_plan()
    plan_services.measure_create(
        actor=None, plan=plan, title="Threat assessment", lead=plan.owner, recommendations=[linked]
    )
    free = recommend("Protect victims.")

    confirm = client_for.get(reverse("tracking:recommendation-delete", args=[free.pk]))
    refused = client_for.post(reverse("tracking:recommendation-delete", args=[linked.pk]))
    deleted = client_for.post(reverse("tracking:recommendation-delete", args=[free.pk]))

    assert "This cannot be undone" in without_isolates(confirm.content.decode())
    assert refused.status_code == 302
    assert Recommendation.objects.filter(pk=linked.pk).exists()
    assert deleted["Location"] == reverse("tracking:recommendation-list")
    assert not Recommendation.objects.filter(pk=free.pk).exists()


def test_extracting_previews_then_creates(client_for: Client, statement: Statement) -> None:
    url = reverse("tracking:recommendation-extract") + f"?statement={statement.pk}"
    data = {
        "texts": "1. Strengthen the national database on TIP.\n2. Protect victims.\n",
        "reference_prefix": "TIP",
        "priority": "medium",
    }

    form = client_for.get(url)
    preview = client_for.post(url, {**data, "action": "preview"})
    assert Recommendation.objects.count() == 0
    created = client_for.post(url, {**data, "action": "create"})

    assert form.context["form"].initial["reference_prefix"] == "TIP"
    assert preview.context["preview"] == [
        ("TIP-1", "Strengthen the national database on TIP."),
        ("TIP-2", "Protect victims."),
    ]
    assert created.status_code == 302
    assert created["Location"].endswith(f"?statement={statement.pk}")
    assert sorted(Recommendation.objects.values_list("reference", flat=True)) == ["TIP-1", "TIP-2"]


def test_extracting_needs_a_visible_statement_and_the_right(statement: Statement) -> None:
    member = Client()
    member.force_login(make_user("member", Role.CS_MEMBER, organisation=make_organisation()))
    url = reverse("tracking:recommendation-extract")

    assert member.get(url, {"statement": statement.pk}).status_code == 403
    assert Recommendation.objects.count() == 0
