"""The core: plans, schedule, rules, stats and exports. Imports neither textual nor tinydb."""
