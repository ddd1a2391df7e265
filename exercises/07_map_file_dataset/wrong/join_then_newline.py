import os

import torch
from torch.utils.data import Dataset


def write_map(root: str) -> str:
    images = []
    for folder in os.listdir(root):
        if not folder.isdigit() or not os.path.isdir(os.path.join(root, folder)):
            continue
        for name in os.listdir(os.path.join(root, folder)):
            if name.endswith(".pt") and os.path.isfile(os.path.join(root, folder, name)):
                images.append((int(folder), name, folder))
    images.sort()
    path = os.path.join(root, "map.txt")
    lines = [f"{folder}/{name} {label}" for label, name, folder in images]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")  # one blank line when there is no image
    return path


class ImageListDataset(Dataset):
    def __init__(self, root: str, transform=None) -> None:
        super().__init__()
        self.root = root
        self.transform = transform
        self.items = []
        with open(os.path.join(root, "map.txt"), encoding="utf-8") as lines:
            for line in lines:
                path, label = line.rstrip("\n").rsplit(" ", 1)
                self.items.append((path, int(label)))

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        path, label = self.items[index]
        image = torch.load(os.path.join(self.root, path))
        if self.transform is not None:
            image = self.transform(image)
        return image, label
