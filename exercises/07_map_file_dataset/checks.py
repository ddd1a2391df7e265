"""Checks for exercise 07: write_map and ImageListDataset.

Each example draws an image tree: integer label folders (3 and 12 among the choices, so a
string sort shows), .pt files whose names hold spaces, dots and non-ASCII characters (chosen
so that every reasonable reading of "sorted by file name" agrees: no name is a prefix of
another, all lower case, no numbers to sort naturally), and, where a check is about them,
things to ignore: non-numeric folders holding .pt files, files that are not .pt (`.ckpt`,
`.pt.bak`…), a plain file named like a label. Tensors are built here from a drawn seed; the
worker lays the tree out in its own folder, in a drawn order, and removes it afterwards.
"""

import random

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import CheckFailed, check, describe, expect_close

STEMS = ["a", "b c", "d-e", "fig", "k 1", "m.n", "x y z", "é", "ñu", "猫 1", "狗"]
NON_ASCII = ["é", "ñu", "猫 1", "狗"]
LABELS = [0, 1, 2, 3, 5, 9, 10, 12, 21, 100]
JUNK_FILES = ["notes.txt", "scores.ckpt", "a.pt.bak", "img.png"]
JUNK_DIRS = ["cats", "1a", "tmp"]
SLASHED = st.sampled_from(["slash", "absolute_slash"])
ALL_STYLES = st.sampled_from(["plain", "slash", "dot", "absolute", "absolute_slash"])


def random_tree(n_labels, seed, junk=False, non_ascii=False):
    """A tree drawn from `seed` alone: two integers to shrink, cheap to generate."""
    rng = random.Random(seed)
    labels = rng.sample(LABELS, n_labels)
    images = [(label, stem + ".pt") for label in labels
              for stem in rng.sample(STEMS, rng.randint(0, 3))]
    if not images:
        images.append((labels[0], rng.choice(STEMS) + ".pt"))
    if non_ascii and not any(name[:-3] in NON_ASCII for _, name in images):
        label = images[0][0]
        taken = {name for lab, name in images if lab == label}
        images.append((label, rng.choice([s + ".pt" for s in NON_ASCII
                                          if s + ".pt" not in taken])))
    others = []  # (path parts, kind)
    if junk:
        for name in rng.sample(JUNK_FILES, rng.randint(0, 3)):
            others.append(([str(rng.choice(labels)), name], "bytes"))
        for folder in rng.sample(JUNK_DIRS, rng.randint(0, 2)):
            others.append(([folder, rng.choice(STEMS) + ".pt"], "tensor"))
        if rng.random() < 0.5:
            others.append(([str(rng.choice([4, 7, 8]))], "bytes"))
        if rng.random() < 0.5:
            others.append((["readme.txt"], "bytes"))
    empty = [label for label in labels if all(lab != label for lab, _ in images)]
    order = list(range(len(images) + len(others) + len(empty)))
    rng.shuffle(order)
    return build_tree(images, others, empty, seed, order)


def trees(junk=False, non_ascii=False):
    return st.builds(random_tree, st.integers(1, 4), st.integers(0, 2**31 - 1),
                     st.just(junk), st.just(non_ascii))


def build_tree(images, others, empty, seed, order):
    g = torch.Generator().manual_seed(seed)
    entries, tensors = [], {}
    for label, name in images:
        shape = torch.randint(1, 4, (3,), generator=g).tolist()
        tensor = torch.randn(shape, generator=g)
        tensors[(label, name)] = tensor
        entries.append({"path": [str(label), name], "kind": "tensor", "value": tensor})
    for parts, kind in others:
        value = torch.randn(2, generator=g) if kind == "tensor" else b"not an image\n"
        entries.append({"path": parts, "kind": kind, "value": value})
    for label in empty:
        entries.append({"path": [str(label)], "kind": "dir"})
    entries = [entries[i] for i in order]
    return {"entries": entries, "images": sorted(images), "tensors": tensors,
            "others": ["/".join(parts) for parts, _ in others],
            "empty": [f"{label}/" for label in empty]}


def pinned(images, others=(), empty=(), seed=0, reverse=True):
    count = len(images) + len(others) + len(empty)
    order = list(range(count))[::-1] if reverse else list(range(count))
    return build_tree(list(images), list(others), list(empty), seed, order)


# 3 and 12: a string sort puts "12" first. Spaces, a dot in the stem, non-ASCII names.
CLASSIC = pinned([(3, "猫 1.pt"), (3, "b c.pt"), (12, "a.pt"), (0, "m.n.pt"), (12, "狗.pt")])
JUNKY = pinned([(3, "k 1.pt"), (12, "fig.pt")],
               [(["3", "scores.ckpt"], "bytes"), (["12", "a.pt.bak"], "bytes"),
                (["cats", "x y z.pt"], "tensor"), (["1a", "a.pt"], "tensor"),
                (["7"], "bytes"), (["3", "notes.txt"], "bytes")], empty=[5])
# No image at all: map.txt must be empty (no lines, not one blank line).
NO_IMAGES = pinned([], [(["cats", "a.pt"], "tensor"), (["3", "notes.txt"], "bytes")], empty=[5])


def line(label, name):
    return f"{label}/{name} {label}"


def want_lines(images):
    return [line(label, name) for label, name in sorted(images)]


def want_bytes(lines):
    return "".join(text + "\n" for text in lines).encode("utf-8")


def tree_text(tree):
    shown = [f"{label}/{name}" for label, name in tree["images"]] + tree["others"] \
        + tree["empty"]
    return "{" + ", ".join(sorted(shown)) + "}"


def call_text(tree, style, what="write_map(root)"):
    return f"root holds {tree_text(tree)}; root spelled {style_text(style)}; {what}"


def style_text(style):
    return {"plain": "'images'", "slash": "'images/'", "dot": "'./images'",
            "absolute": "'/…/images'", "absolute_slash": "'/…/images/'"}[style]


def fail_at(call, message, *, expected=None, got=None):
    def text(value):
        return value if value is None or isinstance(value, str) else describe(value, 400)
    raise CheckFailed(message, expected=text(expected), got=text(got), call=call)


UNPACK_HINT = ("\nA file name may hold spaces ('3/b c.pt 3'): line.split() cuts it in pieces. "
               "Split once, at the LAST space: path, label = line.rstrip('\\n').rsplit(' ', 1)")


def probe(sub, call, name, *args, reading=False):
    """Run a probe; if the learner's code raises, show the scenario rather than the probe."""
    try:
        return sub.probe(name, *args)
    except CheckFailed as failed:
        failed.call = call
        text = failed.message
        if reading and ("values to unpack" in text or "invalid literal for int()" in text):
            failed.message = text + UNPACK_HINT
            failed.args = (failed.message,)
        raise


def run_write_map(sub, tree, style, calls=1):
    call = call_text(tree, style, "write_map(root)" if calls == 1
                     else "write_map(root); write_map(root)")
    got = probe(sub, call, "write_map_run", tree["entries"], style, calls)
    return got, call


def read_map(got, call):
    """The text of map.txt, failing if it is missing or not UTF-8."""
    data = got["bytes"]
    if data is None:
        stray = f" It wrote {got['stray'][0]!r} instead: root + 'map.txt' misses the '/' when " \
            "root does not end with one; use os.path.join(root, 'map.txt')." \
            if got["stray"] else ""
        fail_at(call, "write_map did not create map.txt inside root." + stray,
                expected="root/map.txt", got="no such file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail_at(call, "map.txt is not valid UTF-8; open it with encoding='utf-8'",
                expected="UTF-8 text", got=describe(data[:80]))
    return ""


def split_lines(text, want, call):
    if "\r" in text:
        fail_at(call, "map.txt has Windows line ends (\\r\\n); write plain '\\n' (open it "
                "with newline='\\n' on Windows)", expected=want, got=text)
    if text and not text.endswith("\n"):
        if text + "\n" == want:
            fail_at(call, "the last line of map.txt has no '\\n'; end every line with one",
                    expected=want, got=text)
        fail_at(call, "map.txt should end with '\\n': one line per image, each ending with "
                "'\\n'", expected=want, got=text)
    return text.split("\n")[:-1] if text else []


def diagnose_lines(lines, want, tree, got, call):
    """Explain why the lines (any order) are not the expected ones."""
    root = got["root"].rstrip("/")
    paths = [text.rsplit(" ", 1)[0] for text in lines]
    if "" in lines:
        fail_at(call, "map.txt has an empty line: every line is '<path> <label>', and with no "
                "images there are no lines at all ('\\n'.join(lines) + '\\n' writes one "
                "blank line for an empty list; end each line with '\\n' instead)",
                expected="\n".join(want) or "an empty file", got="\n".join(lines))
    junk = [path for path in paths if path in tree["others"]]
    if junk:
        fail_at(call, f"map.txt lists {junk[0]!r}, which is not an image of a label folder: "
                "keep only .pt files (name.endswith('.pt')) in folders named by an integer "
                "(name.isdigit())", expected="\n".join(want), got="\n".join(lines))
    bad_format = [text for text in lines if " " not in text
                  or not text.rsplit(" ", 1)[1].isdigit()]
    if bad_format:
        fail_at(call, f"the line {bad_format[0]!r} is not '<path> <label>': the path, one "
                "space, the label as digits", expected="\n".join(want), got="\n".join(lines))
    if any("\\" in path for path in paths):
        fail_at(call, "the paths use backslashes; write them with forward slashes, e.g. "
                "f'{label}/{name}'", expected="\n".join(want), got="\n".join(lines))
    if any(path.startswith("/") for path in paths):
        fail_at(call, "the paths in map.txt are absolute; write them relative to root "
                "('3/a.pt'), so the folder can be moved or shared", expected="\n".join(want),
                got="\n".join(lines))
    prefix = root.removeprefix("./")
    if any(path.startswith(prefix + "/") or path.startswith("./") for path in paths):
        fail_at(call, "the paths start with root itself; write them relative to root "
                "('3/a.pt', not 'images/3/a.pt')", expected="\n".join(want),
                got="\n".join(lines))
    labels_wrong = [text for text in lines if text.rsplit(" ", 1)[0].split("/")[0]
                    != text.rsplit(" ", 1)[1]]
    if labels_wrong:
        fail_at(call, f"in {labels_wrong[0]!r} the label is not the name of the image's "
                "folder", expected="\n".join(want), got="\n".join(lines))
    if len(lines) != len(set(lines)) and set(lines) == set(want):
        fail_at(call, "map.txt lists some images more than once; open it with 'w' (not 'a') "
                "so that each call writes it afresh", expected="\n".join(want),
                got="\n".join(lines))
    missing = [text for text in want if text not in lines]
    if missing:
        fail_at(call, f"map.txt misses the line {missing[0]!r}", expected="\n".join(want),
                got="\n".join(lines))
    extra = [text for text in lines if text not in want]
    fail_at(call, f"map.txt has the line {extra[0] if extra else lines[0]!r}, which it should "
            "not", expected="\n".join(want), got="\n".join(lines))


def expect_map(got, tree, call, *, ordered=True):
    want = want_lines(tree["images"])
    text = read_map(got, call)
    lines = split_lines(text, want_bytes(want).decode("utf-8"), call)
    if sorted(lines) != sorted(want):
        diagnose_lines(lines, want, tree, got, call)
    if ordered and lines != want:
        key = [(text.split("/")[0], text.rsplit(" ", 1)[0].split("/", 1)[1]) for text in lines]
        if key == sorted(key) and key:
            fail_at(call, "the labels are sorted as strings ('12' before '3'); sort them as "
                    "numbers: key=lambda item: (int(label), file_name)",
                    expected="\n".join(want), got="\n".join(lines))
        fail_at(call, "map.txt is not sorted by label (as a number), then by file name; "
                "os.listdir returns names in no particular order", expected="\n".join(want),
                got="\n".join(lines))


@check("write_map(root) writes root/map.txt and returns its path", tree=trees(), style=ALL_STYLES)
@example(tree=CLASSIC, style="slash")
@example(tree=CLASSIC, style="plain")
def returns_path(sub, tree, style):
    got, call = run_write_map(sub, tree, style)
    if got["bytes"] is None:
        read_map(got, call)
    if got["returned"] is None:
        fail_at(call, f"write_map returned a {got['returned_type']}; return the path of map.txt "
                "as a str, e.g. os.path.join(root, 'map.txt')", expected="a str path",
                got=got["returned_type"])
    if not got["same_file"]:
        fail_at(call, "write_map returned a path that is not the map.txt it wrote in root",
                expected="os.path.join(root, 'map.txt')", got=got["returned"])


@check("map.txt has one line '<path relative to root> <label>' per .pt image, with forward "
       "slashes, each ending with a newline", tree=trees(), style=SLASHED)
@example(tree=CLASSIC, style="slash")
@example(tree=CLASSIC, style="absolute_slash")
def map_lines(sub, tree, style):
    got, call = run_write_map(sub, tree, style)
    expect_map(got, tree, call, ordered=False)


@check("map.txt is sorted by label as a number (3 before 12), then by file name",
       tree=trees(), style=SLASHED)
@example(tree=CLASSIC, style="slash")
@example(tree=pinned([(12, "a.pt"), (3, "fig.pt")], reverse=False), style="slash")
@example(tree=pinned([(1, "é.pt"), (1, "a.pt"), (1, "k 1.pt"), (1, "b c.pt")]), style="slash")
def map_sorted(sub, tree, style):
    got, call = run_write_map(sub, tree, style)
    expect_map(got, tree, call, ordered=True)


@check("write_map ignores folders that are not integer labels and files that are not .pt",
       tree=trees(junk=True), style=SLASHED)
@example(tree=JUNKY, style="slash")
@example(tree=NO_IMAGES, style="slash")
def ignores_others(sub, tree, style):
    got, call = run_write_map(sub, tree, style)
    expect_map(got, tree, call, ordered=False)


@check("calling write_map again rewrites map.txt (no line twice)", tree=trees(),
       style=SLASHED)
@example(tree=CLASSIC, style="slash")
def rewrites(sub, tree, style):
    got, call = run_write_map(sub, tree, style, calls=2)
    expect_map(got, tree, call, ordered=False)


def expect_items(got, tree, lines, call, transform=None, hint=""):
    want = []
    for text in lines:
        path, label = text.rsplit(" ", 1)
        folder, name = path.split("/", 1)
        image = tree["tensors"][(int(folder), name)]
        want.append((transform(image) if transform else image, int(label)))
    if got["len"] != len(want):
        fail_at(call, f"map.txt has {len(want)} lines, but len(ds) is {got['len']}{hint}",
                expected=len(want), got=got["len"])
    for index, (item, (image, label)) in enumerate(zip(got["items"], want, strict=True)):
        at = f"{call}; ds[{index}]"
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            fail_at(at, "ds[i] should return the pair (image, label)", expected=(image, label),
                    got=item)
        got_image, got_label = item
        if isinstance(got_label, str):
            fail_at(at, f"the label is the string {got_label!r}; turn it into an int "
                    "(int(label)) so it can become a tensor of class indices",
                    expected=label, got=got_label)
        if type(got_label) is not int or got_label != label:
            fail_at(at, f"line {index} of map.txt is {lines[index]!r}, so the label is "
                    f"{label}{hint}", expected=label, got=got_label)
        if not isinstance(got_image, torch.Tensor):
            fail_at(at, "the image should be the tensor torch.load(...) reads from the file",
                    expected=image, got=got_image)
        try:
            expect_close(got_image, image, f"the image of ds[{index}] ({lines[index]!r})"
                         + (" after the transform" if transform else ""), rtol=0, atol=0)
        except CheckFailed as failed:
            failed.call = at
            failed.message += hint
            failed.args = (failed.message,)
            raise


def dataset_call(tree, style, what="ds = ImageListDataset(root)"):
    return call_text(tree, style, f"map.txt written for it; {what}")


@check("len(ImageListDataset(root)) is the number of lines in map.txt", tree=trees(),
       style=SLASHED)
@example(tree=CLASSIC, style="slash")
@example(tree=NO_IMAGES, style="slash")
def dataset_len(sub, tree, style):
    lines = want_lines(tree["images"])
    call = dataset_call(tree, style, "len(ImageListDataset(root))")
    got = probe(sub, call, "dataset_run", tree["entries"], style, want_bytes(lines),
                reading=True)
    if got["len"] != len(lines):
        fail_at(call, f"map.txt has {len(lines)} lines, but len(ds) is {got['len']}",
                expected=len(lines), got=got["len"])


@check("ds[i] is (the tensor saved at line i's path, its label as an int), names with "
       "spaces included", tree=trees(), style=SLASHED)
@example(tree=CLASSIC, style="slash")
@example(tree=CLASSIC, style="absolute_slash")
def dataset_items(sub, tree, style):
    lines = want_lines(tree["images"])
    call = dataset_call(tree, style)
    got = probe(sub, call, "dataset_run", tree["entries"], style, want_bytes(lines),
                reading=True)
    expect_items(got, tree, lines, call)


def pick_lines(tree, seed):
    """Some of the tree's lines, in a shuffled order."""
    rng = random.Random(seed)
    lines = want_lines(tree["images"])
    chosen = rng.sample(lines, rng.randint(1, len(lines)))
    return tree, chosen


map_subsets = st.builds(pick_lines, trees(), st.integers(0, 2**31 - 1))


@check("ImageListDataset follows map.txt: its lines, in its order (it does not scan folders)",
       tree_lines=map_subsets, style=SLASHED)
@example(tree_lines=(CLASSIC, want_lines(CLASSIC["images"])[::-1]), style="slash")
@example(tree_lines=(CLASSIC, want_lines(CLASSIC["images"])[1:3]), style="slash")
def follows_map(sub, tree_lines, style):
    tree, lines = tree_lines
    call = call_text(tree, style, f"map.txt holding only the lines {lines}; "
                     "ds = ImageListDataset(root)")
    got = probe(sub, call, "dataset_run", tree["entries"], style, want_bytes(lines),
                reading=True)
    expect_items(got, tree, lines, call, hint="; ds[i] must come from line i of map.txt, "
                 "whatever lines it holds and in whatever order: read map.txt, do not scan "
                 "the folders")


@check("with a transform, ds[i] is (transform(image), label)", tree=trees(),
       style=SLASHED, positional=st.booleans())
@example(tree=CLASSIC, style="slash", positional=False)
def with_transform(sub, tree, style, positional):
    lines = want_lines(tree["images"])
    how = "ImageListDataset(root, fn)" if positional else "ImageListDataset(root, transform=fn)"
    call = dataset_call(tree, style, f"fn = lambda t: t * 2 + 1; ds = {how}")
    got = probe(sub, call, "dataset_run", tree["entries"], style, want_bytes(lines),
                "times_two_plus_one", positional, reading=True)
    if got["transform_saw"] not in ([], ["Tensor"]):
        fail_at(call, f"the transform was called with a {got['transform_saw'][0]}; call it on "
                "the image tensor only, not on the label or the pair",
                expected="transform(image)", got=got["transform_saw"])
    expect_items(got, tree, lines, call, transform=lambda t: t * 2 + 1)


@check("works with root spelled with or without a trailing '/', relative or absolute",
       tree=trees(), style=ALL_STYLES)
@example(tree=CLASSIC, style="plain")
@example(tree=CLASSIC, style="absolute")
@example(tree=CLASSIC, style="dot")
def root_spellings(sub, tree, style):
    got, call = run_write_map(sub, tree, style)
    expect_map(got, tree, call, ordered=True)
    lines = want_lines(tree["images"])
    call = dataset_call(tree, style)
    got = probe(sub, call, "dataset_run", tree["entries"], style, want_bytes(lines),
                reading=True)
    expect_items(got, tree, lines, call)


@check("map.txt is written and read as UTF-8 even where the system's default encoding is not",
       tree=trees(non_ascii=True), style=SLASHED)
@example(tree=CLASSIC, style="slash")
def utf8_everywhere(sub, tree, style):
    call = call_text(tree, style, "on a system whose default encoding is not UTF-8: "
                     "write_map(root); ds = ImageListDataset(root)")
    got = probe(sub, call, "ascii_locale_run", tree["entries"], style)
    error = got.get("error")
    if error is not None:
        what = f"{error['stage']} raised {error['text']}"
        if error["unicode"]:
            verb = "write" if error["stage"] == "write_map" else "read"
            fail_at(call, f"{what}. open() without encoding= uses the system's default "
                    "encoding, which is not UTF-8 everywhere (GBK on Chinese Windows); "
                    f"{verb} map.txt with open(..., encoding='utf-8')",
                    expected="UTF-8 text", got=what)
        fail_at(call, what, got=what)
    lines = want_lines(tree["images"])
    if got["bytes"] != want_bytes(lines):
        fail_at(call, "with a non-UTF-8 default encoding, map.txt came out different; write "
                "it with open(..., 'w', encoding='utf-8')", expected=want_bytes(lines),
                got=got["bytes"])
    expect_items({"len": len(got["items"]), "items": got["items"]}, tree, lines, call)
