"""Django's own strings that its Urdu catalogue lacks are shown in Urdu from ours."""

import html

import pytest
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    password_validators_help_texts,
)
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from palermo.core.models import User
from tests.factories import make_user


def errors(validator: object, password: str, user: User | None = None) -> list[str]:
    try:
        validator.validate(password, user)  # type: ignore[attr-defined]
    except ValidationError as error:
        return list(error.messages)
    return []


def test_the_password_rules_are_in_urdu() -> None:
    with translation.override("ur"):
        texts = password_validators_help_texts()

    assert "آپ کا پاس ورڈ آپ کی دیگر ذاتی معلومات سے بہت ملتا جلتا نہیں ہونا چاہیے۔" in texts
    assert "آپ کا پاس ورڈ کوئی عام استعمال ہونے والا پاس ورڈ نہیں ہو سکتا۔" in texts
    assert "آپ کا پاس ورڈ صرف ہندسوں پر مشتمل نہیں ہو سکتا۔" in texts
    assert not any("password" in text for text in texts)


def test_the_password_rules_stay_in_english_for_an_english_reader() -> None:
    with translation.override("en"):
        texts = password_validators_help_texts()

    assert "Your password can’t be entirely numeric." in texts


@pytest.mark.django_db
def test_a_refused_password_is_explained_in_urdu() -> None:
    user = make_user("nadia")

    with translation.override("ur"):
        assert errors(MinimumLengthValidator(12), "short") == [
            "یہ پاس ورڈ بہت چھوٹا ہے۔ اس میں کم از کم 12 حروف ہونے چاہئیں۔"
        ]
        assert errors(CommonPasswordValidator(), "password") == ["یہ پاس ورڈ بہت عام ہے۔"]
        assert errors(NumericPasswordValidator(), "12345678901234") == [
            "یہ پاس ورڈ صرف ہندسوں پر مشتمل ہے۔"
        ]
        assert errors(UserAttributeSimilarityValidator(), "nadia1", user) == [
            "یہ پاس ورڈ صارف نام سے بہت ملتا جلتا ہے۔"
        ]


@pytest.mark.django_db
def test_the_password_change_form_speaks_urdu() -> None:
    user = make_user("nadia")

    with translation.override("ur"):
        change = PasswordChangeForm(
            user,
            data={"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
        )
        assert not change.is_valid()
        assert change.errors["old_password"] == [
            "آپ کا پرانا پاس ورڈ غلط درج ہوا۔ براہِ کرم اسے دوبارہ درج کریں۔"
        ]
        assert change.errors["new_password2"] == ["دونوں خانوں میں درج پاس ورڈ ایک جیسے نہیں ہیں۔"]
        assert str(change.fields["new_password2"].label) == "نئے پاس ورڈ کی تصدیق"


@pytest.mark.django_db
def test_a_failed_sign_in_is_explained_in_urdu() -> None:
    make_user("nadia")

    page = Client().post("/ur/accounts/login/", {"username": "nadia", "password": "wrong"})

    assert "براہِ کرم درست" in html.unescape(page.content.decode())
