"""Exercise 19: masked max.

masked_max(x, mask, dim): x is a float tensor, mask a bool tensor of the same shape. Return
(values, indices) like torch.max(x, dim), but taken only over the positions where mask is True:
  - values has x's dtype, indices are int64, both with the shape of x without `dim`;
  - indices are positions along `dim` in x itself;
  - a slice with no True position gets value -inf and index -1;
  - dim may be negative (-1 is the last dim); x and mask are not changed.
"""

import torch  # noqa: F401 - you will need it
from torch import Tensor


def masked_max(x: Tensor, mask: Tensor, dim: int) -> tuple[Tensor, Tensor]:
    # TODO: hide the False positions from torch.max, then fix the slices that had none.
    raise NotImplementedError("masked_max is not written yet: return (values, indices) like "
                              "torch.max(x, dim), over the True positions of mask only")
