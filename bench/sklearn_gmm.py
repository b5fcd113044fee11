"""scikit-learn's side of `pnpm bench --against sklearn`.

Usage: /usr/bin/python3 sklearn_gmm.py --iterations 20 --types full,tied,diag,spherical DATA.json

DATA.json is a bench/data/ description written by data.js: n, d, k, the raw float64 file next to it, and the
fixed start (meansInit, weightsInit; precisions are the identity). For every covariance type this runs
GaussianMixture's EM from that start for exactly --iterations iterations (tol=0, reg_covar 1e-6) and prints one
JSON object on stdout: {"threadpools": [...], "results": [{type, msPerIter, lowerBound, score}, ...]}.

Timing: the model is initialised as fit() does (parameter checks, then _initialize_parameters; with
init_params='random_from_data' the given means, weights and precisions replace the random start), then we call
_e_step + _m_step ourselves, exactly as fit()'s loop does, and stamp the clock after every iteration.
msPerIter = (stamp after iteration 20 - stamp after iteration 1) / 19, the same window as the gmm side: input
validation, the initialisation and the first iteration are left out. BLAS runs with its default threads.
lowerBound is the mean log-likelihood before the last M-step (fit()'s lower_bound_); score is score(X) after it.
"""
import argparse
import json
import os
import time

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

REG_COVAR = 1e-6


def identity_precisions(covariance_type, k, d):
    """The identity precision in the shape sklearn expects for each covariance type."""
    if covariance_type == "full":
        return np.tile(np.eye(d), (k, 1, 1))
    if covariance_type == "tied":
        return np.eye(d)
    if covariance_type == "diag":
        return np.ones((k, d))
    if covariance_type == "spherical":
        return np.ones(k)
    raise ValueError(f"covariance type: expected full, tied, diag or spherical, received {covariance_type!r}")


def time_em(X, meta, covariance_type, iterations):
    k, d = meta["k"], meta["d"]
    model = GaussianMixture(
        n_components=k,
        covariance_type=covariance_type,
        tol=0.0,
        reg_covar=REG_COVAR,
        max_iter=iterations,
        init_params="random_from_data",
        weights_init=np.asarray(meta["weightsInit"], dtype=np.float64),
        means_init=np.asarray(meta["meansInit"], dtype=np.float64),
        precisions_init=identity_precisions(covariance_type, k, d),
        random_state=0,
    )
    model._check_parameters(X)
    model._initialize_parameters(X, np.random.RandomState(0))

    stamps = []
    for _ in range(iterations):
        log_prob_norm, log_resp = model._e_step(X)
        model._m_step(X, log_resp)
        stamps.append(time.perf_counter())
    return {
        "type": covariance_type,
        "msPerIter": (stamps[-1] - stamps[0]) * 1000 / (iterations - 1),
        # fit()'s _compute_lower_bound is log_prob_norm for GaussianMixture.
        "lowerBound": float(log_prob_norm),
        "score": float(model.score(X)),
    }


def threadpools():
    """The BLAS/OpenMP libraries and their thread counts, as threadpoolctl (a sklearn dependency) sees them."""
    from threadpoolctl import threadpool_info

    return [
        {key: pool.get(key) for key in ("user_api", "internal_api", "version", "num_threads")}
        for pool in threadpool_info()
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="a bench/data/*.json description")
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--types", default="full,tied,diag,spherical")
    args = parser.parse_args()
    if args.iterations < 2:
        parser.error("--iterations must be >= 2 (the first iteration is not timed)")

    with open(args.data, encoding="utf-8") as handle:
        meta = json.load(handle)
    path = os.path.join(os.path.dirname(args.data), meta["file"])
    X = np.fromfile(path, dtype="<f8").reshape(meta["n"], meta["d"])

    results = [time_em(X, meta, t, args.iterations) for t in args.types.split(",")]
    print(json.dumps({"sklearn": sklearn.__version__, "threadpools": threadpools(), "results": results}))


if __name__ == "__main__":
    main()
