import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.instruments import importers
from palermo.instruments.models import Article, Law, Provision, ProvisionArticle, State
from palermo.instruments.services import legislation as legislation_services
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db
AMLA = '"Anti-Money Laundering Act, 2010",AMLA 2010,2010,Act,In force,3,Offence of money laundering'
GOOD_CSV = f"""Law,Short title,Year,Type,Status,Section,Heading,Text,Article,Note
{AMLA},Summary.,untoc:6,Main offence.
{AMLA},Summary.,untoc:7,
"Extradition Act, 1972",,1972,act,in_force,,The Act as a whole,,untoc:16,
"""
BAD_CSV = """law,year,type,section,heading,article
"Anti-Money Laundering Act, 2010",20x0,act,3,Offence,untoc:6
,2010,act,4,Penalty,untoc:6
"Extradition Act, 1972",1972,decree,,Whole,untoc:99
"""


def pakistan() -> State:
    return State.objects.get(iso3="PAK")


def focal_person(country: str = "PAK") -> User:
    return make_user(
        f"focal-{country}",
        Role.FOCAL_PERSON,
        organisation=make_organisation(f"Ministry {country}", country=country),
    )


def snapshot_counts() -> tuple[int, int, int, int]:
    return (
        Law.objects.count(),
        Provision.objects.count(),
        ProvisionArticle.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_focal_person_registers_a_law_a_provision_and_a_mapping_all_audited() -> None:
    user = focal_person()
    law = legislation_services.law_create(
        actor=user, state=pakistan(), title="Anti-Terrorism Act, 1997", year=1997
    )
    provision = legislation_services.provision_create(
        actor=user, law=law, section="6", heading="Terrorism"
    )
    legislation_services.mapping_add(
        actor=user,
        provision=provision,
        article=Article.objects.get(instrument__code="untoc", number=15),
    )

    types = list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("object_type", "action")
    )
    assert types == [
        ("instruments.law", "create"),
        ("instruments.provision", "create"),
        ("instruments.provisionarticle", "create"),
    ]


def test_a_focal_person_of_another_state_cannot_edit_pakistans_laws() -> None:
    with pytest.raises(PermissionDenied):
        legislation_services.law_create(actor=focal_person("TON"), state=pakistan(), title="X Act")

    assert not Law.objects.filter(title="X Act").exists()


def test_a_civil_society_member_cannot_register_laws() -> None:
    with pytest.raises(PermissionDenied):
        legislation_services.law_create(
            actor=make_user("member", Role.CS_MEMBER), state=pakistan(), title="X Act"
        )


def test_deleting_a_law_removes_its_provisions_and_mappings_and_is_audited(
    secretariat: User,
) -> None:
    law = legislation_services.law_create(actor=secretariat, state=pakistan(), title="Test Act")
    provision = legislation_services.provision_create(actor=secretariat, law=law, section="1")
    legislation_services.mapping_add(
        actor=secretariat,
        provision=provision,
        article=Article.objects.get(instrument__code="untoc", number=5),
    )

    legislation_services.law_delete(actor=secretariat, law=law)

    assert not Provision.objects.filter(law_id=law.pk).exists()
    assert AuditEvent.objects.filter(object_type="instruments.law", action="delete").count() == 1


def test_the_legislation_api_crud(client: Client) -> None:
    headers = bearer(focal_person())

    created = client.post(
        "/api/v1/legislation",
        data={"state": "PAK", "title": "Anti-Terrorism Act, 1997", "year": 1997},
        content_type="application/json",
        headers=headers,
    )
    law_id = created.json()["id"]
    provision = client.post(
        f"/api/v1/legislation/{law_id}/provisions",
        data={"section": "6"},
        content_type="application/json",
        headers=headers,
    )
    mapping = client.post(
        f"/api/v1/legislation/provisions/{provision.json()['id']}/mappings",
        data={"article": "untoc:15", "note": "Jurisdiction over terrorism offences."},
        content_type="application/json",
        headers=headers,
    )
    patched = client.patch(
        f"/api/v1/legislation/{law_id}",
        data={"status": "amended"},
        content_type="application/json",
        headers=headers,
    )
    public = client.get(f"/api/v1/legislation/{law_id}")

    assert created.status_code == 201
    assert mapping.status_code == 201
    assert patched.json()["status"] == "amended"
    assert public.status_code == 200
    assert public.json()["provisions"][0]["mappings"][0]["article"] == "untoc:15"
    duplicate = client.post(
        f"/api/v1/legislation/provisions/{provision.json()['id']}/mappings",
        data={"article": "untoc:15"},
        content_type="application/json",
        headers=headers,
    )
    assert duplicate.status_code == 409
    assert client.delete(f"/api/v1/legislation/{law_id}", headers=headers).status_code == 403


def test_importing_a_good_csv_previews_then_creates_everything(secretariat: User) -> None:
    plan = importers.plan_import(state=pakistan(), content=GOOD_CSV.encode(), filename="laws.csv")

    assert (
        plan.laws_to_create,
        plan.provisions_to_create,
        plan.mappings_to_create,
        plan.errors,
    ) == (2, 2, 3, 0)
    assert Law.objects.filter(state__iso3="PAK").count() == 0

    importers.commit_import(
        actor=secretariat, state=pakistan(), content=GOOD_CSV.encode(), filename="laws.csv"
    )

    amla = Law.objects.get(title="Anti-Money Laundering Act, 2010")
    assert amla.year == 2010
    assert amla.short_title == "AMLA 2010"
    assert sorted(m.article.code for m in ProvisionArticle.objects.filter(provision__law=amla)) == [
        "untoc:6",
        "untoc:7",
    ]
    assert AuditEvent.objects.filter(action="import", object_type="instruments.law").count() == 1


def test_a_second_import_of_the_same_file_skips_what_exists(secretariat: User) -> None:
    importers.commit_import(
        actor=secretariat, state=pakistan(), content=GOOD_CSV.encode(), filename="laws.csv"
    )

    plan = importers.plan_import(state=pakistan(), content=GOOD_CSV.encode(), filename="laws.csv")

    assert (
        plan.laws_to_create,
        plan.provisions_to_create,
        plan.mappings_to_create,
        plan.duplicates,
    ) == (0, 0, 0, 3)


def test_a_malformed_import_is_refused_with_row_reasons_and_changes_nothing(
    secretariat: User,
) -> None:
    before = snapshot_counts()

    plan = importers.plan_import(state=pakistan(), content=BAD_CSV.encode(), filename="bad.csv")
    with pytest.raises(ValidationError, match="3 rows with errors; nothing was imported"):
        importers.commit_import(
            actor=secretariat, state=pakistan(), content=BAD_CSV.encode(), filename="bad.csv"
        )

    errors = {row.number: row.errors for row in plan.rows}
    assert errors[2] == ["The year “20x0” is not a year between 1800 and 2100."]
    assert errors[3] == ["The law's title is missing."]
    assert errors[4] == [
        "Type “decree” is not one of: constitution, act, ordinance, code, regulation, other.",
        "There is no article “untoc:99” (write it like untoc:6).",
    ]
    assert snapshot_counts() == before


def test_an_xlsx_workbook_with_columns_in_any_order_imports(secretariat: User) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Article", "Section", "Law title", "Year"])
    sheet.append(["untoc:8", "9", "National Accountability Ordinance, 1999", 1999])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = importers.commit_import(
        actor=secretariat, state=pakistan(), content=buffer.getvalue(), filename="nao.xlsx"
    )

    assert plan.mappings_to_create == 1
    assert Law.objects.get(title="National Accountability Ordinance, 1999").year == 1999


def test_the_import_api_previews_and_refuses_a_bad_file(client: Client, secretariat: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/v1/legislation/import?state=PAK&dry_run=false",
        data={"file": SimpleUploadedFile("bad.csv", BAD_CSV.encode(), content_type="text/csv")},
        headers=bearer(secretariat),
    )

    assert response.status_code == 422
    assert response.json()["committed"] is False
    assert response.json()["errors"] == 3
    assert Law.objects.filter(state__iso3="PAK").count() == 0


def test_the_import_pages_preview_and_confirm(client: Client, secretariat: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat)
    preview = client.post(
        "/en/instruments/legislation/import/?state=PAK",
        {"file": SimpleUploadedFile("laws.csv", GOOD_CSV.encode(), content_type="text/csv")},
    )
    assert "Import all rows" in preview.content.decode()
    assert Law.objects.count() == 0

    done = client.post("/en/instruments/legislation/import/?state=PAK", {"confirm": "1"})

    assert "laws.csv was imported" in done.content.decode()
    assert Law.objects.filter(state__iso3="PAK").count() == 2


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=6), max_size=6))
def test_the_importer_only_ever_answers_with_a_plan_or_a_validation_error(
    cells: list[list[str]],
) -> None:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["law", "section", "article", "year"], *cells])
    try:
        plan = importers.plan_import(
            state=pakistan(), content=buffer.getvalue().encode(), filename="x.csv"
        )
    except ValidationError:
        return
    assert all(row.errors or row.actions or not row.article for row in plan.rows)


def test_a_law_uploaded_with_its_text_can_be_downloaded_and_the_download_is_audited(
    client: Client, secretariat: User, settings: object, tmp_path: object
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    client.force_login(secretariat)
    created = client.post(
        "/en/instruments/legislation/new/?state=PAK",
        {
            "title": "Anti-Terrorism Act, 1997",
            "kind": "act",
            "status": "in_force",
            "file": SimpleUploadedFile("ata.pdf", b"%PDF-1.4 text", content_type="application/pdf"),
        },
    )
    law = Law.objects.get(title="Anti-Terrorism Act, 1997")
    assert created.headers["location"] == f"/en/instruments/legislation/{law.pk}/"

    download = client.get(f"/en/instruments/legislation/{law.pk}/file/")

    assert b"".join(download.streaming_content) == b"%PDF-1.4 text"  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(action="download", object_type="instruments.law")
    assert event.actor == secretariat


def test_legislation_pages_render_for_anyone_but_editing_needs_the_role(client: Client) -> None:
    assert client.get("/en/instruments/legislation/?state=PAK").status_code == 200
    # Signed out, editing asks to sign in first, as every page that needs an account does.
    signed_out = client.get("/en/instruments/legislation/new/?state=PAK")
    assert signed_out.status_code == 302
    assert "/accounts/login/" in signed_out["Location"]
    client.force_login(make_user("member", Role.CS_MEMBER))
    assert client.get("/en/instruments/legislation/import/?state=PAK").status_code == 403
