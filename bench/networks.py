"""Network analytics at scale: ours (networkit/rustworkx) against networkx, one run.

    python bench/networks.py [--edges 100000,1000000] [--seed 1] [--samples 32] [--budget 300]

For each size, a seeded generated network (below) and three measures, ours against networkx:

- PageRank (alpha 0.85): `analytics.pagerank` against `nx.pagerank` (both scipy power
  iteration; ours skips networkx's graph-to-matrix conversion); the top 10
  entities of each are compared.
- Communities: `analytics.communities` (Louvain, networkit's PLM, one thread for its seed)
  against `nx.community.louvain_communities`; both partitions' modularity is printed.
- Sampled betweenness (`--samples` source nodes, undirected): `analytics.betweenness_sampled`
  against `nx.betweenness_centrality(k=...)`; the top 10 of each are compared.

Each measurement runs in its own process (the same seed regenerates the same network), so its
peak memory is that process's maximum resident set (getrusage: tracemalloc misses C++ memory):
"held" is the process's memory with the network built and before the measure, "peak" its
maximum. Both run on one thread (networkx has no other; networkit's parallel speed-up is
left out, which also keeps other work on a shared machine from skewing ours). Ours is timed
from `Graph.from_edges` arrays, so its time includes building the networkit graph or sparse
matrix; networkx's graph is built before its clock starts ("nx build" is that time).
A networkx measurement that passes `--budget` seconds is stopped: its time is then printed as
"> budget" and the ratio as a lower bound.

The generator: a stochastic block model with heavy-tailed degrees (Chung-Lu weights, Pareto
alpha 2.1) where 85% of links stay within the source's block (blocks of 20 to 2,000 entities),
n = edges / 5 entities, 10% of links carrying a payment (log-normal euros), repeated links kept
as repeated payments would be.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MEASURES = ("pagerank", "communities", "betweenness_sampled")


def generate(edges: int, seed: int) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """The seeded network: node count, sources, targets and amounts (NaN where no payment)."""
    rng = np.random.default_rng(seed)
    nodes = max(edges // 5, 10)
    weights = rng.pareto(2.1, nodes) + 1.0
    cumulative = np.cumsum(weights)
    sizes = rng.integers(20, 2001, nodes // 20 + 1)
    bounds = np.minimum(np.concatenate([[0], np.cumsum(sizes)]), nodes)
    bounds = np.unique(bounds)
    block = np.searchsorted(bounds, np.arange(nodes), side="right") - 1
    low = np.concatenate([[0.0], cumulative])[bounds[:-1]]
    high = cumulative[bounds[1:] - 1]
    draw = int(edges * 1.05) + 10
    sources = np.searchsorted(cumulative, rng.random(draw) * cumulative[-1], side="right")
    sources = np.minimum(sources, nodes - 1)
    within = rng.random(draw) < 0.85
    b = block[sources]
    local = low[b] + rng.random(draw) * (high[b] - low[b])
    anywhere = rng.random(draw) * cumulative[-1]
    targets = np.searchsorted(cumulative, np.where(within, local, anywhere), side="right")
    targets = np.minimum(targets, nodes - 1)
    keep = sources != targets
    sources, targets = sources[keep][:edges], targets[keep][:edges]
    amounts = np.where(
        rng.random(len(sources)) < 0.1, np.round(rng.lognormal(8, 1.5, len(sources)), 2), np.nan
    )
    return nodes, sources, targets, amounts


def rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def top(scores: dict[Any, float], count: int = 10) -> list[int]:
    return [int(k) for k, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def child(task: dict[str, Any]) -> dict[str, Any]:
    """One measurement in this process: build (untimed for networkx), measure, report."""
    nodes, sources, targets, amounts = generate(task["edges"], task["seed"])
    measure, samples, seed = task["measure"], task["samples"], task["seed"]
    out: dict[str, Any] = {}
    if task["impl"] == "ours":
        import networkit as nk

        from palermo.networks import analytics

        nk.setNumberOfThreads(1)  # networkx has one thread; so does ours here
        graph = analytics.Graph.from_edges(nodes, sources, targets, amounts=amounts)
        del sources, targets, amounts
        out["held"] = rss_mb()
        start = time.perf_counter()
        if measure == "pagerank":
            result: Any = analytics.pagerank(graph, alpha=0.85)
        elif measure == "communities":
            result = analytics.communities(graph, seed=seed)
        else:
            result = analytics.betweenness_sampled(graph, samples=samples, seed=seed)
        out["seconds"] = time.perf_counter() - start
        if measure == "communities":
            out["modularity"] = result.modularity
            out["count"] = len(result.sizes)
        else:
            out["top"] = top(result)
    else:
        import networkx as nx

        start = time.perf_counter()
        nxgraph = nx.DiGraph() if measure == "pagerank" else nx.Graph()
        nxgraph.add_nodes_from(range(nodes))
        nxgraph.add_edges_from(zip(sources.tolist(), targets.tolist(), strict=True))
        out["build"] = time.perf_counter() - start
        del sources, targets, amounts
        out["held"] = rss_mb()
        start = time.perf_counter()
        if measure == "pagerank":
            result = nx.pagerank(nxgraph, alpha=0.85)
        elif measure == "communities":
            result = nx.community.louvain_communities(nxgraph, seed=seed)
        else:
            result = nx.betweenness_centrality(nxgraph, k=samples, seed=seed)
        out["seconds"] = time.perf_counter() - start
        if measure == "communities":
            # Modularity by networkx's own function would take longer than the partition.
            import networkit as nk

            nkgraph = nk.nxadapter.nx2nk(nxgraph)
            partition = nk.Partition(nodes)
            partition.setUpperBound(len(result))
            for label, members in enumerate(result):
                for node in members:
                    partition[node] = label
            out["modularity"] = nk.community.Modularity().getQuality(partition, nkgraph)
            out["count"] = len(result)
        else:
            out["top"] = top(result)
    out["peak"] = peak_mb()
    return out


def measure_in_child(task: dict[str, Any], budget: float | None) -> dict[str, Any] | None:
    """Run one measurement in a fresh process; None if it passed the budget and was stopped."""
    command = [sys.executable, __file__, "--child", json.dumps(task)]
    try:
        done = subprocess.run(  # noqa: S603 - this script, our own arguments
            command, capture_output=True, text=True, timeout=budget, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def overlap(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    if "top" in ours:
        return f"top-10 shared {len(set(ours['top']) & set(theirs['top']))}/10"
    return (
        f"modularity {ours['modularity']:.3f} ({ours['count']} communities) vs "
        f"{theirs['modularity']:.3f} ({theirs['count']})"
    )


def bench(edges: int, seed: int, samples: int, budget: float) -> None:
    nodes, sources, _, _ = generate(edges, seed)
    print(f"\n{len(sources):,} links among {nodes:,} entities (seed {seed})")
    print(
        f"{'measure':<22}{'ours s':>9}{'networkx s':>12}{'ratio':>9}{'nx build s':>12}"
        f"{'ours held/peak MB':>20}{'nx held/peak MB':>18}  agreement"
    )
    for measure in MEASURES:
        task = {"edges": edges, "seed": seed, "samples": samples, "measure": measure}
        ours = measure_in_child({**task, "impl": "ours"}, None)
        assert ours is not None  # noqa: S101 - ours runs without a budget
        theirs = measure_in_child({**task, "impl": "networkx"}, budget)
        name = measure if measure != "betweenness_sampled" else f"betweenness k={samples}"
        memory = f"{ours['held']:.0f}/{ours['peak']:.0f}"
        if theirs is None:
            print(
                f"{name:<22}{ours['seconds']:>9.2f}{'> ' + str(int(budget)):>12}"
                f"{'> ' + format(budget / ours['seconds'], '.0f'):>9}{'':>12}{memory:>20}"
                f"{'':>18}  networkx stopped at the budget"
            )
            continue
        print(
            f"{name:<22}{ours['seconds']:>9.2f}{theirs['seconds']:>12.2f}"
            f"{theirs['seconds'] / ours['seconds']:>9.0f}{theirs['build']:>12.2f}{memory:>20}"
            + f"{theirs['held']:.0f}/{theirs['peak']:.0f}".rjust(18)
            + f"  {overlap(ours, theirs)}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", default="100000,1000000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=32)
    parser.add_argument("--budget", type=float, default=300.0)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    import networkit as nk

    print(
        f"One thread each (networkit would use {nk.getMaxNumberOfThreads()}); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for edges in (int(size) for size in args.edges.split(",")):
        bench(edges, args.seed, args.samples, args.budget)
    print(
        "\nTimes in seconds, one run each; ratio = networkx / ours. Memory: resident MB of the "
        "measuring process with the network held, and its peak."
    )


if __name__ == "__main__":
    main()
