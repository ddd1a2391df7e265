"""Mutation testing of an exercise's checks: small AST edits of the reference and of every
alternative solution must be caught.

Each mutant changes one thing the way learners slip: a comparison or arithmetic operator, an
off-by-one constant or slice bound, a dropped call or keyword, swapped arguments, a flipped
boolean, a string that matters (separator, prefix, encoding, open mode), a mixed-up method
(`pop`/`get`, `append`/`extend`, `items`/`keys`), a forgotten copy or sort, an early `return`
or `break`. A mutant is killed when grading it does not pass. Mutants that behave exactly like
the correct program (equivalent mutants) are listed in the exercise's metadata with a reason.
"""

from __future__ import annotations

import ast
import copy
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from grader.exercise import Exercise, ExerciseError
from grader.judge.runner import RecordedExamples, grade
from grader.sandbox.host import Zygote

MUTATION_TARGET = 0.95  # share of non-equivalent mutants the checks must kill
MIN_MUTANTS = 20  # fewer non-equivalent mutants than this prove too little

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
    seconds: float = 0.0  # how long grading it took (where the run's time goes)


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

    @property
    def seconds(self) -> float:
        return sum(r.seconds for r in self.results)

    @property
    def on_target(self) -> bool:
        """Enough mutants to prove something, and enough of them killed."""
        return len(self.considered) >= MIN_MUTANTS and self.score >= MUTATION_TARGET


def generate_mutants(source: str, prefix: str = "",
                     seen: set[str] | None = None) -> list[Mutant]:
    """Every mutant of one file, ids prefixed with ``prefix`` (``"solutions/loop.py "`` for
    an alternative solution). ``seen``: mutated texts already produced (from other files of
    the same exercise); a mutant whose text is there is a duplicate and is left out."""
    tree = ast.parse(source)
    seen = set() if seen is None else seen
    seen.add(ast.unparse(tree))
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
        mutants.append(Mutant(prefix + label, text))
    return mutants


def exercise_mutants(exercise: Exercise) -> list[Mutant]:
    """The mutants of the reference, then of each alternative solution (ids prefixed with the
    solution's path, e.g. ``solutions/loop.py L5:11 ...``), de-duplicated by mutated text:
    a slip that gives the same program from two solutions is graded once."""
    files = [(exercise.reference, "")] + [
        (path, f"solutions/{path.name} ") for path in exercise.solutions]
    texts = [(path.read_text(encoding="utf-8"), prefix) for path, prefix in files]
    # A mutant that reads exactly like one of the correct solutions is correct too.
    seen = set()
    for (path, _), (text, _) in zip(files, texts, strict=True):
        try:
            seen.add(ast.unparse(ast.parse(text)))
        except SyntaxError as exc:
            raise ExerciseError(f"{path}, line {exc.lineno}: {exc.msg}; a solution must be "
                                "valid Python to be mutated") from None
    mutants = []
    for text, prefix in texts:
        mutants += generate_mutants(text, prefix, seen)
    return mutants


def _sites(tree: ast.AST) -> Iterator[tuple[str, Callable[[], None]]]:
    """Every mutation site in a stable order, as (label, apply-it-in-place).

    The first operators come first so their ids stay what exercise.toml files list; a later
    operator that gives the same text as an earlier one is a duplicate and is dropped."""
    yield from _operator_sites(tree)
    yield from _slip_sites(tree)


def _operator_sites(tree: ast.AST) -> Iterator[tuple[str, Callable[[], None]]]:
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


# Slips people make, beyond operators: each table maps what was meant to what gets typed.
_METHOD_SLIPS = {"pop": "get", "get": "pop", "append": "extend", "extend": "append",
                 "items": "keys", "keys": "items", "update": "setdefault",
                 "setdefault": "update", "removeprefix": "lstrip", "lstrip": "removeprefix",
                 "removesuffix": "rstrip", "rstrip": "removesuffix", "cat": "stack",
                 "stack": "cat", "max": "min", "min": "max"}
# Calls that only copy or order their argument: forgetting them is a slip (`dict(d)` -> `d`).
_UNWRAPPED_FUNCTIONS = {"sorted", "dict", "list", "copy.copy", "copy.deepcopy"}
_UNWRAPPED_METHODS = {"copy", "clone"}
_ENCODINGS = {"utf-8", "utf8", "utf_8", "ascii", "latin-1", "latin1", "utf-16", "cp1252"}
_OPEN_MODES = {"w": "a", "a": "w", "wb": "ab", "ab": "wb", "w+": "a+", "a+": "w+",
               "wt": "at", "at": "wt"}


def _slip_sites(tree: ast.AST) -> Iterator[tuple[str, Callable[[], None]]]:
    """Slices off by one or from the wrong end, strings that matter, swapped methods,
    forgotten copies and sorts, early returns and breaks."""
    parents = {child: parent for parent in ast.walk(tree)
               for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(tree):
        line = f"{getattr(node, 'lineno', 0)}:{getattr(node, 'col_offset', 0)}"
        if isinstance(node, ast.Subscript) and (isinstance(node.slice, ast.Slice) or (
                isinstance(node.slice, ast.Tuple)
                and any(isinstance(elt, ast.Slice) for elt in node.slice.elts))):
            yield from _slice_slips(node, line)
        elif isinstance(node, ast.Constant) and type(node.value) is str:
            if _string_matters(node, parents):
                yield from _string_slips(node, line, parents)
        elif isinstance(node, ast.Call):
            yield from _call_slips(node, line)
        elif isinstance(node, ast.Dict) and len(node.keys) == 1 and node.keys[0] is None:

            def unwrap_unpacked(node=node):
                _become(node, node.values[0])

            yield f"L{line} unwrap {{**{ast.unparse(node.values[0])}}}", unwrap_unpacked
        elif isinstance(node, ast.Continue):

            def to_break(node=node):
                node.__class__ = ast.Break

            yield f"L{line} continue -> break", to_break
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            yield from _loop_slips(node, line, parents)


def _slice_slips(node: ast.Subscript, line: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """`[1:]` -> `[2:]` (one too many) or `[:-1]` (the wrong end), in `x[1:]` as in
    `x[:, 1:]`; `xs[:]` -> `xs` (the copy forgotten)."""
    part = node.slice
    if isinstance(part, ast.Slice) and part.lower is None and part.upper is None \
            and part.step is None:

        def drop_copy(node=node):
            _become(node, node.value)

        yield f"L{line} unwrap {ast.unparse(node)}", drop_copy
        return
    old = _slice_text(part)
    places = [None] if isinstance(part, ast.Slice) else [
        i for i, elt in enumerate(part.elts) if isinstance(elt, ast.Slice)]
    for place in places:
        one = part if place is None else part.elts[place]
        changes = []
        if one.lower is not None:
            changes.append(ast.Slice(_plus_one(one.lower), one.upper, one.step))
        if one.upper is not None:
            changes.append(ast.Slice(one.lower, _plus_one(one.upper), one.step))
        if one.step is None and (one.lower is None) != (one.upper is None):
            changes.append(ast.Slice(None, _negated(one.lower), None) if one.lower is not None
                           else ast.Slice(_negated(one.upper), None, None))
        for change in changes:
            new = change if place is None else ast.Tuple(
                [change if i == place else elt for i, elt in enumerate(part.elts)], ast.Load())

            def reslice(node=node, new=new):
                node.slice = copy.deepcopy(new)

            yield f"L{line} slice [{old}] -> [{_slice_text(new)}]", reslice


def _slice_text(part: ast.expr) -> str:
    return ast.unparse(ast.Subscript(ast.Name("x", ast.Load()), part, ast.Load()))[2:-1]


def _plus_one(bound: ast.expr) -> ast.expr:
    if isinstance(bound, ast.Constant) and type(bound.value) is int:
        return ast.Constant(bound.value + 1)
    if (isinstance(bound, ast.UnaryOp) and isinstance(bound.op, ast.USub)
            and isinstance(bound.operand, ast.Constant) and type(bound.operand.value) is int):
        return ast.Constant(1 - bound.operand.value)
    return ast.BinOp(copy.deepcopy(bound), ast.Add(), ast.Constant(1))


def _negated(bound: ast.expr) -> ast.expr:
    if isinstance(bound, ast.UnaryOp) and isinstance(bound.op, ast.USub):
        return copy.deepcopy(bound.operand)
    if isinstance(bound, ast.Constant) and type(bound.value) is int:
        return ast.Constant(-bound.value)
    return ast.UnaryOp(ast.USub(), copy.deepcopy(bound))


def _string_matters(node: ast.Constant, parents: dict) -> bool:
    """Strings a program's behaviour depends on: not docstrings, annotations, messages of
    raised errors and asserts, or f-string text."""
    child, parent = node, parents.get(node)
    if isinstance(parent, ast.Expr):
        return False  # a docstring, or a bare string statement
    while parent is not None:
        if isinstance(parent, (ast.Raise, ast.Assert, ast.JoinedStr)):
            return False
        if child is getattr(parent, "annotation", None) or child is getattr(parent, "returns",
                                                                           None):
            return False
        child, parent = parent, parents.get(parent)
    return True


def _string_slips(node: ast.Constant, line: str,
                  parents: dict) -> Iterator[tuple[str, Callable[[], None]]]:
    """Encodings (dropped, or another one), open modes (`'w'` <-> `'a'`), separators
    (`','` -> `' '`), prefixes and names (last character lost: `'module.'` -> `'module'`)."""
    value = node.value
    call = parents.get(node)
    if value.lower() in _ENCODINGS:
        if isinstance(call, ast.Call) and call.args and call.args[-1] is node:

            def drop_encoding(call=call):
                call.args.pop()

            yield f"L{line} drop {value!r} in {_name(call)}", drop_encoding
        new = "ascii" if value.lower() != "ascii" else "utf-8"
    elif value in _OPEN_MODES:
        new = _OPEN_MODES[value]
    elif len(value) <= 3 and not any(ch.isalnum() for ch in value):
        new = " " if value != " " else ""
    elif 2 <= len(value) <= 16 and not any(ch.isspace() for ch in value):
        new = value[:-1]
    else:
        return

    def replace(node=node, new=new):
        node.value = new

    yield f"L{line} string {value!r} -> {new!r}", replace


def _call_slips(node: ast.Call, line: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """`d.pop` <-> `d.get` and the other method mix-ups; `sorted(xs)` -> `xs`, `dict(d)` ->
    `d`, `d.copy()` -> `d` (the copy or the order forgotten)."""
    name = _name(node)
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _METHOD_SLIPS:
        new = _METHOD_SLIPS[func.attr]

        def swap_method(func=func, new=new):
            func.attr = new

        yield f"L{line} call {name} -> {name.rsplit('.', 1)[0]}.{new}", swap_method
    elif isinstance(func, ast.Name) and func.id in ("max", "min") and len(node.args) >= 2:
        new = _METHOD_SLIPS[func.id]

        def swap_function(func=func, new=new):
            func.id = new

        yield f"L{line} call {name} -> {new}", swap_function
    if name in _UNWRAPPED_FUNCTIONS and len(node.args) == 1 and not isinstance(
            node.args[0], ast.Starred) and (name == "sorted" or not node.keywords):

        def unwrap(node=node):
            _become(node, node.args[0])

        yield f"L{line} unwrap {name}", unwrap
    elif (isinstance(func, ast.Attribute) and func.attr in _UNWRAPPED_METHODS
          and not node.args and not node.keywords):

        def drop_copy(node=node, func=func):
            _become(node, func.value)

        yield f"L{line} unwrap {name}", drop_copy


def _loop_slips(node: ast.For | ast.AsyncFor | ast.While, line: str,
                parents: dict) -> Iterator[tuple[str, Callable[[], None]]]:
    """A `break` that ends the loop after one pass; the `return` after the loop indented into
    it (the function returns after the first pass)."""
    if not isinstance(node.body[-1], (ast.Break, ast.Continue, ast.Return, ast.Raise)):

        def break_early(node=node):
            node.body.append(ast.Break())

        yield f"L{line} break after the first pass", break_early
    block = next((getattr(parents.get(node), f) for f in ("body", "orelse", "finalbody")
                  if node in getattr(parents.get(node), f, ())), None)
    if block is None:
        return
    after = block[block.index(node) + 1:]
    later_return = next((stmt for stmt in after if isinstance(stmt, ast.Return)), None)
    if later_return is not None:

        def return_early(node=node, later_return=later_return):
            node.body.append(copy.deepcopy(later_return))

        yield f"L{line} return inside the loop", return_early


def _become(node: ast.AST, replacement: ast.AST) -> None:
    """Turn ``node`` into ``replacement`` in place (the parent keeps pointing at ``node``)."""
    replacement = copy.deepcopy(replacement)
    node.__class__ = replacement.__class__
    node.__dict__.clear()
    node.__dict__.update(replacement.__dict__)


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


def score_exercise(exercise: Exercise, zygote: Zygote, cfg,
                   mutants: list[Mutant] | None = None,
                   examples: RecordedExamples | None = None) -> MutationScore:
    """Grade ``mutants`` (default: every mutant of the reference and the solutions) one after
    the other on a warm zygote. ``examples``: checks a mutant passes replay recorded examples
    instead of running hypothesis again (same verdicts, faster)."""
    mutants = exercise_mutants(exercise) if mutants is None else mutants
    return MutationScore(exercise.id, [grade_mutant(exercise, mutant, zygote, cfg, examples)
                                       for mutant in mutants])


def grade_mutant(exercise: Exercise, mutant: Mutant, zygote: Zygote, cfg,
                 examples: RecordedExamples | None = None) -> MutantResult:
    """One mutant: killed when any check does not pass; grading stops at the first that
    fails (which check kills it matters, not how many)."""
    with tempfile.TemporaryDirectory(prefix="grader-mutants-") as folder:
        path = Path(folder) / exercise.file_name
        path.write_text(mutant.source, encoding="utf-8")
        verdict = grade(exercise, path, zygote, cfg, stop_at_first_failure=True,
                        examples=examples)
    failing = [c.name for c in verdict.checks if c.status != "pass"]
    caught_by = failing[0] if failing else verdict.message.splitlines()[0]
    return MutantResult(mutant, not verdict.passed,
                        exercise.equivalent_mutants.get(mutant.id), caught_by,
                        verdict.duration_s or 0.0)


def fixed_sample(exercise: Exercise, mutants: list[Mutant], size: int) -> list[Mutant]:
    """``size`` non-equivalent mutants, the same ones every run and spread over the files:
    ordered by a hash of their ids (CI grades these instead of the whole run)."""
    import hashlib

    candidates = [m for m in mutants if m.id not in exercise.equivalent_mutants]
    return sorted(candidates, key=lambda m: hashlib.sha256(m.id.encode()).hexdigest())[:size]


def _grade_in_pool(exercise_id: str, mutant: Mutant) -> MutantResult:
    from grader.exercise import get_exercise
    from grader.supervisor_pool import supervisor

    zygote, cfg, examples = supervisor()
    return grade_mutant(get_exercise(exercise_id), mutant, zygote, cfg, examples)


def score_all(exercises: list[Exercise], opts: list[str], processes: int | None = None,
              on_result: Callable[[str, MutantResult], None] | None = None,
              mutants: dict[str, list[Mutant]] | None = None,
              config_path: Path | None = None) -> list[MutationScore]:
    """Every mutant of every exercise (or ``mutants[exercise id]`` where given), on
    ``processes`` supervisors (default: one per core), each with its own warm zygote and
    recorded examples, like ``grader check --all``. ``opts``: ``--set`` pairs on top of
    ``config_path`` (a workspace's grader.yaml). Scores come back in ``exercises``' order,
    mutants in generation order."""
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from grader.exercise import sandbox_preload
    from grader.supervisor_pool import start_supervisor

    chosen = mutants or {}
    jobs = [(exercise, mutant) for exercise in exercises
            for mutant in (chosen[exercise.id] if exercise.id in chosen
                           else exercise_mutants(exercise))]
    results: dict[int, MutantResult] = {}
    if jobs:
        workers = max(1, min(len(jobs), processes or os.cpu_count() or 1))
        with ProcessPoolExecutor(max_workers=workers, initializer=start_supervisor,
                                 initargs=(opts, sandbox_preload(exercises), config_path)) as pool:
            futures = {pool.submit(_grade_in_pool, exercise.id, mutant): index
                       for index, (exercise, mutant) in enumerate(jobs)}
            for future in as_completed(futures):
                index = futures[future]
                results[index] = future.result()
                if on_result is not None:
                    on_result(jobs[index][0].id, results[index])
    scores = {exercise.id: MutationScore(exercise.id, []) for exercise in exercises}
    for index, (exercise, _) in enumerate(jobs):
        scores[exercise.id].results.append(results[index])
    return list(scores.values())
