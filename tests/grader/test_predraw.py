"""A cold check's forked copy draws later checks' examples: it never outlives the grade, and
what hypothesis draws does not depend on what else the process has loaded.

(That predrawn grades equal full runs, passing and failing, is in ``test_replay.py``.)
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading

import pytest

from grader.exercise import get_exercise
from grader.judge import predraw
from grader.judge.replay import _replayable, check_keys, draw_examples
from grader.judge.runner import grade

EX20 = get_exercise("20")


@pytest.fixture
def copies(monkeypatch):
    """The pids of the copies forked during the test."""
    pids: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(predraw.os, "fork", fork)
    return pids


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_copy_is_reaped_after_a_grade(zygote, quick_cfg, copies):
    verdict = grade(EX20, EX20.reference, zygote, quick_cfg, predraw=True)
    assert verdict.passed
    assert len(copies) == 1 and _reaped(copies[0])


def test_the_copy_is_stopped_when_the_file_does_not_import(zygote, quick_cfg, copies,
                                                           write_submission):
    path = write_submission("raise RuntimeError('no')\n")
    verdict = grade(EX20, path, zygote, quick_cfg, predraw=True)
    assert verdict.error_kind == "import"
    assert len(copies) == 1 and _reaped(copies[0])


def test_the_copy_is_stopped_when_the_grade_is_cancelled(zygote, quick_cfg, copies,
                                                         write_submission):
    from grader.channel import Cancelled

    path = write_submission("import time\ndef drop_keys(d, keys):\n    time.sleep(0.2)\n"
                            "    return {k: v for k, v in d.items() if k not in set(keys)}\n")
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    with pytest.raises(Cancelled):
        grade(EX20, path, zygote, quick_cfg, predraw=True, cancel=cancel)
    assert len(copies) == 1 and _reaped(copies[0])


def _drawn(exercise, cfg) -> list[list]:
    return [[repr(e.drawn) for e in _replayable(draw_examples(spec, seed, count), None)]
            for _, spec, seed, count in check_keys(exercise, cfg) if spec.strategies]


def test_examples_do_not_depend_on_the_modules_loaded(tmp_path, quick_cfg):
    """hypothesis may draw constants it finds in loaded "local" modules; a check server that
    has loaded other exercises (or anything else) must still draw what a cold check draws."""
    before = _drawn(EX20, quick_cfg)
    # Small ints and short strings, the kind exercise 20 draws, in a module outside
    # site-packages: hypothesis would count it as local code and mine it for constants.
    constants = "\n".join(f"C{i} = {i}\nS{i} = {chr(97 + i % 26) * (i % 4 + 1)!r}"
                          for i in range(200))
    module_path = tmp_path / "lots_of_constants.py"
    module_path.write_text(constants + "\n")
    spec = importlib.util.spec_from_file_location("lots_of_constants", module_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["lots_of_constants"] = module
    try:
        spec.loader.exec_module(module)
        assert _drawn(EX20, quick_cfg) == before
    finally:
        del sys.modules["lots_of_constants"]


DRAW_EX20 = """
import hashlib, sys
from grader.config import load_config
from grader.exercise import get_exercise
from grader.judge.replay import _replayable, check_keys, draw_examples
cfg = load_config(None, ["CHECK.MAX_EXAMPLES", "25"])
drawn = [repr(e.drawn) for _, spec, seed, count in check_keys(get_exercise("20"), cfg)
         if spec.strategies for e in _replayable(draw_examples(spec, seed, count), None)]
print(hashlib.sha256("".join(drawn).encode()).hexdigest())
"""


def _draw_in(folder, home) -> str:
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    result = subprocess.run([sys.executable, "-c", DRAW_EX20], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_folder_cannot_plant_what_text_strategies_draw(tmp_path):
    """hypothesis caches the Unicode charmap ``st.text()`` draws from in ./.hypothesis by
    default: a student's repository could ship one that narrows the checks' strings."""
    import gzip
    import json
    import unicodedata

    clean, planted = tmp_path / "clean", tmp_path / "planted"
    clean.mkdir()
    charmap = planted / ".hypothesis" / "unicode_data" / unicodedata.unidata_version
    charmap.mkdir(parents=True)
    only_a = [[category, [[97, 97]]] for category in ("Lu", "Ll", "Nd", "Zs", "Po", "Cc")]
    with gzip.open(charmap / "charmap.json.gz", "wt") as out:
        json.dump(only_a, out)
    assert _draw_in(planted, tmp_path / "home1") == _draw_in(clean, tmp_path / "home2")
    assert not (clean / ".hypothesis").exists()  # nothing written into the learner's folder


def test_without_a_fork_every_check_runs_in_full(zygote, quick_cfg, monkeypatch):
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(predraw.os, "fork", no_fork)
    verdict = grade(EX20, EX20.reference, zygote, quick_cfg, predraw=True)
    assert verdict.passed


def test_the_later_checks_get_the_copys_examples(zygote, quick_cfg, monkeypatch):
    """Not just a fallback that happens to pass: every later check of 20 is replayed."""
    got = []
    examples_for = predraw.Predrawn.examples_for

    def spy(self, key, deadline):
        got.append(examples_for(self, key, deadline))
        return got[-1]

    monkeypatch.setattr(predraw.Predrawn, "examples_for", spy)
    assert grade(EX20, EX20.reference, zygote, quick_cfg, predraw=True).passed
    later = [spec for _, spec, _, _ in check_keys(EX20, quick_cfg)][1:]
    assert len(got) == len(later) and all(found is not None for found in got)
