"""Personal API tokens: shown once, kept only as a SHA-256 hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation


class Scope(models.TextChoices):
    READ = "read", _("read only")
    WRITE = "write", _("read and write")


class ApiToken(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80, blank=True)
    scope = models.CharField(_("access"), max_length=8, choices=Scope.choices, default=Scope.READ)
    # SHA-256 of the whole token; the token has 256 bits of randomness, so a plain hash
    # (no salt, no slow hash) is enough and lets a request find its row by index.
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # shown in the list so the owner can tell tokens apart
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.scope})"

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE
