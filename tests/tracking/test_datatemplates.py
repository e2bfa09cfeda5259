"""Data maintenance templates: build, read back, plan, commit all-or-nothing, and the API."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation
from openpyxl import Workbook, load_workbook

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.engagement.services import registry as registry_services
from palermo.tracking import datatemplates, messages
from palermo.tracking.datatemplates import rules
from palermo.tracking.models import ActionPlan, Indicator, Measurement
from palermo.tracking.services import plans
from palermo.tracking.services.measurements import measurement_report
from tests.factories import bearer, make_indicator, make_organisation, make_plan, make_user

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class World:
    plan: ActionPlan
    fia: Organisation
    anf: Organisation
    cases: Indicator  # monthly, FIA, plausible 0 to 1000
    convictions: Indicator  # monthly, FIA
    quarterly: Indicator  # quarterly, FIA
    yearly: Indicator  # yearly, FIA
    seizures: Indicator  # monthly, ANF


def make_world() -> World:
    """The SOM action plan: FIA reports four indicators (monthly, quarterly, yearly), ANF one."""
    fia = registry_services.organisation_create(
        actor=None,
        name="Federal Investigation Agency",
        acronym="FIA",
        kind=Organisation.Kind.GOVERNMENT,
        country="PAK",
    )
    anf = make_organisation("Anti-Narcotics Force")
    plan = make_plan(title="National Action Plan against Smuggling of Migrants")
    prosecution = plans.measure_create(
        actor=None, plan=plan, title="Prosecution", lead=fia, number=4
    )
    common = {
        "baseline_value": 100,
        "baseline_date": datetime.date(2024, 12, 31),
        "target_value": 200,
        "target_date": datetime.date(2025, 12, 31),
        "direction": "increase",
    }
    cases = plans.indicator_create(
        actor=None,
        measure=prosecution,
        name="Cases registered under the SOM Act",
        unit="cases",
        frequency="monthly",
        reporting_body=fia,
        plausible_min=0,
        plausible_max=1000,
        **common,  # type: ignore[arg-type]
    )
    convictions = plans.indicator_create(
        actor=None,
        measure=prosecution,
        name="Convictions",
        unit="persons",
        frequency="monthly",
        reporting_body=fia,
        **common,  # type: ignore[arg-type]
    )
    quarterly = plans.indicator_create(
        actor=None,
        measure=prosecution,
        name="Joint investigations opened",
        unit="investigations",
        frequency="quarterly",
        reporting_body=fia,
        **common,  # type: ignore[arg-type]
    )
    yearly = make_indicator(plan, fia, name="Officers trained", frequency="yearly")
    seizures = make_indicator(plan, anf, name="Seizures at the border")
    return World(plan, fia, anf, cases, convictions, quarterly, yearly, seizures)


def row_of(sheet: object, indicator_id: int) -> int:
    for number in range(rules.FIRST_ROW, sheet.max_row + 1):  # type: ignore[attr-defined]
        if sheet.cell(number, rules.COL_ID).value == indicator_id:  # type: ignore[attr-defined]
            return number
    raise AssertionError(f"no row for indicator {indicator_id}")


def fill(content: bytes, values: dict[int, tuple[object, ...]], **cells: object) -> bytes:
    """Type values into the template as a user would: {indicator id: (value, source, note)}.

    `cells` writes any other cell (e.g. A9=7) to tamper with the locked ones.
    """
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for indicator_id, entered in values.items():
        number = row_of(sheet, indicator_id)
        for column, value in zip(
            (rules.COL_VALUE, rules.COL_SOURCE, rules.COL_NOTE), entered, strict=False
        ):
            sheet.cell(number, column, value)
    for coordinate, value in cells.items():
        sheet[coordinate] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template(world: World, user: User, month: datetime.date = MARCH) -> bytes:
    return datatemplates.template_build(user=user, plan=world.plan, body=world.fia, period=month)


def recorded() -> list[tuple[str, datetime.date, Decimal, str]]:
    return [
        (m.indicator.name, m.period, m.value, m.source)
        for m in Measurement.objects.select_related("indicator").order_by("indicator", "period")
    ]


def march(body: Organisation) -> dict[str, str]:
    """The query that asks for the body's template of March 2025."""
    return {"body": str(body.pk), "period": MARCH.isoformat()}


def monitor_of(body: Organisation, username: str = "monitor") -> User:
    return make_user(username, Role.PLAN_MONITOR, organisation=body)


# The rule for which indicators a month's template holds


def test_the_reporting_period_is_the_one_ending_in_the_month() -> None:
    assert rules.reporting_period(MARCH, "monthly") == MARCH
    assert rules.reporting_period(MARCH, "quarterly") == datetime.date(2025, 1, 1)
    assert rules.reporting_period(datetime.date(2025, 2, 1), "quarterly") is None
    assert rules.reporting_period(MARCH, "yearly") is None
    assert rules.reporting_period(datetime.date(2025, 12, 1), "yearly") == datetime.date(2025, 1, 1)


def test_a_template_holds_the_body_s_indicators_whose_period_ends_in_the_month(
    secretariat: User,
) -> None:
    world = make_world()

    def rows(month: datetime.date) -> list[tuple[int, str]]:
        sheet = load_workbook(io.BytesIO(template(world, secretariat, month))).worksheets[0]
        return [
            (sheet.cell(n, rules.COL_ID).value, sheet.cell(n, rules.COL_PERIOD_KEY).value)
            for n in range(rules.FIRST_ROW, sheet.max_row + 1)
            if sheet.cell(n, rules.COL_ID).value
        ]

    assert rows(MARCH) == [
        (world.cases.pk, "2025-03-01"),
        (world.convictions.pk, "2025-03-01"),
        (world.quarterly.pk, "2025-01-01"),
    ]
    assert rows(datetime.date(2025, 2, 1)) == [
        (world.cases.pk, "2025-02-01"),
        (world.convictions.pk, "2025-02-01"),
    ]
    assert (world.yearly.pk, "2025-01-01") in rows(datetime.date(2025, 12, 1))
    # Before the first reporting period (baseline December 2024) nothing is due.
    assert rows(datetime.date(2024, 12, 1)) == []


# The workbook as designed


def test_the_sheet_is_protected_and_only_value_source_and_note_are_editable(
    secretariat: User,
) -> None:
    world = make_world()
    sheet = load_workbook(io.BytesIO(template(world, secretariat))).worksheets[0]
    row = row_of(sheet, world.cases.pk)

    assert sheet.protection.sheet is True
    unlocked = [
        column
        for column in range(1, rules.LAST_COL + 1)
        if not sheet.cell(row, column).protection.locked
    ]
    assert unlocked == [rules.COL_VALUE, rules.COL_SOURCE, rules.COL_NOTE]
    assert sheet.cell(rules.HEADER_ROW, rules.COL_VALUE).protection.locked is True
    assert sheet.column_dimensions["A"].hidden is True
    assert sheet.column_dimensions["B"].hidden is True
    assert sheet.column_dimensions["D"].width == 42


def test_the_row_shows_measure_indicator_unit_period_and_last_value(secretariat: User) -> None:
    world = make_world()
    measurement_report(
        actor=None, indicator=world.cases, period=datetime.date(2025, 1, 1), value=37
    )
    sheet = load_workbook(io.BytesIO(template(world, secretariat))).worksheets[0]
    row = row_of(sheet, world.cases.pk)

    cells = [sheet.cell(row, column).value for column in range(3, rules.COL_VALUE + 1)]
    assert cells == [
        "4. Prosecution",
        "Cases registered under the SOM Act",
        "cases",
        "2025-03",
        37,
        "2025-01",
        None,
    ]
    quarter = row_of(sheet, world.quarterly.pk)
    assert sheet.cell(quarter, rules.COL_PERIOD).value == "2025-Q1"
    header = {sheet.cell(n, 3).value: sheet.cell(n, 4).value for n in range(2, 6)}
    assert header["Action plan"] == "National Action Plan against Smuggling of Migrants"
    assert header["Reporting body"] == "Federal Investigation Agency (FIA)"
    assert header["Month"] == "March 2025"


def test_value_cells_validate_decimals_within_the_plausible_range(secretariat: User) -> None:
    world = make_world()
    sheet = load_workbook(io.BytesIO(template(world, secretariat))).worksheets[0]
    cases = sheet.cell(row_of(sheet, world.cases.pk), rules.COL_VALUE).coordinate
    convictions = sheet.cell(row_of(sheet, world.convictions.pk), rules.COL_VALUE).coordinate

    rules_by_cell = {
        str(cell): validation
        for validation in sheet.data_validations.dataValidation
        for cell in validation.sqref
    }
    bounded = rules_by_cell[cases]
    assert (bounded.type, bounded.operator, bounded.formula1, bounded.formula2) == (
        "decimal",
        "between",
        "0.00",
        "1000.00",
    )
    assert bounded.showInputMessage is True
    assert bounded.prompt == "A number from 0.00 to 1000.00. Unit: cases."
    assert rules_by_cell[convictions].type == "decimal"
    assert rules_by_cell[convictions].prompt == "A number. Unit: persons."


def test_a_hidden_metadata_sheet_names_plan_body_month_and_version(secretariat: User) -> None:
    world = make_world()
    workbook = load_workbook(io.BytesIO(template(world, secretariat)))
    meta = workbook[rules.META_SHEET]
    values = {meta.cell(n, 1).value: meta.cell(n, 2).value for n in range(1, meta.max_row + 1)}

    assert meta.sheet_state == "veryHidden"
    assert values["kind"] == rules.KIND
    assert values["version"] == rules.VERSION
    assert (values["plan"], values["body"], values["period"]) == (
        world.plan.pk,
        world.fia.pk,
        "2025-03-01",
    )
    assert workbook.security.lockStructure is True


def test_a_template_in_a_right_to_left_language_reads_right_to_left(secretariat: User) -> None:
    world = make_world()
    with translation.override("ur"):
        sheet = load_workbook(io.BytesIO(template(world, secretariat))).worksheets[0]
    english = load_workbook(io.BytesIO(template(world, secretariat))).worksheets[0]

    assert sheet.sheet_view.rightToLeft is True
    assert not english.sheet_view.rightToLeft


def test_the_filename_names_plan_body_and_month() -> None:
    world = make_world()
    assert (
        datatemplates.template_filename(plan=world.plan, body=world.fia, month=MARCH)
        == f"plan-{world.plan.pk}-fia-2025-03.xlsx"
    )
    assert (
        datatemplates.template_filename(plan=world.plan, body=world.anf, month=MARCH)
        == f"plan-{world.plan.pk}-{world.anf.pk}-2025-03.xlsx"
    )


# Round trip: plan and commit


def test_a_filled_template_records_exactly_its_values(secretariat: User) -> None:
    """Acceptance: downloaded for one body and month, filled, uploaded: exactly those values."""
    world = make_world()
    filled = fill(
        template(world, secretariat),
        {
            world.cases.pk: (42, "FIA monthly return", "Two cases transferred"),
            world.quarterly.pk: ("13.5", "JIT register"),
        },
    )

    upload = datatemplates.template_plan(
        user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
    )
    assert [row.outcome for row in upload.rows] == [
        "New value: 42.",
        "Left empty; nothing is recorded.",
        "New value: 13.5.",
    ]
    assert Measurement.objects.count() == 0

    result = datatemplates.template_commit(
        user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
    )

    assert (result.created, result.corrected, result.skipped) == (2, 0, 1)
    assert recorded() == [
        ("Cases registered under the SOM Act", MARCH, Decimal("42.00"), "FIA monthly return"),
        (
            "Joint investigations opened",
            datetime.date(2025, 1, 1),
            Decimal("13.50"),
            "JIT register",
        ),
    ]
    assert Measurement.objects.get(indicator=world.cases).note == "Two cases transferred"
    assert Measurement.objects.get(indicator=world.cases).reported_by == secretariat
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.IMPORT, object_type="tracking.measurement"
    ).exists()


def test_one_bad_row_commits_nothing_and_names_the_row_and_reason(secretariat: User) -> None:
    """Acceptance: a template with one bad row records nothing and says which row and why."""
    world = make_world()
    content = template(world, secretariat)
    bad_row = row_of(load_workbook(io.BytesIO(content)).worksheets[0], world.convictions.pk)
    filled = fill(content, {world.cases.pk: (42, "FIA"), world.convictions.pk: ("forty",)})

    with pytest.raises(datatemplates.TemplateRowsError) as refused:
        datatemplates.template_commit(
            user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
        )

    assert refused.value.messages == [
        "Rows with errors: 1. Nothing was recorded.",
        f"Row {bad_row}: “forty” is not a number; enter digits only, with a point before any "
        "decimals.",
    ]
    assert Measurement.objects.count() == 0


def test_implausible_and_badly_formed_values_are_named(secretariat: User) -> None:
    world = make_world()
    filled = fill(
        template(world, secretariat),
        {world.cases.pk: (5000,), world.convictions.pk: ("12,5",), world.quarterly.pk: (1.234,)},
    )

    upload = datatemplates.template_plan(
        user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
    )

    assert [row.errors for row in upload.rows] == [
        ["5000 is outside the plausible range for this indicator (0.00 to 1000.00)."],
        ["“12,5” is not a number; enter digits only, with a point before any decimals."],
        ["1.234 cannot be stored: use at most 12 digits before the decimal point and 2 after it."],
    ]
    assert (upload.errors, upload.can_commit) == (3, False)


def test_a_corrupt_file_is_refused_and_changes_nothing(secretariat: User) -> None:
    world = make_world()
    foreign = Workbook()
    buffer = io.BytesIO()
    foreign.save(buffer)

    for content, message in [
        (b"PK\x03\x04 not really a workbook", messages.TEMPLATE_NOT_XLSX),
        (b"name,value\nx,1\n", messages.TEMPLATE_NOT_XLSX),
        (buffer.getvalue(), messages.TEMPLATE_NO_METADATA),
    ]:
        with pytest.raises(ValidationError) as refused:
            datatemplates.template_commit(
                user=secretariat, plan=world.plan, content=content, filename="broken.xlsx"
            )
        assert refused.value.messages == [str(message)]
    assert Measurement.objects.count() == 0


def test_a_template_of_another_plan_is_refused(secretariat: User) -> None:
    world = make_world()
    other = make_plan(title="Another plan")

    with pytest.raises(ValidationError) as refused:
        datatemplates.template_plan(
            user=secretariat, plan=other, content=template(world, secretariat), filename="x.xlsx"
        )

    assert refused.value.messages == [str(messages.TEMPLATE_OTHER_PLAN % {"plan": world.plan.pk})]


def test_a_row_for_another_body_s_indicator_is_refused(secretariat: User) -> None:
    world = make_world()
    content = template(world, secretariat)
    row = row_of(load_workbook(io.BytesIO(content)).worksheets[0], world.convictions.pk)
    filled = fill(content, {world.convictions.pk: (9,)}, **{f"A{row}": world.seizures.pk})

    with pytest.raises(datatemplates.TemplateRowsError) as refused:
        datatemplates.template_commit(
            user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
        )

    assert refused.value.messages[1] == (
        f"Row {row}: The indicator “Seizures at the border” is reported by Anti-Narcotics Force, "
        "not by the body of this template."
    )
    assert Measurement.objects.count() == 0


def test_unknown_indicators_and_wrong_periods_are_refused(secretariat: User) -> None:
    world = make_world()
    content = template(world, secretariat)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cases, convictions = row_of(sheet, world.cases.pk), row_of(sheet, world.convictions.pk)
    filled = fill(
        content,
        {world.cases.pk: (1,), world.convictions.pk: (2,)},
        **{f"A{cases}": 999999, f"B{convictions}": "2025-02-01"},
    )

    upload = datatemplates.template_plan(
        user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
    )

    assert upload.error_summary() == [
        f"Row {cases}: There is no indicator number 999999.",
        f"Row {convictions}: The row is for the period “2025-02-01”, but this template reports "
        "the indicator for 2025-03.",
    ]


def test_a_correction_shows_old_and_new_and_keeps_the_old_value_in_history(
    secretariat: User,
) -> None:
    world = make_world()
    measurement_report(actor=None, indicator=world.cases, period=MARCH, value=40, source="FIA")
    filled = fill(template(world, secretariat), {world.cases.pk: (42, "FIA", "Recount")})

    upload = datatemplates.template_plan(
        user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
    )
    assert upload.rows[0].outcome == "Correction: 40 → 42."
    result = datatemplates.template_commit(
        user=secretariat, plan=world.plan, content=filled, filename="march.xlsx"
    )

    measurement = Measurement.objects.get(indicator=world.cases, period=MARCH)
    assert (result.created, result.corrected) == (0, 1)
    assert measurement.value == Decimal("42.00")
    assert [h.value for h in measurement.history.order_by("history_id")] == [
        Decimal("40.00"),
        Decimal("42.00"),
    ]


def test_the_same_value_again_is_skipped_and_a_blank_template_is_refused(
    secretariat: User,
) -> None:
    world = make_world()
    measurement_report(actor=None, indicator=world.cases, period=MARCH, value=40, source="FIA")
    same = fill(template(world, secretariat), {world.cases.pk: (40, "FIA")})

    upload = datatemplates.template_plan(
        user=secretariat, plan=world.plan, content=same, filename="march.xlsx"
    )
    assert upload.rows[0].outcome == "Same value and source as recorded; nothing changes."
    with pytest.raises(ValidationError) as refused:
        datatemplates.template_commit(
            user=secretariat, plan=world.plan, content=same, filename="march.xlsx"
        )
    assert refused.value.messages == [str(messages.TEMPLATE_NOTHING_TO_RECORD)]
    assert Measurement.objects.get().history.count() == 1


def test_a_plan_monitor_fills_the_template_of_their_own_body() -> None:
    world = make_world()
    monitor = monitor_of(world.fia)
    filled = fill(template(world, monitor), {world.convictions.pk: (3,)})

    result = datatemplates.template_commit(
        user=monitor, plan=world.plan, content=filled, filename="march.xlsx"
    )

    assert result.created == 1
    assert Measurement.objects.get().reported_by == monitor


def test_a_plan_monitor_cannot_use_another_body_s_template(secretariat: User) -> None:
    world = make_world()
    monitor = monitor_of(world.fia)
    anf_template = datatemplates.template_build(
        user=secretariat, plan=world.plan, body=world.anf, period=MARCH
    )
    filled = fill(anf_template, {world.seizures.pk: (5,)})

    with pytest.raises(PermissionDenied):
        datatemplates.template_build(user=monitor, plan=world.plan, body=world.anf, period=MARCH)
    with pytest.raises(PermissionDenied):
        datatemplates.template_commit(
            user=monitor, plan=world.plan, content=filled, filename="anf.xlsx"
        )
    assert Measurement.objects.count() == 0


def test_bodies_offered_are_limited_to_the_monitor_s_own() -> None:
    world = make_world()
    monitor = monitor_of(world.fia)
    secretariat = make_user("sec", Role.SECRETARIAT, organisation=make_organisation("Sec"))

    assert list(datatemplates.template_bodies(user=monitor, plan=world.plan)) == [world.fia]
    assert set(datatemplates.template_bodies(user=secretariat, plan=world.plan)) == {
        world.fia,
        world.anf,
    }
    assert list(datatemplates.template_bodies(user=make_user("plain"), plan=world.plan)) == []


# The API


def api_url(world: World, tail: str = "") -> str:
    return f"/api/v1/plans/{world.plan.pk}/templates{tail}"


def test_the_api_downloads_previews_and_records_a_template(api_client: Client) -> None:
    world = make_world()
    monitor = monitor_of(world.fia)
    headers = bearer(monitor)

    download = api_client.get(api_url(world), march(world.fia), headers=headers)
    assert download.status_code == 200
    assert download["content-type"] == XLSX
    assert f'filename="plan-{world.plan.pk}-fia-2025-03.xlsx"' in download["content-disposition"]
    filled = io.BytesIO(fill(download.content, {world.cases.pk: (42, "FIA")}))
    filled.name = "march.xlsx"

    preview = api_client.post(api_url(world, "/preview"), {"file": filled}, headers=headers)
    assert preview.status_code == 200
    body = preview.json()
    assert (body["to_create"], body["left_empty"], body["errors"], body["can_commit"]) == (
        1,
        2,
        0,
        True,
    )
    assert body["rows"][0]["outcome"] == "New value: 42."
    assert Measurement.objects.count() == 0

    filled.seek(0)
    done = api_client.post(api_url(world), {"file": filled}, headers=headers)
    assert done.status_code == 201
    assert done.json() == {"filename": "march.xlsx", "created": 1, "corrected": 0, "skipped": 2}
    assert recorded() == [("Cases registered under the SOM Act", MARCH, Decimal("42.00"), "FIA")]


def test_the_api_refuses_bad_rows_with_400_and_another_body_with_403(
    api_client: Client, secretariat: User
) -> None:
    world = make_world()
    monitor = monitor_of(world.fia)
    headers = bearer(monitor)
    bad = io.BytesIO(fill(template(world, monitor), {world.cases.pk: (5000,)}))
    bad.name = "march.xlsx"

    refused = api_client.post(api_url(world), {"file": bad}, headers=headers)
    assert refused.status_code == 400
    assert refused.json()["detail"] == ["Rows with errors: 1. Nothing was recorded."]
    assert refused.json()["rows"] == [
        {
            "number": rules.FIRST_ROW,
            "errors": ["5000 is outside the plausible range for this indicator (0.00 to 1000.00)."],
        }
    ]

    forbidden = api_client.get(api_url(world), march(world.anf), headers=headers)
    assert forbidden.status_code == 403
    anf = io.BytesIO(
        fill(
            datatemplates.template_build(
                user=secretariat, plan=world.plan, body=world.anf, period=MARCH
            ),
            {world.seizures.pk: (5,)},
        )
    )
    anf.name = "anf.xlsx"
    assert api_client.post(api_url(world), {"file": anf}, headers=headers).status_code == 403
    assert Measurement.objects.count() == 0
