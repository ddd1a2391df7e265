"""The warm `grader check`: the first check in a workspace starts its check server, later ones
hand their files to it, and every way a server can end (stop, idle, SIGKILL, a changed
exercise) leaves no process behind and the next check still answers.

Every test that can start a server stops it in the ``workspace`` fixture's teardown and
asserts that neither the server nor its zygote is left running.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from grader.exercise import get_exercise
from grader.server import protocol
from grader.server.client import request, server_pid
from tests.grader.test_cli import GRADER

EX20 = get_exercise("20")
WRONG20 = (EX20.folder / "wrong" / "pop_missing_raises.py").read_text(encoding="utf-8")


def grader(*args: str, cwd: Path, python_flags: tuple[str, ...] = ()
           ) -> subprocess.CompletedProcess:
    command = [sys.executable, *python_flags, GRADER, *args] if python_flags else [GRADER, *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=180)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def wait_gone(pids: list[int], seconds: float = 20.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


def running_server(root: Path, seconds: float = 60.0, ask=None) -> int:
    """The pid of the workspace's server once it answers (a cold check starts it in the
    background as it finishes; it answers once set up: fingerprint taken, zygote started).
    ``ask(root, timeout)``: the status request, for a server of another user."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pid = server_pid(root)
        if pid and pid > 0 and (root / protocol.RUN_DIR / protocol.SOCKET_NAME).exists():
            wait = max(deadline - time.monotonic(), 1)
            reply = (ask or _status)(root, wait)
            assert reply["pid"] == pid
            return pid
        time.sleep(0.05)
    raise AssertionError("no check server holds this workspace")


def _status(root: Path, timeout: float) -> dict:
    return request(root, {"op": "status"}, timeout=timeout)


@pytest.fixture
def workspace(tmp_path, request):
    """A workspace whose check servers are all stopped (and proven gone) afterwards; its
    folder's name is the test's parameter, when it has one."""
    name = getattr(request, "param", "ws")
    assert grader("init", name, cwd=tmp_path).returncode == 0
    root = tmp_path / name
    # Few examples keep it quick; tests append more CHECK settings below this one.
    (root / "grader.yaml").write_text("CHECK:\n  MAX_EXAMPLES: 30\n", encoding="utf-8")
    started: list[int] = []
    yield root, started
    pid = server_pid(root)
    if pid:
        started.append(pid)
    family = [p for pid in started for p in (pid, *children(pid))]
    grader("server", "stop", cwd=root)
    left = wait_gone(family)
    for pid in left:  # only what this test started; then fail loudly
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes left behind: {left}"


def test_the_first_check_starts_a_server_that_later_checks_use(workspace):
    root, started = workspace
    (root / "exercise_20.py").write_text(EX20.reference.read_text(encoding="utf-8"))
    first = grader("check", "exercise_20.py", cwd=root)  # graded here, then starts one
    assert first.returncode == 0 and "checks passed" in first.stdout, first.stderr
    assert first.stderr == ""  # starting the server is not news to the learner
    pid = running_server(root)
    started.append(pid)
    assert grader("check", "exercise_20.py", cwd=root).returncode == 0
    status = grader("server", "status", cwd=root)
    assert f"pid {pid}" in status.stdout and "1 check(s)" in status.stdout  # the second
    records = [json.loads(line) for line in (root / "progress.jsonl").read_text().splitlines()]
    assert [r["event"] for r in records] == ["check", "check"]  # one record per check, no more
    folder = root / protocol.RUN_DIR
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / protocol.SOCKET_NAME).stat().st_mode) == 0o600
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"  # kept out of git
    stopped = grader("server", "stop", cwd=root)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert wait_gone([pid]) == []
    assert "no check server running" in grader("server", "status", cwd=root).stdout


@pytest.mark.parametrize("source", [EX20.reference.read_text(encoding="utf-8"), WRONG20],
                         ids=["passing", "failing"])
def test_the_servers_verdict_and_json_equal_a_cold_checks(workspace, source):
    root, started = workspace
    (root / "exercise_20.py").write_text(source, encoding="utf-8")
    cold = grader("check", "exercise_20.py", "--format", "json", "--no-server", cwd=root)
    assert server_pid(root) is None  # --no-server starts nothing
    first = grader("check", "exercise_20.py", "--format", "json", cwd=root)  # starts it
    pid = running_server(root)
    started.append(pid)
    served = grader("check", "exercise_20.py", "--format", "json", cwd=root)
    again = grader("check", "exercise_20.py", "--format", "json", cwd=root)  # replays
    assert "2 check(s)" in grader("server", "status", cwd=root).stdout  # both answered by it
    documents = [json.loads(r.stdout) for r in (cold, first, served, again)]
    for document in documents:
        document.pop("duration_s")
    assert documents[0] == documents[1] == documents[2] == documents[3]
    assert cold.returncode == first.returncode == served.returncode == again.returncode
    assert (documents[0]["status"] == "pass") == (source != WRONG20)
    text_cold = grader("check", "exercise_20.py", "--no-server", cwd=root).stdout
    text_warm = grader("check", "exercise_20.py", cwd=root).stdout
    assert _without_timing(text_cold) == _without_timing(text_warm)


def _without_timing(text: str) -> str:
    return "\n".join(line.rsplit("  (", 1)[0] for line in text.splitlines())


def test_a_check_with_a_live_server_imports_neither_torch_nor_hypothesis_nor_checks(workspace):
    root, started = workspace
    (root / "exercise_20.py").write_text(EX20.reference.read_text(encoding="utf-8"))
    assert grader("check", "exercise_20.py", cwd=root).returncode == 0
    started.append(running_server(root))
    timed = grader("check", "exercise_20.py", cwd=root, python_flags=("-X", "importtime"))
    assert timed.returncode == 0
    imported = {line.split("|")[-1].strip() for line in timed.stderr.splitlines()
                if line.startswith("import time:")}
    assert "grader.server.client" in imported  # it did go through the server
    heavy = {m for m in imported
             if m.split(".")[0] in ("torch", "hypothesis", "numpy", "grader_exercises")
             or m.startswith(("grader.judge.runner", "grader.checker"))}
    assert heavy == set()


def test_a_server_killed_with_sigkill_is_replaced_and_leaves_no_orphan(workspace):
    root, started = workspace
    (root / "exercise_20.py").write_text(WRONG20, encoding="utf-8")
    assert grader("check", "exercise_20.py", cwd=root).returncode == 1
    pid = running_server(root)
    zygotes = children(pid)
    assert zygotes, "the server holds no zygote"
    os.kill(pid, signal.SIGKILL)
    assert wait_gone([pid, *zygotes]) == []  # the zygote sees its control socket close
    assert (root / protocol.RUN_DIR / protocol.SOCKET_NAME).exists()  # stale, left behind
    replaced = grader("check", "exercise_20.py", cwd=root)
    assert replaced.returncode == 1 and "checks failed" in replaced.stdout
    assert replaced.stderr == ""
    new_pid = running_server(root)
    started.append(new_pid)
    assert new_pid != pid


# A socket's address holds 107 bytes: a deeper workspace is reached through /proc/self/fd.
@pytest.mark.parametrize("workspace", ["a-workspace-folder-" + "x" * 100], indirect=True)
def test_an_idle_server_exits_by_itself(workspace):
    root, started = workspace
    assert len(str(root / protocol.RUN_DIR / protocol.SOCKET_NAME)) > protocol.SUN_PATH_MAX
    with open(root / "grader.yaml", "a", encoding="utf-8") as handle:
        handle.write("  SERVER_IDLE_MINUTES: 0.02\n")  # 1.2 s
    assert grader("check", "exercise_20.py", cwd=root).returncode == 1
    pid = running_server(root)
    family = [pid, *children(pid)]
    started.extend(family)
    assert wait_gone(family, seconds=30) == []
    assert not (root / protocol.RUN_DIR / protocol.SOCKET_NAME).exists()
    assert "idle for" in (root / protocol.RUN_DIR / protocol.LOG_NAME).read_text()


def test_a_changed_exercise_restarts_the_server(workspace, tmp_path):
    root, started = workspace
    made = grader("new", "90_twice", "--topic", "python", "--pack", str(tmp_path / "pack"),
                  cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    with open(root / "grader.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"EXERCISES:\n  PACKS: ['{tmp_path / 'pack'}']\n")
    (root / "exercise_20.py").write_text(EX20.reference.read_text(encoding="utf-8"))
    assert grader("check", "exercise_20.py", cwd=root).returncode == 0
    pid = running_server(root)
    started.append(pid)
    prompt = next((tmp_path / "pack").glob("90_*/prompt.en.md"))
    prompt.write_text(prompt.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    after = grader("check", "exercise_20.py", cwd=root)
    assert after.returncode == 0 and "checks passed" in after.stdout and after.stderr == ""
    new_pid = running_server(root)
    started.append(new_pid)
    assert new_pid != pid and wait_gone([pid]) == []


def test_no_server_when_the_setting_is_off_or_the_run_folder_is_unusable(workspace):
    root, _ = workspace
    assert grader("check", "exercise_20.py", "--set", "CHECK.SERVER", "False",
                  cwd=root).returncode == 1
    assert server_pid(root) is None
    assert "CHECK.SERVER is off" in grader("server", "status", "--set", "CHECK.SERVER",
                                           "False", cwd=root).stdout
    (root / protocol.RUN_DIR).write_text("not a folder")  # no socket can live here
    cold = grader("check", "exercise_20.py", cwd=root)
    assert cold.returncode == 1 and "checks failed" in cold.stdout and cold.stderr == ""
    assert server_pid(root) is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_the_server_answers_no_other_user(workspace):
    root, started = workspace
    assert grader("check", "exercise_20.py", cwd=root).returncode == 1
    started.append(running_server(root))
    # Open the modes wide, so only the server's own uid check stands in the way; the other
    # user reaches the folder through a descriptor we hand it (no need to open /tmp's tree).
    folder = root / protocol.RUN_DIR
    folder.chmod(0o755)
    (folder / protocol.SOCKET_NAME).chmod(0o666)
    probe = ("import socket, sys\n"
             "s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])\n"
             "try:\n"
             "    s.sendall(b'{\"op\": \"status\"}\\n'); print(repr(s.recv(100)))\n"
             "except (BrokenPipeError, ConnectionResetError):\n"
             "    print(repr(b''))\n")
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                 sys.executable, "-c", probe,
                                 f"/proc/self/fd/{fd}/{protocol.SOCKET_NAME}"],
                                pass_fds=[fd], capture_output=True, text=True, timeout=30)
    finally:
        os.close(fd)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "b''"  # connected, then hung up on without a word
    with socket.socket(socket.AF_UNIX) as mine:
        mine.connect(str(folder / protocol.SOCKET_NAME))
        protocol.send(mine, {"op": "status"})
        assert protocol.receive(mine)["ok"] is True  # its own user still gets an answer


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become an unprivileged user")
def test_an_unprivileged_learner_gets_a_server_of_their_own():
    home = Path(tempfile.mkdtemp(prefix="grader-nobody-"))
    os.chown(home, 65534, 65534)
    home.chmod(0o755)
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                 "env", f"HOME={home}", GRADER]
    root = home / "ws"
    started = []

    def status_as_nobody(root: Path, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            text = subprocess.run([*as_nobody, "server", "status"], cwd=root,
                                  capture_output=True, text=True, timeout=60).stdout
            if "pid " in text or time.monotonic() > deadline:
                return {"pid": int(text.split("pid ")[1].split(",")[0])}
            time.sleep(0.1)

    try:
        assert subprocess.run([*as_nobody, "init", "ws"], cwd=home, capture_output=True,
                              timeout=60).returncode == 0
        for _ in range(2):
            checked = subprocess.run([*as_nobody, "check", "exercise_20.py"], cwd=root,
                                     capture_output=True, text=True, timeout=180)
            assert checked.returncode == 1 and "checks failed" in checked.stdout
            assert checked.stderr == ""
            pid = running_server(root, ask=status_as_nobody)  # answers the second
        started += [pid, *children(pid)]
        assert os.stat(f"/proc/{pid}").st_uid == 65534
        status = subprocess.run([*as_nobody, "server", "status"], cwd=root,
                                capture_output=True, text=True, timeout=60).stdout
        assert f"pid {pid}" in status and "1 check(s)" in status
        stopped = subprocess.run([*as_nobody, "server", "stop"], cwd=root,
                                 capture_output=True, text=True, timeout=60)
        assert stopped.returncode == 0 and wait_gone(started) == []
    finally:
        for pid in wait_gone(started, seconds=1):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(home, ignore_errors=True)


def test_a_server_without_strict_isolation_has_its_client_say_so(workspace, monkeypatch):
    """The server's stderr is not the learner's: the warning travels back with the verdict."""
    root, started = workspace
    monkeypatch.setenv("GRADER_SANDBOX", "limits-only")  # the server inherits it
    (root / "exercise_20.py").write_text(EX20.reference.read_text(encoding="utf-8"))
    for _ in range(2):  # the check that starts the server, then one the running server answers
        done = grader("check", "exercise_20.py", cwd=root)
        assert done.returncode == 0 and "checks passed" in done.stdout
        assert done.stderr.count("grader: warning:") == 1 and "process limits" in done.stderr
        pid = running_server(root)
    started.append(pid)
    assert "1 check(s)" in grader("server", "status", cwd=root).stdout
