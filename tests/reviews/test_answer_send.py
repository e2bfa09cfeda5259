"""Saving and sending is one version; a sent answer waits for the secretariat and says so."""

import pytest
from django.test import Client

from palermo.core.dashboard import panels_for
from palermo.core.exceptions import ConflictError
from palermo.core.models import User
from palermo.engagement.models import Organisation
from palermo.instruments.demo import demo_load
from palermo.instruments.models import Provision
from palermo.reviews import messages
from palermo.reviews.models import AnswerStatus, Review
from palermo.reviews.services import answers as answer_services
from tests.reviews.test_answers import answer_on

pytestmark = pytest.mark.django_db


def test_save_and_send_with_new_provisions_writes_one_version(
    review: Review, focal: User, fia: Organisation, secretariat: User
) -> None:
    demo_load()
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)
    amla = Provision.objects.get(law__short_title="AMLA 2010", section="3")
    answer.refresh_from_db()
    start = answer.version
    client = Client()
    client.force_login(focal)

    response = client.post(
        f"/en/reviews/{review.pk}/answers/{answer.pk}/",
        {
            "action": "send",
            "version": start,
            "compliance": "yes",
            "q_measures": "Section 3 of AMLA 2010.",
            "provisions": [amla.pk],
        },
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.FOR_APPROVAL
    assert answer.version == start + 1
    versions = list(answer.history.order_by("history_date", "history_id"))
    assert versions[-1].history_change_reason == "saved and sent for approval"
    assert versions[-2].history_change_reason != "saved"
    assert [p.provision_id for p in versions[-1].provisions.all()] == [amla.pk]


def test_a_sent_answer_is_locked_for_its_drafters_and_says_why(
    review: Review, focal: User, fia: Organisation, secretariat: User
) -> None:
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)
    answer.refresh_from_db()
    answer_services.answer_save(
        actor=focal,
        answer=answer,
        expected_version=answer.version,
        responses={"measures": "Text."},
        send=True,
    )
    client = Client()
    client.force_login(focal)

    page = client.get(f"/en/reviews/{review.pk}/answers/{answer.pk}/")
    answer.refresh_from_db()
    with pytest.raises(ConflictError) as refused:
        answer_services.answer_save(
            actor=focal,
            answer=answer,
            expected_version=answer.version,
            responses={"measures": "Later."},
        )

    assert page.context["can_edit"] is False
    assert str(messages.ANSWER_AWAITS_APPROVAL_LOCKED) in page.content.decode()
    assert str(refused.value) == str(messages.ANSWER_AWAITS_APPROVAL_LOCKED)
    answer.refresh_from_db()
    assert answer.responses == {"measures": "Text."}


def test_the_dashboard_counts_one_answer_in_the_singular(
    review: Review, focal: User, fia: Organisation, secretariat: User
) -> None:
    answer_services.answer_assign(
        actor=secretariat, answers=[answer_on(review, "untoc:6")], body=fia
    )

    texts = [str(text) for panel in panels_for(focal) for text, _url in panel.items]

    assert f"1 answer to draft in {review}" in texts
