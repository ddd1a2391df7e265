"""Exercise 24: JSON Lines files, one JSON object per line.

append_records(path, records): append each record (a dict) to the file at `path` as one line
of JSON, in UTF-8, and return how many records were written. Lines already in the file stay
as they are; if the file's last line has no final newline, add one before the new records.

read_records(path, skip_invalid=False): return the records of the file, in order. Blank lines
are ignored and the last line may lack its newline. A malformed line raises ValueError, unless
skip_invalid is true: then it is skipped (a torn last line, like '{"a": 1', included).
"""

from collections.abc import Iterable


def append_records(path: str, records: Iterable[dict]) -> int:
    # TODO: open the file for appending (mode "a", encoding "utf-8") and write one line per record.
    raise NotImplementedError("append_records is not written yet: append one JSON line per "
                              "record and return how many were written")


def read_records(path: str, skip_invalid: bool = False) -> list[dict]:
    # TODO: read the file line by line and json.loads each non-blank line.
    raise NotImplementedError("read_records is not written yet: return the list of records, "
                              "one per non-blank line")
