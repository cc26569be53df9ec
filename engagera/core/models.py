"""Accounts, organisations (the tenants) and memberships with a role."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: email is the login."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty means the organisation's language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Part of every session's auth hash: raising it signs the user out everywhere
    # (sign-out, a new password, turning on two-factor authentication).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        # set_password() leaves the raw password in _password until saved; Django clears it
        # for mere hash upgrades at sign-in, so this is a real change: end other sessions.
        update_fields = kwargs.get("update_fields")
        saves_password = update_fields is None or "password" in update_fields
        if self._password is not None and self.pk is not None and saves_password:
            self.session_epoch += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "session_epoch"}
        super().save(*args, **kwargs)

    def _session_auth_hash(self, secret=None) -> str:
        key_salt = "engagera.core.models.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_session_auth_hash(self) -> str:
        """Django drops a session whose stored hash differs: the epoch makes that reachable."""
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(tz)s"), params={"tz": value})


class Organisation(models.Model):
    """A tenant. Its settings tune the habit loop for the whole organisation."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Stockholm", validators=[validate_timezone]
    )
    max_learning = models.PositiveSmallIntegerField(
        _("practices in learning at once"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Adding more than this asks the manager to confirm: start with a few."),
    )
    established_strength = models.FloatField(
        _("strength at which a practice is established"),
        default=0.8,
        validators=[MinValueValidator(0.1), MaxValueValidator(1.0)],
    )
    established_min_days = models.PositiveSmallIntegerField(
        _("minimum days before a practice is established"),
        default=66,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    slipping_strength = models.FloatField(
        _("strength under which an established practice is slipping"),
        default=0.6,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    admins_see_individuals = models.BooleanField(
        _("administrators see individual managers"),
        default=False,
        help_text=_(
            "Off: administrators see only aggregates. Engagera is a coaching tool, not surveillance."
        ),
    )
    feedback_wait_days = models.PositiveSmallIntegerField(
        _("days without feedback before someone is waiting"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    need_target_working_days = models.PositiveSmallIntegerField(
        _("target for closing a need (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    require_2fa_for_admins = models.BooleanField(
        _("administrators must use two-factor authentication"),
        default=True,
        help_text=_(
            "Administrators see the whole organisation: with this on, they must set up an "
            "authenticator app before they can do anything else."
        ),
    )
    # Anonymity of pulse surveys: no group with fewer responses is ever shown (never below 3).
    survey_min_responses = models.PositiveSmallIntegerField(
        _("fewest responses before a group's survey results are shown"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
    )
    survey_min_comments = models.PositiveSmallIntegerField(
        _("fewest comments before a group's comments are shown"),
        default=8,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
    )
    recognition_weekly_limit = models.PositiveSmallIntegerField(
        _("recognitions a person may give per week"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("A limit keeps recognition meaningful."),
    )
    unseen_after_weeks = models.PositiveSmallIntegerField(
        _("weeks without recognition before someone risks going unseen"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("default weekday of the weekly digest"),
        default=0,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("default hour of the weekly digest"),
        default=8,
        validators=[MaxValueValidator(23)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slipping_strength >= self.established_strength:
            raise ValidationError(
                {
                    "slipping_strength": _(
                        "Must be lower than the strength at which a practice is established."
                    )
                }
            )

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def today(self):
        return timezone.localdate(timezone=self.tzinfo)


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator (HR, senior management)")
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Employee")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def can_lead(self) -> bool:
        """Managers keep a practice plan; admins may too (they lead people as well)."""
        return self.role in (Role.MANAGER, Role.ADMIN)
