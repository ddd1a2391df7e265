"""Plain-data codec for values crossing the sandbox boundary.

Both sides encode to JSON-able trees of tagged nodes and decode back to builtins and plain
tensors only. Nothing is ever unpickled: a student's custom class (an ``__eq__`` that always
says True, a lying tensor subclass) arrives as an ``Opaque`` stand-in that equals nothing.
torch is imported lazily so plain-Python exercises never pay for it.

Tensor data goes as base64 inside the tree, or, given a ``blob`` (a bytearray the channel
sends after the JSON), as raw bytes in it: the node then says where (``at``, ``n``). Base64
and JSON cost more than the rest of a call for tensors of a few KB.
"""

from __future__ import annotations

import base64
import collections
import collections.abc
import ctypes
import math
import sys
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 40
MAX_REPR = 200


class WireError(ValueError):
    """A value that cannot cross the boundary, or a malformed node from the other side."""


@dataclass(frozen=True)
class Opaque:
    """Stand-in for an object of a type the wire does not carry; it equals nothing."""

    type_name: str
    text: str

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"<{self.type_name} {self.text}>"


@dataclass(frozen=True)
class OneShot:
    """Arrives on the other side as a one-shot iterator over ``items``."""

    items: tuple


class ReadOnlyMapping(collections.abc.Mapping):
    """A read-only ``Mapping`` that is not a dict: no ``copy``, ``pop``, ``update`` or ``|``.

    It crosses the wire as itself, so a check can hand code that promises to take any Mapping
    something other than a dict (``types.MappingProxyType`` would not do: it has ``copy``).
    """

    def __init__(self, pairs: Any = ()) -> None:
        self._pairs = dict(pairs)

    def __getitem__(self, key: Any) -> Any:
        return self._pairs[key]

    def __iter__(self) -> Any:
        return iter(self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __repr__(self) -> str:
        return f"ReadOnlyMapping({self._pairs!r})"


def _torch():
    return sys.modules.get("torch")


def encode(value: Any, _depth: int = 0, *, blob: bytearray | None = None) -> Any:
    """The JSON-able tree for ``value``; tensor data goes into ``blob`` when given."""
    if _depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    d = _depth + 1
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        if abs(value) < 2**53:
            return value
        return {"t": "bigint", "v": str(value)}
    if kind is float:
        if math.isfinite(value):
            return {"t": "float", "v": value}
        return {"t": "float", "v": repr(value)}
    if kind is bytes:
        return {"t": "bytes", "v": base64.b64encode(value).decode()}
    if kind is list:
        return {"t": "list", "v": [encode(x, d, blob=blob) for x in value]}
    if kind is tuple:
        return {"t": "tuple", "v": [encode(x, d, blob=blob) for x in value]}
    if kind is OneShot:
        return {"t": "iter", "v": [encode(x, d, blob=blob) for x in value.items]}
    if kind is ReadOnlyMapping:
        return {"t": "mapping", "v": [[encode(k, d, blob=blob), encode(v, d, blob=blob)]
                                      for k, v in value.items()]}
    if kind is set or kind is frozenset:
        return {"t": kind.__name__, "v": [encode(x, d, blob=blob) for x in value]}
    if kind is dict or kind is collections.OrderedDict:
        tag = "dict" if kind is dict else "odict"
        return {"t": tag, "v": [[encode(k, d, blob=blob), encode(v, d, blob=blob)]
                                for k, v in value.items()]}
    torch = _torch()
    if torch is not None:
        if isinstance(value, torch.Tensor):
            return _encode_tensor(torch, value, blob)
        if isinstance(value, torch.Size):
            return {"t": "size", "v": [int(x) for x in value]}
        if isinstance(value, torch.dtype):
            return {"t": "dtype", "v": str(value).removeprefix("torch.")}
    name = f"{kind.__module__}.{kind.__qualname__}"
    try:
        text = object.__repr__(value)
    except Exception:  # noqa: BLE001 - a hostile type may break even object.__repr__
        text = "?"
    return {"t": "opaque", "type": name[:MAX_REPR], "v": text[:MAX_REPR]}


_DTYPES: dict[str, Any] = {}  # name -> torch.dtype, filled as names are met
_DTYPE_NAMES: dict[Any, str] = {}


def _encode_tensor(torch, value, blob: bytearray | None) -> dict:
    # as_subclass strips any __torch_function__ override before we read the bytes.
    plain = torch.Tensor.as_subclass(value, torch.Tensor).detach()
    if plain.layout != torch.strided or plain.is_quantized:
        return {"t": "opaque", "type": "torch.Tensor", "v": f"layout {plain.layout}"}
    if not plain.is_cpu:
        plain = plain.to("cpu")
    if not plain.is_contiguous():
        plain = plain.contiguous()
    dtype = _DTYPE_NAMES.get(plain.dtype)
    if dtype is None:
        dtype = _DTYPE_NAMES[plain.dtype] = str(plain.dtype).removeprefix("torch.")
    nbytes = plain.numel() * plain.element_size()
    # ctypes, not .numpy(): the CPU wheel of torch does not bring numpy along.
    raw = ctypes.string_at(plain.data_ptr(), nbytes) if nbytes else b""
    node = {"t": "tensor", "dtype": dtype, "shape": list(plain.shape)}
    if blob is None:
        node["data"] = base64.b64encode(raw).decode()
    else:
        node["at"], node["n"] = len(blob), nbytes
        blob += raw
    node["requires_grad"] = bool(value.requires_grad)
    return node


def decode(node: Any, _depth: int = 0, *, blob: bytes | None = None) -> Any:
    """The value a tree from ``encode`` stands for; ``blob``: the bytes its tensors are in."""
    if _depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    d = _depth + 1
    if node is None or type(node) in (bool, str, int):
        return node
    if type(node) is not dict or "t" not in node:
        raise WireError(f"malformed value node: {type(node).__name__}")
    tag = node["t"]
    v = node.get("v")
    if tag == "float":
        return float(v)
    if tag == "bigint":
        return int(v)
    if tag == "bytes":
        return base64.b64decode(v)
    if tag == "list":
        return [decode(x, d, blob=blob) for x in _items(v)]
    if tag == "tuple":
        return tuple(decode(x, d, blob=blob) for x in _items(v))
    if tag == "iter":
        return iter([decode(x, d, blob=blob) for x in _items(v)])
    if tag == "mapping":
        return ReadOnlyMapping((decode(k, d, blob=blob), decode(val, d, blob=blob))
                               for k, val in _items(v))
    if tag in ("set", "frozenset"):
        items = [decode(x, d, blob=blob) for x in _items(v)]
        return set(items) if tag == "set" else frozenset(items)
    if tag in ("dict", "odict"):
        pairs = [(decode(k, d, blob=blob), decode(val, d, blob=blob)) for k, val in _items(v)]
        return dict(pairs) if tag == "dict" else collections.OrderedDict(pairs)
    if tag == "opaque":
        return Opaque(str(node.get("type")), str(v))
    if tag == "tensor":
        return _decode_tensor(node, blob)
    if tag == "size":
        import torch

        return torch.Size(int(x) for x in _items(v))
    if tag == "dtype":
        import torch

        dtype = getattr(torch, str(v), None)
        if not isinstance(dtype, torch.dtype):
            raise WireError(f"unknown dtype {v!r}")
        return dtype
    raise WireError(f"unknown value tag {tag!r}")


def _items(v: Any) -> list:
    if type(v) is not list:
        raise WireError("malformed sequence node")
    return v


def _tensor_dtype(torch, name: Any) -> Any:
    dtype = _DTYPES.get(name) if type(name) is str else None
    if dtype is None:
        dtype = getattr(torch, str(name), None)
        if not isinstance(dtype, torch.dtype):
            raise WireError(f"unknown tensor dtype {name!r}")
        _DTYPES[str(name)] = dtype
    return dtype


def _decode_tensor(node: dict, blob: bytes | None) -> Any:
    import torch

    dtype = _tensor_dtype(torch, node.get("dtype"))
    shape = [int(s) for s in _items(node.get("shape"))]
    if "at" in node:
        at, size = node.get("at"), node.get("n")
        if (blob is None or type(at) is not int or type(size) is not int or at < 0 or size < 0
                or at + size > len(blob)):
            raise WireError("tensor data lies outside the frame")
        raw = blob[at:at + size]
    else:
        raw = base64.b64decode(node.get("data", ""))
    numel = math.prod(shape)
    if len(raw) != numel * dtype.itemsize:
        raise WireError("tensor data does not match its shape and dtype")
    if numel == 0:
        tensor = torch.empty(shape, dtype=dtype)
    else:
        tensor = torch.frombuffer(bytearray(raw), dtype=dtype).reshape(shape)
    if node.get("requires_grad") and (dtype.is_floating_point or dtype.is_complex):
        tensor.requires_grad_(True)
    return tensor
