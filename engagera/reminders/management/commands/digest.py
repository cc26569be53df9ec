from django.utils import translation

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.core.mail import render_email
from engagera.reminders import digest


class Command(VerbCommand):
    help = "Show a manager's weekly digest as it would be sent now (or --send it now)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True)
        parser.add_argument("--send", action="store_true", help="email it now")

    def handle(self, *args, **options):
        membership = self.membership(options["user"])
        if not membership.can_lead:
            raise UsageError(f"{membership.user.email} leads no team: there is no digest")
        if options["send"]:
            sent = digest.send_weekly(membership.pk)
            self.stdout.write("sent" if sent else "nothing to say (or unsubscribed): not sent")
            return
        language = digest.language_of(membership)
        with translation.override(language):
            context = digest.weekly_context(membership)
        if not context["has_news"]:
            self.stdout.write("nothing to say: no digest this week")
            return
        subject, text, _html = render_email("reminders/email/digest", context, language)
        self.stdout.write(f"Subject: {subject}\n\n{text}")
