"""Runs in the worker: build the learner's model and report it as plain data."""

import torch
from torch import nn

SETTINGS = {
    "Conv2d": ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation",
               "groups", "padding_mode"),
    "MaxPool2d": ("kernel_size", "stride", "padding", "dilation", "ceil_mode"),
    "AdaptiveAvgPool2d": ("output_size",),
    "Flatten": ("start_dim", "end_dim"),
    "Linear": ("in_features", "out_features"),
    "ReLU": (),
}


def _plain(value):
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    return repr(value)


def _layer(name, module):
    kind = type(module).__name__
    info = {"name": name, "type": kind, "torch_type": None, "settings": {}}
    for torch_type, names in SETTINGS.items():
        if isinstance(module, getattr(nn, torch_type)):
            info["torch_type"] = torch_type
            info["settings"] = {k: _plain(getattr(module, k, None)) for k in names}
            break
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        info["settings"]["bias"] = module.bias is not None
    return info


def describe(module, in_channels, num_classes):
    """The model's class and its direct children, in order, with their settings."""
    model = module.build_classifier(in_channels, num_classes)
    layers = None
    if isinstance(model, nn.Module):
        layers = [_layer(name, child) for name, child in model.named_children()]
    return {
        "type": type(model).__name__,
        "is_sequential": isinstance(model, nn.Sequential),
        "layers": layers,
    }


def forward_shapes(module, in_channels, num_classes, shapes, seed):
    """Run the model on inputs of the given shapes; report each output shape or the error."""
    model = module.build_classifier(in_channels, num_classes)
    generator = torch.Generator().manual_seed(seed)
    results = []
    for shape in shapes:
        x = torch.randn(shape, generator=generator)
        try:
            with torch.no_grad():
                y = model(x)
        except Exception as exc:  # noqa: BLE001 - report it, the check names the input
            results.append({"error": f"{type(exc).__name__}: {str(exc)[:300]}"})
            continue
        if isinstance(y, torch.Tensor):
            results.append({"shape": list(y.shape)})
        else:
            results.append({"error": f"the model returned a {type(y).__name__}, not a tensor"})
    return results
