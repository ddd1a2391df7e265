# Style: a Python loop over the rows, membership tested with `in` on a list of indices.
# 风格：用 Python 循环逐行处理，用 `in` 判断标签是否在索引列表里。
def topk_accuracy(logits, labels, k=1):
    rows, classes = logits.size(0), logits.size(1)
    if rows == 0 or k < 1 or k > classes:
        raise ValueError("need at least one row and 1 <= k <= number of classes")
    best = logits.topk(k, dim=1)[1]
    hits = 0
    for i in range(rows):
        if int(labels[i]) in best[i].tolist():
            hits += 1
    return float(hits) / rows
