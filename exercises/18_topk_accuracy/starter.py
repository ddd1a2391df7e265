"""Exercise 18: accuracy with torch.max / topk.

topk_accuracy(logits, labels, k=1): logits is a float tensor [N, C] (one row of class scores
per sample), labels an int64 tensor [N]. Return, as a Python float, the fraction of rows whose
label is among the k largest logits of that row. Raise ValueError when k < 1, k > C or N == 0.
"""

from torch import Tensor


def topk_accuracy(logits: Tensor, labels: Tensor, k: int = 1) -> float:
    # TODO: validate k and N, take the k best classes of each row (dim=1), compare with labels.
    raise NotImplementedError("topk_accuracy is not written yet: return the fraction of rows "
                              "whose label is among their k largest logits, as a float")
