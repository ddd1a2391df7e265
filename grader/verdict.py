"""What a grading run concluded, as plain data every output format and the log share."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal["pass", "fail", "error"]
# Why a file could not be graded (status "error"): what a gradebook files it under.
ErrorKind = Literal["unreadable", "empty", "encoding", "syntax", "import", "missing",
                    "signature", "timeout", "crash", "protocol"]


@dataclass
class Counterexample:
    call: str  # the call that went wrong, as the learner would type it
    expected: str | None = None
    got: str | None = None


@dataclass
class CheckResult:
    name: str
    status: Status
    message: str = ""
    counterexample: Counterexample | None = None
    output: str = ""
    examples: int = 0


@dataclass
class Verdict:
    exercise_id: str
    submission: str
    status: Status
    message: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    duration_s: float = 0.0
    seed: int = 0
    hypothesis_version: str = ""
    grader_version: str = ""
    submission_sha256: str = ""
    line: int | None = None  # the learner's line an error points at, when there is one
    error_kind: ErrorKind | None = None  # set when status is "error"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict) -> Verdict:
        """The inverse of ``to_dict``: a verdict that travelled as plain data (a cluster worker's
        answer) becomes one again."""
        fields = dict(raw)
        checks = []
        for check in fields.pop("checks", []):
            check = dict(check)
            example = check.pop("counterexample", None)
            checks.append(CheckResult(**check, counterexample=Counterexample(**example)
                                      if example else None))
        return cls(**fields, checks=checks)

    @property
    def passed(self) -> bool:
        return self.status == "pass"
