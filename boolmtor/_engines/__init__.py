"""Attractor engines behind `boolmtor.attractors`; each takes a model whose conditions are fixed."""
