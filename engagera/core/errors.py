"""Domain errors: raised by actions, shown by views as form errors and by the CLI as exit 2."""


class ActionError(Exception):
    """A rule of the domain refused the change; the message is translated and user-facing."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
