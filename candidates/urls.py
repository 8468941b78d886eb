from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_http_methods

from . import forms
from .views import account, agenda, attestations, candidate_form, counsellor, export, files, phases, synthesis

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            form_class=forms.LoginForm,
            template_name="registration/login.html",
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("mot-de-passe/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        # Django's view answers an invalid link before it looks at the method: GET and POST only.
        require_http_methods(["GET", "POST"])(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=forms.SetPasswordForm,
                success_url=reverse_lazy("password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/termine/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("mon-compte/", account.account, name="account"),
    path("mon-compte/agenda/", agenda.agenda, name="agenda"),
    path("mon-compte/agenda/nouveau/", agenda.appointment_add, name="appointment_add"),
    path("mon-compte/agenda/abonnement/creer/", agenda.calendar_feed_create, name="calendar_feed_create"),
    path("mon-compte/agenda/abonnement/revoquer/", agenda.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("mon-compte/agenda/<int:pk>/", agenda.appointment_detail, name="appointment_detail"),
    path("mon-compte/agenda/<int:pk>/modifier/", agenda.appointment_edit, name="appointment_edit"),
    path("mon-compte/agenda/<int:pk>/annuler/", agenda.appointment_cancel, name="appointment_cancel"),
    path("mon-compte/agenda/<int:pk>/rendez-vous.ics", agenda.appointment_ics, name="appointment_ics"),
    path("agenda/<slug:token>.ics", agenda.calendar_feed, name="calendar_feed"),
    path("mon-compte/modifier/", account.profile_edit, name="profile_edit"),
    path("personnes/<int:pk>/image/", account.avatar, name="avatar"),
    path("mon-compte/ma-synthese/", synthesis.my_synthesis, name="my_synthesis"),
    path("mon-compte/mes-donnees/", export.my_data, name="my_data"),
    path("mon-compte/mes-donnees/telecharger/", export.my_data_download, name="my_data_download"),
    path("mon-compte/fichiers/", files.my_files, name="my_files"),
    path("conseiller/candidats/<int:pk>/fichiers/", files.candidate_files, name="counsellor_candidate_files"),
    path(
        "conseiller/candidats/<int:pk>/donnees/telecharger/",
        export.candidate_data_download,
        name="counsellor_candidate_export",
    ),
    path("fichiers/<int:pk>/", files.file_download, name="file_download"),
    path("fichiers/<int:pk>/supprimer/", files.file_delete, name="file_delete"),
    path("mon-bilan/phases/<slug:slug>/", phases.phase_answer, name="phase_answer"),
    path("mon-bilan/phases/<slug:slug>/autosave/", phases.phase_autosave, name="phase_autosave"),
    path("conseiller/candidats/ajouter/", candidate_form.candidate_add, name="candidate_add"),
    path("conseiller/candidats/<int:pk>/modifier/", candidate_form.candidate_edit, name="candidate_edit"),
    path("conseiller/candidats/<int:pk>/", counsellor.candidate_account, name="counsellor_candidate"),
    path("conseiller/candidats/<int:pk>/supprimer/", counsellor.candidate_delete, name="counsellor_candidate_delete"),
    path("conseiller/candidats/<int:pk>/phases/<slug:slug>/", counsellor.phase_view, name="counsellor_phase_view"),
    path(
        "conseiller/candidats/<int:pk>/phases/<slug:slug>/modifier/",
        counsellor.phase_edit,
        name="counsellor_phase_edit",
    ),
    path(
        "conseiller/candidats/<int:pk>/phases/<slug:slug>/supprimer/",
        counsellor.phase_erase,
        name="counsellor_phase_erase",
    ),
    path("conseiller/attestations/", attestations.attestation_list, name="attestation_list"),
    path("conseiller/attestations/ajouter/", attestations.attestation_add, name="attestation_add"),
    path("conseiller/attestations/<int:pk>/", attestations.attestation_detail, name="attestation_detail"),
    path("conseiller/attestations/<int:pk>/modifier/", attestations.attestation_edit, name="attestation_edit"),
    path("conseiller/attestations/<int:pk>/supprimer/", attestations.attestation_delete, name="attestation_delete"),
]
