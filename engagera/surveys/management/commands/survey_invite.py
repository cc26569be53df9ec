from engagera.core.cli_base import VerbCommand
from engagera.surveys import actions


class Command(VerbCommand):
    help = "Send the invitations of every round that is open today and not yet sent (daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"sent {actions.send_due_invitations()} invitations")
