from engagera.core.cli_base import UsageError, VerbCommand
from engagera.core.models import User
from engagera.security.actions import do_reset_two_factor


class Command(VerbCommand):
    help = (
        "Turn off two-factor authentication for someone who lost their phone, and sign them "
        "out everywhere. They set it up again at their next sign-in if it is required."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            raise UsageError(f"no user with the email address {options['email']}")
        removed = do_reset_two_factor(user)
        self.stdout.write(
            f"two-factor authentication reset for {user.email}"
            if removed
            else f"{user.email} had no two-factor authentication; signed out everywhere"
        )
