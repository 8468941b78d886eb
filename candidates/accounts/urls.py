from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_http_methods

from . import forms, views

app_name = "accounts"

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
            success_url=reverse_lazy("accounts:password_reset_done"),
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
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/termine/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("mon-compte/", views.account, name="account"),
    path("mon-compte/modifier/", views.profile_edit, name="profile_edit"),
    path("personnes/<int:pk>/image/", views.avatar, name="avatar"),
]
