"""Which students' files are suspiciously alike, per exercise, with copydetect.

copydetect fingerprints token streams (names become V/F/O, strings S) with winnowing, so renamed
variables and reordered functions still match; the exercises' starter files are its
boilerplate, so the code every student was handed never counts. Only files of the same exercise
are compared with each other. copydetect (and matplotlib, for its report) is imported only here.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.exercise import Exercise

# copydetect's defaults (25 tokens) suit whole programs; an exercise is a few lines, so a match
# of 12 tokens (about one line of code) is worth reporting and 15 are always found.
NOISE_TOKENS = 12
GUARANTEE_TOKENS = 15


@dataclass(frozen=True)
class SimilarPair:
    exercise_id: str
    student_a: str
    student_b: str
    percent_a: float  # share of a's file found in b's, 0..1
    percent_b: float  # share of b's file found in a's
    overlap_tokens: int

    @property
    def score(self) -> float:
        return max(self.percent_a, self.percent_b)


@dataclass
class SimilarityReport:
    pairs: list[SimilarPair]  # above the threshold, most similar first
    html: str  # copydetect's side-by-side report ("" when nothing was compared)


def find_similar(files: dict[str, dict[str, bytes]], exercises: list[Exercise], *,
                 threshold: float = 0.5) -> SimilarityReport:
    """``files``: student id -> exercise id -> the file's bytes. Pairs whose larger share is at
    least ``threshold`` are reported, most similar first."""
    from copydetect import CopyDetector

    work = Path(tempfile.mkdtemp(prefix="grader-similar-"))
    try:
        boilerplate = work / "starters"
        boilerplate.mkdir()
        for exercise in exercises:
            shutil.copyfile(exercise.starter, boilerplate / exercise.file_name)
        owner: dict[str, tuple[str, str]] = {}  # laid-out path -> (student, exercise)
        wanted = {e.id: e for e in exercises}
        for index, (student, by_exercise) in enumerate(sorted(files.items())):
            folder = work / "students" / f"s{index:05d}"  # ids may hold any character
            folder.mkdir(parents=True)
            for exercise_id, source in by_exercise.items():
                if exercise_id not in wanted:
                    continue
                path = folder / wanted[exercise_id].file_name
                path.write_bytes(source)
                owner[str(path)] = (student, exercise_id)
        if len(owner) < 2:
            return SimilarityReport([], "")
        detector = CopyDetector(
            test_dirs=[str(work / "students")], ref_dirs=[str(work / "students")],
            boilerplate_dirs=[str(boilerplate)], extensions=["py"], noise_t=NOISE_TOKENS,
            guarantee_t=GUARANTEE_TOKENS, display_t=threshold, same_name_only=True,
            autoopen=False, silent=True, out_file=str(work / "report.html"))
        detector.run()
        pairs = _pairs(detector, owner, threshold)
        html = detector.generate_html_report(output_mode="return") if pairs else ""
        for path, (student, exercise_id) in owner.items():  # name students, not temp paths
            html = html.replace(path, f"{student}/exercise_{exercise_id}.py")
        return SimilarityReport(pairs, html or "")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pairs(detector, owner: dict[str, tuple[str, str]], threshold: float) -> list[SimilarPair]:
    found: dict[tuple[str, str, str], SimilarPair] = {}
    matrix = detector.similarity_matrix
    for i, test_file in enumerate(detector.test_files):
        for j, ref_file in enumerate(detector.ref_files):
            share_test, share_ref = (float(v) for v in matrix[i, j])
            if share_test < 0 or test_file not in owner or ref_file not in owner:
                continue  # not compared: the same file, or another exercise
            (a, exercise_id), (b, _) = owner[test_file], owner[ref_file]
            if a > b:
                a, b, share_test, share_ref = b, a, share_ref, share_test
            pair = SimilarPair(exercise_id, a, b, share_test, share_ref,
                               int(detector.token_overlap_matrix[i, j]))
            if pair.score >= threshold:
                found[(exercise_id, a, b)] = pair
    return sorted(found.values(), key=lambda p: (-p.score, -p.overlap_tokens, p.exercise_id,
                                                 p.student_a, p.student_b))


def write_csv(pairs: list[SimilarPair], path: Path) -> None:
    """similarity.csv: one row per pair above the threshold, both shares and the overlap."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["exercise", "student_a", "student_b", "percent_a", "percent_b",
                         "overlap_tokens"])
        for pair in pairs:
            writer.writerow([pair.exercise_id, pair.student_a, pair.student_b,
                             f"{pair.percent_a * 100:.1f}", f"{pair.percent_b * 100:.1f}",
                             pair.overlap_tokens])
