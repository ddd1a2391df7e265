"""One module per `grader` subcommand; each exposes ``run(args, opts) -> exit status``."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asked for something that does not exist; exit 2 with the message."""
