import pytest
from django.core.exceptions import PermissionDenied

from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, RoleGrant, User
from palermo.core.roles import Role
from palermo.core.services import users as user_services
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


def test_user_create_records_the_new_values_in_the_audit_log(secretariat: User) -> None:
    organisation = make_organisation("Federal Investigation Agency")

    user = user_services.user_create(
        actor=secretariat,
        username="fia.focal",
        email="focal@example.org",
        organisation=organisation,
        roles=(Role.FOCAL_PERSON,),
    )

    event = AuditEvent.objects.get(object_type="core.user", object_id=str(user.pk), action="create")
    assert event.actor == secretariat
    assert event.changes["username"] == [None, "fia.focal"]
    assert event.changes["organisation"] == [
        None,
        f"Federal Investigation Agency (#{organisation.pk})",
    ]
    assert event.changes["password"] == [None, "••••••"]
    grant = user.role_grants.get()
    grant_event = AuditEvent.objects.get(object_type="core.rolegrant", object_id=str(grant.pk))
    assert grant_event.changes["role"] == [None, "focal_person"]
    assert not user.has_usable_password()


def test_user_create_refuses_a_taken_username_whatever_its_case(secretariat: User) -> None:
    make_user("Focal")
    before = User.objects.count()

    with pytest.raises(ConflictError, match="already exists"):
        user_services.user_create(actor=secretariat, username="focal")

    assert User.objects.count() == before


def test_user_create_is_refused_to_someone_without_the_secretariat_role(plain_user: User) -> None:
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        user_services.user_create(actor=plain_user, username="intruder")

    assert not User.objects.filter(username="intruder").exists()
    assert AuditEvent.objects.count() == events


def test_the_secretariat_cannot_create_a_superuser(secretariat: User) -> None:
    with pytest.raises(PermissionDenied):
        user_services.user_create(actor=secretariat, username="root2", is_superuser=True)


def test_user_update_records_before_and_after(secretariat: User) -> None:
    user = make_user("member", email="old@example.org")

    user_services.user_update(
        actor=secretariat, user=user, email="new@example.org", is_active=False
    )

    event = AuditEvent.objects.get(object_id=str(user.pk), action="update")
    assert event.changes == {
        "email": ["old@example.org", "new@example.org"],
        "is_active": [True, False],
    }


def test_user_update_without_a_change_writes_no_audit_line(secretariat: User) -> None:
    user = make_user("member", email="same@example.org")
    events = AuditEvent.objects.count()

    user_services.user_update(actor=secretariat, user=user, email="same@example.org")

    assert AuditEvent.objects.count() == events


def test_role_grant_and_revoke_are_audited(secretariat: User) -> None:
    user = make_user("analyst")

    grant = user_services.role_grant(actor=secretariat, user=user, role=Role.ANALYST)
    grant_id = str(grant.pk)
    user_services.role_revoke(actor=secretariat, grant=grant)

    assert not RoleGrant.objects.filter(user=user).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="core.rolegrant", object_id=grant_id)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]
    deleted = AuditEvent.objects.get(object_type="core.rolegrant", action="delete")
    assert deleted.actor == secretariat
    assert deleted.changes["role"] == ["analyst", None]


def test_role_grant_twice_is_a_conflict(secretariat: User) -> None:
    user = make_user("analyst", Role.ANALYST)

    with pytest.raises(ConflictError):
        user_services.role_grant(actor=secretariat, user=user, role=Role.ANALYST)

    assert RoleGrant.objects.filter(user=user).count() == 1


def test_a_password_change_is_audited_without_the_password(
    plain_user: User, settings: object
) -> None:
    from palermo import settings as palermo_settings

    settings.PASSWORD_HASHERS = palermo_settings.PASSWORD_HASHERS  # type: ignore[attr-defined]
    user_services.user_password_set(
        actor=plain_user, user=plain_user, password="a new long passphrase"
    )

    event = AuditEvent.objects.filter(object_id=str(plain_user.pk), action="update").get()
    assert event.changes == {"password": ["••••••", "••••••"]}
    plain_user.refresh_from_db()
    assert plain_user.check_password("a new long passphrase")
    assert plain_user.password.startswith("argon2")
