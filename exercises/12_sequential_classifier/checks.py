"""Checks for exercise 12: an nn.Sequential built from an OrderedDict of named layers.

The model lives in the worker; ``probes.describe`` reports its direct children (name, class,
settings) and ``probes.forward_shapes`` runs it on inputs of drawn shapes.
"""

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

LAYOUT = [("conv1", "Conv2d"), ("relu1", "ReLU"), ("pool1", "MaxPool2d"), ("conv2", "Conv2d"),
          ("relu2", "ReLU"), ("pool", "AdaptiveAvgPool2d"), ("flatten", "Flatten"),
          ("fc", "Linear")]
NAMES = [name for name, _ in LAYOUT]
BUILT_AS = {
    "conv1": "nn.Conv2d(in_channels, 16, 3, padding=1)",
    "relu1": "nn.ReLU()",
    "pool1": "nn.MaxPool2d(2)",
    "conv2": "nn.Conv2d(16, 32, 3, padding=1)",
    "relu2": "nn.ReLU()",
    "pool": "nn.AdaptiveAvgPool2d(1)",
    "flatten": "nn.Flatten()",
    "fc": "nn.Linear(32, num_classes)",
}

channels = st.integers(1, 8)
classes = st.integers(1, 20)


def describe(sub, in_channels, num_classes):
    return sub.probe("describe", in_channels, num_classes, shown_as="build_classifier")


def layers_of(seen):
    if seen["layers"] is None:
        fail(f"build_classifier should return an nn.Sequential, but it returned a "
             f"{seen['type']}", expected="nn.Sequential", got=seen["type"])
    return seen["layers"]


def layer(seen, name):
    for info in layers_of(seen):
        if info["name"] == name:
            return info
    got = [info["name"] for info in seen["layers"]]
    fail(f"the model has no layer named {name!r} (its layers are named {got}); name every "
         "layer by passing nn.Sequential an OrderedDict of (name, layer) pairs",
         expected=NAMES, got=got)


def expect_kind(seen, name, kind):
    info = layer(seen, name)
    expect(info["torch_type"] == kind,
           f"{name} should be {BUILT_AS[name]}, but it is a {info['type']}",
           expected=f"nn.{kind}", got=info["type"])
    return info["settings"]


def expect_setting(name, settings, key, allowed, shown):
    got = settings.get(key)
    expect(got in allowed,
           f"{name}.{key} is {got!r}, expected {shown}: {name} should be {BUILT_AS[name]}",
           expected=shown, got=got)


@check("build_classifier returns an nn.Sequential", in_channels=channels,
       num_classes=classes)
@example(in_channels=3, num_classes=10)
def returns_sequential(sub, in_channels, num_classes):
    seen = describe(sub, in_channels, num_classes)
    expect(seen["is_sequential"],
           f"build_classifier should return an nn.Sequential, but it returned a "
           f"{seen['type']}: build it with nn.Sequential(OrderedDict([...]))",
           expected="nn.Sequential", got=seen["type"])


@check("the layers are named conv1, relu1, pool1, conv2, relu2, pool, flatten, fc, in this "
       "order", in_channels=channels, num_classes=classes)
@example(in_channels=3, num_classes=10)
def layer_names(sub, in_channels, num_classes):
    got = [info["name"] for info in layers_of(describe(sub, in_channels, num_classes))]
    if got == NAMES:
        return
    if got and all(name.isdigit() for name in got):
        fail(f"the layers have no names, only positions {got}: pass nn.Sequential ONE "
             "OrderedDict of (name, layer) pairs instead of the layers themselves, so they "
             "can be reached as model.conv1, model.fc, …", expected=NAMES, got=got)
    missing = [name for name in NAMES if name not in got]
    extra = [name for name in got if name not in NAMES]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {missing}")
        if extra:
            parts.append(f"unexpected {extra}")
        fail(f"the layer names are not the expected ones ({'; '.join(parts)})",
             expected=NAMES, got=got)
    fail("the layers have the right names but in the wrong order: nn.Sequential runs them "
         "in the order of the OrderedDict (convolutions, then pooling, then flatten, then fc)",
         expected=NAMES, got=got)


@check("each layer is the right kind of module (Conv2d, ReLU, MaxPool2d, Conv2d, ReLU, "
       "AdaptiveAvgPool2d, Flatten, Linear)", in_channels=channels, num_classes=classes)
@example(in_channels=3, num_classes=10)
def layer_kinds(sub, in_channels, num_classes):
    seen = describe(sub, in_channels, num_classes)
    for name, kind in LAYOUT:
        expect_kind(seen, name, kind)


def expect_conv(seen, name, in_channels, out_channels):
    settings = expect_kind(seen, name, "Conv2d")
    expect_setting(name, settings, "in_channels", [in_channels], repr(in_channels))
    expect_setting(name, settings, "out_channels", [out_channels], repr(out_channels))
    expect_setting(name, settings, "kernel_size", [(3, 3)], "3, i.e. (3, 3)")
    expect_setting(name, settings, "padding", [(1, 1), "same"], "1, i.e. (1, 1)")
    expect_setting(name, settings, "stride", [(1, 1)], "the default 1")
    expect_setting(name, settings, "dilation", [(1, 1)], "the default 1")
    expect_setting(name, settings, "groups", [1], "the default 1")
    expect_setting(name, settings, "padding_mode", ["zeros"], "the default 'zeros'")
    expect_setting(name, settings, "bias", [True], "True (the default)")


@check("conv1 is Conv2d(in_channels, 16, 3, padding=1) and conv2 is Conv2d(16, 32, 3, "
       "padding=1)", in_channels=channels, num_classes=classes)
@example(in_channels=3, num_classes=10)
@example(in_channels=1, num_classes=2)
def convolutions(sub, in_channels, num_classes):
    seen = describe(sub, in_channels, num_classes)
    expect_conv(seen, "conv1", in_channels, 16)
    expect_conv(seen, "conv2", 16, 32)


@check("pool1 is MaxPool2d(2), pool is AdaptiveAvgPool2d(1) and flatten is nn.Flatten()",
       in_channels=channels, num_classes=classes)
@example(in_channels=3, num_classes=10)
def pools_and_flatten(sub, in_channels, num_classes):
    seen = describe(sub, in_channels, num_classes)
    settings = expect_kind(seen, "pool1", "MaxPool2d")
    expect_setting("pool1", settings, "kernel_size", [2, (2, 2)], "2")
    expect_setting("pool1", settings, "stride", [2, (2, 2)],
                   "2 (MaxPool2d's stride defaults to its kernel_size)")
    expect_setting("pool1", settings, "padding", [0, (0, 0)], "the default 0")
    expect_setting("pool1", settings, "dilation", [1, (1, 1)], "the default 1")
    expect_setting("pool1", settings, "ceil_mode", [False], "the default False")
    settings = expect_kind(seen, "pool", "AdaptiveAvgPool2d")
    expect_setting("pool", settings, "output_size", [1, (1, 1)],
                   "1: one average per channel, so fc always gets 32 features")
    settings = expect_kind(seen, "flatten", "Flatten")
    expect_setting("flatten", settings, "start_dim", [1],
                   "1 (the default): keep the batch dim")
    expect_setting("flatten", settings, "end_dim", [-1, 3], "-1 (the default)")


@check("fc is Linear(32, num_classes)", in_channels=channels, num_classes=classes)
@example(in_channels=3, num_classes=10)
@example(in_channels=3, num_classes=7)
def classifier_head(sub, in_channels, num_classes):
    seen = describe(sub, in_channels, num_classes)
    settings = expect_kind(seen, "fc", "Linear")
    expect_setting("fc", settings, "in_features", [32],
                   "32: the channels of conv2 after pooling to 1x1")
    expect_setting("fc", settings, "out_features", [num_classes],
                   f"num_classes = {num_classes}")
    expect_setting("fc", settings, "bias", [True], "True (the default)")


sizes = st.tuples(st.integers(1, 3), st.integers(2, 40), st.integers(2, 40))


@check("the output is [N, num_classes] for every input [N, in_channels, H, W] with H, W >= 2",
       in_channels=st.integers(1, 4), num_classes=classes,
       inputs=st.lists(sizes, min_size=3, max_size=3), seed=st.integers(0, 2**31 - 1))
@example(in_channels=3, num_classes=10, inputs=[(2, 32, 32), (2, 7, 5), (3, 33, 17)], seed=0)
@example(in_channels=1, num_classes=4, inputs=[(2, 2, 2), (1, 3, 9), (2, 16, 24)], seed=1)
def output_shape(sub, in_channels, num_classes, inputs, seed):
    shapes = [[n, in_channels, h, w] for n, h, w in inputs]
    results = sub.probe("forward_shapes", in_channels, num_classes, shapes, seed)
    for shape, result in zip(shapes, results, strict=True):
        want = [shape[0], num_classes]
        built = f"build_classifier({in_channels}, {num_classes})"
        if "error" in result:
            fail(f"{built} fails on an input of shape {shape}: {result['error']}. The model "
                 "must work for any N, H and W: AdaptiveAvgPool2d(1) pools any H x W to 1 x 1 "
                 "so that fc always gets 32 features, and nn.Flatten() keeps the batch dim",
                 expected=want, got=result["error"])
        expect(result["shape"] == want,
               f"{built} maps an input of shape {shape} to shape {result['shape']}, expected "
               f"{want}: one row of num_classes scores per image (nn.Flatten() keeps the "
               "batch dim)", expected=want, got=result["shape"])
