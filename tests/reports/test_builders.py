"""The report builders gather what the database holds, and every format carries it to the reader.

The demo data set is loaded once for the module (inside a transaction rolled back at its end);
each test runs in its own savepoint on top of it. Expected values are read from the database
here, independently of the builders' selectors.
"""

import datetime
import html
import importlib.util
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import translation

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Alliance, Event, Statement
from palermo.reports import registry
from palermo.reports.builders.annual_recommendations import whole_text
from palermo.reports.builders.annual_report import build_annual_report
from palermo.reports.builders.compliance_matrix import build_compliance_matrix
from palermo.reports.builders.parallel_report import build_parallel_report
from palermo.reports.builders.plan_progress import build_plan_progress, parse_period
from palermo.reports.builders.self_assessment import build_self_assessment
from palermo.reports.document import (
    BulletList,
    Chart,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
    TableOfContents,
    Text,
)
from palermo.reviews.models import (
    AnswerStatus,
    ArticleAnswer,
    ConsolidatedAssessment,
    Observation,
    ParallelAssessment,
    ParallelSubmission,
    Review,
)
from palermo.tracking.models import ActionPlan, Indicator, Recommendation, Status
from tests.factories import make_event, make_indicator, make_organisation, make_plan, make_user

pytestmark = pytest.mark.django_db

KINDS = (
    "self_assessment",
    "parallel_report",
    "compliance_matrix",
    "plan_progress",
    "annual_report",
)
HAVE_RENDERERS = importlib.util.find_spec("palermo.reports.renderers.pdf") is not None
NEEDS_RENDERERS = pytest.mark.skipif(
    not HAVE_RENDERERS, reason="The renderers (palermo.reports.renderers) are not written yet."
)


@pytest.fixture(scope="module")
def demo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo data set on top of the reference data, for every test of this module."""
    with (
        django_db_blocker.unblock(),
        override_settings(PALERMO_DEMO=True),
        transaction.atomic(),
    ):
        call_command("demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def review(demo_data: None) -> Review:
    return Review.objects.select_related("state", "cluster").get(state__iso3="PAK")


@pytest.fixture
def alliance(demo_data: None) -> Alliance:
    return Alliance.objects.select_related("coordinator").get()


@pytest.fixture
def secretariat(demo_data: None) -> User:
    return User.objects.get(username="secretariat")


@pytest.fixture
def coordinator(demo_data: None) -> User:
    return User.objects.get(username="coordinator")


@pytest.fixture
def outsider(demo_data: None) -> User:
    """The secretariat of another State: sees none of Pakistan's records."""
    home = make_organisation("Home Office (another State)", country="IND")
    return make_user("outsider", Role.SECRETARIAT, organisation=home)


# --- reading documents ------------------------------------------------------------------------


def _inline(content: tuple[Any, ...]) -> str:
    return "".join(part.text if isinstance(part, Text) else str(part) for part in content)


def document_text(document: Document) -> str:
    """Every string a reader of the document finds, one per line."""
    lines = [document.title]
    if document.cover:
        cover = document.cover
        lines += [cover.title, cover.subtitle, cover.note]
        lines += [f"{key} {value}" for key, value in cover.details]
    for block in document.blocks:
        if isinstance(block, Heading | TableOfContents):
            lines.append(block.text if isinstance(block, Heading) else block.title)
        elif isinstance(block, Paragraph):
            lines.append(_inline(block.content))
        elif isinstance(block, BulletList):
            lines += [_inline(item) for item in block.items]
        elif isinstance(block, KeyValues):
            lines += [f"{key} {value}" for key, value in block.pairs]
        elif isinstance(block, Table | Chart):
            table = block if isinstance(block, Table) else block.table
            if isinstance(block, Chart):
                lines.append(block.caption)
            if table is not None:
                lines += [table.caption, *table.columns]
                lines += [" ".join("" if c is None else str(c) for c in row) for row in table.rows]
    return "\n".join(lines)


def sheet(document: Document, name: str) -> Table:
    found = [table for table in document.tables() if table.sheet == name]
    assert len(found) == 1, f"no single table for sheet {name!r}"
    return found[0]


def headings(document: Document, level: int | None = None) -> list[str]:
    return [
        b.text
        for b in document.blocks
        if isinstance(b, Heading) and (level is None or b.level == level)
    ]


def key_values(document: Document) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in document.blocks:
        if isinstance(block, KeyValues):
            found.update(block.pairs)
    return found


# --- what the database holds ------------------------------------------------------------------


def review_answers(review: Review) -> list[ArticleAnswer]:
    return list(
        ArticleAnswer.objects.filter(review=review)
        .select_related("article__instrument")
        .prefetch_related("provisions__law")
        .order_by("article__instrument__position", "article__number")
    )


def review_observations(review: Review) -> list[Observation]:
    return list(Observation.objects.filter(review=review).prefetch_related("replies"))


def alliance_recommendations(alliance: Alliance, year: int) -> list[Recommendation]:
    """The alliance's: from its statements, and the reports recorded for its State."""
    from_statements = Q(source=Recommendation.Source.STATEMENT) & (
        Q(statement__event__alliance=alliance) | Q(statement__organisation=alliance.coordinator)
    )
    from_reports = Q(source=Recommendation.Source.REPORT, country=alliance.country)
    return list(
        Recommendation.objects.filter(issued_on__lte=datetime.date(year, 12, 31))
        .filter(from_statements | from_reports)
        .distinct()
    )


# --- registration and permissions -------------------------------------------------------------


def test_every_report_is_registered_in_all_four_formats() -> None:
    for code in KINDS:
        kind = registry.get(code)
        assert kind is not None, code
        assert kind.formats == ("html", "pdf", "docx", "xlsx")
    params = {code: [p.name for p in kind.params] for code in KINDS if (kind := registry.get(code))}
    assert params["plan_progress"] == ["plan", "period"]
    assert params["annual_report"] == ["alliance", "year"]
    assert params["self_assessment"] == ["review", "audience"]


def test_who_may_generate_follows_who_may_see_the_subject(
    review: Review, alliance: Alliance, secretariat: User, coordinator: User, outsider: User
) -> None:
    review_kinds = [registry.get(code) for code in KINDS[:3]]
    annual = registry.get("annual_report")
    parallel = registry.get("parallel_report")
    # The parallel report prints every organisation's submission: the coordinator's alone.
    assert parallel is not None
    assert not parallel.can_generate(secretariat, {"review": review.pk})
    assert all(
        k and k.can_generate(secretariat, {"review": review.pk})
        for k in review_kinds
        if k is not parallel
    )
    assert all(k and k.can_generate(coordinator, {"review": review.pk}) for k in review_kinds)
    assert not any(k and k.can_generate(outsider, {"review": review.pk}) for k in review_kinds)
    assert not any(k and k.can_generate(secretariat, {"review": 999_999}) for k in review_kinds)
    assert annual is not None
    assert annual.can_generate(coordinator, {"alliance": alliance.pk, "year": 2024})
    assert not annual.can_generate(outsider, {"alliance": alliance.pk, "year": 2024})
    assert annual.state is not None
    state = annual.state({"alliance": alliance.pk})
    assert state is not None
    assert state.iso3 == "PAK"


def test_a_user_who_may_not_see_the_subject_gets_no_document(
    review: Review, alliance: Alliance, outsider: User
) -> None:
    for build in (build_self_assessment, build_parallel_report, build_compliance_matrix):
        with pytest.raises(PermissionDenied):
            build(user=outsider, review=review, language="en")
    with pytest.raises(PermissionDenied):
        build_annual_report(user=outsider, alliance=alliance, year=2024, language="en")
    kind = registry.get("self_assessment")
    assert kind is not None
    with pytest.raises(PermissionDenied):
        kind.build({"review": review.pk}, "en", outsider)
    with pytest.raises(Review.DoesNotExist):
        kind.build({"review": 999_999}, "en", outsider)


# --- the self-assessment report ---------------------------------------------------------------


def test_self_assessment_has_a_cover_contents_and_one_chapter_per_article(
    review: Review, secretariat: User
) -> None:
    document = build_self_assessment(user=secretariat, review=review, language="en")
    answers = review_answers(review)

    assert document.cover is not None
    details = dict(document.cover.details)
    assert details["State"] == "Pakistan"
    assert details["Cluster"] == str(review.cluster)
    assert (details["Cycle"], details["Year"], details["Version"]) == (
        str(review.cycle),
        str(review.year),
        str(review.version),
    )
    assert details["Submitted on"] != "Not submitted yet"
    assert details["Reviewing States"] == "Djibouti, Tonga"
    assert isinstance(document.blocks[0], TableOfContents)
    assert headings(document, 1) == [
        "Summary",
        *(f"{a.article.code} — {a.article.title}" for a in answers),
    ]
    summary = sheet(document, "Summary")
    assert [row[0] for row in summary.rows] == [a.article.code for a in answers]
    assert [row[3] for row in summary.rows] == [a.get_compliance_display() for a in answers]
    assert document.direction == "ltr"


def test_self_assessment_prints_every_answer_provision_observation_and_reply(
    review: Review, secretariat: User
) -> None:
    document = build_self_assessment(user=secretariat, review=review, language="en")
    text = document_text(document)

    for answer in review_answers(review):
        label = answer.article.code.replace(":", " ").upper()
        table = sheet(document, label)
        cells = [str(cell) for row in table.rows for cell in row]
        assert answer.get_compliance_display() in cells
        for response in answer.responses.values():
            assert response in cells
        for provision in answer.provisions.all():
            laws = sheet(document, f"{label} laws")
            assert (provision.law.title, provision.section, provision.heading) in laws.rows
    observations = review_observations(review)
    assert len(observations) == 3
    for observation in observations:
        assert observation.text in text
        for reply in observation.replies.all():
            assert reply.text in text
    assert "Draft" not in [row[2] for row in sheet(document, "Summary").rows]


def test_an_answer_never_approved_is_printed_as_a_draft(review: Review, secretariat: User) -> None:
    answer = ArticleAnswer.objects.get(review=review, article__number=9)
    ArticleAnswer.objects.filter(pk=answer.pk).update(
        status=AnswerStatus.DRAFT, responses={"measures": "A first draft on prevention."}
    )
    answer.history.all().update(status=AnswerStatus.DRAFT)

    document = build_self_assessment(user=secretariat, review=review, language="en")

    summary = {row[0]: row[2] for row in sheet(document, "Summary").rows}
    assert summary["untoc:9"] == "Draft"
    assert "A first draft on prevention." in document_text(document)
    assert "Draft: this answer has not been approved yet." in document_text(document)


def test_a_draft_after_approval_leaves_the_approved_text_in_the_report(
    review: Review, secretariat: User
) -> None:
    answer = ArticleAnswer.objects.get(review=review, article__number=9)
    approved_text = answer.responses["measures"]
    ArticleAnswer.objects.filter(pk=answer.pk).update(
        status=AnswerStatus.DRAFT, responses={"measures": "Edited after approval."}
    )

    document = build_self_assessment(user=secretariat, review=review, language="en")

    assert approved_text in document_text(document)
    assert "Edited after approval." not in document_text(document)
    assert {row[0]: row[2] for row in sheet(document, "Summary").rows}["untoc:9"] == "Approved"


def test_civil_society_does_not_see_the_observations_before_they_are_agreed(
    review: Review, coordinator: User
) -> None:
    document = build_self_assessment(user=coordinator, review=review, language="en")
    text = document_text(document)

    assert all(answer.responses["measures"] in text for answer in review_answers(review))
    assert not any(o.text in text for o in review_observations(review))


# --- the parallel report ----------------------------------------------------------------------


def test_parallel_report_sets_civil_society_beside_the_government(
    review: Review, coordinator: User
) -> None:
    document = build_parallel_report(user=coordinator, review=review, language="en")
    consolidations = {
        c.article.code: c for c in ConsolidatedAssessment.objects.filter(review=review)
    }

    assert len(consolidations) == 3
    for answer in review_answers(review):
        table = sheet(document, answer.article.code.replace(":", " ").upper())
        rows = {row[0]: row[1:] for row in table.rows}
        assert rows["Assessment"][0] == answer.get_compliance_display()
        assert rows["Answer and summary"][0] == answer.responses["measures"]
        consolidated = consolidations.get(answer.article.code)
        if consolidated is None:
            assert rows["Assessment"][1] == "Not assessed"
            continue
        assert rows["Assessment"][1] == consolidated.get_assessment_display()
        assert rows["Answer and summary"][1] == consolidated.summary
        assert rows["Recommendations"][1] == (consolidated.recommendations or "—")
    summary = {row[0]: row[4] for row in sheet(document, "Summary").rows}
    assert (summary["untoc:5"], summary["untoc:6"], summary["untoc:23"]) == (
        "Disagree",
        "Agree",
        "Disagree",
    )


def test_parallel_report_lists_each_organisations_evidence_and_the_contributors(
    review: Review, coordinator: User
) -> None:
    document = build_parallel_report(user=coordinator, review=review, language="en")
    text = document_text(document)
    submitted = ParallelSubmission.objects.filter(
        review=review, status=ParallelSubmission.Status.SUBMITTED
    )

    for item in ParallelAssessment.objects.filter(submission__in=submitted):
        assert item.evidence in text
        if item.recommendations:
            assert item.recommendations in text
    organisations = sheet(document, "Organisations")
    assert [row[0] for row in organisations.rows] == sorted(str(s.organisation) for s in submitted)
    assert [row[2] for row in organisations.rows] == [
        s.assessments.count() for s in submitted.order_by("organisation__name")
    ]


# --- the compliance matrix --------------------------------------------------------------------


def test_compliance_matrix_has_one_row_per_article_with_the_three_sides(
    review: Review, secretariat: User
) -> None:
    document = build_compliance_matrix(user=secretariat, review=review, language="en")
    matrix = sheet(document, "Matrix")
    consolidations = {c.article_id: c for c in ConsolidatedAssessment.objects.filter(review=review)}
    answers = review_answers(review)

    assert matrix.columns[2:4] == ("Government", "Civil society")
    assert [row[0] for row in matrix.rows] == [a.article.code for a in answers]
    for row, answer in zip(matrix.rows, answers, strict=True):
        assert row[2] == answer.get_compliance_display()
        consolidated = consolidations.get(answer.article_id)
        assert row[3] == (consolidated.get_assessment_display() if consolidated else "Not assessed")
    reviewers = {row[0]: row[5] for row in matrix.rows}
    assert reviewers["untoc:5"] == "1 observation, 1 not closed"
    assert reviewers["untoc:6"] == "1 observation, 0 not closed"
    assert reviewers["untoc:2"] == "No observation"
    observed = sheet(document, "Observations")
    assert sorted(str(row[4]) for row in observed.rows) == sorted(
        o.text for o in review_observations(review)
    )
    facts = key_values(document)
    assert (facts["Government and civil society agree"], facts["Observations not closed"]) == (
        "1",
        "2",
    )


# --- the plan progress report -----------------------------------------------------------------


@pytest.fixture
def plan_case(demo_data: None) -> tuple[ActionPlan, Indicator, Indicator]:
    """A plan with an indicator reported Jan-Apr 2025 and one never reported."""
    from palermo.tracking.services.measurements import measurement_report

    owner = make_organisation("Joint task force on smuggling (test)")
    plan = make_plan(owner=owner, title="Plan against smuggling of migrants (test)")
    reported = make_indicator(plan, name="Smuggling prosecutions started")
    silent = make_indicator(plan, name="Victims referred to shelters")
    for month_number, value in ((1, 110), (2, 120), (3, 130), (4, 190)):
        measurement_report(
            actor=None,
            indicator=reported,
            period=datetime.date(2025, month_number, 1),
            value=Decimal(value),
            today=datetime.date(2025, 6, 1),
        )
    return plan, reported, silent


def test_plan_progress_counts_values_up_to_the_period(
    plan_case: tuple[ActionPlan, Indicator, Indicator], secretariat: User
) -> None:
    plan, reported, silent = plan_case
    document = build_plan_progress(
        user=secretariat, plan=plan, period=parse_period("2025-03"), language="en"
    )

    assert document.cover is not None
    assert dict(document.cover.details)["Reporting period"] == "March 2025"
    indicators = {row[1]: row for row in sheet(document, "Indicators").rows}
    assert indicators[reported.name][5:] == ("2025-03", 130, 30.0, 24.7, "On track", 0)
    assert indicators[silent.name][5:] == ("", None, None, None, "No data", 2)
    assert indicators[reported.name][:5] == (
        reported.measure.number,
        reported.name,
        "cases",
        100,
        200,
    )
    details = sheet(document, f"Measure {reported.measure.number}").rows
    assert details == (
        (
            reported.name,
            plan.owner.name,
            "Monthly",
            "100 cases on 31 December 2024",
            "200 cases by 31 December 2025",
        ),
    )
    measures = sheet(document, "Measures")
    assert [row[3] for row in measures.rows] == [30.0, None]
    assert [row[4] for row in measures.rows] == ["On track", "No data"]
    overdue = sheet(document, "Overdue")
    assert overdue.rows == ((plan.owner.name, silent.name, "2025-01, 2025-02"),)
    facts = key_values(document)
    assert (facts["On track"], facts["No data"], facts["Overdue reports"]) == ("1", "1", "2")


def test_plan_progress_draws_progress_by_measure_and_each_trend(
    plan_case: tuple[ActionPlan, Indicator, Indicator], secretariat: User
) -> None:
    plan, reported, _silent = plan_case
    document = build_plan_progress(
        user=secretariat, plan=plan, period=datetime.date(2025, 3, 1), language="en"
    )
    charts = [block for block in document.blocks if isinstance(block, Chart)]

    assert len(charts) == 4  # progress by measure, overdue by body, one trend per indicator
    assert all(
        c.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for c in charts
    )
    progress = charts[0].spec["data"]["values"]
    assert [row["progress"] for row in progress] == [30.0, None]
    trend = next(c for c in charts if c.table and c.table.caption == reported.name)
    assert trend.table is not None
    lines = {row[0]: row[1:] for row in trend.table.rows}
    assert lines["2025-03"] == (124.66, 130.0)  # 100 + 100 x 90/365 days expected
    assert lines["2025-04"][1] is None  # reported later than the period: not counted
    assert len(lines) == 13  # the baseline's month and the twelve months to the target


def test_plan_progress_is_for_those_who_may_see_the_plan(
    plan_case: tuple[ActionPlan, Indicator, Indicator], outsider: User, secretariat: User
) -> None:
    plan = plan_case[0]
    kind = registry.get("plan_progress")
    assert kind is not None

    assert kind.can_generate(secretariat, {"plan": plan.pk, "period": "2025-03"})
    assert not kind.can_generate(outsider, {"plan": plan.pk, "period": "2025-03"})
    with pytest.raises(PermissionDenied):
        kind.build({"plan": plan.pk, "period": "2025-03"}, "en", outsider)
    document = kind.build({"plan": plan.pk, "period": "2025-03"}, "en", secretariat)
    assert document.title == "Progress of Plan against smuggling of migrants (test), March 2025"


def test_the_demo_plan_gives_a_progress_report(demo_data: None, secretariat: User) -> None:
    plan = ActionPlan.objects.get(
        country="PAK", title="National Action Plan against Smuggling of Migrants"
    )
    latest = (
        Indicator.objects.filter(measure__plan=plan)
        .values_list("measurements__period", flat=True)
        .order_by("-measurements__period")
        .first()
    )
    period = latest or plan.starts_on

    document = build_plan_progress(user=secretariat, plan=plan, period=period, language="en")

    assert [row[0] for row in sheet(document, "Measures").rows] == [
        str(m) for m in plan.measures.order_by("number")
    ]
    assert sorted(str(row[1]) for row in sheet(document, "Indicators").rows) == sorted(
        Indicator.objects.filter(measure__plan=plan).values_list("name", flat=True)
    )
    if HAVE_RENDERERS:
        from palermo.reports import renderers

        for fmt in ("html", "pdf", "docx", "xlsx"):
            text = read_back(renderers.render(document, fmt), fmt)
            missing = [str(m) for m in plan.measures.all() if not found(text, str(m))]
            assert missing == [], fmt


# --- the annual report ------------------------------------------------------------------------


@pytest.fixture
def recommendations(alliance: Alliance) -> list[Recommendation]:
    """One recommendation from a 2024 statement (in progress), one from a report, one too late."""
    from palermo.tracking.services.recommendations import (
        recommendation_create,
        recommendation_update_add,
    )

    statement = Statement.objects.get(title="Written statement on Trafficking in Persons")
    tip = recommendation_create(
        actor=None,
        text="Strengthen the national database on trafficking in persons.",
        title="Strengthen the national database on TIP (test)",
        reference="TIP-T1",
        source=Recommendation.Source.STATEMENT,
        statement=statement,
        issued_on=datetime.date(2024, 7, 10),
        country="PAK",
    )
    recommendation_update_add(
        actor=None,
        recommendation=tip,
        reported_on=datetime.date(2025, 1, 15),
        status=Status.IN_PROGRESS,
        narrative="The FIA started the database.",
    )
    report = recommendation_create(
        actor=None,
        text="Publish yearly figures on prosecutions for organized crime.",
        title="Publish prosecution figures (test)",
        reference="CSR-T1",
        source=Recommendation.Source.REPORT,
        source_title="Civil-society report 2023",
        issued_on=datetime.date(2023, 12, 1),
        country="PAK",
    )
    later = recommendation_create(
        actor=None,
        text="A recommendation made after the year.",
        title="Made in 2025 (test)",
        source=Recommendation.Source.REPORT,
        source_title="Civil-society report 2025",
        issued_on=datetime.date(2025, 2, 1),
        country="PAK",
    )
    return [tip, report, later]


def test_annual_report_lists_the_events_of_the_year_with_their_participants(
    alliance: Alliance, coordinator: User
) -> None:
    document = build_annual_report(user=coordinator, alliance=alliance, year=2024, language="en")
    events = sheet(document, "Events")
    dialogues = Event.objects.filter(
        kind=Event.Kind.CONSTRUCTIVE_DIALOGUE, starts_on__year=2024
    ).order_by("starts_on", "title")
    rows = {row[1]: row for row in events.rows}

    assert dialogues.count() == 5
    assert [row[1] for row in events.rows if row[2] == "Constructive dialogue"] == [
        d.title for d in dialogues
    ]
    day = rows["International Day against Transnational Organized Crime 2024"]
    assert day[6:9] == (31, 86, 117)
    assert day[0] == "15 November 2024"
    assert rows["Conference of the Parties, 12th session"][0:4] == (
        "14 October 2024 – 18 October 2024",
        "Conference of the Parties, 12th session",
        "Conference of the Parties session",
        "Vienna",
    )
    assert "Scoping meeting of civil society on the UNTOC review" not in rows  # 2022
    assert events.rows[-1][0] == "Total"
    facts = key_values(document)
    assert (facts["Participants in person"], facts["Participants online"]) == ("31", "86")
    assert facts["Constructive dialogue"] == "5"


def test_annual_report_has_the_statements_and_the_recommendations_with_their_status(
    alliance: Alliance, coordinator: User, recommendations: list[Recommendation]
) -> None:
    document = build_annual_report(user=coordinator, alliance=alliance, year=2024, language="en")
    text = document_text(document)

    statements = Statement.objects.filter(delivered_on__year=2024, event__alliance=alliance)
    assert [row[1] for row in sheet(document, "Statements").rows] == [
        s.title for s in statements.order_by("delivered_on", "pk")
    ]
    assert all(s.text in text for s in statements)
    listed = {row[1]: row for row in sheet(document, "Recommendations").rows}
    expected = alliance_recommendations(alliance, 2024)
    assert sorted(str(text) for text in listed) == sorted(whole_text(r) for r in expected)
    for recommendation in expected:
        key = whole_text(recommendation)  # the table prints the whole text, not the title
        assert listed[key][5] == recommendation.get_status_display()
        update = recommendation.updates.filter(reported_on__lte=datetime.date(2024, 12, 31)).first()
        assert listed[key][4] == (update.get_status_display() if update else "Not started")
    tip, report, later = (whole_text(r) for r in recommendations)
    assert listed[tip][2:] == (
        "Written statement on Trafficking in Persons",
        "10 July 2024",
        "Not started",  # on 31 December 2024: its first update came in January 2025
        "In progress",
    )
    assert listed[report][2:] == (
        "Civil-society report 2023",
        "1 December 2023",
        "Not started",
        "Not started",
    )
    assert later not in listed
    statuses = sheet(document, "Status").rows
    assert sum(int(row[1] or 0) for row in statuses) == len(expected)
    assert sum(int(row[2] or 0) for row in statuses) == len(expected)


def test_annual_report_gives_the_membership_and_what_comes_next(
    alliance: Alliance, coordinator: User
) -> None:
    make_event(
        "Roundtable on the parallel report (test)",
        starts_on=datetime.date(2025, 3, 12),
        kind=Event.Kind.ROUNDTABLE,
        alliance=alliance,
        city="Lahore",
    )
    document = build_annual_report(user=coordinator, alliance=alliance, year=2024, language="en")
    facts = key_values(document)
    joined = alliance.memberships.filter(joined_on__year=2024)

    assert facts["Members on 31 December 2024"] == "35 organisations, 65 experts"
    assert facts["Joined during the year"] == (
        f"{joined.filter(organisation__isnull=False).count()} organisations, "
        f"{joined.filter(person__isnull=False).count()} experts"
    )
    members = sheet(document, "Members")
    assert len(members.rows) == 35
    assert ("Pakistan Bar Council", "15 September 2022") in members.rows
    upcoming = sheet(document, "Upcoming").rows
    assert (
        "12 March 2025",
        "Roundtable on the parallel report (test)",
        "Roundtable",
        "Lahore",
        "",  # no organiser recorded
        "",  # nor partner
    ) in (upcoming)
    assert (
        len(upcoming) == alliance.events.filter(starts_on__gt=datetime.date(2024, 12, 31)).count()
    )
    assert "Roundtable on the parallel report (test)" not in [
        row[1] for row in sheet(document, "Events").rows
    ]


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ur", "rtl"), ("ar", "rtl")])
def test_documents_in_urdu_and_arabic_read_right_to_left(
    alliance: Alliance, review: Review, coordinator: User, language: str, direction: str
) -> None:
    with translation.override(language):
        annual = build_annual_report(
            user=coordinator, alliance=alliance, year=2024, language=language
        )
        matrix = build_compliance_matrix(user=coordinator, review=review, language=language)

    assert (annual.language, annual.direction) == (language, direction)
    assert (matrix.language, matrix.direction) == (language, direction)


# --- rendering, read back ---------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as extracted, with hyphens (soft or not), typographic quotes and spacing evened out.

    PDF extraction gives a hyphen as a soft hyphen and breaks lines anywhere, so hyphens go
    and every run of whitespace becomes one space.
    """
    text = re.sub(r"[\u00ad-]\s*", "", text)
    text = text.translate({ord("’"): "'", ord("‘"): "'", ord("“"): '"', ord("”"): '"'})
    return " ".join(text.split())


def found(text: str, fact: str) -> bool:
    """The fact in the text (whatever the line breaks), or its words in order close together.

    Wrapped table cells may come out of a PDF interleaved with their neighbours' lines.
    """
    text, fact = normalise(text), normalise(fact)
    if fact.replace(" ", "") in text.replace(" ", ""):
        return True
    words, wanted = text.split(), fact.split()
    span = 4 * len(wanted) + 20
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        position = start
        for want in wanted[1:]:
            try:
                position = words.index(want, position + 1, start + span)
            except ValueError:
                break
        else:
            return True
    return False


def test_found_wants_the_words_in_order_and_close_together() -> None:
    extracted = (
        "Tonga Finding Open Participation in an organized \ncriminal group is a stand\u00ad\nalone"
    )
    assert found(extracted, "organized criminal group is a stand-alone")
    assert found(
        "Date Event\nConstructive dialogue on \n4 April 2024\nFirearms", "dialogue on Firearms"
    )
    assert not found(extracted, "criminal group organized")
    assert not found(extracted, "Participation in a disorganized group")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in {"script", "style"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def read_back(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() for page in reader.pages)
    if fmt == "docx":
        import docx

        word = docx.Document(io.BytesIO(data))
        lines = [p.text for p in word.paragraphs]
        for table in word.tables:
            lines += [cell.text for row in table.rows for cell in row.cells]
        return "\n".join(lines)
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    parser = _TextParser()
    parser.feed(data.decode("utf-8"))
    return html.unescape("\n".join(parser.parts))


def _review_facts(code: str, review: Review) -> list[str]:
    answers = review_answers(review)
    facts = [a.article.code for a in answers]
    if code == "self_assessment":
        facts += [a.responses["measures"] for a in answers]
        facts += [p.law.title for a in answers for p in a.provisions.all()]
        facts += [o.text for o in review_observations(review)]
    elif code == "parallel_report":
        facts += [c.summary for c in ConsolidatedAssessment.objects.filter(review=review)]
        facts += ["Pakistan Bar Council", "Not compliant", "Partly compliant"]
    else:
        facts += [a.article.title for a in answers]
        facts += [o.text for o in review_observations(review)]
        facts += ["Not compliant", "Disagree"]
    return facts


def build_with_facts(
    code: str, review: Review, alliance: Alliance, plan: ActionPlan, user: User
) -> tuple[Document, list[str]]:
    kind = registry.get(code)
    assert kind is not None
    if code == "plan_progress":
        params: dict[str, int | str] = {"plan": plan.pk, "period": "2025-03"}
        indicators = Indicator.objects.filter(measure__plan=plan)
        facts = [plan.title, "130", "On track", "No data", "2025-01, 2025-02"]
        facts += [i.name for i in indicators] + [i.measure.title for i in indicators]
    elif code == "annual_report":
        params = {"alliance": alliance.pk, "year": 2024}
        facts = [
            e.title
            for e in Event.objects.filter(
                kind=Event.Kind.CONSTRUCTIVE_DIALOGUE, starts_on__year=2024
            )
        ]
        facts += [
            "International Day against Transnational Organized Crime 2024 31 86",
            "Strengthen the national database on TIP (test)",
            "In progress",
            "Written statement on Smuggling of Migrants",
        ]
    else:
        params = {"review": review.pk}
        facts = _review_facts(code, review)
    with translation.override("en"):
        return kind.build(params, "en", user), facts


@NEEDS_RENDERERS
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx"])
@pytest.mark.parametrize("code", KINDS)
def test_each_report_renders_and_reads_back_what_the_database_holds(
    code: str,
    fmt: str,
    review: Review,
    alliance: Alliance,
    secretariat: User,
    plan_case: tuple[ActionPlan, Indicator, Indicator],
    recommendations: list[Recommendation],
    coordinator: User,
) -> None:
    from palermo.reports import renderers

    user = coordinator if code == "parallel_report" else secretariat
    document, facts = build_with_facts(code, review, alliance, plan_case[0], user)
    with translation.override("en"):
        data = renderers.render(document, fmt)
    text = read_back(data, fmt)

    missing = [fact for fact in facts if not found(text, fact)]
    assert missing == []


@NEEDS_RENDERERS
def test_the_annual_report_workbook_holds_the_international_days_headcounts(
    alliance: Alliance, coordinator: User
) -> None:
    import openpyxl

    from palermo.reports import renderers

    document = build_annual_report(user=coordinator, alliance=alliance, year=2024, language="en")
    book = openpyxl.load_workbook(io.BytesIO(renderers.render(document, "xlsx")))
    rows = list(book["Events"].iter_rows(values_only=True))

    day = next(
        row
        for row in rows
        if row[1] == "International Day against Transnational Organized Crime 2024"
    )
    assert day[6:9] == (31, 86, 117)
    assert [row[1] for row in rows if row[2] == "Constructive dialogue"] == [
        e.title
        for e in Event.objects.filter(
            kind=Event.Kind.CONSTRUCTIVE_DIALOGUE, starts_on__year=2024
        ).order_by("starts_on", "title")
    ]


@NEEDS_RENDERERS
def test_the_parallel_report_in_word_puts_both_sides_in_one_table(
    review: Review, coordinator: User
) -> None:
    import docx

    from palermo.reports import renderers

    document = build_parallel_report(user=coordinator, review=review, language="en")
    word = docx.Document(io.BytesIO(renderers.render(document, "docx")))
    consolidated = ConsolidatedAssessment.objects.get(review=review, article__number=5)
    answer = ArticleAnswer.objects.get(review=review, article__number=5)

    rows = [
        [cell.text for cell in row.cells]
        for table in word.tables
        for row in table.rows
        if row.cells[0].text == "Answer and summary"
    ]
    assert [answer.responses["measures"], consolidated.summary] in [row[1:] for row in rows]


@NEEDS_RENDERERS
@pytest.mark.parametrize("language", ["ur", "ar"])
def test_right_to_left_reports_render_in_every_format(
    review: Review, alliance: Alliance, secretariat: User, language: str
) -> None:
    from palermo.reports import renderers

    with translation.override(language):
        documents = [
            build_compliance_matrix(user=secretariat, review=review, language=language),
            build_annual_report(user=secretariat, alliance=alliance, year=2024, language=language),
        ]
        for document in documents:
            for fmt in ("html", "pdf", "docx", "xlsx"):
                text = read_back(renderers.render(document, fmt), fmt)
                assert found(text, "untoc:5") or found(text, "Constructive dialogue on Firearms"), (
                    document.title,
                    fmt,
                )
