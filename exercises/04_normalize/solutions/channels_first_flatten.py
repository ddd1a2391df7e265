# Style: move the channel axis first and flatten the rest, so each row is one channel's values;
# normalize with None-indexing and torch.sub / torch.div.
# 风格：先把通道轴换到最前再展平，每一行就是一个通道的全部数值；用 None 索引广播。
import torch


def channel_stats(images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    per_channel = images.permute(1, 0, 2, 3).flatten(start_dim=1)  # [C, N*H*W]
    return per_channel.mean(dim=1), per_channel.std(dim=1, correction=0)


def normalize(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    return torch.div(torch.sub(images, mean[:, None, None]), std[:, None, None])
