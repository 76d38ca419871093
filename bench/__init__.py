"""Benchmarks of the dashboard: start-up, page reruns, queries, aggregation engines, memory (python -m bench)."""
