"""The audit page and its export name records and fields as people do, in their language."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.core.audit import audit_record
from palermo.core.audit_labels import field_label, object_type_label
from palermo.core.models import AuditEvent, User
from palermo.instruments.models import State
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db


def test_a_model_label_becomes_its_verbose_name_in_english_and_urdu() -> None:
    with translation.override("en"):
        assert object_type_label("instruments.state") == "State"
        assert field_label("instruments.state", "regional_group") == "UN regional group"
    with translation.override("ur"):
        assert object_type_label("instruments.state") == "ریاست"
        assert field_label("instruments.state", "regional_group") == "UN علاقائی گروپ"


def test_a_name_the_code_no_longer_knows_is_shown_as_stored() -> None:
    assert object_type_label("gone.model") == "gone.model"
    assert object_type_label("") == ""
    assert field_label("instruments.state", "draw_seed") == "draw_seed"
    assert field_label("gone.model", "status") == "status"


def record_state_change(actor: User) -> AuditEvent:
    state = State.objects.get(iso3="PAK")
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=state,
        changes={"regional_group": ["", "Asia-Pacific States"]},
    )


def test_the_audit_page_shows_human_names_in_urdu(
    secretariat: User, secretariat_client: Client
) -> None:
    record_state_change(secretariat)

    page = without_isolates(
        secretariat_client.get("/ur" + reverse("audit-list")[3:]).content.decode()
    )

    assert '<dt title="regional_group">UN علاقائی گروپ</dt>' in page
    assert 'title="instruments.state">ریاست' in page
    assert '<option value="instruments.state">ریاست</option>' in page


def test_the_audit_page_shows_human_names_in_english(
    secretariat: User, secretariat_client: Client
) -> None:
    record_state_change(secretariat)

    with translation.override("en"):
        page = without_isolates(secretariat_client.get(reverse("audit-list")).content.decode())

    assert '<dt title="regional_group">UN regional group</dt>' in page
    assert 'title="instruments.state">State' in page


def test_the_audit_export_keeps_stored_names_and_adds_human_ones(
    secretariat: User, secretariat_client: Client
) -> None:
    record_state_change(secretariat)

    with translation.override("en"):
        content = secretariat_client.get(reverse("audit-list"), {"format": "csv"}).content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))

    (row,) = [row for row in rows if row["object_type"] == "instruments.state"]
    assert row["kind_of_record"] == "State"
    assert row["changed_fields"] == "UN regional group"
    assert '"regional_group"' in row["changes"]
