"""A chooser asked for an id that cannot be one answers "not found", never a server error.

Upstream gap (Wagtail 8.0): a chooser's "chosen" view takes the id from its address
(``…/chosen/<str:pk>/``) and its "chosen-multiple" view from ``?id=``, and hands them to
the database unchecked: ``/chosen/abc/`` or ``?id=abc`` where the key is a number raised
``ValueError``, a 500. The snippets' choosers (themes, waves, the banner…) and ours (the
members) all go through these two views, so they are checked here, before the view, by
the key field of the model each view is for. Delete this when Wagtail checks the ids.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.coreutils import resolve_model_string


def requested_ids(request, view_class, view_kwargs):
    if issubclass(view_class, ChosenViewMixin) and "pk" in view_kwargs:
        return [unquote(str(view_kwargs["pk"]))]
    if issubclass(view_class, ChosenMultipleViewMixin):
        return request.GET.getlist("id")
    return []


class ChooserIdsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        ids = requested_ids(request, view_class, view_kwargs)
        if not ids:
            return None
        model = getattr(view_func, "view_initkwargs", {}).get("model") or getattr(
            view_class, "model", None
        )
        if model is None:
            return None
        key = resolve_model_string(model)._meta.pk
        for value in ids:
            try:
                key.to_python(value)
            except ValidationError:
                raise Http404(f"No item with the id {value!r}.") from None
        return None
