# Style: os.scandir entries and try/int() to pick label folders; lines printed into the file
# with print(..., file=f); the dataset reads all lines first and rsplits with maxsplit=1.
# 风格：用 os.scandir 和 try/int() 挑出标签文件夹；用 print(..., file=f) 写每一行；
# 数据集先读入所有行，再用 rsplit(maxsplit=1) 拆分。
import os

import torch
from torch.utils.data import Dataset


def _label_of(name):
    try:
        return int(name)
    except ValueError:
        return None


def write_map(root):
    found = []
    with os.scandir(root) as folders:
        for folder in folders:
            label = _label_of(folder.name)
            if label is None or not folder.is_dir():
                continue
            with os.scandir(folder.path) as files:
                for entry in files:
                    if entry.is_file() and os.path.splitext(entry.name)[1] == ".pt":
                        found.append((label, entry.name, folder.name))
    found.sort()
    map_path = os.path.join(root, "map.txt")
    with open(map_path, "w", encoding="utf-8") as f:
        for label, name, folder in found:
            print(f"{folder}/{name} {label}", file=f)
    return map_path


class ImageListDataset(Dataset):
    def __init__(self, root, transform=None):
        self.root = root
        self.transform = transform
        with open(os.path.join(root, "map.txt"), encoding="utf-8") as f:
            self.lines = f.read().splitlines()

    def __len__(self):
        return len(self.lines)

    def __getitem__(self, i):
        relative, label = self.lines[i].rsplit(maxsplit=1)
        sample = torch.load(os.path.join(self.root, *relative.split("/")))
        if self.transform is not None:
            sample = self.transform(sample)
        return sample, int(label)
