"""rehab-planner: a terminal planner for metatarsalgia rehab."""

__version__ = "0.1.0"
