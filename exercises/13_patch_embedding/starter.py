"""Exercise 13: learnable tokens with nn.Parameter.

PatchEmbedding(num_patches, dim) registers two learnable parameters, both filled with
torch.randn:
- cls_token      [1, 1, dim]
- pos_embedding  [1, num_patches + 1, dim]
forward(x) takes x [B, num_patches, dim], puts the cls token (one copy per sample) in FRONT of
the patches and adds the position embedding: the result is [B, num_patches + 1, dim].
"""

import torch
from torch import nn


class PatchEmbedding(nn.Module):
    def __init__(self, num_patches: int, dim: int) -> None:
        super().__init__()
        # TODO: self.cls_token = nn.Parameter(...), self.pos_embedding = nn.Parameter(...)
        raise NotImplementedError("PatchEmbedding.__init__ is not written yet: register "
                                  "cls_token [1, 1, dim] and pos_embedding "
                                  "[1, num_patches + 1, dim] as nn.Parameter(torch.randn(...))")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: expand cls_token to the batch, concatenate it in front of x, add pos_embedding.
        raise NotImplementedError("PatchEmbedding.forward is not written yet")
