# Style: one glob.glob over root/*/*.pt, filtered and sorted with a key function; the lines
# written at once with writelines; the dataset parses lines with a regular expression and
# keeps parallel lists of paths and labels.
# 风格：一次 glob.glob(root/*/*.pt)，再过滤并按 key 排序；用 writelines 一次写入所有行；
# 数据集用正则表达式解析每一行，分别保存路径列表和标签列表。
import glob
import os
import re

import torch
from torch.utils.data import Dataset


def _sort_key(rel_path):
    folder, _, name = rel_path.partition("/")
    return int(folder), name


def write_map(root):
    rel_paths = []
    for path in glob.glob(os.path.join(glob.escape(root), "*", "*.pt")):
        folder = os.path.basename(os.path.dirname(path))
        if folder.isdigit() and os.path.isfile(path):
            rel_paths.append(folder + "/" + os.path.basename(path))
    rel_paths.sort(key=_sort_key)
    lines = [f"{rel} {_sort_key(rel)[0]}\n" for rel in rel_paths]
    out_path = os.path.join(root, "map.txt")
    with open(out_path, "w", encoding="utf-8") as out:
        out.writelines(lines)
    return out_path


class ImageListDataset(Dataset):
    def __init__(self, root, transform=None):
        self.root = root
        self.transform = transform
        self.paths, self.labels = [], []
        with open(os.path.join(root, "map.txt"), encoding="utf-8") as f:
            for line in f.read().splitlines():
                match = re.fullmatch(r"(.+) (\d+)", line)  # greedy: the last space splits
                self.paths.append(match.group(1))
                self.labels.append(int(match.group(2)))

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, index):
        image = torch.load(os.path.join(self.root, self.paths[index]))
        if self.transform is not None:
            image = self.transform(image)
        return image, self.labels[index]
