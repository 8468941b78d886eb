"""The people of the portal: everyone who logs in (`User`), the counsellors as administrators manage
them (`Counsellor`), and the counselling centres they belong to (`DABM`)."""

import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .. import storage
from . import validators


def avatar_path(instance, filename):
    """Server-chosen names: nothing of the uploaded file name is kept."""
    return f"avatars/{uuid.uuid4().hex}.jpg"


class User(AbstractUser):
    """Anyone who logs in: candidate, counsellor, administrator or editor (see `candidates.access`)."""

    username = models.CharField(
        _("Nom d'utilisateur"),
        max_length=150,
        unique=True,
        validators=[validators.validate_username_characters],
        help_text=validators.USERNAME_HELP,
        error_messages={"unique": validators.USERNAME_TAKEN},
    )
    email = models.EmailField(_("adresse de courriel"))
    avatar = models.ImageField(_("Image"), upload_to=avatar_path, storage=storage.private_storage, blank=True)
    notify_comments = models.BooleanField(_("Me prévenir par courriel des nouveaux commentaires"), default=True)
    dabm = models.ForeignKey(
        "DABM",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counsellors",
        verbose_name=_("DABM de rattachement"),
    )

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="candidates_user_email_ci_unique",
                violation_error_message=validators.EMAIL_TAKEN,
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="candidates_user_username_ci_unique",
                violation_error_message=validators.USERNAME_TAKEN,
            ),
        ]

    def clean(self):
        super().clean()
        self.email = self.email.strip()
        errors = {}
        for field, check in (("email", check_email_free), ("username", check_username_free)):
            try:
                check(getattr(self, field), exclude_pk=self.pk)
            except ValidationError as error:
                errors[field] = error.error_list
        if errors:
            raise ValidationError(errors)

    @cached_property
    def role(self) -> str | None:
        """The role that decides this person's dashboard, or None for a user without a role."""
        from .. import access  # the gate reads these models: imported once they are defined

        return access.role_of(self)

    @property
    def role_label(self) -> str:
        from .. import access

        return access.role_label(self)

    def __str__(self):
        full_name = self.get_full_name()
        return f"{full_name} ({self.username})" if full_name else self.username


def check_email_free(email: str, *, exclude_pk=None) -> None:
    """No other account may have this e-mail address, whatever the case."""
    if email and User._default_manager.filter(email__iexact=email).exclude(pk=exclude_pk).exists():
        raise ValidationError(validators.EMAIL_TAKEN, code="email_taken")


def check_username_free(username: str, *, exclude_pk=None) -> None:
    """No other account may have this username, whatever the case."""
    if User._default_manager.filter(username__iexact=username).exclude(pk=exclude_pk).exists():
        raise ValidationError(validators.USERNAME_TAKEN, code="username_taken")


class DABM(models.Model):
    """A counselling centre of the académie that candidates belong to (e.g. NÎMES)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    city = models.CharField(_("ville"), max_length=100)
    address = models.TextField(_("adresse"), blank=True)

    class Meta:
        verbose_name = _("DABM")
        verbose_name_plural = _("DABM")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CounsellorManager(UserManager):
    use_in_migrations = False

    def get_queryset(self):
        from .. import access

        return access.with_role(super().get_queryset(), access.CONSEILLER)


class Counsellor(User):
    """The académie's counsellors (users of the group Conseiller), as administrators manage them."""

    objects = CounsellorManager()

    class Meta:
        proxy = True
        verbose_name = _("conseiller")
        verbose_name_plural = _("conseillers")
        ordering = ["last_name", "first_name", "username"]
