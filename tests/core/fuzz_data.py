"""Records for the API fuzzer to hit: one of each kind, some with records that depend on them."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from palermo.engagement.services import alliances as engagement_services
from palermo.engagement.services import events as event_services
from palermo.engagement.services import minutes as minutes_services
from palermo.instruments.models import Article, Cluster, State
from palermo.instruments.reference import CONVENTION
from palermo.instruments.services import legislation as legislation_services
from palermo.reviews.services import opening as opening_services
from palermo.tracking.services import measurements as measurement_services
from palermo.tracking.services import recommendations as recommendation_services
from tests.factories import make_event, make_indicator, make_organisation, make_person, make_user


@dataclass
class FuzzData:
    headers: dict[str, str]
    # Path parameter name -> values that name existing records.
    known: dict[str, list[Any]] = field(default_factory=dict)

    def path_parameters_hook(self) -> Any:
        """A schemathesis hook that often swaps a generated path parameter for a known one."""
        known = self.known

        def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
            return st.fixed_dictionaries(
                {
                    name: st.sampled_from([value, *known.get(name, [])])
                    for name, value in (path_parameters or {}).items()
                }
            )

        return flatmap_path_parameters


def fuzz_data_make() -> FuzzData:
    """A superuser of Pakistan's secretariat and one record of each kind the API serves."""
    home = make_organisation("Federal Investigation Agency")
    admin = make_user("fuzzer", Role.SECRETARIAT, organisation=home, is_superuser=True)
    token, raw = token_services.token_create(actor=None, owner=admin, name="fuzzer")
    other = make_user("colleague", Role.FOCAL_PERSON, organisation=home)

    person = make_person("Amina Khan", organisation=home)
    alliance = engagement_services.alliance_create(
        actor=None, name="Anti-trafficking alliance", coordinator=home, country="PAK"
    )
    membership = engagement_services.membership_add(
        actor=None, alliance=alliance, organisation=home, joined_on=datetime.date(2024, 1, 1)
    )

    event = make_event("Consultation")
    participant = event_services.participant_add(actor=None, event=event, person=person)
    statement = event_services.statement_create(
        actor=None, event=event, organisation=home, title="Opening statement", text="Act now."
    )
    (recommendation,) = recommendation_services.recommendations_from_statement(
        actor=None, statement=statement, texts=["Train the police."]
    )
    minutes = minutes_services.minutes_record(actor=None, event=event, summary="Agreed.")
    decision = minutes_services.decision_add(actor=None, minutes=minutes, text="Meet again.")
    action_item = minutes_services.action_item_create(
        actor=None, decision=decision, text="Send invitations.", owner_organisation=home
    )

    pakistan = State.objects.get(iso3="PAK")
    law = legislation_services.law_create(
        actor=None, state=pakistan, title="Prevention of Trafficking in Persons Act", year=2018
    )
    provision = legislation_services.provision_create(
        actor=None, law=law, section="3", text="Trafficking is an offence."
    )
    article = Article.objects.filter(instrument__code=CONVENTION).order_by("pk").first()
    assert article is not None
    mapping = legislation_services.mapping_add(actor=None, provision=provision, article=article)

    review = opening_services.review_open(
        actor=admin, state=pakistan, cluster=Cluster.objects.get(number=1), year=2021
    )
    answer = review.answers.order_by("pk").first()
    assert answer is not None

    indicator = make_indicator()
    measurement = measurement_services.measurement_report(
        actor=None,
        indicator=indicator,
        period=datetime.date(2025, 1, 1),
        value=110,
        today=datetime.date(2025, 2, 1),
    )

    known: dict[str, list[Any]] = {
        "organisation_id": [home.pk],
        "person_id": [person.pk],
        "alliance_id": [alliance.pk],
        "membership_id": [membership.pk],
        "event_id": [event.pk],
        "participant_id": [participant.pk],
        "statement_id": [statement.pk],
        "recommendation_id": [recommendation.pk],
        "decision_id": [decision.pk],
        "action_item_id": [action_item.pk],
        "law_id": [law.pk],
        "provision_id": [provision.pk],
        "mapping_id": [mapping.pk],
        "review_id": [review.pk],
        "answer_id": [answer.pk],
        "question_id": list(review.questions.values_list("pk", flat=True)[:1]),
        "article_code": [answer.article.code],
        "code": [CONVENTION, article.code],
        "iso3": ["PAK"],
        "kind": ["self_assessment"],
        "plan_id": [indicator.measure.plan_id],
        "measure_id": [indicator.measure_id],
        "indicator_id": [indicator.pk],
        "measurement_id": [measurement.pk],
        "token_id": [token.pk],
        "user_id": [other.pk],
        "grant_id": list(other.role_grants.values_list("pk", flat=True)),
    }
    return FuzzData(headers={"authorization": f"Bearer {raw}"}, known=known)
