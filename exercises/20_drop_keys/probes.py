"""Runs in the worker: watch what drop_keys does to the caller's dict."""


def call_and_watch(module, d, keys):
    before = list(d.items())
    result = module.drop_keys(d, keys)
    return {
        "result": result if type(result) is dict else None,
        "result_type": type(result).__name__,
        "is_input": result is d,
        "input_unchanged": list(d.items()) == before,
        "input_after": dict(d),
    }
