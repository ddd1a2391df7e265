# Style: register_parameter by name, broadcast_to for the batch, positions added on the left.
# 风格：用 register_parameter 按名字注册，用 broadcast_to 扩展到整个批次，位置编码写在加号左边。
import torch
from torch import nn


class PatchEmbedding(nn.Module):
    def __init__(self, num_patches: int, dim: int) -> None:
        super().__init__()
        self.register_parameter("cls_token", nn.Parameter(torch.randn(1, 1, dim)))
        self.register_parameter(
            "pos_embedding", nn.Parameter(torch.randn(1, num_patches + 1, dim), requires_grad=True)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, _, dim = x.shape
        cls = torch.broadcast_to(self.cls_token, (batch, 1, dim))
        tokens = torch.concat([cls, x], dim=-2)
        return self.pos_embedding + tokens
