"""The `grader` command: argument parsing and dispatch only; each command lives in
``grader/commands/``.

Exit status: 0 when everything asked for passed, 1 when something failed or could not be
graded, 2 for a usage error (unknown exercise, missing file, bad setting, no workspace).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError


def entry() -> None:
    """Console-script entry: skip interpreter teardown, which costs ~0.5 s once torch is loaded.

    Everything worth keeping is already written: the progress log is fsynced on append.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grader", description="Practise PyTorch and Python; get graded in seconds. "
        "With no command, opens the practice app in the current workspace.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--set", nargs=2, action="append", dest="sub_set", default=[],
                        metavar=("KEY", "VALUE"),
                        help="override a setting, e.g. --set CHECK.MAX_EXAMPLES 200")
    common.add_argument("--lang", choices=("en", "zh"), dest="sub_lang",
                        help="language of prompts and hints (UI.LANG)")
    parser.add_argument("--set", nargs=2, action="append", default=[], metavar=("KEY", "VALUE"),
                        help="override a setting, e.g. --set CHECK.MAX_EXAMPLES 200")
    parser.add_argument("--lang", choices=("en", "zh"),
                        help="language of prompts and hints (UI.LANG)")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[common])

    check = command("check", "grade exercise files")
    check.add_argument("files", nargs="*", type=Path, metavar="FILE")
    check.add_argument("--all", action="store_true",
                       help="check every exercise file in the workspace, on all cores")
    check.add_argument("--exercise", help="grade as this exercise (default: from the file name)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text; json (exercism results.json v3); github (the GitHub "
                            "Classroom runner's result=<base64> output line)")
    check.add_argument("--assignment", type=Path, metavar="DIR",
                       help="with --format github: grade this folder's files for every "
                            "exercise of the assignment in DIR, with its points")
    check.add_argument("--verbose", "-v", action="store_true", help="show passing checks too")
    check.add_argument("--no-server", action="store_true",
                       help="grade here, without the workspace's warm check server "
                            "(CHECK.SERVER false does the same for every check)")

    init = command("init", "create a workspace with the starter files")
    init.add_argument("directory", nargs="?", type=Path, default=Path("."))

    command("list", "all exercises by topic, with status, attempts and hints used")

    hint = command("hint", "show the next hint for an exercise")
    hint.add_argument("exercise", metavar="N")
    hint.add_argument("--level", type=int, help="show this hint level (1-3) instead")

    solution = command("solution", "show a reference solution, once you have passed")
    solution.add_argument("exercise", metavar="N")
    solution.add_argument("--force", action="store_true", help="show it even before passing")

    reset = command("reset", "restore the starter file (your file is saved beside it first)")
    reset.add_argument("exercise", metavar="N")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")

    watch = command("watch", "re-check an exercise file every time it is saved")
    watch.add_argument("file", nargs="?", type=Path, metavar="FILE",
                       help="the file to watch (default: every exercise file here)")
    watch.add_argument("--exercise", help="grade as this exercise (default: from the file name)")
    watch.add_argument("--manual", action="store_true",
                       help="check when Enter is pressed, for folders without file events")

    progress = command("progress", "completion per topic, streak and recent activity")
    progress.add_argument("--format", choices=("text", "json"), default="text")

    validate = command("validate", "prove exercises' checks (for authors)")
    validate.add_argument("ids", nargs="*", metavar="ID")
    validate.add_argument("--all", action="store_true",
                          help="every exercise (the default when no ID is given)")
    validate.add_argument("--mutants", action="store_true",
                          help="also grade AST mutants of each reference and solution; target: "
                               "at least 20 per exercise, 95%% killed")

    quiz = command("quiz", "a short quiz: generated questions, spaced review")
    quiz.add_argument("--topic", help="only this topic (helpers, device, data, model, "
                      "training, functions, python)")
    quiz.add_argument("--count", type=int, default=10, help="how many questions (default 10)")
    quiz.add_argument("--due", action="store_true", help="what is due for review first")
    quiz.add_argument("--seed", type=int, help="same seed, same questions")
    quiz.add_argument("--list", action="store_true", help="list the questions per topic")

    new = command("new", "scaffold your own exercise in a pack (for teachers and authors)")
    new.add_argument("name", metavar="NN_slug", help="e.g. 101_moving_average")
    new.add_argument("--topic", required=True, help="its topic, e.g. python or data")
    new.add_argument("--pack", type=Path, default=Path("."),
                     help="the pack folder to create it in (default: here)")

    server = command("server", "the warm check server `grader check` uses in this workspace")
    server.add_argument("action", choices=("status", "stop"))

    for name, (module_name, text) in DECLARED.items():
        importlib.import_module(f"grader.commands.{module_name}").add_arguments(
            command(name, text))

    command("doctor", "which sandbox student code runs in here, why, and what it can see")

    command("tui", "open the practice app in this workspace (the default)")
    return parser


# Commands whose module declares its own arguments (``add_arguments``): name -> (module, help).
DECLARED = {
    "assignment": ("assignment", "classroom assignments: new, handout, example-class "
                                 "(for teachers)"),
    "grade": ("grade", "grade a class's submissions into the assignment's gradebook "
                       "(for teachers)"),
    "export": ("export", "grades and feedback from an assignment's gradebook: csv, gradescope, "
                         "github, prairielearn, feedback"),
    "report": ("class_report", "the class report of an assignment: pass rates, score "
                               "histogram, common failures"),
    "similar": ("similar", "pairs of students whose files are alike (copydetect; starter "
                           "code discounted)"),
    "gradescope": ("gradescope", "build a Gradescope autograder zip for an assignment"),
    "classroom": ("classroom", "GitHub Classroom autograding workflow for an assignment"),
}

COMMANDS = {"check": "check", "init": "init", "list": "listing", "hint": "hint",
            "solution": "solution", "reset": "reset", "progress": "progress", "watch": "watch",
            "validate": "validate", "tui": "tui", "quiz": "quiz", "new": "new", None: "tui",
            "server": "server", "doctor": "doctor",
            **{name: module for name, (module, _) in DECLARED.items()}}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from grader.config import ConfigError
    from grader.exercise import ExerciseError
    from grader.progress import ProgressLogError
    from grader.sandbox.host import SandboxError
    from grader.workspace import WorkspaceError

    pairs = args.set + getattr(args, "sub_set", [])
    opts = [item for pair in pairs for item in pair]
    lang = getattr(args, "sub_lang", None) or args.lang
    if lang:
        opts += ["UI.LANG", lang]
    name = COMMANDS[args.command]
    if args.command == "check" and args.all:
        name = "check_all"
    module = importlib.import_module(f"grader.commands.{name}")
    try:
        return module.run(args, opts)
    except (UsageError, ConfigError, ExerciseError, ProgressLogError, WorkspaceError) as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SandboxError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (`grader check … | head`): nothing left to say to it.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130
