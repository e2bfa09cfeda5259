"""Who works on a review: its State's users by role, and who may be asked to draft."""

from django.db.models import QuerySet

from palermo.core.models import RoleGrant, User
from palermo.core.roles import Role
from palermo.core.scope import is_own_state
from palermo.engagement.models import Organisation
from palermo.reviews import permissions
from palermo.reviews.models import (
    Review,
)


def assignable_bodies(review: Review) -> QuerySet[Organisation]:
    """The government bodies that may draft this review's answers: those of its State."""
    return Organisation.objects.filter(
        country=review.state.iso3, kind=Organisation.Kind.GOVERNMENT
    ).order_by("name")


def assignable_people(review: Review) -> QuerySet[User]:
    """The people who may be asked to draft an answer: active accounts of the State."""
    return User.objects.filter(organisation__country=review.state.iso3, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def state_users(review: Review, *roles: Role) -> list[User]:
    """Active users of the State under review holding any of these roles (unscoped), once each."""
    grants = RoleGrant.objects.filter(role__in=roles, scope_type="").select_related(
        "user__organisation"
    )
    users = {g.user.pk: g.user for g in grants if is_own_state(g.user, review.state.iso3)}
    return list(users.values())


def review_secretariat_users(review: Review) -> list[User]:
    return state_users(review, Role.SECRETARIAT)


def review_participants(review: Review) -> list[User]:
    """Everyone working on the review: its State's government users, reviewers, observers."""
    users = {u.pk: u for u in state_users(review, Role.SECRETARIAT, Role.FOCAL_PERSON)}
    attached = RoleGrant.objects.filter(
        scope_type=permissions.REVIEW_SCOPE, scope_id=str(review.pk)
    )
    users.update({g.user.pk: g.user for g in attached.select_related("user") if g.user.is_active})
    return list(users.values())


def review_government_users(review: Review) -> list[User]:
    """The secretariat and focal persons of the State under review."""
    return state_users(review, Role.SECRETARIAT, Role.FOCAL_PERSON)


def review_coordinators(review: Review) -> list[User]:
    return state_users(review, Role.CS_COORDINATOR)
