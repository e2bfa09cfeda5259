"""The annual report of an alliance: its events, statements, recommendations and members."""

import datetime
from collections import Counter
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.engagement.models import Alliance, Event, Organisation, Statement
from palermo.engagement.selectors.alliances import YearMembers
from palermo.instruments.models import State
from palermo.reports.builders import selectors
from palermo.reports.builders.annual_recommendations import recommendation_blocks
from palermo.reports.builders.common import day, generated_on, new_document, sheet_name
from palermo.reports.builders.permissions import NOT_ALLOWED, can_generate_annual_report
from palermo.reports.document import (
    Block,
    Cover,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
    TableOfContents,
)
from palermo.reports.registry import FORMATS, Param, Params, ReportKind, register

CHART_WIDTH = 480
YEAR_INVALID = gettext_lazy("Give the year as a number, for example 2024.")


def build_annual_report(*, user: Any, alliance: Alliance, year: int, language: str) -> Document:
    """The year of an alliance, from the database.

    Events held (with participants), statements, recommendations and their status,
    membership at the year's end, and the engagements ahead.
    """
    if not can_generate_annual_report(user, alliance):
        raise PermissionDenied(NOT_ALLOWED)
    with translation.override(language):
        return _build(user, alliance, year, language)


def _build(user: Any, alliance: Alliance, year: int, language: str) -> Document:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    events = selectors.alliance_events(user=user, alliance=alliance, first=first, last=last)
    statements = list(
        selectors.alliance_statements(user=user, alliance=alliance, first=first, last=last)
    )
    recommendations = list(
        selectors.alliance_recommendations(
            user=user, alliance=alliance, last=last
        ).prefetch_related("themes")
    )
    membership = selectors.membership_year(alliance, year)
    cancelled = selectors.alliance_cancelled(user=user, alliance=alliance, first=first, last=last)
    upcoming = selectors.alliance_upcoming(user=user, alliance=alliance, after=last)
    prefetch_related_objects([*events, *upcoming], "organisers", "partners")
    state = selectors.state_by_iso3(alliance.country)
    sheets: set[str] = set()
    members_label = _members_label(membership.at_end)
    document = new_document(
        title=_("%(alliance)s: annual report %(year)s") % {"alliance": alliance.name, "year": year},
        language=language,
        cover=Cover(
            title=_("Annual report %(year)s") % {"year": year},
            subtitle=alliance.name,
            details=(
                (_("Alliance"), alliance.name),
                (_("Coordinating organisation"), organisation_label(alliance.coordinator)),
                (_("State"), state.display_name if state else _("International")),
                (_("Year"), str(year)),
                (_("Members on %(day)s") % {"day": day(last)}, members_label),
                generated_on(),
            ),
        ),
    )
    document.hold("alliance", alliance.pk)
    in_person = sum(e.in_person_count or 0 for e in events)
    online = sum(e.online_count or 0 for e in events)
    document.add(
        TableOfContents(_("Contents")),
        Heading(_("The year in figures"), 1),
        KeyValues(
            (
                (_("Events held"), str(len(events))),
                (_("Participants in person"), str(in_person)),
                (_("Participants online"), str(online)),
                (_("Statements delivered"), str(len(statements))),
                (_("Recommendations of the alliance"), str(len(recommendations))),
                (_("Members on %(day)s") % {"day": day(last)}, members_label),
            ),
            sheet=sheet_name(_("In figures"), sheets),
            columns=(_("Figure"), _("Value")),
        ),
    )
    document.add(*_event_blocks(events, sheets))
    if cancelled:
        document.add(
            Paragraph.of(
                _("Cancelled: %(events)s.")
                % {"events": "; ".join(f"{e.title} ({dates_of(e)})" for e in cancelled)}
            )
        )
    if events:
        document.sheet_tables.insert(0, _event_sheet(events, sheets))
    document.add(*_statement_blocks(statements, sheets))
    if statements:
        document.sheet_tables.append(_statement_texts(statements, sheets))
    document.add(*recommendation_blocks(recommendations, last, sheets))
    document.add(*_membership_blocks(membership, year, sheets))
    document.add(*_upcoming_blocks(upcoming, sheets))
    return document


def organisation_label(organisation: Organisation | None) -> str:
    """An organisation's name with its acronym when it has one: "Legal Aid Society (LAS)"."""
    if organisation is None:
        return ""
    acronym = (organisation.acronym or "").strip()
    if acronym and acronym.casefold() not in organisation.name.casefold():
        return f"{organisation.name} ({acronym})"
    return organisation.name


def place_of(event: Event) -> str:
    """Venue, city and "online", each when known."""
    parts = [event.venue, event.city, _("online") if event.online else ""]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def organisers_of(event: Event) -> str:
    return "; ".join(organisation_label(o) for o in event.organisers.all())


def partners_of(event: Event) -> str:
    return "; ".join(organisation_label(o) for o in event.partners.all())


def dates_of(event: Event) -> str:
    """The event's days, or what is known of them ("April 2025", "week of 19 May 2025")."""
    if event.is_date_approximate:
        return event.approximate_date_label
    if event.ends_on and event.ends_on != event.starts_on:
        return f"{day(event.starts_on)} – {day(event.ends_on)}"
    return day(event.starts_on)


def _event_details(event: Event) -> str:
    """The event's title, then its kind and place, its organisers and partners, one a line."""
    lines = [
        event.title,
        " · ".join(filter(None, (str(event.get_kind_display()), place_of(event)))),
    ]
    organisers = organisers_of(event)
    if organisers:
        lines.append(_("Organised by %(organisers)s") % {"organisers": organisers})
    partners = partners_of(event)
    if partners:
        lines.append(_("In partnership with %(partners)s") % {"partners": partners})
    return "\n".join(lines)


def _event_blocks(events: list[Event], sheets: set[str]) -> list[Block]:
    """Events held: on the page, details folded into one column so that figures stay legible.

    The spreadsheet gets the same events one value a column (`_event_sheet`). The column of
    participants recorded by name appears only when some event has any.
    """
    blocks: list[Block] = [Heading(_("Events"), 1)]
    if not events:
        return [*blocks, Paragraph.of(_("The alliance held no event this year."))]
    kinds = Counter(str(event.get_kind_display()) for event in events)
    blocks.append(KeyValues(tuple((kind, str(count)) for kind, count in kinds.items())))
    named = any(e.named_participants for e in events)  # type: ignore[attr-defined]
    columns = [_("Date"), _("Event"), _("In person"), _("Online"), _("Head­count")]
    widths = [2.3, 7.2, 1.5, 1.5, 1.7]
    if named:
        columns.append(_("Named"))
        widths.append(1.5)
    rows: list[tuple[str | int | float | None, ...]] = []
    for event in events:
        row: list[str | int | float | None] = [
            dates_of(event),
            _event_details(event),
            event.in_person_count,
            event.online_count,
            event.headcount,
        ]
        if named:
            row.append(event.named_participants)  # type: ignore[attr-defined]
        rows.append(tuple(row))
    total: list[str | int | float | None] = [_("Total"), "", *_event_totals(events)[:3]]
    if named:
        total.append(_event_totals(events)[3])
    rows.append(tuple(total))
    blocks.append(
        Table(
            columns=tuple(columns),
            rows=tuple(rows),
            caption=_("Events held, with the number of participants"),
            widths=tuple(widths),
            spreadsheet=False,
        )
    )
    return blocks


def _event_totals(events: list[Event]) -> tuple[int, int, int, int]:
    return (
        sum(e.in_person_count or 0 for e in events),
        sum(e.online_count or 0 for e in events),
        sum(e.headcount or 0 for e in events),
        sum(e.named_participants for e in events),  # type: ignore[attr-defined]
    )


def _event_columns() -> tuple[str, ...]:
    """What each event row says, in the events held and in those to come."""
    return (_("Date"), _("Event"), _("Kind"), _("Place"), _("Organisers"), _("Partners"))


def _event_cells(event: Event) -> tuple[str, ...]:
    return (
        dates_of(event),
        event.title,
        str(event.get_kind_display()),
        place_of(event),
        organisers_of(event),
        partners_of(event),
    )


def _event_sheet(events: list[Event], sheets: set[str]) -> Table:
    """The events held, one value a column, for the spreadsheet."""
    rows: list[tuple[str | int | float | None, ...]] = [
        (
            *_event_cells(event),
            event.in_person_count,
            event.online_count,
            event.headcount,
            event.named_participants,  # type: ignore[attr-defined]
        )
        for event in events
    ]
    rows.append((_("Total"), "", "", "", "", "", *_event_totals(events)))
    return Table(
        columns=(
            *_event_columns(),
            _("In person"),
            _("Online"),
            _("Headcount"),
            _("Named participants"),
        ),
        rows=tuple(rows),
        caption=_("Events held, with the number of participants"),
        sheet=sheet_name(_("Events"), sheets),
    )


def _statement_blocks(statements: list[Statement], sheets: set[str]) -> list[Block]:
    blocks: list[Block] = [Heading(_("Statements"), 1)]
    if not statements:
        return [*blocks, Paragraph.of(_("No statement was delivered this year."))]
    blocks.append(
        Table(
            columns=(_("Date"), _("Statement"), _("Organisation"), _("Event")),
            rows=tuple(
                (day(s.delivered_on), s.title, organisation_label(s.organisation), s.event.title)
                for s in statements
            ),
            widths=(1.6, 3, 3, 3),
            sheet=sheet_name(_("Statements"), sheets),
        )
    )
    for statement in statements:
        blocks.append(Heading(statement.title, 3))
        blocks.append(
            Paragraph.of(statement.text.strip() or _("The statement is kept as an attached file."))
        )
    return blocks


def _statement_texts(statements: list[Statement], sheets: set[str]) -> Table:
    """The statements' whole texts, for the spreadsheet (the other formats print them below)."""
    return Table(
        columns=(_("Date"), _("Statement"), _("Organisation"), _("Event"), _("Text")),
        rows=tuple(
            (
                day(s.delivered_on),
                s.title,
                organisation_label(s.organisation),
                s.event.title,
                s.text.strip() or _("The statement is kept as an attached file."),
            )
            for s in statements
        ),
        sheet=sheet_name(_("Statement texts"), sheets),
    )


def _members_label(members: YearMembers) -> str:
    """The members in one line ("100: 35 organisations and 65 experts"), saying who counted."""
    label = _("%(total)s: %(organisations)s organisations and %(experts)s experts") % {
        "total": members.total,
        "organisations": members.organisations,
        "experts": members.experts,
    }
    if members.recorded:
        label += " " + _("(as recorded by the alliance)")
    return label


def _figures_source(members: YearMembers) -> str:
    if not members.recorded:
        return _("Counted from the alliance's member records.")
    text = _("Recorded by the alliance for %(year)s.") % {"year": members.year}
    if members.source:
        text += " " + _("Source: %(source)s.") % {"source": members.source.rstrip(".")}
    if members.note:
        text += " " + members.note
    return text


def _membership_blocks(
    membership: selectors.MembershipYear, year: int, sheets: set[str]
) -> list[Block]:
    """Members at the year's start and end, recorded figures first; named members once."""
    last = datetime.date(year, 12, 31)
    start, end = membership.at_start, membership.at_end

    def counts(members: YearMembers) -> str:
        return _("%(organisations)s organisations, %(experts)s experts") % {
            "organisations": members.organisations,
            "experts": members.experts,
        }

    def split(memberships: list[Any]) -> str:
        organisations = sum(1 for m in memberships if m.organisation_id is not None)
        return _("%(organisations)s organisations, %(experts)s experts") % {
            "organisations": organisations,
            "experts": len(memberships) - organisations,
        }

    pairs: list[tuple[str, str]] = [
        (_("Members on %(day)s") % {"day": day(datetime.date(year - 1, 12, 31))}, counts(start)),
    ]
    if not (start.recorded or end.recorded):
        # Joining and leaving are known only from member records.
        pairs += [
            (_("Joined during the year"), split(membership.joined)),
            (_("Left during the year"), split(membership.left)),
        ]
    pairs += [
        (_("Members on %(day)s") % {"day": day(last)}, counts(end)),
        (_("Source of the figures"), _figures_source(end)),
    ]
    blocks: list[Block] = [
        Heading(_("Membership"), 1),
        KeyValues(
            tuple(pairs),
            sheet=sheet_name(_("Membership"), sheets),
            columns=(_("Figure"), _("Value")),
        ),
        Paragraph.of(_("Individual experts are counted here, not named.")),
    ]
    organisations = [m for m in membership.members if m.organisation_id is not None]
    if organisations:
        blocks.append(
            Table(
                columns=(_("Organisation"), _("Member since")),
                rows=tuple((str(m.organisation), day(m.joined_on)) for m in organisations),
                caption=_("Member organisations on record on %(day)s") % {"day": day(last)},
                widths=(5, 2),
                sheet=sheet_name(_("Members"), sheets),
            )
        )
    # Those who joined are already listed above with their date; only those who left are new.
    left = [
        (str(m.organisation), day(m.joined_on), day(m.left_on))
        for m in membership.left
        if m.organisation_id is not None
    ]
    if left:
        blocks.append(
            Table(
                columns=(_("Organisation"), _("Member since"), _("Left on")),
                rows=tuple(left),
                caption=_("Organisations that left during the year"),
                widths=(5, 2, 2),
                sheet=sheet_name(_("Left"), sheets),
            )
        )
    return blocks


def _upcoming_blocks(events: list[Event], sheets: set[str]) -> list[Block]:
    blocks: list[Block] = [Heading(_("Upcoming engagements"), 1)]
    if not events:
        return [*blocks, Paragraph.of(_("No engagement is scheduled yet."))]
    blocks.append(
        Table(
            columns=_event_columns(),
            rows=tuple(_event_cells(e) for e in events),
            widths=(2, 3.4, 1.8, 2, 2.2, 2.2),
            sheet=sheet_name(_("Upcoming"), sheets),
        )
    )
    return blocks


def _alliance_from(params: Params) -> Alliance | None:
    value = params.get("alliance")
    return selectors.alliance_for_report(value) if isinstance(value, int) else None


def _can_generate(user: Any, params: Params) -> bool:
    alliance = _alliance_from(params)
    return alliance is not None and can_generate_annual_report(user, alliance)


def _state(params: Params) -> State | None:
    alliance = _alliance_from(params)
    return selectors.state_by_iso3(alliance.country) if alliance else None


def _describe(params: Params) -> str:
    alliance = _alliance_from(params)
    return f"{alliance.name}, {params.get('year')}" if alliance else ""


def _registered_build(params: Params, language: str, user: Any) -> Document:
    alliance = _alliance_from(params)
    if alliance is None:
        raise Alliance.DoesNotExist
    year = params.get("year")
    if not isinstance(year, int):
        raise ValidationError({"year": YEAR_INVALID})
    return build_annual_report(user=user, alliance=alliance, year=year, language=language)


KIND = register(
    ReportKind(
        code="annual_report",
        label=gettext_lazy("Annual report of an alliance"),
        description=gettext_lazy(
            "The events an alliance held in a year with their participants, its statements, "
            "its recommendations and their status, its members, and the engagements ahead."
        ),
        formats=FORMATS,
        params=(
            Param("alliance", gettext_lazy("Alliance"), int, options=selectors.alliance_options),
            Param("year", gettext_lazy("Year"), int),
        ),
        build=_registered_build,
        can_generate=_can_generate,
        state=_state,
        describe=_describe,
    )
)
