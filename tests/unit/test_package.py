"""The package metadata: a LICENSE that matches pyproject's licence, classifiers and keywords."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_license_file_matches_the_declared_licence():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in text


def test_classifiers_and_keywords():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "metatarsalgia" in project["keywords"]
    classifiers = project["classifiers"]
    assert "Environment :: Console" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    # PEP 639: with a licence expression, no "License ::" classifier may be given
    assert not [c for c in classifiers if c.startswith("License ::")]
