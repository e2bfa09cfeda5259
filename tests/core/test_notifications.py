"""Notifications are kept untranslated with their fields and shown in each reader's language."""

import pytest
from django.utils import translation

from palermo.core.notifications import notify
from palermo.reviews import messages
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_notification_keeps_its_message_and_fields_and_its_english_text() -> None:
    reader = make_user("reader")

    (notification,) = notify(
        [reader],
        messages.NOTIFY_NEW_OBSERVATION,
        "/reviews/1/",
        {"article": "untoc:6", "review": 7},
    )

    assert notification.text == "New observation on untoc:6 in 7."
    assert notification.template == "New observation on %(article)s in %(review)s."
    assert notification.params == {"article": "untoc:6", "review": "7"}


def test_the_message_is_translated_when_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = make_user("reader")
    (notification,) = notify(
        [reader], messages.NOTIFY_SUBMITTED, "", {"review": "Pakistan, cluster 1"}
    )
    urdu = {messages.NOTIFY_SUBMITTED: "%(review)s ہم منصب جائزہ کاروں کو بھیج دیا گیا۔"}
    monkeypatch.setattr(
        "palermo.core.models.notifications.gettext",
        lambda text: urdu.get(text, text) if translation.get_language() == "ur" else text,
    )

    with translation.override("ur"):
        shown = notification.message

    assert shown == "Pakistan, cluster 1 ہم منصب جائزہ کاروں کو بھیج دیا گیا۔"
    assert notification.text == "Pakistan, cluster 1 was submitted to the peer reviewers."


def test_a_translation_that_lost_a_field_falls_back_to_the_english_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (notification,) = notify([make_user("reader")], messages.NOTIFY_SUBMITTED, "", {"review": "R"})
    monkeypatch.setattr("palermo.core.models.notifications.gettext", lambda text: "%(missing)s")

    assert notification.message == "R was submitted to the peer reviewers."


def test_plain_text_notifications_show_as_written() -> None:
    (notification,) = notify([make_user("reader")], "Your report is ready.")

    assert (notification.template, notification.message) == ("", "Your report is ready.")
