"""Stakeholder lists as alliances keep them: each messy workbook's preview, then its import.

Every test asserts the dry run's reading, that it wrote nothing, and that the real run writes
exactly what the dry run showed (`written_by` against `promised_by`).
"""

import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.core.models import User
from palermo.engagement import importers
from palermo.engagement.importers.names import guess_kind, read_place, split_name, split_person
from palermo.engagement.importers.plans import PERSON_CREATE, PERSON_EXISTS, ImportPlan
from palermo.engagement.models import Organisation, Person
from palermo.engagement.phones import read_phones
from tests.engagement import messy_lists

pytestmark = pytest.mark.django_db

OrganisationFacts = tuple[str, str, str, str, str, tuple[str, ...]]
PersonFacts = tuple[str, str, str, str, str]


def registry() -> tuple[set[OrganisationFacts], set[PersonFacts]]:
    organisations = {
        (o.name, o.acronym, o.kind, o.city, o.region, tuple(sorted(t.name for t in o.themes.all())))
        for o in Organisation.objects.prefetch_related("themes")
    }
    people = {
        (
            p.name,
            p.organisation.name if p.organisation else "",
            p.title,
            p.phone,
            p.other_phones,
        )
        for p in Person.objects.select_related("organisation")
    }
    return organisations, people


def promised_by(plan: ImportPlan) -> tuple[set[OrganisationFacts], set[PersonFacts]]:
    """What the preview says the import adds: its new organisations and people."""
    organisations = {
        (new.name, new.acronym, new.kind, new.city, new.region, tuple(sorted(new.themes)))
        for new in plan.new_organisations.values()
    }
    names = {number: new.name for number, new in plan.new_organisations.items()}
    people: set[PersonFacts] = set()
    for row in plan.rows:
        if row.person_action == PERSON_EXISTS and row.phones_added:
            person = Person.objects.select_related("organisation").get(pk=row.person_match_id)
            held = [number for number in person.other_phones.split("; ") if number]
            people.add(
                (
                    person.name,
                    person.organisation.name if person.organisation else "",
                    person.title,
                    person.phone,
                    "; ".join(held + row.phones_added),
                )
            )
        if row.person_action != PERSON_CREATE:
            continue
        organisation = ""
        if row.match_organisation is not None:
            organisation = row.match_organisation.name
        elif row.number in names:
            organisation = names[row.number]
        elif row.match_row is not None:
            organisation = names[row.match_row]
        values = row.values
        people.add(
            (values.name, organisation, values.title, values.phone, "; ".join(values.other_phones))
        )
    return organisations, people


def written_by(
    before: tuple[set[OrganisationFacts], set[PersonFacts]],
) -> tuple[set[OrganisationFacts], set[PersonFacts]]:
    organisations, people = registry()
    return organisations - before[0], people - before[1]


def dry_then_real(actor: User, content: bytes, filename: str, **choices: object) -> ImportPlan:
    """Preview, check that nothing was written, import, check that the preview was kept."""
    before = registry()
    plan = importers.plan_import(actor=actor, content=content, filename=filename, **choices)
    assert registry() == before
    assert plan.can_commit, plan.error_summary()
    promised = promised_by(plan)
    importers.commit_import(actor=actor, content=content, filename=filename, **choices)
    assert written_by(before) == promised
    return plan


def rows(plan: ImportPlan) -> dict[int, importers.RowPlan]:
    return {row.number: row for row in plan.rows}


# The alliance's own list: title rows, a Category column, two-line entries, names to read.


def test_the_header_below_a_title_and_a_blank_row_is_found_and_said(secretariat: User) -> None:
    plan = importers.plan_import(
        actor=secretariat, content=messy_lists.alliance_list(), filename="alliance.xlsx"
    )

    assert (plan.header_row, plan.header_detected, plan.sheet) == (3, True, "Members")
    assert plan.mapping == {
        "sr_no": "ignore",
        "name_of_organisation": "organisation",
        "category": "sector",
        "contact_person": "name",
        "designation": "title",
        "cell_no": "phone",
        "email": "email",
    }
    assert [row.number for row in plan.rows][0] == 4
    assert plan.errors == 0


def test_the_alliance_list_reads_places_job_titles_people_acronyms_and_kinds(
    secretariat: User,
) -> None:
    plan = dry_then_real(secretariat, messy_lists.alliance_list(), "alliance.xlsx")

    read = rows(plan)
    assert read[5].folded_into == 4
    assert read[5].warnings == ["Only a place: read as the place of row 4 (Gojra)."]
    assert (read[6].organisation, read[6].person, read[6].values.title) == (
        "",
        "Bilal Example",
        "Lawyer",
    )
    assert read[6].warnings == [
        "“Lawyer” is a job title, not an organisation; read as the person's title."
    ]
    assert (read[7].organisation, read[7].values.title) == ("", "Economist")
    assert (read[12].organisation, read[12].person) == ("Legal Aid Society", "Mr. Hamid Example")
    assert (read[13].organisation, read[13].person) == ("", "Dr. Iqra Example")
    assert read[13].warnings == [
        "“Dr. Iqra Example” is a person's name, not an organisation; read as the person."
    ]
    assert read[15].skipped
    assert read[15].warnings == [
        "“Advocate High Court” is a job title, not an organisation; read as the person's title.",
        "Nothing to import: the row names no organisation and no person.",
    ]
    kinds = dict(
        Organisation.objects.exclude(name="Secretariat of PAK").values_list("name", "kind")
    )
    assert kinds == {
        "Bright Future Welfare Society Example": "civil_society",
        "UNODC Country Office": "international",
        "Center for Economic Research in Pakistan": "civil_society",
        "University of the Punjab": "academia",
        "Punjab Bar Council": "professional_body",
        "Legal Aid Society": "civil_society",
        "IOM Pakistan": "international",
    }
    cerp = Organisation.objects.get(acronym="CERP")
    assert (cerp.name, cerp.city) == ("Center for Economic Research in Pakistan", "Lahore")
    assert Organisation.objects.get(name="UNODC Country Office").city == "Islamabad"
    bright = Organisation.objects.get(name="Bright Future Welfare Society Example")
    assert (bright.city, sorted(t.name for t in bright.themes.all())) == (
        "Gojra",
        ["Legal Experts", "NGO"],
    )
    assert not Organisation.objects.filter(name__in=["Lawyer", "Economist", "Pakistan, Gojra"])
    bilal = Person.objects.get(name="Bilal Example")
    assert (bilal.organisation, bilal.title, bilal.country) == (None, "Lawyer", "PAK")
    assert Person.objects.get(name="Mr. Hamid Example").organisation.name == "Legal Aid Society"


def test_splitting_names_can_be_turned_off(secretariat: User) -> None:
    plan = importers.plan_import(
        actor=secretariat,
        content=messy_lists.alliance_list(),
        filename="alliance.xlsx",
        split_names=False,
    )

    assert rows(plan)[9].organisation == "Center for Economic Research in Pakistan (CERP), Lahore"
    assert rows(plan)[8].organisation == "UNODC Country Office, Islamabad"


# Phones.


def test_unverifiable_and_several_numbers_never_block_and_none_is_dropped(
    secretariat: User,
) -> None:
    omar = messy_lists.phone_registry()

    plan = dry_then_real(secretariat, messy_lists.phone_list(), "phones.xlsx")

    read = rows(plan)
    assert plan.errors == 0
    assert {number: row.warnings for number, row in read.items() if row.warnings} == {
        3: ["“0399-1234502” could not be verified as a phone number; it is kept as written."],
        5: ["“0381-1234505” could not be verified as a phone number; it is kept as written."],
        6: ["“0300-123450” could not be verified as a phone number; it is kept as written."],
    }
    assert read[7].actions[-2:] == [
        "Same person as row 4; skipped.",
        "Their number +923331234508 is added to that person.",
    ]
    assert read[8].phones_added == ["+923121234509"]
    phones = {p.name: (p.phone, p.other_phones) for p in Person.objects.all()}
    assert phones == {
        "Jamil Example": ("+923001234501", ""),
        "Kiran Example": ("0399-1234502", ""),
        "Laila Example": ("+923011234503", "+923211234504; +923331234508"),
        "Mansoor Example": ("0381-1234505", "+923001234506"),
        "Nida Example": ("+923001234507", "0300-123450"),
        "Omar Existing": ("+923009990001", "+923121234509"),
        "Pervaiz Example": ("", ""),
    }
    omar.refresh_from_db()
    assert omar.other_phones == "+923121234509"


def test_text_that_is_no_phone_number_is_still_an_error() -> None:
    with pytest.raises(ValidationError, match="“12345” is not a valid phone number."):
        read_phones("12345", "PAK")
    with pytest.raises(ValidationError, match="“call the office” is not a valid phone number."):
        read_phones("call the office", "PAK")
    assert read_phones("n/a", "PAK") == []


# Matching.


def test_names_sharing_only_generic_words_are_not_merged(secretariat: User) -> None:
    registered = messy_lists.near_duplicates_registry()

    plan = dry_then_real(secretariat, messy_lists.near_duplicates_list(), "near.xlsx")

    read = rows(plan)
    joined = {
        number: (row.match_label, row.score, row.match_reason)
        for number, row in read.items()
        if row.organisation_action in {"existing", "same_as_row"}
    }
    assert joined == {
        2: ("Human Rights Commission of Pakistan", 100, ""),
        7: ("Human Rights Commission of Pakistan", 100, "the same acronym “HRCP”"),
        8: (
            "Human Rights Commission of Pakistan",
            96,
            "shares the words “human”, “rights”, “comission”, “pakistan”",
        ),
        11: ("Pakistan Bar Council", 100, "the same name with abbreviations written out"),
    }
    assert [number for number, row in read.items() if row.possible_match] == [10]
    assert read[10].actions[0] == (
        "Possible match for “Centre for Governance Research” (score 94: shares the words "
        "“centre”, “governance”, “research”); kept as a new organisation unless you merge it."
    )
    assert {row.organisation for row in read.values() if row.organisation_action == "create"} == {
        "Center for Economic Research in Pakistan",
        "Legal Aid Society",
        "Pakistan Human Rights Society",
        "Society for Human Rights and Prisoners Aid",
        "Centre for Human Rights Education Example",
        "Centre for Governance Research Pakistan",
        "Legal Aid Centre",
    }
    assert registered["Centre for Human Rights"].people.count() == 0


def test_a_possible_match_is_merged_only_when_the_user_confirms_it(secretariat: User) -> None:
    registered = messy_lists.near_duplicates_registry()

    plan = dry_then_real(
        secretariat, messy_lists.near_duplicates_list(), "near.xlsx", merge_rows=[10]
    )

    row = rows(plan)[10]
    assert (row.possible_match, row.merge_confirmed, row.match_organisation) == (
        True,
        True,
        registered["Centre for Governance Research"],
    )
    assert not Organisation.objects.filter(name="Centre for Governance Research Pakistan")


def test_an_automatic_match_can_be_kept_apart(secretariat: User) -> None:
    messy_lists.near_duplicates_registry()

    dry_then_real(
        secretariat, messy_lists.near_duplicates_list(), "near.xlsx", new_organisation_rows=[8]
    )

    assert Organisation.objects.filter(name="Human Rights Comission of Pakistan").exists()


# Headers: merged group titles, a second sheet, none at all.


def test_merged_group_titles_above_the_header_are_skipped(secretariat: User) -> None:
    plan = dry_then_real(secretariat, messy_lists.merged_header_list(), "merged.xlsx")

    assert plan.header_row == 2
    fia = Organisation.objects.get(acronym="FIA")
    assert (fia.name, fia.kind, fia.region) == ("Federal Investigation Agency", "government", "ICT")
    assert Person.objects.get(name="Sana Example").organisation.acronym == "MWC"


def test_the_list_on_a_second_sheet_is_found(secretariat: User) -> None:
    plan = dry_then_real(secretariat, messy_lists.second_sheet_list(), "second.xlsx")

    assert (plan.sheet, plan.sheets, plan.header_row) == ("Contacts", ["Read me", "Contacts"], 1)
    assert Organisation.objects.get(name="Ministry of Interior").kind == "government"
    assert Organisation.objects.get(name="Crescent Media Watch Example").kind == "media"


def test_a_named_sheet_without_a_header_is_refused(secretariat: User) -> None:
    with pytest.raises(ValidationError, match="No header row was found in the first 2 rows"):
        importers.plan_import(
            actor=secretariat,
            content=messy_lists.second_sheet_list(),
            filename="second.xlsx",
            sheet="Read me",
        )
    with pytest.raises(ValidationError, match="The workbook has no sheet “People”."):
        importers.plan_import(
            actor=secretariat,
            content=messy_lists.second_sheet_list(),
            filename="second.xlsx",
            sheet="People",
        )


def test_a_list_without_a_recognisable_header_says_what_was_expected(secretariat: User) -> None:
    before = registry()

    with pytest.raises(ValidationError) as refused:
        importers.plan_import(
            actor=secretariat, content=messy_lists.headerless_list(), filename="headerless.xlsx"
        )

    assert refused.value.messages == [
        "No header row was found in the first 2 rows: no row names the columns this import "
        "knows, such as Organisation, Name of organisation, Name, Contact person, Designation, "
        "Phone, Mobile, E-mail, City, Province, Sector, Type. Rename the columns, or say which "
        "row holds the header."
    ]
    assert registry() == before


def test_naming_the_header_row_and_mapping_the_columns_imports_it(secretariat: User) -> None:
    mapping = {"Column A": "organisation", "Column B": "name", "Column C": "phone"}

    plan = dry_then_real(
        secretariat,
        messy_lists.headerless_list(),
        "headerless.xlsx",
        header_row=1,
        mapping=mapping,
    )

    assert (plan.header_row, plan.header_detected) == (1, False)
    assert Person.objects.get(name="Yasmin Example").phone == "+923157897001"


def test_a_header_row_past_the_end_is_refused(secretariat: User) -> None:
    with pytest.raises(ValidationError, match="Row 9 cannot be the header"):
        importers.plan_import(
            actor=secretariat,
            content=messy_lists.headerless_list(),
            filename="headerless.xlsx",
            header_row=9,
        )


# The rules on their own.


def test_places_job_titles_and_people_are_read_out_of_names() -> None:
    assert read_place("Pakistan, Gojra") is not None
    assert read_place("Pakistan, Gojra").city == "Gojra"  # type: ignore[union-attr]
    assert read_place("Lahore, Punjab").region == "Punjab"  # type: ignore[union-attr]
    assert read_place("Punjab Bar Council") is None
    assert read_place("Shelter Foundation Example") is None
    assert split_name("Human Rights Commission of Pakistan, Islamabad").city == "Islamabad"
    assert split_name("Human Rights Commission of Pakistan").name == (
        "Human Rights Commission of Pakistan"
    )
    assert split_name("Center for Economic Research in Pakistan (CERP)").acronym == "CERP"
    assert split_name("Sample Traders (Pvt) Ltd").acronym == ""
    assert split_person("Justice Project Pakistan") == ("", "")
    assert split_person("HRCP - Ms. Rubina Example") == ("HRCP", "Ms. Rubina Example")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UNODC", "international"),
        ("International Organization for Migration", "international"),
        ("Quaid-i-Azam University", "academia"),
        ("Islamabad Bar Association", "professional_body"),
        ("Pakistan Bar Council", "professional_body"),
        ("Ministry of Human Rights", "government"),
        ("Federal Investigation Agency", "government"),
        ("Sample Law Associates", "law_firm"),
        ("Human Rights Commission of Pakistan", "civil_society"),
    ],
)
def test_the_kind_is_guessed_from_the_name(name: str, kind: str) -> None:
    assert guess_kind(name)[0] == kind


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_reading_names_and_phones_never_crashes_and_keeps_the_words(text: str) -> None:
    parts = split_name(text)
    read_place(text)
    split_person(text)
    guess_kind(text)
    kept = " ".join([parts.name, parts.acronym, parts.city, parts.region])
    assert {word for word in text.split() if word.isalnum()} <= set(
        kept.replace("(", " ").replace(")", " ").replace(",", " ").split()
    ) | {word for word in text.split() if not word.isalnum()}
    with contextlib.suppress(ValidationError):
        read_phones(text, "PAK")


def test_a_kind_columns_unknown_values_are_mapped_once_each(secretariat: User) -> None:
    content = messy_lists.workbook(
        (
            "Members",
            [
                ["Organisation", "Type"],
                ["Harbour Dockworkers Union Example", "Trade union"],
                ["Shelter Foundation Example", "NGO/Legal Experts"],
                ["Riverbank Dockworkers Union Example", "Trade union"],
                ["Sample Law Associates", "Lawyers"],
            ],
        )
    )

    refused = importers.plan_import(actor=secretariat, content=content, filename="kinds.xlsx")
    plan = dry_then_real(
        secretariat,
        content,
        "kinds.xlsx",
        kind_values={"Trade union": "professional_body", "Lawyers": importers.GUESS_KIND},
    )

    assert refused.unknown_kinds == ["Trade union", "Lawyers"]
    assert [row.number for row in refused.rows if row.errors] == [2, 4, 5]
    assert (plan.unknown_kinds, plan.errors) == ([], 0)
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert {name: kinds[name] for name in kinds if "Example" in name or "Sample" in name} == {
        "Harbour Dockworkers Union Example": "professional_body",
        "Shelter Foundation Example": "civil_society",
        "Riverbank Dockworkers Union Example": "professional_body",
        "Sample Law Associates": "law_firm",
    }
    with pytest.raises(ValidationError, match="“union” is not a kind of organisation."):
        importers.plan_import(
            actor=secretariat,
            content=content,
            filename="kinds.xlsx",
            kind_values={"Trade union": "union"},
        )


def test_a_job_title_on_the_line_below_a_person_is_their_title(secretariat: User) -> None:
    content = messy_lists.workbook(
        (
            "Members",
            [
                ["Organisation", "Contact person", "Designation"],
                ["Shelter Foundation Example", "Zara Example"],
                [None, "Legal Advisor"],
                ["Riverbank Youth Network Example", "Yousuf Example", "Director"],
                [None, "Lawyer"],
            ],
        )
    )

    plan = dry_then_real(secretariat, content, "two-lines.xlsx")

    assert [(row.number, row.folded_into) for row in plan.rows] == [
        (2, None),
        (3, 2),
        (4, None),
        (5, 4),
    ]
    people = {p.name: (p.title, p.roles) for p in Person.objects.all()}
    assert people == {
        "Zara Example": ("Legal Advisor", ""),
        "Yousuf Example": ("Director", "Lawyer"),
    }


def test_a_shared_acronym_under_another_name_is_only_a_possible_match(secretariat: User) -> None:
    messy_lists.near_duplicates_registry()
    content = messy_lists.workbook(
        (
            "Members",
            [
                ["Organisation", "Acronym"],
                ["Pakistan Broadcasting Corporation Example", "PBC"],
                ["The Bar Council of Pakistan", "PBC"],
            ],
        )
    )

    plan = importers.plan_import(actor=secretariat, content=content, filename="pbc.xlsx")

    read = rows(plan)
    assert (read[2].possible_match, read[2].organisation_action, read[2].match_reason) == (
        True,
        "create",
        "the same acronym “PBC”",
    )
    assert (read[3].duplicate, read[3].organisation_action) == (True, "existing")
