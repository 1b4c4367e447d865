#!/usr/bin/env python3
"""The peer of benchmarks/analysis.sh: networkx's dag_longest_path on the
same process as an edge list (durations moved onto edges: each arrow weighs
its source's mean hours; every step has an arrow to END weighing its own).

    nx_longest_path.py EDGELIST
Prints the longest path's length (hours) and its number of steps."""
import sys

import networkx as nx

G = nx.read_weighted_edgelist(sys.argv[1], create_using=nx.DiGraph)
path = nx.dag_longest_path(G, weight="weight")
length = sum(G[u][v]["weight"] for u, v in zip(path, path[1:]))
print(f"length {length:.4f} h, {len(path) - 1} steps")
