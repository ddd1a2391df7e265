"""Who is expected to submit: ``roster.csv`` with ``student_id,name,email`` (name and email
optional). Students with no submission are graded as ``missing``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


class RosterError(Exception):
    """The roster cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Student:
    student_id: str
    name: str = ""
    email: str = ""


def read_roster(path: Path) -> list[Student]:
    """The roster's students in file order. A header row is required (``student_id`` at
    least); a BOM (Excel's UTF-8 CSV) is fine; a duplicate id is an error."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the roster ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise RosterError(f"{path}: not UTF-8 text (byte {exc.start}); save it as "
                          "CSV UTF-8") from None
    rows = csv.reader(text.splitlines())
    try:
        header = [cell.strip().lower() for cell in next(rows)]
    except StopIteration:
        raise RosterError(f"{path}: the roster is empty; it needs a header "
                          "student_id,name,email") from None
    except csv.Error as exc:
        raise RosterError(f"{path}, line 1: {exc}") from None
    if "student_id" not in header:
        raise RosterError(f"{path}, line 1: the header must name a student_id column "
                          f"(found {', '.join(header) or 'nothing'})")
    columns = {name: header.index(name) for name in ("student_id", "name", "email")
               if name in header}
    students: list[Student] = []
    seen: dict[str, int] = {}
    try:
        for row in rows:
            number = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise RosterError(f"{path}, line {number}: {len(row)} fields, the header "
                                  f"has {len(header)} (a comma inside a name needs quotes)")
            cells = {name: (row[i].strip() if i < len(row) else "")
                     for name, i in columns.items()}
            student_id = cells["student_id"]
            if not student_id:
                raise RosterError(f"{path}, line {number}: no student_id")
            problem = bad_student_id(student_id)
            if problem:
                raise RosterError(f"{path}, line {number}: student_id {student_id!r} {problem}")
            if student_id in seen:
                raise RosterError(f"{path}, line {number}: duplicate student_id {student_id!r} "
                                  f"(first on line {seen[student_id]})")
            seen[student_id] = number
            students.append(Student(student_id, cells.get("name", ""), cells.get("email", "")))
    except csv.Error as exc:
        raise RosterError(f"{path}, line {rows.line_num}: {exc}") from None
    return students


def bad_student_id(student_id: str) -> str | None:
    """Why an id cannot name a student (it becomes a file name in exports), or None."""
    if student_id in (".", "..") or any(c in student_id for c in "/\\\0"):
        return "cannot contain / or \\ or be . or .."
    if any(not c.isprintable() for c in student_id):
        return "contains a control character"
    return None
