"""BoolNet `.bnet` text with a header naming the model and each rule's `# ref:` lines."""

from __future__ import annotations

from .. import expr as E
from ..model import Model


def to_bnet(model: Model) -> str:
    """BoolNet text: a header comment, `targets, factors`, then for each node its `# ref:`
    lines and its rule.

    The text loads unchanged in boolmtor, BoolNet (R, which needs the `targets, factors` line),
    pyboolnet, mpbn and AEON; it holds no date, so the same model always gives the same bytes.
    """
    from .. import __version__

    head = [f"# {model.name or 'model'}: {len(model.nodes)} nodes, model version "
            f"{model.version}", f"# exported by boolmtor {__version__}"]
    if model.fixed:
        head.append("# fixed: " + ", ".join(f"{n}={v}" for n, v in model.fixed.items()))
    width = max(len(n) for n in model.nodes)
    body = [f"{'targets':<{width}}, factors"]
    for node in model.nodes:
        origin = model.origins.get(node)
        if origin is not None and node not in model.fixed:
            body += [f"# ref: {r}" for r in origin.refs]
        body.append(f"{node:<{width}}, {E.to_bnet(model.rule(node))}")
    return "\n".join(head + body) + "\n"
