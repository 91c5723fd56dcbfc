"""Fixtures of the SSH end-to-end tests; the machinery is in sshlab.py."""

from __future__ import annotations

import pytest
from sshlab import Term, open_lab


@pytest.fixture(scope="session")
def lab():
    with open_lab() as lab:
        yield lab


@pytest.fixture
def term(lab):
    made: list[Term] = []

    def make(width: int = 80, height: int = 24) -> Term:
        t = Term(lab.root, width, height)
        made.append(t)
        return t

    yield make
    for t in made:
        t.close()
