"""The world of the read-rules table: every role, and markers planted where rules guard them.

Built once per module inside one transaction that is rolled back at the end (the tests then run
in savepoints of it), so the table costs one world and one generation of every report.
"""

import datetime
import io
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import Client, TestCase, override_settings

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from palermo.engagement.models import Alliance, Person
from palermo.engagement.services import alliances as alliance_services
from palermo.evidence import loaders
from palermo.evidence.models import Dataset
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from palermo.instruments.models import Article, Cluster, State
from palermo.networks.models import Collection
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports as network_imports
from palermo.reports import registry
from palermo.reports.models import GeneratedReport
from palermo.reports.services import generation as report_generation
from palermo.reviews.models import ArticleAnswer, Review
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import parallel as parallel_services
from palermo.reviews.services import reviewers as reviewer_services
from palermo.tracking.models import ActionPlan
from tests.evidence.layouts import ROWS as VICTIM_ROWS
from tests.evidence.layouts import PlainVictims
from tests.evidence.layouts import write as write_victims
from tests.factories import make_indicator, make_organisation, make_person, make_plan, make_user
from tests.networks.conftest import FIXTURES as NETWORK_FIXTURES

DRAFT = "DRAFT-MARKER-Q7Z"
SUBMISSION = "SUBMISSION-MARKER-K9W"
PHONE = "3008675309"
EMAIL = "contact-marker-x4@example.org"
MARKERS = (DRAFT, SUBMISSION, PHONE, EMAIL)
ROLES = (
    "secretariat",
    "focal",
    "reviewer",
    "observer",
    "coordinator",
    "member",
    "monitor",
    "analyst",
    "foreign",
    "self",
    "anonymous",
)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class World:
    review: Review
    answer: ArticleAnswer
    person: Person
    plan: ActionPlan
    alliance: Alliance
    users: dict[str, User]
    tokens: dict[str, str]
    dataset: Dataset
    collection: Collection | None = None
    reports: list[tuple[str, str, GeneratedReport]] = field(default_factory=list)

    def client(self, role: str) -> Client:
        """A signed-in browser (pages) for the role; anonymous stays signed out."""
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def headers(self, role: str) -> dict[str, str]:
        """API headers for the role: a personal access token, none for anonymous."""
        token = self.tokens.get(role)
        return {"authorization": f"Bearer {token}"} if token else {}


def _users() -> dict[str, User]:
    fia = make_organisation("Federal Investigation Agency")
    bar = make_organisation("Pakistan Bar Council", kind="civil_society")
    return {
        "secretariat": make_user(
            "secretariat", Role.SECRETARIAT, organisation=make_organisation("NPB")
        ),
        "focal": make_user("focal", Role.FOCAL_PERSON, organisation=fia),
        "reviewer": make_user(
            "reviewer", organisation=make_organisation("Government of Tonga", country="TON")
        ),
        "observer": make_user(
            "observer", organisation=make_organisation("UNODC", kind="international", country="")
        ),
        "coordinator": make_user(
            "coordinator",
            Role.CS_COORDINATOR,
            organisation=make_organisation("Alliance secretariat", kind="civil_society"),
        ),
        "member": make_user("member", Role.CS_MEMBER, organisation=bar),
        "monitor": make_user(
            "monitor", Role.PLAN_MONITOR, organisation=make_organisation("Ministry of Interior")
        ),
        "analyst": make_user(
            "analyst", Role.ANALYST, organisation=make_organisation("Research unit")
        ),
        # Every role, but of another State: they read international records and nothing here.
        "foreign": make_user(
            "foreign",
            Role.SECRETARIAT,
            Role.FOCAL_PERSON,
            Role.CS_COORDINATOR,
            Role.CS_MEMBER,
            Role.PLAN_MONITOR,
            Role.ANALYST,
            organisation=make_organisation("Home Office", country="IND"),
        ),
        # The person whose contact details are planted, signed in with no role, working
        # outside the organisation the registry lists them under.
        "self": make_user(
            "self", organisation=make_organisation("Legal aid clinic", kind="civil_society")
        ),
    }


def _plant(users: dict[str, User]) -> tuple[Review, ArticleAnswer, Person, ActionPlan, Alliance]:
    review = opening_services.review_open(
        actor=None,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    reviewer_services.participant_add(
        actor=None, review=review, user=users["reviewer"], role=Role.PEER_REVIEWER
    )
    reviewer_services.participant_add(
        actor=None, review=review, user=users["observer"], role=Role.OBSERVER
    )
    answer = review.answers.get(article__number=6)
    fia = users["focal"].organisation
    answer_services.answer_assign(actor=None, answers=[answer], body=fia)
    answer.refresh_from_db()
    answer_services.answer_save(
        actor=users["focal"],
        answer=answer,
        expected_version=answer.version,
        compliance="yes",
        responses={"measures": f"Not sent yet: {DRAFT}."},
    )
    answer.refresh_from_db()
    article = Article.objects.get(instrument__code="untoc", number=6)
    submission = parallel_services.parallel_save(
        actor=users["member"],
        review=review,
        assessments={
            article: {
                "assessment": "partly",
                "evidence": f"Seen: {SUBMISSION}.",
                "sources": f"Court records, {SUBMISSION}.",
                "recommendations": f"Train judges ({SUBMISSION}).",
            }
        },
    )
    parallel_services.parallel_submit(actor=users["member"], submission=submission)
    bar = users["member"].organisation
    person = make_person("Ayesha Khan", organisation=bar, phone=f"+92 {PHONE}", email=EMAIL)
    # No service links a person to an account yet (accounts are made by the secretariat).
    Person.objects.filter(pk=person.pk).update(user=users["self"])
    person.refresh_from_db()
    plan = make_plan(owner=users["monitor"].organisation, title="National action plan")
    make_indicator(plan)
    alliance = alliance_services.alliance_create(
        actor=None, name="Anti-trafficking alliance", coordinator=bar, country="PAK"
    )
    alliance_services.membership_add(
        actor=None, alliance=alliance, person=person, joined_on=datetime.date(2024, 1, 1)
    )
    return review, answer, person, plan, alliance


def _dataset(analyst: User, folder: Path) -> Dataset:
    """A victims dataset of the analyst's, with one version: the threat assessment's source."""
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    try:
        dataset = dataset_services.dataset_create(
            actor=analyst,
            name="National TIP cases",
            kind="victims",
            crime_type="tip",
            source_organisation="FIA",
        )
        import_services.import_file(
            actor=analyst, dataset=dataset, path=write_victims(folder / "cases.csv", VICTIM_ROWS)
        )
    finally:
        del loaders.LAYOUTS[layout.name]
    return dataset


def _collection(analyst: User) -> Collection:
    """A network collection of the analyst's: the network brief's source."""
    collection = collection_services.collection_create(actor=analyst, name="Route network")
    network_imports.import_file(
        actor=analyst, collection=collection, path=NETWORK_FIXTURES / "route.ftm.json"
    )
    return collection


def report_requests(world: World) -> list[tuple[str, dict[str, Any]]]:
    """Every registered kind with parameters pointing at the planted records, every edition."""
    raw = {
        "review": world.review.pk,
        "plan": world.plan.pk,
        "period": "2025-06",
        "alliance": world.alliance.pk,
        "year": 2024,
    }
    raw["dataset"] = world.dataset.pk
    if world.collection is not None:
        raw["collection"] = world.collection.pk
    requests = []
    for kind in registry.kinds():
        unknown = {param.name for param in kind.params if param.required} - {*raw, "audience"}
        assert not unknown, f"Give the read-rules table parameters for {kind.code}: {unknown}"
        editions = [{}]
        for param in kind.params:
            if param.name == "audience":
                editions = [{"audience": value} for value, _label in param.choices]
        for edition in editions:
            wanted = {param.name: raw[param.name] for param in kind.params if param.name in raw}
            requests.append((kind.code, {**wanted, **edition}))
    return requests


def _generate(world: World) -> None:
    for role, user in world.users.items():
        for code, params in report_requests(world):
            kind = registry.get(code)
            assert kind is not None
            if not kind.can_generate(user, kind.parse_params(params)):
                continue
            with TestCase.captureOnCommitCallbacks(execute=True):
                report = report_generation.report_request(
                    actor=user, kind=code, params=params, language="en", fmt="html"
                )
            report.refresh_from_db()
            assert report.status == GeneratedReport.Status.DONE, (code, role, report.error)
            world.reports.append((role, f"{code}/{params.get('audience', '')}", report))


@contextmanager
def world_built(media_root: Any, *, reports: bool = True) -> Iterator[World]:
    """Build the world in a transaction, yield it, and roll it all back.

    `reports`: generate every report kind as every role that may (the table's download rows).
    """
    with ExitStack() as stack:
        stack.enter_context(
            override_settings(
                TASKS=IMMEDIATE,
                MEDIA_ROOT=str(media_root),
                PALERMO_EVIDENCE_ROOT=Path(media_root) / "evidence",
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            )
        )
        stack.enter_context(transaction.atomic())
        users = _users()
        review, answer, person, plan, alliance = _plant(users)
        dataset = _dataset(users["analyst"], Path(media_root))
        tokens = {
            role: token_services.token_create(actor=None, owner=user, name="read rules")[1]
            for role, user in users.items()
        }
        world = World(review, answer, person, plan, alliance, users, tokens, dataset)
        world.collection = _collection(users["analyst"])
        if reports:
            _generate(world)
        try:
            yield world
        finally:
            transaction.set_rollback(True)


def text_of(content: bytes) -> str:
    """The text a download carries: a workbook's XML parts, or the bytes as UTF-8."""
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")
            )
    return content.decode(errors="replace")


def markers_in(text: str) -> set[str]:
    """The markers a text carries; a phone number counts however its digits are spaced."""
    for tag in ("<mark>", "</mark>", "&lt;mark&gt;", "&lt;/mark&gt;"):
        text = text.replace(tag, "")
    digits = "".join(ch for ch in text if ch not in " \u00a0\u202f-()")
    return {m for m in MARKERS if m in (digits if m == PHONE else text)}
