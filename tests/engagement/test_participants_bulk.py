"""Many participants at once: the service, pasted names matched and confirmed, the page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Participant
from palermo.engagement.selectors.name_matches import people_match_names, split_pasted_names
from palermo.engagement.services import events as event_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


def test_many_people_are_added_with_one_role_and_those_already_in_are_left(
    secretariat: User,
) -> None:
    event = make_event()
    ayesha, bilal, chand = make_person("Ayesha Khan"), make_person("Bilal"), make_person("Chand")
    event_services.participant_add(actor=None, event=event, person=ayesha, role="speaker")

    added = event_services.participants_add(
        actor=secretariat, event=event, people=[ayesha, bilal, chand, bilal], online=True
    )

    assert [participant.person.name for participant in added] == ["Bilal", "Chand"]
    assert sorted(event.participants.values_list("person__name", "role", "online")) == [
        ("Ayesha Khan", "speaker", False),
        ("Bilal", "participant", True),
        ("Chand", "participant", True),
    ]


def test_a_person_the_actor_may_not_see_refuses_the_whole_list(secretariat: User) -> None:
    event = make_event()
    ours, theirs = make_person("Ayesha Khan"), make_person("Ravi", country="IND")

    with pytest.raises(PermissionDenied):
        event_services.participants_add(actor=secretariat, event=event, people=[ours, theirs])

    assert not Participant.objects.exists()


def test_someone_who_may_not_edit_the_event_adds_no_one() -> None:
    event = make_event()
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO"))

    with pytest.raises(PermissionDenied):
        event_services.participants_add(actor=member, event=event, people=[make_person()])

    assert not Participant.objects.exists()


def test_pasted_names_lose_bullets_numbers_blank_lines_and_repeats() -> None:
    text = "1. Ayesha Khan\n- Bilal  Ahmed\n\n• ayesha khan; Chand Bibi\r\n3) Dr. Zafar"

    assert split_pasted_names(text) == ["Ayesha Khan", "Bilal Ahmed", "Chand Bibi", "Dr. Zafar"]


def test_pasted_names_are_matched_to_people_the_user_may_see(secretariat: User) -> None:
    ayesha = make_person("Ayesha Khan")
    make_person("Ayesha Karim", country="IND")
    make_person("Bilal Ahmed")

    matches = people_match_names(user=secretariat, names=["khan ayesha", "Nobody Known"])

    assert matches[0].sure is not None
    assert matches[0].sure.person == ayesha
    assert [candidate.person.name for candidate in matches[0].candidates] == ["Ayesha Khan"]
    assert matches[1].candidates == []
    assert matches[1].sure is None


def test_the_page_adds_chosen_people_and_everyone_of_chosen_organisations_in_one_submit(
    secretariat_client: Client,
) -> None:
    event = make_event()
    ngo = make_organisation("Legal Aid Society")
    ayesha = make_person("Ayesha Khan")
    make_person("Bilal Ahmed", organisation=ngo)
    make_person("Chand Bibi", organisation=ngo)

    response = secretariat_client.post(
        f"/en/engagement/events/{event.pk}/participants/",
        {"people": [ayesha.pk], "organisations": [ngo.pk], "role": "participant"},
        follow=True,
    )

    assert "3 participants were added." in response.content.decode()
    assert sorted(event.participants.values_list("person__name", flat=True)) == [
        "Ayesha Khan",
        "Bilal Ahmed",
        "Chand Bibi",
    ]


def test_pasted_names_show_their_matches_and_add_nothing_until_confirmed(
    secretariat_client: Client,
) -> None:
    event = make_event()
    ayesha = make_person("Ayesha Khan")
    make_person("Bilal Ahmed")
    url = f"/en/engagement/events/{event.pk}/participants/"

    shown = secretariat_client.post(
        url, {"names": "Ayesha Khan\nSomeone Unknown", "role": "speaker"}
    )
    page = shown.content.decode()

    assert shown.status_code == 200
    assert "Confirm the participants" in page
    assert f'value="{ayesha.pk}" id="match-1-1" checked' in page
    assert "No one of that name in the registry." in page
    assert not Participant.objects.exists()

    confirmed = secretariat_client.post(url, {"people": [ayesha.pk], "role": "speaker"})

    assert confirmed.status_code == 302
    assert list(event.participants.values_list("person__name", "role")) == [
        ("Ayesha Khan", "speaker")
    ]


def test_an_empty_submit_says_what_to_choose(secretariat_client: Client) -> None:
    event = make_event()

    response = secretariat_client.post(
        f"/en/engagement/events/{event.pk}/participants/", {"role": "participant"}
    )

    assert response.status_code == 200
    assert "Choose people or organisations, or paste a list of names." in response.content.decode()
    assert not Participant.objects.exists()


def test_the_event_page_offers_the_pickers_and_sets_the_delete_apart(
    secretariat_client: Client,
) -> None:
    event = make_event()

    page = secretariat_client.get(f"/en/engagement/events/{event.pk}/").content.decode()

    assert 'data-picker-url="/en/engagement/pickers/people/"' in page
    assert 'data-picker-url="/en/engagement/pickers/organisations/"' in page
    assert page.index("Danger zone") > page.index('id="pane-minutes"')
    assert page.index("Delete the event") > page.index("Danger zone")
