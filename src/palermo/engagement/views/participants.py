"""Adding participants to an event: many at once, chosen or pasted, one submit."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palermo.core.http import acting_user
from palermo.engagement.selectors.name_matches import people_match_names, split_pasted_names
from palermo.engagement.services import events as event_services
from palermo.engagement.views.event_forms import ParticipantsForm
from palermo.engagement.views.events import editable_event, render_detail


@login_required
def participant_add(request: HttpRequest, event_id: int) -> HttpResponse:
    """Add the chosen people; pasted names first go to a page that shows their matches."""
    user = acting_user(request)
    event = editable_event(user, event_id)
    back = event.get_absolute_url() + "#pane-participants"
    if request.method != "POST":
        return redirect(back)
    form = ParticipantsForm(request.POST, user=user, event=event)
    if form.is_valid():
        names = split_pasted_names(form.cleaned_data["names"])
        if names:
            return render(
                request,
                "engagement/event_participants_confirm.html",
                {
                    "event": event,
                    "form": form,
                    "matches": people_match_names(user=user, names=names),
                    "chosen": form.chosen_people(),
                },
            )
        try:
            added = event_services.participants_add(
                actor=user,
                event=event,
                people=form.chosen_people(),
                role=form.cleaned_data["role"],
                online=form.cleaned_data["online"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if added:
                flash.success(
                    request,
                    ngettext(
                        "%(count)d participant was added.",
                        "%(count)d participants were added.",
                        len(added),
                    )
                    % {"count": len(added)},
                )
            else:
                flash.info(request, _("Everyone chosen already takes part in the event."))
            return redirect(back)
    form.mark_errors()
    return render_detail(request, user, event, participant_form=form)
