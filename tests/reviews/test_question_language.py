"""The question bank is stored in English, read in the reader's language, English a click away."""

import html

from django.test import Client
from django.utils import translation

from palermo.core.models import User
from palermo.instruments.models import Cluster, State
from palermo.reviews.models import Question, Review
from palermo.reviews.services import opening as opening_services
from tests.isolates import without_isolates

MEASURES_EN = "Describe the measures taken to implement this article."
MEASURES_UR = "اس دفعہ پر عمل درآمد کے لیے کیے گئے اقدامات بیان کریں۔"
COMPLIANCE_UR = "کیا آپ کے ملک نے وہ اقدامات اختیار کیے ہیں جن کا یہ دفعہ تقاضا کرتی ہے؟"
ORIGINAL = f'<span lang="en" dir="ltr">{MEASURES_EN}</span>'


def measures_question(review: Review) -> Question:
    return review.questions.get(article__number=6, key="measures")


def test_a_bank_question_is_stored_in_english_and_read_in_urdu(review: Review) -> None:
    question = measures_question(review)

    assert question.text == MEASURES_EN
    with translation.override("ur"):
        assert question.text_in_language == MEASURES_UR
        assert question.is_translated
    with translation.override("en"):
        assert question.text_in_language == MEASURES_EN
        assert not question.is_translated


def test_a_question_written_by_hand_is_shown_as_written(review: Review) -> None:
    question = Question(text="Is the hotline open at night?", help_text="")

    with translation.override("ur"):
        assert question.text_in_language == "Is the hotline open at night?"
        assert not question.is_translated


def test_the_answer_form_in_urdu_offers_the_english_original(
    client: Client, review: Review, secretariat: User
) -> None:
    client.force_login(secretariat)
    answer = review.answers.get(article__number=6)

    page = html.unescape(
        without_isolates(
            client.get(f"/ur/reviews/{review.pk}/answers/{answer.pk}/").content.decode()
        )
    )

    assert f">{MEASURES_UR}</label>" in page
    assert COMPLIANCE_UR in page
    assert ORIGINAL in page


def test_a_submitted_answer_in_urdu_offers_the_english_original(
    client: Client, submitted_review: Review, secretariat: User
) -> None:
    client.force_login(secretariat)
    answer = submitted_review.answers.get(article__number=6)

    page = html.unescape(
        without_isolates(
            client.get(f"/ur/reviews/{submitted_review.pk}/answers/{answer.pk}/").content.decode()
        )
    )

    assert f'<dt class="mt-3">{MEASURES_UR}<details' in page
    assert ORIGINAL in page


def test_the_english_page_shows_the_question_once(
    client: Client, review: Review, secretariat: User
) -> None:
    client.force_login(secretariat)
    answer = review.answers.get(article__number=6)

    page = html.unescape(
        without_isolates(
            client.get(f"/en/reviews/{review.pk}/answers/{answer.pk}/").content.decode()
        )
    )

    assert page.count(MEASURES_EN) == 1
    assert "English original" not in page


def test_opening_a_review_in_urdu_stores_the_english_text(secretariat: User) -> None:
    with translation.override("ur"):
        opened = opening_services.review_open(
            actor=secretariat,
            state=State.objects.get(iso3="PAK"),
            cluster=Cluster.objects.get(number=1),
            year=2022,
        )

    assert measures_question(opened).text == MEASURES_EN
