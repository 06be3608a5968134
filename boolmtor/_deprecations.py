"""Old call forms that keep working for a while, with a `DeprecationWarning` naming the new one."""

from __future__ import annotations

import functools
import inspect
import warnings


def keywords_after(count: int):
    """Let `func` (whose parameters past the first `count` are keyword-only) still take them by
    position, in their order, with a `DeprecationWarning`: `response(model, drug, "PTEN_loss")`
    becomes `response(model, drug, background="PTEN_loss")`."""

    def wrap(func):
        names = [p.name for p in inspect.signature(func).parameters.values()
                 if p.kind is p.KEYWORD_ONLY]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if len(args) > count:
                extra = args[count:]
                if len(extra) > len(names):
                    raise TypeError(f"{func.__name__}() takes {count} positional arguments "
                                    f"(got {len(args)})")
                moved = dict(zip(names, extra))
                twice = sorted(set(moved) & set(kwargs))
                if twice:
                    raise TypeError(f"{func.__name__}() got {', '.join(twice)} twice")
                warnings.warn(f"{func.__name__}: arguments after (model, drug) are keyword-only; "
                              f"write {', '.join(f'{k}=...' for k in moved)} (positional use "
                              "will stop working)", DeprecationWarning, stacklevel=2)
                args, kwargs = args[:count], {**kwargs, **moved}
            return func(*args, **kwargs)

        return wrapper

    return wrap
