# Style: lucidrains' ViT: repeat the cls token per sample, cat, then slice and add positions.
# 风格：仿 lucidrains 的 ViT：按样本 repeat cls token，拼接后切片并加上位置编码。
import torch
import torch.nn as nn


class PatchEmbedding(nn.Module):
    def __init__(self, num_patches, dim):
        super().__init__()
        self.pos_embedding = nn.Parameter(torch.randn(1, num_patches + 1, dim))
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim))

    def forward(self, x):
        b, n, _ = x.shape
        cls_tokens = self.cls_token.repeat(b, 1, 1)
        x = torch.cat((cls_tokens, x), dim=1)
        x += self.pos_embedding[:, :(n + 1)]
        return x
