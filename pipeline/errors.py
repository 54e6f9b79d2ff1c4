"""Errors a clerk sees: one line that names the file and says what is wrong with it."""


class VanthuError(Exception):
    """A failure the user can act on; its message is shown as is, without a traceback."""


class ReadError(VanthuError):
    """A file that cannot be turned into text."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
