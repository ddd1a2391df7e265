"""What a submission can reach: in the strict sandbox, nothing of the caller's, the class's or
grader's; with process limits only, the same attacks work (the test can tell the difference).

One submission tries everything at import: read a file planted in the caller's home, read
another student's submission next to the workspace, import ``grader`` and load exercise 20's
reference from the source tree and from the installed ``_bundled`` copy, connect to a port this
test listens on, write into the caller's home and into the real /tmp. The correct variant
answers correctly only when every read failed; the wrong variant uses a stolen reference when
it has one. ``test_sandbox_user.py`` runs this file again as a user without privileges.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import stat
import sysconfig
import tempfile
import threading
from pathlib import Path

import pytest

from grader.exercise import get_exercise
from grader.judge.runner import grade
from grader.sandbox.host import Worker
from grader.sandbox.limits import Limits

EX20 = get_exercise("20")
BUNDLED = (Path(sysconfig.get_paths()["purelib"]) / "grader" / "_bundled" / "exercises"
           / EX20.folder.name / "reference.py")

ATTACKS = '''
import importlib.util, os, socket, sys
LEAKS = []

def _attempt(name, attack):
    try:
        if attack():
            LEAKS.append(name)
    except Exception:
        pass

def _read(path):
    with open(path) as handle:
        return TOKEN in handle.read()

def _reference(where):
    import grader
    package = os.path.dirname(grader.__file__)
    path = {"source tree": os.path.join(package, "..", "exercises", FOLDER, "reference.py"),
            "bundled": BUNDLED}[where]
    spec = importlib.util.spec_from_file_location("stolen_" + where.replace(" ", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    global STOLEN
    STOLEN = module.drop_keys
    return True

def _write(path):
    with open(path, "w") as handle:
        handle.write("written by a submission")

STOLEN = None
_attempt("home file", lambda: _read(HOME_SECRET))
_attempt("other student", lambda: _read(CLASSMATE))
_attempt("reference in the source tree", lambda: _reference("source tree"))
_attempt("bundled reference", lambda: _reference("bundled"))
_attempt("loopback", lambda: socket.create_connection(("127.0.0.1", PORT), timeout=1))
_attempt("home write", lambda: _write(HOME_WRITE))
_attempt("tmp write", lambda: _write(TMP_WRITE))
'''
CORRECT = '''
def drop_keys(d, keys):
    leaked = [name for name in LEAKS if not name.endswith("write")]
    if leaked:
        return {"leaked": leaked}
    drop = set(keys)
    return {k: v for k, v in d.items() if k not in drop}
'''
WRONG = '''
def drop_keys(d, keys):
    if STOLEN is not None:
        return STOLEN(d, keys)
    return dict(d)
'''


class Listener:
    """A loopback port that counts the connections it accepts."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def scene():
    """A class folder (another student's file, this student's workspace), a secret in the
    caller's home, a listening port, and the paths the submission will try to write."""
    token = secrets.token_hex(8)
    classroom = Path(tempfile.mkdtemp(prefix="grader-class-"))
    classroom.chmod(0o755)
    classmate = classroom / "alice" / "exercise_20.py"
    classmate.parent.mkdir(mode=0o755)
    classmate.write_text(f"# {token}\n" + EX20.reference.read_text(encoding="utf-8"))
    classmate.chmod(0o644)
    workspace = classroom / "bob"
    workspace.mkdir(mode=0o755)
    home = Path.home()
    secret = home / f".grader-secret-{token}"
    secret.write_text(token)
    secret.chmod(0o644)
    listener = Listener()
    places = {"TOKEN": token, "HOME_SECRET": str(secret), "CLASSMATE": str(classmate),
              "FOLDER": EX20.folder.name, "BUNDLED": str(BUNDLED), "PORT": listener.port,
              "HOME_WRITE": str(home / f"grader-pwned-{token}"),
              "TMP_WRITE": f"/tmp/grader-pwned-{token}"}
    yield workspace, places, listener
    listener.close()
    for path in (secret, Path(places["HOME_WRITE"]), Path(places["TMP_WRITE"])):
        path.unlink(missing_ok=True)
    shutil.rmtree(classroom, ignore_errors=True)


def _submission(workspace: Path, places: dict, body: str) -> Path:
    header = "".join(f"{name} = {value!r}\n" for name, value in places.items())
    path = workspace / "exercise_20.py"
    path.write_text(header + ATTACKS + body, encoding="utf-8")
    path.chmod(0o644)
    return path


def _writes(places: dict) -> list[str]:
    return [name for name in ("HOME_WRITE", "TMP_WRITE") if os.path.exists(places[name])]


def test_the_planted_files_exist_where_the_attacks_look():
    # The attacks below would prove nothing if the reference were not there to steal.
    assert EX20.reference.is_file()
    assert BUNDLED.is_file(), f"no bundled copy of the references at {BUNDLED}"
    assert BUNDLED.stat().st_mode & stat.S_IROTH


def test_strict_sandbox_every_attack_fails_and_the_verdict_stands(zygote, quick_cfg, scene):
    workspace, places, listener = scene
    cfg = quick_cfg.clone()
    cfg.defrost()
    cfg.CHECK.MAX_EXAMPLES = 5
    cfg.SANDBOX.NAMESPACES = True
    correct = grade(EX20, _submission(workspace, places, CORRECT), zygote, cfg)
    wrong = grade(EX20, _submission(workspace, places, WRONG), zygote, cfg)
    assert correct.status == "pass", [c.counterexample for c in correct.checks]
    assert wrong.status == "fail"
    assert _writes(places) == []
    assert listener.accepted == 0


def test_with_limits_only_the_same_attacks_get_through(zygote, quick_cfg, scene):
    # The fallback, tested too: the reference is readable, so a wrong answer passes.
    workspace, places, listener = scene
    cfg = quick_cfg.clone()
    cfg.defrost()
    cfg.CHECK.MAX_EXAMPLES = 5
    cfg.SANDBOX.NAMESPACES = False
    correct = grade(EX20, _submission(workspace, places, CORRECT), zygote, cfg)
    wrong = grade(EX20, _submission(workspace, places, WRONG), zygote, cfg)
    assert correct.status == "fail"
    got = correct.checks[0].counterexample.got
    for leak in ("other student", "reference in the source tree", "bundled reference",
                 "loopback"):
        assert leak in got
    assert wrong.status == "pass"
    assert "TMP_WRITE" in _writes(places)
    assert listener.accepted > 0
    if os.geteuid() != 0:  # root's student code runs as nobody, who cannot enter /root
        assert "home file" in got
        assert "HOME_WRITE" in _writes(places)


LOOK = b'''
import os

def look(paths):
    found = {}
    for path in paths:
        try:
            with open(path) as handle:
                found[path] = handle.read()
        except OSError as exc:
            found[path] = type(exc).__name__
    return found
'''


def test_an_exercise_sees_its_shipped_data_and_nothing_beside_it(zygote, open_dir):
    shipped, beside = open_dir / "data", open_dir / "other"
    for folder in (shipped, beside):
        folder.mkdir(mode=0o755)
        (folder / "table.csv").write_text(f"{folder.name}\n")
        (folder / "table.csv").chmod(0o644)
    paths = [str(shipped / "table.csv"), str(beside / "table.csv")]
    with Worker(zygote, LOOK, "look", "look.py", limits=Limits(),
                data=[str(shipped)]) as worker:
        assert worker.open(timeout=10) is None
        found = worker.call("look", (paths,)).value
    assert found == {paths[0]: "data\n", paths[1]: "FileNotFoundError"}
