"""Mutation testing of an exercise's checks: small AST edits of the reference must be caught.

Each mutant changes one thing the way learners slip: a comparison or arithmetic operator, an
off-by-one constant, a dropped call, swapped arguments, a changed dim or keyword value, a
flipped boolean. A mutant is killed when grading it does not pass. Mutants that behave exactly
like the reference (equivalent mutants) are listed in the exercise's metadata with a reason.
"""

from __future__ import annotations

import ast
import copy
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from grader.exercise import Exercise
from grader.judge.runner import grade
from grader.sandbox.host import Zygote

MUTATION_TARGET = 0.9  # share of non-equivalent mutants the checks must kill

_COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                  ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
                  ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_ARITH_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
                ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult}
_BOOL_SWAPS = {ast.And: ast.Or, ast.Or: ast.And}


@dataclass(frozen=True)
class Mutant:
    id: str  # stable: line, kind and detail, e.g. "L12 compare < -> <="
    source: str


@dataclass
class MutantResult:
    mutant: Mutant
    killed: bool
    equivalent_reason: str | None
    caught_by: str  # the first check that failed, or the verdict message


@dataclass
class MutationScore:
    exercise_id: str
    results: list[MutantResult]

    @property
    def considered(self) -> list[MutantResult]:
        return [r for r in self.results if r.equivalent_reason is None]

    @property
    def killed(self) -> int:
        return sum(r.killed for r in self.considered)

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.considered if not r.killed]

    @property
    def score(self) -> float:
        return self.killed / len(self.considered) if self.considered else 1.0


def generate_mutants(source: str) -> list[Mutant]:
    tree = ast.parse(source)
    original = ast.unparse(tree)
    seen: set[str] = {original}
    mutants = []
    for index, (label, _) in enumerate(list(_sites(tree))):
        mutated = copy.deepcopy(tree)
        target = list(_sites(mutated))[index][1]
        target()
        try:
            text = ast.unparse(ast.fix_missing_locations(mutated))
            compile(text, "<mutant>", "exec")
        except (SyntaxError, ValueError, TypeError):
            continue
        if text in seen:
            continue
        seen.add(text)
        mutants.append(Mutant(label, text))
    return mutants


def _sites(tree: ast.AST) -> Iterator[tuple[str, Callable[[], None]]]:
    """Every mutation site in a stable order, as (label, apply-it-in-place)."""
    for node in ast.walk(tree):
        # line:column makes the id stable and unique (equivalent mutants are listed by id).
        line = f"{getattr(node, 'lineno', 0)}:{getattr(node, 'col_offset', 0)}"
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _COMPARE_SWAPS:
                    new = _COMPARE_SWAPS[type(op)]

                    def swap(node=node, i=i, new=new):
                        node.ops[i] = new()

                    yield f"L{line} compare {_op(op)} -> {_op(new())}", swap
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _ARITH_SWAPS:
            new = _ARITH_SWAPS[type(node.op)]

            def arith(node=node, new=new):
                node.op = new()

            yield f"L{line} arithmetic {_op(node.op)} -> {_op(new())}", arith
        elif isinstance(node, ast.BoolOp) and type(node.op) in _BOOL_SWAPS:
            new = _BOOL_SWAPS[type(node.op)]

            def boolean(node=node, new=new):
                node.op = new()

            yield f"L{line} boolean {_op(node.op)} -> {_op(new())}", boolean
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield f"L{line} drop not", _replace_with(node, "operand")
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            for delta in (1, -1):

                def shift(node=node, delta=delta):
                    node.value = node.value + delta

                yield f"L{line} constant {node.value} -> {node.value + delta}", shift
        elif isinstance(node, ast.Constant) and type(node.value) is bool:

            def flip(node=node):
                node.value = not node.value

            yield f"L{line} constant {node.value} -> {not node.value}", flip
        elif isinstance(node, ast.Constant) and type(node.value) is float and node.value:

            def double(node=node):
                node.value = node.value * 2

            yield f"L{line} constant {node.value} -> {node.value * 2}", double
        elif isinstance(node, ast.Call):
            if len(node.args) >= 2:

                def swap_args(node=node):
                    node.args[0], node.args[1] = node.args[1], node.args[0]

                yield f"L{line} swap arguments of {_name(node)}", swap_args
            for k, keyword in enumerate(node.keywords):
                if keyword.arg is not None:

                    def drop_keyword(node=node, k=k):
                        del node.keywords[k]

                    yield f"L{line} drop {keyword.arg}= in {_name(node)}", drop_keyword
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield f"L{line} drop call {_name(node.value)}", _replace_stmt_with_pass(node)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            for part in ("lower", "upper"):
                if getattr(node.slice, part) is not None:

                    def open_slice(node=node, part=part):
                        setattr(node.slice, part, None)

                    yield f"L{line} drop slice {part}", open_slice


def _replace_with(node: ast.UnaryOp, field_name: str):
    def apply(node=node):
        inner = getattr(node, field_name)
        # Turn `not x` into `x` by making the UnaryOp a no-op unary plus on a bool().
        node.op = ast.UAdd()
        node.operand = ast.Call(ast.Name("bool", ast.Load()), [inner], [])

    return apply


def _replace_stmt_with_pass(node: ast.Expr):
    def apply(node=node):
        node.value = ast.Constant(None)

    return apply


def _op(op: ast.AST) -> str:
    symbols = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==",
               ast.NotEq: "!=", ast.In: "in", ast.NotIn: "not in", ast.Is: "is",
               ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/",
               ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**", ast.And: "and", ast.Or: "or"}
    return symbols.get(type(op), type(op).__name__)


def _name(call: ast.Call) -> str:
    try:
        return ast.unparse(call.func)
    except Exception:  # noqa: BLE001 - a label only
        return "call"


def score_exercise(exercise: Exercise, zygote: Zygote, cfg) -> MutationScore:
    source = exercise.reference.read_text(encoding="utf-8")
    results = []
    with tempfile.TemporaryDirectory(prefix="grader-mutants-") as folder:
        path = Path(folder) / exercise.file_name
        for mutant in generate_mutants(source):
            path.write_text(mutant.source, encoding="utf-8")
            verdict = grade(exercise, path, zygote, cfg, stop_at_first_failure=True)
            failing = [c.name for c in verdict.checks if c.status != "pass"]
            caught_by = failing[0] if failing else verdict.message.splitlines()[0]
            results.append(MutantResult(mutant, not verdict.passed,
                                        exercise.equivalent_mutants.get(mutant.id), caught_by))
    return MutationScore(exercise.id, results)
