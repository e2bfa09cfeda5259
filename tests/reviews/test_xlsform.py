import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from palermo.core.models import User
from palermo.reviews.models import AnswerStatus, Question, Review
from palermo.reviews.xlsform import build_xlsform, import_file, validate_xlsform

pytestmark = pytest.mark.django_db


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_exported_xlsform_is_valid_for_pyxform(review: Review) -> None:
    xform = validate_xlsform(build_xlsform(review))

    assert "untoc_5_compliance" in xform
    assert "untoc_23_assistance" in xform
    assert xform.count("<group") == 8


def test_a_filled_kobo_export_becomes_answers(
    client: Client, review: Review, secretariat: User
) -> None:
    filled = workbook_bytes(
        [
            [
                "start",
                "g_untoc_6/untoc_6_compliance",
                "g_untoc_6/untoc_6_measures",
                "g_untoc_5/untoc_5_compliance",
            ],
            ["2024-01-01", "yes", "Section 3 of AMLA 2010.", "partly"],
        ]
    )
    client.force_login(secretariat)

    response = client.post(
        f"/en/reviews/{review.pk}/xlsform/import/",
        {"file": SimpleUploadedFile("kobo-data.xlsx", filled)},
        follow=True,
    )

    assert "2 answers were imported" in response.content.decode()
    untoc6 = review.answers.get(article__number=6)
    assert (untoc6.compliance, untoc6.responses, untoc6.status) == (
        "yes",
        {"measures": "Section 3 of AMLA 2010."},
        AnswerStatus.DRAFT,
    )
    assert review.answers.get(article__number=5).compliance == "partly"


def test_a_malformed_file_is_refused_with_its_reason_and_nothing_changes(
    review: Review, secretariat: User
) -> None:
    bad = workbook_bytes(
        [
            ["untoc_6_compliance", "untoc_6_measures", "untoc_5_compliance"],
            ["perhaps", "Text.", "yes"],
        ]
    )

    with pytest.raises(ValidationError, match="“perhaps” is not one of"):
        import_file(actor=secretariat, review=review, content=bad, filename="data.xlsx")

    assert not review.answers.exclude(compliance="").exists()
    two_rows = workbook_bytes([["untoc_6_compliance"], ["yes"], ["no"]])
    with pytest.raises(ValidationError, match="exactly one filled questionnaire"):
        import_file(actor=secretariat, review=review, content=two_rows, filename="data.xlsx")
    with pytest.raises(ValidationError, match="No column"):
        import_file(
            actor=secretariat,
            review=review,
            content=workbook_bytes([["a"], ["b"]]),
            filename="x.xlsx",
        )


def test_an_edited_xlsform_rewords_the_questions(review: Review, secretariat: User) -> None:
    workbook = load_workbook(io.BytesIO(build_xlsform(review)))
    survey = workbook["survey"]
    for row in survey.iter_rows(min_row=2):
        if row[1].value == "untoc_5_measures":
            row[2].value = "What has Pakistan done since 2018?"
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = import_file(
        actor=secretariat, review=review, content=buffer.getvalue(), filename="form.xlsx"
    )

    assert result.changed == ["untoc_5_measures"]
    assert (
        Question.objects.get(review=review, article__number=5, key="measures").text
        == "What has Pakistan done since 2018?"
    )


def test_the_api_serves_the_xlsform_to_government_only(
    client: Client, review: Review, secretariat: User
) -> None:
    from palermo.core.roles import Role
    from palermo.core.services import tokens as token_services
    from tests.factories import make_organisation, make_user

    _token, raw = token_services.token_create(actor=None, owner=secretariat, name="t")
    response = client.get(
        f"/api/v1/reviews/{review.pk}/xlsform", headers={"authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    validate_xlsform(response.content)
    _token, member_raw = token_services.token_create(
        actor=None,
        owner=make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO")),
        name="t",
    )
    denied = client.get(
        f"/api/v1/reviews/{review.pk}/xlsform", headers={"authorization": f"Bearer {member_raw}"}
    )
    assert denied.status_code == 403
