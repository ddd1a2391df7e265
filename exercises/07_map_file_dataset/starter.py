"""Exercise 07: a dataset from a path-label map file.

write_map(root): root holds folders named by integer labels ("0", "3", "12", ...; other
folders are ignored), each holding images saved with torch.save as ".pt" files (other files
are ignored). Write root/map.txt in UTF-8, one line per image, "<path relative to root, with
forward slashes> <label>\\n", sorted by label (as a number), then by file name; return its path.

ImageListDataset(root, transform=None): reads root/map.txt; ds[i] is (image, label) for line
i, image = torch.load(root/path), transformed by `transform` when one is given, label an int;
len(ds) is the number of lines. File names may hold spaces and non-ASCII characters.
"""

import os

import torch
from torch.utils.data import Dataset


def write_map(root: str) -> str:
    # TODO: collect (label, file name) for every .pt file of every integer-named folder,
    # sort them, write the lines, return os.path.join(root, "map.txt").
    raise NotImplementedError("write_map is not written yet: list the .pt files of the "
                              "integer-named folders with os.listdir, sort, write map.txt")


class ImageListDataset(Dataset):
    def __init__(self, root: str, transform=None) -> None:
        # TODO: read root/map.txt and keep (path, label) for every line.
        raise NotImplementedError("ImageListDataset is not written yet: read root/map.txt")

    def __len__(self) -> int:
        raise NotImplementedError("ImageListDataset.__len__ is not written yet")

    def __getitem__(self, index):
        # TODO: torch.load the image of line `index`, apply the transform, return (image, label)
        raise NotImplementedError("ImageListDataset.__getitem__ is not written yet: "
                                  "torch.load the image of line `index`")
