"""Small hand-made models shared by the response, marker and report tests."""

from __future__ import annotations

# TARGET drives proliferation and blocks apoptosis; growth factors or an oncogene turn it on;
# SURV blocks apoptosis whatever a TARGET inhibitor does.
TOY = """\
GF, GF
ONC, 0
SURV, 0
Z, 0
K, GF | ONC
TARGET, K
PROLIFERATION, TARGET
APOPTOSIS, !TARGET & !SURV
"""

BASE_TOML = """\
[model]
name = "toy"
readouts = ["PROLIFERATION", "APOPTOSIS"]
tumour_environments = ["growth", "starved"]
[environments.growth]
inputs = { GF = 1 }
[environments.starved]
inputs = { GF = 0 }
"""
"""Readouts and the two tumour environments (GF on / off); tests add drugs and backgrounds."""



# X and Y form a toggle switch that K holds on the X side: a cell that was proliferating
# (X=1) stays so when K is inhibited, but a random cell ends either way.
TOGGLE = """\
GF, GF
K, GF
X, !Y | K
Y, !X & !K
PROLIFERATION, X
APOPTOSIS, Y
"""
