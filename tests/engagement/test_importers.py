"""Stakeholder import: mapping, duplicates, phones, errors, all-or-nothing."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement import importers
from palermo.engagement.models import Organisation, Person
from tests.engagement.stakeholder_workbook import (
    existing_registry,
    stakeholder_csv,
    stakeholder_workbook,
)
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


def registry_counts() -> tuple[int, int, int]:
    return (
        Organisation.objects.count(),
        Person.objects.count(),
        AuditEvent.objects.filter(action="import").count(),
    )


def csv_file(*rows: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def test_the_header_names_people_use_are_mapped_to_fields(secretariat: User) -> None:
    existing_registry()

    plan = importers.plan_import(
        actor=secretariat, content=stakeholder_workbook(), filename="stakeholders.xlsx"
    )

    assert plan.mapping == {
        "e_mail_address": "email",
        "mobile": "phone",
        "last_name": "last_name",
        "sector_theme": "sector",
        "name_of_organisation": "organisation",
        "first_name": "first_name",
        "designation": "title",
        "district": "city",
        "province": "region",
        "org_type": "kind",
        "acronym": "acronym",
        "notes": "ignore",
    }
    assert [importers.guess_field(h) for h in ("Org", "Organization", "Contact person")] == [
        "organisation",
        "organisation",
        "name",
    ]
    assert [importers.guess_field(h) for h in ("Cell", "Email address", "Remarks")] == [
        "phone",
        "email",
        "ignore",
    ]


def test_the_preview_of_the_messy_workbook_shows_duplicates_and_errors_and_writes_nothing(
    secretariat: User,
) -> None:
    existing_registry()
    before = registry_counts()

    plan = importers.plan_import(
        actor=secretariat, content=stakeholder_workbook(), filename="stakeholders.xlsx"
    )

    assert len(plan.rows) == 30
    assert 9 not in {row.number for row in plan.rows}
    assert {row.number: row.errors for row in plan.rows if row.errors} == {
        7: ["“12345” is not a valid phone number."],
        8: ["“gul(at)example.org” is not a valid e-mail address."],
        18: [
            "The kind “Spaceship” is not one of: Government, Civil society, Academia, "
            "Private sector, International organisation, Media, Law firm, Professional body, "
            "Other."
        ],
        20: ["The row has neither an organisation nor a person's name."],
    }
    assert {
        row.number: (row.match_label, row.match_row, row.score)
        for row in plan.rows
        if row.duplicate
    } == {3: ("Pakistan Bar Council", 2, 100), 4: ("Federal Investigation Agency", None, 100)}
    assert {
        row.number: (row.person_action, row.person_match, row.person_match_row)
        for row in plan.rows
        if row.person_action in {"exists", "same_as_row"}
    } == {
        21: ("same_as_row", "Ayla Example", 2),  # the same phone, written another way
        22: ("same_as_row", "Ayla Example", 2),  # a typo in the name, same organisation
        23: ("exists", "Zeeshan Existing", None),  # the same e-mail, in capitals
    }
    assert (
        plan.organisations_to_create,
        plan.organisations_matched,
        plan.people_to_create,
        plan.errors,
        plan.can_commit,
    ) == (11, 2, 24, 4, False)
    assert registry_counts() == before


def test_the_corrected_workbook_creates_everything_with_duplicates_merged(
    secretariat: User,
) -> None:
    fia, society, _zeeshan = existing_registry()
    organisations, people, imports = registry_counts()

    result = importers.commit_import(
        actor=secretariat, content=stakeholder_workbook(fixed=True), filename="stakeholders.xlsx"
    )

    assert (
        result.organisations_created,
        result.organisations_matched,
        result.people_created,
        result.people_skipped,
    ) == (11, 2, 25, 3)
    assert registry_counts() == (organisations + 11, people + 25, imports + 1)
    bar = Organisation.objects.get(name="Pakistan Bar Council")
    assert (bar.acronym, bar.kind, bar.city, bar.region, bar.country) == (
        "PBC",
        "professional_body",
        "Islamabad",
        "ICT",
        "PAK",
    )
    assert sorted(theme.name for theme in bar.themes.all()) == ["Human rights", "Legal aid"]
    assert sorted(bar.people.values_list("name", flat=True)) == ["Ayla Example", "Bilal Sample"]
    assert not Organisation.objects.filter(name="Pak Bar Council").exists()
    assert list(fia.people.values_list("name", flat=True)) == ["Chanda Dummy"]
    assert sorted(society.people.values_list("name", flat=True)) == [
        "Danish Mockname",
        "Erum Fakename",
        "Zeeshan Existing",
    ]
    phones = dict(Person.objects.values_list("name", "phone"))
    assert {name: phones[name] for name in ("Ayla Example", "Bilal Sample", "Chanda Dummy")} == {
        "Ayla Example": "+923001234567",
        "Bilal Sample": "+923002345678",
        "Chanda Dummy": "+923213456789",
    }
    assert (phones["Danish Mockname"], phones["Erum Fakename"], phones["Farhan Placeholder"]) == (
        "+92519201234",
        "+923004567890",
        "+923007654321",
    )
    clinic = Organisation.objects.get(name="Northern Legal Clinic Example")
    assert clinic.kind == Organisation.Kind.CIVIL_SOCIETY  # no kind given: the default
    assert Organisation.objects.get(name="Sample Law Associates").kind == "law_firm"
    qasim = Person.objects.get(name="Qasim Freelance")
    assert (qasim.organisation, qasim.country, qasim.title) == (
        None,
        "PAK",
        "Independent consultant",
    )
    assert Person.objects.get(name="Gul Testcase").email == "gul@example.org"


def test_ticking_create_as_new_keeps_a_likely_duplicate_apart(secretariat: User) -> None:
    existing_registry()

    plan = importers.plan_import(
        actor=secretariat,
        content=stakeholder_workbook(fixed=True),
        filename="stakeholders.xlsx",
        new_organisation_rows=[3],
    )
    importers.commit_import(
        actor=secretariat,
        content=stakeholder_workbook(fixed=True),
        filename="stakeholders.xlsx",
        new_organisation_rows=[3],
    )

    row = next(row for row in plan.rows if row.number == 3)
    assert (row.duplicate, row.create_new, row.organisation_action) == (True, True, "create")
    assert plan.organisations_to_create == 12
    pak_bar = Organisation.objects.get(name="Pak Bar Council")
    assert list(pak_bar.people.values_list("name", flat=True)) == ["Bilal Sample"]


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(secretariat: User) -> None:
    before = registry_counts()
    content = csv_file(
        ["Organisation", "Contact person", "Phone"],
        ["Riverbank Youth Network", "Hina Specimen", "0345-6667788"],
        ["Crescent Media Watch", "Javeria Sampleton", "0300"],
    )

    with pytest.raises(ValidationError) as refused:
        importers.commit_import(actor=secretariat, content=content, filename="list.csv")

    assert refused.value.messages == [
        "Rows with errors: 1. Nothing was imported.",
        "Row 3: “0300” is not a valid phone number.",
    ]
    assert registry_counts() == before


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"not a zip", "list.xlsx", "The file is not a readable XLSX workbook."),
        (b"", "list.csv", "The file is empty."),
        (
            b"Organisation,Phone\n",
            "list.csv",
            "The file has a header row but no stakeholders; fill in at least one row.",
        ),
        (b"Organisation\nX\n", "list.pdf", "Upload a .csv or .xlsx file."),
    ],
)
def test_an_unreadable_file_is_refused_with_a_clear_error_and_changes_nothing(
    secretariat: User, content: bytes, filename: str, message: str
) -> None:
    before = registry_counts()

    with pytest.raises(ValidationError) as previewed:
        importers.plan_import(actor=secretariat, content=content, filename=filename)
    with pytest.raises(ValidationError) as committed:
        importers.commit_import(actor=secretariat, content=content, filename=filename)

    assert previewed.value.messages == [message]
    assert committed.value.messages == [message]
    assert registry_counts() == before


def test_files_over_the_limits_are_refused(secretariat: User) -> None:
    many = csv_file(["Organisation"], *([f"Organisation number {n}"] for n in range(2_001)))
    huge = b"Organisation\n" + b"x" * (10 * 1024 * 1024)

    with pytest.raises(ValidationError, match="more than 2,000 rows"):
        importers.plan_import(actor=secretariat, content=many, filename="many.csv")
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        importers.plan_import(actor=secretariat, content=huge, filename="huge.csv")


def test_only_coordinators_may_import(secretariat: User) -> None:
    organisation = make_organisation("Riverbank Youth Network", kind="civil_society")
    member = make_user("member", Role.CS_MEMBER, organisation=organisation)
    coordinator = make_user("coordinator", Role.CS_COORDINATOR, organisation=organisation)
    content = csv_file(["Org", "Contact person"], ["Crescent Media Watch", "Javeria Sampleton"])
    before = registry_counts()

    with pytest.raises(PermissionDenied):
        importers.plan_import(actor=member, content=content, filename="list.csv")
    with pytest.raises(PermissionDenied):
        importers.commit_import(actor=member, content=content, filename="list.csv")
    assert registry_counts() == before

    importers.commit_import(actor=coordinator, content=content, filename="list.csv")
    assert Person.objects.get(name="Javeria Sampleton").organisation.name == (  # type: ignore[union-attr]
        "Crescent Media Watch"
    )


def test_a_csv_file_imports_like_the_workbook(secretariat: User) -> None:
    existing_registry()
    organisations, people, _imports = registry_counts()

    result = importers.commit_import(
        actor=secretariat, content=stakeholder_csv(fixed=True), filename="stakeholders.csv"
    )

    assert (result.organisations_created, result.people_created) == (11, 25)
    assert registry_counts()[:2] == (organisations + 11, people + 25)


def test_a_csv_with_other_header_names_and_a_chosen_mapping(secretariat: User) -> None:
    content = csv_file(
        ["Org", "Contact person", "Cell", "Email address", "Sector/Theme", "District", "Province"],
        [
            "The Intl. Assoc. of Placeholders",
            "Hina Specimen",
            "0345 666 7788",
            "Hina@Example.org",
            "Youth / Media; Cybercrime",
            "Multan",
            "Punjab",
        ],
    )

    plan = importers.plan_import(
        actor=secretariat,
        content=content,
        filename="list.csv",
        mapping={"District": "ignore", "Province": "city"},
    )
    importers.commit_import(
        actor=secretariat,
        content=content,
        filename="list.csv",
        mapping={"District": "ignore", "Province": "city"},
    )

    assert plan.mapping["district"] == "ignore"
    organisation = Organisation.objects.get(name="The Intl. Assoc. of Placeholders")
    assert (organisation.city, organisation.region) == ("Punjab", "")
    assert sorted(theme.name for theme in organisation.themes.all()) == [
        "Cybercrime",
        "Media",
        "Youth",
    ]
    hina = Person.objects.get(name="Hina Specimen")
    assert (hina.email, hina.phone) == ("hina@example.org", "+923456667788")


def test_a_mapping_that_feeds_one_field_twice_is_refused(secretariat: User) -> None:
    content = csv_file(["Org", "Phone", "Mobile"], ["Crescent Media Watch", "", ""])

    with pytest.raises(ValidationError, match="Two columns are imported into “Phone”"):
        importers.plan_import(
            actor=secretariat,
            content=content,
            filename="list.csv",
            mapping={"Phone": "phone", "Mobile": "phone"},
        )
    guessed = importers.plan_import(actor=secretariat, content=content, filename="list.csv")
    assert guessed.mapping == {"org": "organisation", "phone": "phone", "mobile": "ignore"}


def test_names_are_normalised_before_they_are_compared() -> None:
    assert importers.normalise_name("The Pak. Govt & Int'l Dept") == (
        "pakistan government and international department"
    )
    assert importers.normalise_name("Natl. Univ. of Placeholders") == (
        "national university of placeholders"
    )


def test_an_organisation_written_another_way_matches_the_registry(secretariat: User) -> None:
    make_organisation("Pakistan Bar Council", kind="professional_body")
    make_organisation("Legal Aid Society", kind="civil_society")
    content = csv_file(
        ["Organisation"],
        ["The Pak Bar Council"],
        ["Northern Legal Clinic Example"],
        ["PAKISTAN  BAR COUNCIL"],
        ["Legal Aid Society 2"],
    )

    plan = importers.plan_import(actor=secretariat, content=content, filename="list.csv")

    assert [(row.organisation_action, row.match_label, row.duplicate) for row in plan.rows] == [
        ("existing", "Pakistan Bar Council", True),
        # One shared word is not a likely duplicate, although WRatio alone scores it 86.
        ("create", "", False),
        ("existing", "Pakistan Bar Council", False),
        ("create", "", False),  # a number sets it apart
    ]


@settings(
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=7), max_size=6))
def test_arbitrary_cell_text_never_crashes_the_planner(
    secretariat: User, cells: list[list[str]]
) -> None:
    buffer = io.StringIO()
    header = ["Organisation", "Contact person", "Mobile", "E-mail", "Sector", "Org type", "X"]
    csv.writer(buffer).writerows([header, *cells])
    try:
        plan = importers.plan_import(
            actor=secretariat, content=buffer.getvalue().encode(), filename="x.csv"
        )
    except ValidationError:
        return
    assert all(
        row.errors or row.organisation_action != "none" or row.person_action != "none"
        for row in plan.rows
    )
