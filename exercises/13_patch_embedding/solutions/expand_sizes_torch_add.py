# Style: expand with explicit sizes read from x.size(), torch.add, randn with a size tuple.
# 风格：用 x.size() 读出的具体尺寸来 expand，用 torch.add 相加，randn 传入尺寸元组。
import torch
from torch import nn


class PatchEmbedding(nn.Module):
    def __init__(self, num_patches, dim):
        super().__init__()
        self.num_patches = num_patches
        self.dim = dim
        self.cls_token = nn.Parameter(torch.randn((1, 1, dim)))
        self.pos_embedding = nn.Parameter(torch.randn((1, num_patches + 1, dim)))

    def forward(self, x):
        cls = self.cls_token.expand(x.size(0), 1, self.dim)
        out = torch.cat([cls, x], 1)
        return torch.add(out, self.pos_embedding)
