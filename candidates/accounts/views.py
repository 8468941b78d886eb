from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import access
from ..attestations.selectors import attestations_for
from ..navigation import account_trail, here, trail
from . import emails, selectors, services
from .forms import NotificationsForm, ProfileForm


@require_http_methods(["GET", "POST"])
@login_required
def account(request):
    """*Mon compte*: the person's information, and a candidate's e-mail preference."""
    form = None
    has_own_bilan = access.has_own_bilan(request.user)
    if has_own_bilan:
        data = request.POST if request.method == "POST" else None
        form = NotificationsForm(data, initial={"notify_comments": request.user.notify_comments})
        if request.method == "POST" and form.is_valid():
            services.user_set_notifications(user=request.user, notify_comments=form.cleaned_data["notify_comments"])
            messages.success(request, _("Vos préférences de notification sont enregistrées."))
            return redirect("accounts:account")
    context = {
        "person": request.user,
        "notifications_form": form,
        "uses_agenda": access.uses_agenda(request.user),
        "follows_candidates": access.follows_candidates(request.user),
        "breadcrumb": trail(here(_("Mon compte"))),
    }
    if has_own_bilan:
        context["attestations"] = attestations_for(request.user)
        context["attested"] = request.user.dossier.attestations.total_minutes()
    return render(request, "candidates/accounts/account.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def profile_edit(request):
    """*Modifier mes informations*; a new password takes effect when the form is saved."""
    user = request.user
    with_phone = access.has_own_bilan(user)
    initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    if with_phone:
        initial["phone"] = user.dossier.phone
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ProfileForm(data, files, initial=initial, user=user, with_phone=with_phone, request=request)
    if request.method == "POST" and form.is_valid():
        values, old_email = form.cleaned_data, user.email
        services.profile_update(
            user=user,
            first_name=values["first_name"],
            last_name=values["last_name"],
            email=values["email"],
            phone=values.get("phone"),
            avatar=values.get("avatar"),
            remove_avatar=values.get("remove_avatar", False),
            new_password=values.get("new_password1", ""),
        )
        if values.get("new_password1"):
            update_session_auth_hash(request, user)
            messages.success(request, _("Vos informations et votre nouveau mot de passe sont enregistrés."))
        else:
            messages.success(request, _("Vos informations sont enregistrées."))
        if user.email != old_email and not emails.send_email_changed(user, old_email=old_email):
            messages.warning(request, _("Le courriel qui en avertit votre ancienne adresse n'a pas pu être envoyé."))
        if values.get("new_password1") and not emails.send_password_changed(user, to=old_email):
            messages.warning(request, _("Le courriel qui avertit de ce nouveau mot de passe n'a pas pu être envoyé."))
        return redirect("accounts:account")
    context = {"form": form, "breadcrumb": account_trail(here(_("Modifier mes informations")))}
    return render(request, "candidates/accounts/profile_form.html", context, status=400 if form.errors else 200)


@require_safe
@login_required
def avatar(request, pk: int):
    """A person's picture, for those who may see that person; served from private storage."""
    person = selectors.visible_person(request.user, pk)
    if not person.avatar:
        raise Http404
    with person.avatar.open("rb") as picture:
        return HttpResponse(picture.read(), content_type="image/jpeg")
