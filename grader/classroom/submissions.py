"""Finding each student's exercise files in what a teacher collected, whatever its layout.

Under each SUBMISSIONS path (a folder, or a zip of one), every entry is one student:
- ``s001/`` or ``s001.zip``: the name is the student id;
- ``<assignment>-<username>/``: a GitHub Classroom clone, the id is the username;
- ``Ada Lovelace_123456_assignsubmission_file_/`` (or ``.zip``): a Moodle bulk download, the id
  is the number and the name is kept;
- ``adalovelace_123456_789_exercise_20.py``: a Canvas bulk download (flat files), id 123456.
Inside a student's entry, ``exercise_NN.py`` may sit in nested folders (the shallowest wins).

Zips are read in memory, never extracted: total size, entry count and nesting depth are
limited, and a path that climbs out (``..``, absolute) or a name that is not UTF-8 is refused.

When each file was submitted: the ``--timestamps`` CSV (``student_id,submitted_at``) when it
has the student; else a clone's last commit time (``git log``; a student can set it, so prefer
the CSV when it matters); else the file's modification time (a zip's entry time read as UTC).
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from grader.classroom.roster import bad_student_id

MAX_TOTAL_BYTES = 256 * 1024 * 1024  # everything read out of zips, nested ones included
MAX_ENTRIES = 20_000  # entries in all the zips together
MAX_FILE_BYTES = 2 * 1024 * 1024  # one exercise file
MAX_ZIP_DEPTH = 2  # a class zip holding per-student zips; no deeper
SKIPPED_NAMES = {"__MACOSX", "__pycache__", ".DS_Store"}
_EXERCISE_FILE = re.compile(r"^exercise_(\d{2,4})\.py$")  # packs use 101 and up
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assign(?:ment)?submission_\w*?_?$")
_CANVAS = re.compile(r"^(?P<name>[^_]+)_(?:LATE_)?(?P<id>\d+)_\d+_(?P<file>.+)$")


class SubmissionsError(Exception):
    """The submissions cannot be read as given; the message names the path and the reason."""


@dataclass(frozen=True)
class StudentFile:
    """One student's file for one exercise, with its bytes."""

    student_id: str
    exercise_id: str
    file: str  # where it came from, relative to the SUBMISSIONS path given
    source: bytes
    submitted_at: datetime | None
    grading_path: Path  # names the file for the grader; its folder is hidden from workers


@dataclass
class Submissions:
    files: list[StudentFile] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # student id -> name seen (Moodle)
    students: list[str] = field(default_factory=list)  # every student entry found, in order
    warnings: list[str] = field(default_factory=list)  # e.g. a student entry with no files


@dataclass
class _Node:
    """A file in a folder or zip: its bytes on demand, its modification time."""

    read: Callable[[], bytes]
    mtime: datetime | None


@dataclass
class _Budget:
    total: int = 0
    entries: int = 0


def collect(paths: list[Path], exercises: tuple[str, ...], assignment_name: str,
            timestamps: dict[str, datetime] | None = None) -> Submissions:
    """Every (student, exercise) file under ``paths``. Raises ``SubmissionsError``."""
    found = Submissions()
    origin: dict[str, str] = {}
    budget = _Budget()
    for given in paths:
        if not given.exists():
            raise SubmissionsError(f"{given}: not found")
        if given.is_dir():
            tree = _folder_tree(given)
        elif zipfile.is_zipfile(given):
            tree = _zip_tree(given.read_bytes, given.name, budget, depth=1)
        else:
            raise SubmissionsError(f"{given}: neither a folder nor a zip of submissions")
        if not given.is_dir():
            tree = _unwrap(tree)
        if any(_EXERCISE_FILE.match(PurePosixPath(p).name) and "/" not in p for p in tree):
            raise SubmissionsError(
                f"{given}: holds exercise files itself; give the folder that holds one "
                "folder (or zip) per student, e.g. subs/ with subs/s001/exercise_20.py")
        before = len(found.files)
        hide_root = (given if given.is_dir() else given.parent).resolve()
        for entry, (student_id, name, student_tree) in _students(tree, given, assignment_name,
                                                                 budget).items():
            if student_id in origin:
                raise SubmissionsError(f"duplicate student id {student_id!r}: {origin[student_id]}"
                                       f" and {_shown(given, entry)}")
            origin[student_id] = _shown(given, entry)
            found.students.append(student_id)
            if name:
                found.names[student_id] = name
            git_time = _git_time(given / entry) if given.is_dir() else None
            picked = _pick_files(student_tree, exercises)
            if not picked:
                found.warnings.append(f"{_shown(given, entry)}: no exercise_NN.py file for "
                                      f"{', '.join(exercises)}; graded as missing")
            for exercise_id, inner in sorted(picked.items()):
                node = student_tree[inner]
                source = node.read()
                if len(source) > MAX_FILE_BYTES:
                    raise SubmissionsError(f"{_shown(given, entry)}/{inner}: "
                                           f"{len(source)} bytes, over the "
                                           f"{MAX_FILE_BYTES // 1024} KiB limit for one file")
                when = (timestamps or {}).get(student_id) or git_time or node.mtime
                found.files.append(StudentFile(
                    student_id, exercise_id, f"{_shown(given, entry)}/{inner}", source, when,
                    hide_root / f"exercise_{exercise_id}.py"))
        if len(found.files) == before:
            raise SubmissionsError(f"{given}: no exercise files for exercises "
                                   f"{', '.join(exercises)} (looked for exercise_NN.py in each "
                                   "student's folder or zip)")
    return found


def read_timestamps(path: Path) -> dict[str, datetime]:
    """``student_id,submitted_at`` rows (ISO 8601 with a UTC offset) -> submission times."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SubmissionsError(f"{path}: cannot read the timestamps "
                               f"({getattr(exc, 'strerror', None) or exc})") from None
    rows = csv.reader(text.splitlines())
    header = [c.strip().lower() for c in next(rows, [])]
    if header[:2] != ["student_id", "submitted_at"]:
        raise SubmissionsError(f"{path}, line 1: the header must be student_id,submitted_at")
    times = {}
    for row in rows:
        if not any(c.strip() for c in row):
            continue
        try:
            when = datetime.fromisoformat(row[1].strip().replace("Z", "+00:00"))
        except (IndexError, ValueError):
            when = None
        if when is None or when.tzinfo is None:
            raise SubmissionsError(f"{path}, line {rows.line_num}: need student_id and an ISO "
                                   "8601 time with a UTC offset, e.g. 2026-12-01T23:10:00+00:00")
        times[row[0].strip()] = when
    return times


def _shown(given: Path, entry: str) -> str:
    return entry if given.is_dir() else f"{given.name}/{entry}"


def _check_name(name: str, where: str) -> None:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise SubmissionsError(f"{where}: the file name {shown!r} is not UTF-8; rename it "
                               "(or re-create the zip with UTF-8 names)") from None


def _folder_tree(root: Path) -> dict[str, _Node]:
    tree: dict[str, _Node] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_NAMES and not d.startswith("."))
        for name in [*dirs, *files]:
            _check_name(name, str(Path(folder)))
        for name in sorted(files):
            if name in SKIPPED_NAMES or name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue  # a link could point at anything on the grading machine
            relative = path.relative_to(root).as_posix()
            tree[relative] = _Node(path.read_bytes, datetime.fromtimestamp(info.st_mtime, UTC))
    return tree


def _zip_tree(read: Callable[[], bytes], where: str, budget: _Budget,
              depth: int) -> dict[str, _Node]:
    if depth > MAX_ZIP_DEPTH:
        raise SubmissionsError(f"{where}: a zip nested more than {MAX_ZIP_DEPTH} deep; "
                               "unpack it first")
    try:
        archive = zipfile.ZipFile(io.BytesIO(read()))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SubmissionsError(f"{where}: not a readable zip ({exc})") from None
    tree: dict[str, _Node] = {}
    for info in infos:
        budget.entries += 1
        if budget.entries > MAX_ENTRIES:
            raise SubmissionsError(f"{where}: more than {MAX_ENTRIES} entries in the zips; "
                                   "refusing (a zip bomb?)")
        name = _zip_name(info, where)
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise SubmissionsError(f"{where}: the entry {name!r} points outside the zip; "
                                   "refusing it")
        if info.is_dir() or any(p in SKIPPED_NAMES or p.startswith(".") for p in parts):
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            raise SubmissionsError(f"{where}: the entry {name!r} is a symbolic link; refusing it")
        if info.flag_bits & 0x1:
            raise SubmissionsError(f"{where}: the entry {name!r} is encrypted; cannot read it")
        budget.total += info.file_size
        if budget.total > MAX_TOTAL_BYTES:
            raise SubmissionsError(f"{where}: unpacks to over {MAX_TOTAL_BYTES // 2**20} MiB; "
                                   "refusing (a zip bomb?)")
        tree[name] = _Node(_zip_reader(archive, info, where),
                           _zip_time(info.date_time))
    return tree


def _zip_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                where: str) -> Callable[[], bytes]:
    def read() -> bytes:
        # The declared size can lie: read one byte past it and refuse when it is there.
        try:
            with archive.open(info) as stream:
                content = stream.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise SubmissionsError(f"{where}: cannot read {info.filename!r} ({exc})") from None
        if len(content) > info.file_size:
            raise SubmissionsError(f"{where}: {info.filename!r} holds more than it declares; "
                                   "refusing (a zip bomb?)")
        return content

    return read


def _zip_name(info: zipfile.ZipInfo, where: str) -> str:
    if info.flag_bits & 0x800:  # the zip says its names are UTF-8
        return info.filename
    try:
        raw = info.filename.encode("cp437")  # how zipfile decoded the unflagged bytes
    except UnicodeEncodeError:
        return info.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        shown = raw.decode("utf-8", "backslashreplace")
        raise SubmissionsError(f"{where}: the file name {shown!r} is not UTF-8; re-create "
                               "the zip with UTF-8 names (e.g. `zip` on Linux or 7-Zip)") from None


def _zip_time(date_time: tuple) -> datetime | None:
    try:
        return datetime(*date_time, tzinfo=UTC)
    except ValueError:
        return None


def _unwrap(tree: dict[str, _Node]) -> dict[str, _Node]:
    """A zip of ``subs/`` holds ``subs/s001/...``: step into a lone top folder."""
    while tree:
        tops = {path.split("/", 1)[0] for path in tree}
        if len(tops) != 1 or all("/" not in p for p in tree):
            return tree
        (top,) = tops
        inner = {p.split("/", 1)[1]: node for p, node in tree.items() if "/" in p}
        if any(_EXERCISE_FILE.match(PurePosixPath(p).name) and "/" not in p for p in inner):
            return tree  # the lone folder is one student's
        tree = inner
    return tree


def _students(tree: dict[str, _Node], given: Path, assignment_name: str,
              budget: _Budget) -> dict[str, tuple[str, str, dict[str, _Node]]]:
    """entry name -> (student id, name, that student's files)."""
    entries: dict[str, tuple[str, str, dict[str, _Node]]] = {}
    folders: dict[str, dict[str, _Node]] = {}
    for path, node in tree.items():
        top, _, rest = path.partition("/")
        if rest:
            folders.setdefault(top, {})[rest] = node
            continue
        canvas = _CANVAS.match(top)
        if top.lower().endswith(".zip"):
            stem = top[:-4]
            inner = _zip_tree(node.read, _shown(given, top), budget, depth=2)
            student_id, name = _identify(stem, assignment_name)
            entries[top] = (student_id, name, inner)
        elif canvas and _EXERCISE_FILE.match(_canvas_file(canvas["file"])):
            student_id = canvas["id"]
            key = f"{canvas['name']}_{student_id}"
            previous = entries.get(key, (student_id, canvas["name"], {}))
            previous[2][_canvas_file(canvas["file"])] = node
            entries[key] = previous
        # any other loose file (a roster, a README) is not a student
    for top, files in folders.items():
        student_id, name = _identify(top, assignment_name)
        entries[top] = (student_id, name, files)
    for entry, (student_id, _, _) in entries.items():
        problem = bad_student_id(student_id)
        if problem:
            raise SubmissionsError(f"{_shown(given, entry)}: the student id {student_id!r} "
                                   f"{problem}")
    return dict(sorted(entries.items()))


def _canvas_file(name: str) -> str:
    """Canvas appends -1, -2 to a re-submitted file's name: exercise_20-1.py."""
    return re.sub(r"-\d+(\.py)$", r"\1", name)


def _identify(entry: str, assignment_name: str) -> tuple[str, str]:
    """(student id, name) from a student's folder or zip name."""
    moodle = _MOODLE.match(entry)
    if moodle:
        return moodle["id"], moodle["name"]
    prefix = f"{assignment_name}-"
    if assignment_name and entry.startswith(prefix) and len(entry) > len(prefix):
        return entry[len(prefix):], ""
    return entry, ""


def _pick_files(files: dict[str, _Node], exercises: tuple[str, ...]) -> dict[str, str]:
    """exercise id -> the path of its file inside a student's entry (the shallowest)."""
    picked: dict[str, str] = {}
    for path in sorted(files, key=lambda p: (p.count("/"), p)):
        match = _EXERCISE_FILE.match(PurePosixPath(path).name)
        if match and match[1] in exercises and match[1] not in picked:
            picked[match[1]] = path
    return picked


def _git_time(folder: Path) -> datetime | None:
    """The last commit's time of a clone (GitHub Classroom), or None."""
    if not (folder / ".git").exists():
        return None
    try:
        done = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(folder), "log", "-1",
                               "--format=%cI"], capture_output=True, text=True, timeout=10,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    try:
        return datetime.fromisoformat(done.stdout.strip()) if done.returncode == 0 else None
    except ValueError:
        return None
