"""The exception tree: one root, a branch per kind of failure a user can act on.

    SummarizerError
    ├── ConfigError        no model configured, or an unusable setting
    ├── InputError         nothing readable in the paths given
    ├── ModelError         the model server failed or could not be reached
    ├── PromptError        a prompt template is missing or lacks a variable
    └── StoreError         the run store cannot be opened, read or written

Every message says what to do next. The CLI prints it as one line and exits with
``exit_code``; the library raises it for the caller to handle.
"""


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 1


class ConfigError(SummarizerError):
    """The configuration cannot produce a working model client."""

    exit_code = 3


class InputError(SummarizerError):
    """No usable article was found in the inputs."""

    exit_code = 4


class ModelError(SummarizerError):
    """The model server failed, timed out or could not be reached.

    ``fatal`` is True when no later call can succeed either (server unreachable, key refused,
    model unknown), so a run stops at once instead of failing article after article.
    ``status`` is the HTTP status, when the server answered one.
    """

    exit_code = 5

    def __init__(self, message: str, *, fatal: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.fatal = fatal
        self.status = status  # the HTTP status, when the server answered one


class BudgetExhausted(ModelError):
    """The run's token budget is spent: the articles not yet extracted are skipped."""


class PromptError(SummarizerError):
    """A prompt template is missing or cannot be rendered."""

    exit_code = 6


class StoreError(SummarizerError):
    """The run store cannot be opened, read or written: a folder, a corrupt or read-only file,
    a full disk. The message names the file and says what to do."""

    exit_code = 7
