from django.urls import path

from palermo.engagement.views import (
    alliances,
    imports,
    minutes,
    participants,
    pickers,
    registry,
    statements,
)
from palermo.engagement.views import calendar as calendar_views
from palermo.engagement.views import events as event_views

app_name = "engagement"
urlpatterns = [
    # Registry: organisations and people
    path("pickers/people/", pickers.people, name="picker-people"),
    path("pickers/organisations/", pickers.organisations, name="picker-organisations"),
    path("organisations/", registry.organisation_list, name="organisation-list"),
    path("organisations/new/", registry.organisation_create, name="organisation-create"),
    path(
        "organisations/<int:organisation_id>/",
        registry.organisation_detail,
        name="organisation-detail",
    ),
    path(
        "organisations/<int:organisation_id>/edit/",
        registry.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organisations/<int:organisation_id>/delete/",
        registry.organisation_delete,
        name="organisation-delete",
    ),
    path("people/", registry.person_list, name="person-list"),
    path("people/new/", registry.person_create, name="person-create"),
    path("people/<int:person_id>/", registry.person_detail, name="person-detail"),
    path("people/<int:person_id>/edit/", registry.person_edit, name="person-edit"),
    path("people/<int:person_id>/delete/", registry.person_delete, name="person-delete"),
    # Alliances
    path("alliances/", alliances.alliance_list, name="alliance-list"),
    path("alliances/new/", alliances.alliance_create, name="alliance-create"),
    path("alliances/<int:alliance_id>/", alliances.alliance_detail, name="alliance-detail"),
    path("alliances/<int:alliance_id>/edit/", alliances.alliance_edit, name="alliance-edit"),
    path(
        "alliances/<int:alliance_id>/figures/new/",
        alliances.membership_figure_create,
        name="membership-figure-create",
    ),
    path(
        "alliances/figures/<int:figure_id>/edit/",
        alliances.membership_figure_edit,
        name="membership-figure-edit",
    ),
    path(
        "alliances/figures/<int:figure_id>/delete/",
        alliances.membership_figure_delete,
        name="membership-figure-delete",
    ),
    path(
        "alliances/memberships/<int:membership_id>/end/",
        alliances.membership_end,
        name="membership-end",
    ),
    # Events, statements, calendar
    path("events/", event_views.event_list, name="event-list"),
    path("events/new/", event_views.event_create, name="event-create"),
    path("events/<int:event_id>/", event_views.event_detail, name="event-detail"),
    path("events/<int:event_id>/edit/", event_views.event_edit, name="event-edit"),
    path("events/<int:event_id>/delete/", event_views.event_delete, name="event-delete"),
    path(
        "events/<int:event_id>/participants/",
        participants.participant_add,
        name="event-participant-add",
    ),
    path(
        "events/<int:event_id>/participants/<int:participant_id>/remove/",
        event_views.participant_remove,
        name="event-participant-remove",
    ),
    path(
        "events/<int:event_id>/attachments/",
        event_views.attachment_add,
        name="event-attachment-add",
    ),
    path(
        "attachments/<int:attachment_id>/",
        event_views.attachment_download,
        name="attachment-download",
    ),
    path(
        "attachments/<int:attachment_id>/delete/",
        event_views.attachment_delete,
        name="attachment-delete",
    ),
    path(
        "events/<int:event_id>/statements/new/",
        statements.statement_create,
        name="statement-create",
    ),
    path("statements/<int:statement_id>/", statements.statement_detail, name="statement-detail"),
    path("statements/<int:statement_id>/edit/", statements.statement_edit, name="statement-edit"),
    path(
        "statements/<int:statement_id>/delete/",
        statements.statement_delete,
        name="statement-delete",
    ),
    path("statements/<int:statement_id>/file/", statements.statement_file, name="statement-file"),
    path("calendar/", calendar_views.calendar_month, name="calendar-month"),
    path(
        "calendar/<int:year>/<int:month>/",
        calendar_views.calendar_month,
        name="calendar-month",
    ),
    path("calendar/list/", calendar_views.calendar_list, name="calendar-list"),
    path("calendar/feeds/", calendar_views.calendar_feeds, name="calendar-feeds"),
    path(
        "calendar/feeds/<int:feed_id>/reset/",
        calendar_views.calendar_feed_reset,
        name="calendar-feed-reset",
    ),
    path("calendar/<uuid:key>.ics", calendar_views.calendar_feed, name="calendar-feed"),
    # Minutes and action items
    path("events/<int:event_id>/minutes/", minutes.minutes_detail, name="minutes-detail"),
    path("decisions/<int:decision_id>/edit/", minutes.decision_edit, name="decision-edit"),
    path("decisions/<int:decision_id>/delete/", minutes.decision_delete, name="decision-delete"),
    path(
        "decisions/<int:decision_id>/action-items/new/",
        minutes.action_item_create,
        name="action-item-create",
    ),
    path("action-items/", minutes.action_item_list, name="action-item-list"),
    path("action-items/mine/", minutes.my_action_items, name="my-action-items"),
    path(
        "action-items/<int:action_item_id>/",
        minutes.action_item_detail,
        name="action-item-detail",
    ),
    path(
        "action-items/<int:action_item_id>/edit/",
        minutes.action_item_edit,
        name="action-item-edit",
    ),
    # Stakeholder import and registry export
    path("organisations/import/", imports.stakeholder_import, name="stakeholder-import"),
    path("organisations/export.xlsx", imports.registry_export, name="registry-export"),
]
