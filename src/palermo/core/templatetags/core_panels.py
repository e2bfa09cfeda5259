"""`{% object_panels obj %}`: the panels other apps registered for this object's page."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from palermo.core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def object_panels(context: Any, obj: Any) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    parts = [
        render_to_string(
            panel.template,
            {**panel.context, "panel": panel, "object": obj},
            request=request,
        )
        for panel in panels_for(user, obj)
    ]
    return mark_safe("".join(parts))  # noqa: S308 - rendered from our templates, autoescaped
