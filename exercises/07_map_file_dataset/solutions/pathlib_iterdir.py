# Style: pathlib throughout: iterdir over the label folders, glob("*.pt"), relative_to(root)
# .as_posix() for forward slashes, write_text; the dataset splits lines with rpartition.
# 风格：全程使用 pathlib：iterdir 遍历标签文件夹，glob("*.pt")，relative_to(root).as_posix()
# 保证正斜杠，write_text 写文件；数据集用 rpartition 拆分每一行。
from pathlib import Path

import torch
from torch.utils.data import Dataset


def write_map(root):
    root = Path(root)
    entries = []
    for folder in root.iterdir():
        if folder.is_dir() and folder.name.isdigit():
            for image in folder.glob("*.pt"):
                if image.is_file():
                    entries.append((int(folder.name), image.name, image.relative_to(root)))
    entries.sort()  # by label, then file name
    lines = [f"{relative.as_posix()} {label}\n" for label, _, relative in entries]
    map_path = root / "map.txt"
    map_path.write_text("".join(lines), encoding="utf-8")
    return str(map_path)


class ImageListDataset(Dataset):
    def __init__(self, root, transform=None):
        self.root = Path(root)
        self.transform = transform
        text = (self.root / "map.txt").read_text(encoding="utf-8")
        self.samples = []
        for line in text.splitlines():
            relative, _, label = line.rpartition(" ")
            self.samples.append((relative, int(label)))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        relative, label = self.samples[idx]
        image = torch.load(self.root / relative)
        if self.transform:
            image = self.transform(image)
        return image, label
