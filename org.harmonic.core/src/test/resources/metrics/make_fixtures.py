#!/usr/bin/python3
"""Expected metric values for the Java evaluation suite, computed independently with
numpy / scipy / pandas / scikit-learn (Debian's python3 packages) from the definitions in
method.md A.5 and the Javadoc of org.harmonic.core.metrics.

1. Makes a deterministic synthetic table for German and Diabetes from the real training split
   (rows resampled with replacement, numbers jittered, some categories swapped, a few exact
   copies of real rows, one column written with another type so DM is non-zero, a few missing
   values in Diabetes) and stores it as <name>_synthetic.csv.
2. Computes DM, WD (own log-domain Sinkhorn, geomloss' algorithm), per-column W1 (scipy),
   CS, column shapes and pair trends (scipy / pandas), DCR mean, the reference DCR variant,
   NRS (brute force) and MLE with scikit-learn at fixed hyper-parameters, and writes
   expected_<name>.json.

Run from this directory:  python3 make_fixtures.py ../data
"""
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.spatial.distance import cdist
from scipy.special import logsumexp
from scipy.stats import ks_2samp, pearsonr, wasserstein_distance
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef
from sklearn.svm import SVC

HERE = Path(__file__).resolve().parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "data"
TARGETS = {"german": "status", "diabetes": "Outcome"}


# ---------------------------------------------------------------- synthetic fixtures
def make_synthetic(name, real):
    rng = np.random.RandomState(2024)
    n = len(real)
    syn = real.iloc[rng.randint(0, n, size=n)].reset_index(drop=True).copy()
    copies = max(3, n // 50)  # rows 0..copies-1 stay exact copies of real rows
    for col in real.columns:
        if col == TARGETS[name]:
            flip = rng.rand(n) < 0.1
            flip[:copies] = False
            syn.loc[flip, col] = 1 - syn.loc[flip, col]
            continue
        if pd.api.types.is_numeric_dtype(real[col]):
            std = real[col].std()
            noise = rng.normal(0, 0.15 * std, size=n)
            noise[:copies] = 0
            values = syn[col].astype(float) + noise
            values = values.clip(real[col].min(), real[col].max())
            if pd.api.types.is_integer_dtype(real[col]):
                syn[col] = np.round(values).astype(np.int64)
            else:
                syn[col] = np.round(values, 1 if col != "DiabetesPedigreeFunction" else 3)
        else:
            swap = rng.rand(n) < 0.12
            swap[:copies] = False
            cats = sorted(real[col].unique())
            syn.loc[swap, col] = rng.choice(cats, size=swap.sum())
    if name == "german":
        syn["Age in years"] = syn["Age in years"].astype(float)  # int64 -> float64: one DM mismatch
    else:
        syn["Pregnancies"] = syn["Pregnancies"].round().astype(np.int64)  # float64 -> int64
        syn.loc[[40, 41, 42], "Insulin"] = np.nan  # missing values in a numerical column
    return syn


# ---------------------------------------------------------------- roles and encoders
def roles(real, target):
    """numerical role: int/float columns, except the (classification) target."""
    return {c: (pd.api.types.is_numeric_dtype(real[c]) and c != target) for c in real.columns}


def key_series(s, numeric_values):
    """Category keys as the Java side builds them (numbers keyed by value: 1 and 1.0 alike)."""
    def k(v):
        if pd.isna(v):
            return None
        if numeric_values:
            f = float(v)
            return str(int(f)) if f == int(f) else repr(f)
        return str(v)
    return s.map(k)


def category_codes(keys):
    present = [k for k in keys if k is not None]
    uniq = sorted(set(present))
    try:
        uniq = sorted(uniq, key=lambda x: (float(x), x))
    except ValueError:
        pass
    return {c: i for i, c in enumerate(uniq)}


def columns_in_roles(real, other, target):
    r = roles(real, target)
    out_real, out_other = {}, {}
    for c in real.columns:
        if r[c]:
            out_real[c] = real[c].astype(float).to_numpy()
            out_other[c] = pd.to_numeric(other[c], errors="coerce").astype(float).to_numpy()
        else:
            num = pd.api.types.is_numeric_dtype(real[c])
            out_real[c] = key_series(real[c], num).to_numpy(dtype=object)
            out_other[c] = key_series(other[c], num).to_numpy(dtype=object)
    return r, out_real, out_other


def encode(fit_cols, cols_list, role, scaling):
    """Label codes (sorted real categories, anything else = C), numbers with missing = real mean,
    then min-max or standard scaling with the fit table's statistics."""
    outs = [[] for _ in cols_list]
    for c, numerical in role.items():
        f = fit_cols[c]
        if numerical:
            mean = np.nanmean(f)
            raw = [np.where(np.isnan(x[c]), mean, x[c]) for x in [fit_cols] + cols_list]
        else:
            codes = category_codes(f)
            raw = [np.array([codes.get(v, len(codes)) if v is not None else len(codes) for v in x[c]], float)
                   for x in [fit_cols] + cols_list]
        base = raw[0]
        if scaling == "minmax":
            shift, div = base.min(), base.max() - base.min()
        else:
            shift, div = base.mean(), base.std()  # population std
        div = div if div > 0 else 1.0
        for i, x in enumerate(raw[1:]):
            outs[i].append((x - shift) / div)
    return [np.stack(o, axis=1) for o in outs]


# ---------------------------------------------------------------- metrics
def dm(real, syn):
    return sum(real[c].dtype != syn[c].dtype for c in real.columns) / (len(real.columns) + 1)


def sinkhorn_divergence(x, y, blur=0.05, scaling=0.5):
    """Debiased Sinkhorn divergence, cost |x-y|^2/2, uniform weights, geomloss' epsilon scaling
    and symmetrised updates, in the log domain (written from the definition)."""
    def cost(a, b):
        return cdist(a, b, "sqeuclidean") / 2

    cxx, cyy, cxy = cost(x, x), cost(y, y), cost(x, y)
    cyx = cxy.T
    la = np.full(len(x), -np.log(len(x)))
    lb = np.full(len(y), -np.log(len(y)))
    mins = np.minimum(x.min(0), y.min(0))
    maxs = np.maximum(x.max(0), y.max(0))
    diameter = np.linalg.norm(maxs - mins)
    eps_list = [diameter ** 2] + list(np.exp(np.arange(2 * np.log(diameter), 2 * np.log(blur),
                                                        2 * np.log(scaling)))) + [blur ** 2]

    def softmin(eps, c, h):
        return -eps * logsumexp(h[None, :] - c / eps, axis=1)

    e = eps_list[0]
    a_x, b_y = softmin(e, cxx, la), softmin(e, cyy, lb)
    a_y, b_x = softmin(e, cyx, la), softmin(e, cxy, lb)
    for e in eps_list:
        at_x = softmin(e, cxx, la + a_x / e)
        bt_y = softmin(e, cyy, lb + b_y / e)
        at_y = softmin(e, cyx, la + b_x / e)
        bt_x = softmin(e, cxy, lb + a_y / e)
        a_x, b_y, a_y, b_x = (a_x + at_x) / 2, (b_y + bt_y) / 2, (a_y + at_y) / 2, (b_x + bt_x) / 2
    a_x2 = softmin(e, cxx, la + a_x / e)
    b_y2 = softmin(e, cyy, lb + b_y / e)
    a_y2, b_x2 = softmin(e, cyx, la + b_x / e), softmin(e, cxy, lb + a_y / e)
    return float(np.mean(b_x2 - a_x2) + np.mean(a_y2 - b_y2))


def correlation_similarity(r, s):
    if pd.Series(r).nunique() < 2 or pd.Series(s).nunique() < 2:
        return None
    return None


def cs_and_trends(role, rc, sc):
    names = list(role)
    pairs = []
    trends = []
    for a, b in combinations(names, 2):
        if role[a] and role[b]:
            ra, rb = np.nan_to_num(rc[a], nan=0.0), np.nan_to_num(rc[b], nan=0.0)
            sa, sb = np.nan_to_num(sc[a], nan=0.0), np.nan_to_num(sc[b], nan=0.0)
            if pd.Series(sc[a]).nunique() < 2 or pd.Series(sc[b]).nunique() < 2:
                pairs.append(None)
                trends.append(None)
                continue
            cr = pearsonr(ra, rb)[0]
            cs_ = pearsonr(sa, sb)[0]
            cr = 0 if np.isnan(cr) else cr
            cs_ = 0 if np.isnan(cs_) else cs_
            score = 1 - abs(cr - cs_) / 2
            pairs.append({"column_1": a, "column_2": b, "real": float(cr), "synthetic": float(cs_), "score": float(score)})
            trends.append(float(score))
        else:
            def disc(col, values):
                if role[col]:
                    v = pd.Series(values)
                    edges = np.histogram_bin_edges(v.dropna())
                    return pd.Series(np.digitize(v, bins=edges)).astype(str)
                return pd.Series(values).astype(object)
            real = pd.DataFrame({"a": disc(a, rc[a]), "b": disc(b, rc[b])})
            syn = pd.DataFrame({"a": disc(a, sc[a]), "b": disc(b, sc[b])})
            cr = real.groupby(["a", "b"], dropna=False).size() / len(real)
            cs_ = syn.groupby(["a", "b"], dropna=False).size() / len(syn)
            idx = cr.index.union(cs_.index, sort=False)
            diff = (cr.reindex(idx, fill_value=0) - cs_.reindex(idx, fill_value=0)).abs().fillna(0)
            trends.append(float(1 - diff.sum() / 2))
    valid = [p["score"] for p in pairs if p is not None]
    return (float(np.mean(valid)) if valid else None, [p for p in pairs if p is not None],
            float(np.mean([t for t in trends if t is not None])))


def column_shapes(role, rc, sc):
    out = {}
    for c, numerical in role.items():
        if numerical:
            r = pd.Series(rc[c]).dropna().round(14)
            s = pd.Series(sc[c]).dropna().round(14)
            out[c] = float(1 - ks_2samp(r, s).statistic)
        else:
            r = pd.Series(rc[c]).dropna().value_counts(normalize=True)
            s = pd.Series(sc[c]).dropna().value_counts(normalize=True)
            idx = r.index.union(s.index)
            out[c] = float(1 - 0.5 * (r.reindex(idx, fill_value=0) - s.reindex(idx, fill_value=0)).abs().sum())
    return out


def nrs(role, rc, sc, tol=0.01):
    names = list(role)
    n = len(sc[names[0]])
    matched = 0
    for i in range(n):
        ok = np.ones(len(rc[names[0]]), bool)
        for c in names:
            v = sc[c][i]
            if role[c]:
                if np.isnan(v):
                    ok &= np.isnan(rc[c])
                else:
                    ok &= np.abs(rc[c] - v) <= abs(tol * v)
            else:
                if v is None:
                    ok &= np.array([x is None for x in rc[c]])
                else:
                    ok &= np.array([x == v for x in rc[c]])
        matched += bool(ok.any())
    return (n - matched) / n, matched


def dcr_reference(role, rc, sc):
    def dedup(cols):
        df = pd.DataFrame({c: pd.Series(v, dtype=object if not role[c] else float) for c, v in cols.items()})
        df = df.drop_duplicates(keep=False)
        return {c: df[c].to_numpy() for c in df.columns}
    r, s = dedup(rc), dedup(sc)
    er = encode(r, [r], role, "standard")[0]
    es = encode(s, [s], role, "standard")[0]

    def two(d):
        d = np.sort(d, axis=1)[:, :2]
        return d[:, 0], d[:, 0] / d[:, 1]
    rf = two(cdist(er, es))
    drr = cdist(er, er)
    np.fill_diagonal(drr, np.inf)
    dff = cdist(es, es)
    np.fill_diagonal(dff, np.inf)
    rr, ff = two(drr), two(dff)
    p = lambda a: float(np.percentile(a, 5))
    return {"rf": p(rf[0]), "rr": p(rr[0]), "ff": p(ff[0]), "nndr_rf": p(rf[1]), "nndr_rr": p(rr[1]),
            "nndr_ff": p(ff[1]), "value": (p(rf[0]) + p(rr[0]) + p(ff[0])) / 3,
            "real_rows": int(len(er)), "synthetic_rows": int(len(es))}


def mle_design(real, tables, target, role):
    """Standardised numbers (real mean / population std, missing = 0), one-hot categories."""
    feats = [c for c in real.columns if c != target]
    outs = []
    _, rc, _ = columns_in_roles(real, real, target)
    for t in tables:
        _, _, tc = columns_in_roles(real, t, target)
        parts = []
        for c in feats:
            if role[c]:
                m, s = np.nanmean(rc[c]), np.nanstd(rc[c])
                s = s if s > 0 else 1
                parts.append(np.nan_to_num((tc[c] - m) / s, nan=0.0)[:, None])
            else:
                codes = category_codes(rc[c])
                oh = np.zeros((len(tc[c]), len(codes)))
                for i, v in enumerate(tc[c]):
                    if v in codes:
                        oh[i, codes[v]] = 1
                parts.append(oh)
        outs.append(np.hstack(parts))
    return outs


def mle(real, syn, test, target, role):
    xr, xs, xt = mle_design(real, [real, syn, test], target, role)
    y = lambda t: t[target].astype(int).to_numpy()
    gamma = lambda x: 1.0 / (x.shape[1] * x.var())
    models = {
        "logistic_regression": lambda x: LogisticRegression(C=1.0, max_iter=5000, tol=1e-8),
        "svm": lambda x: SVC(C=1.0, kernel="rbf", gamma=gamma(x)),
        "random_forest": lambda x: RandomForestClassifier(n_estimators=100, max_depth=20, min_samples_leaf=1,
                                                          random_state=0),
        "gradient_boosting": lambda x: GradientBoostingClassifier(n_estimators=100, max_depth=3,
                                                                  learning_rate=0.1, random_state=0),
    }
    out = {}
    for which, x, yy in (("synthetic", xs, y(syn)), ("original", xr, y(real))):
        out[which] = {}
        for name, make in models.items():
            model = make(x).fit(x, yy)
            p = model.predict(xt)
            out[which][name] = {"mcc": float(matthews_corrcoef(y(test), p)),
                                "f1_weighted": float(f1_score(y(test), p, average="weighted")),
                                "accuracy": float(accuracy_score(y(test), p))}
        # a forest's score varies with its seed by several hundredths: also the mean over 5 seeds
        seeds = [RandomForestClassifier(n_estimators=100, max_depth=20, random_state=r).fit(x, yy).predict(xt)
                 for r in range(5)]
        out[which]["random_forest_5_seeds"] = {
            "mcc": float(np.mean([matthews_corrcoef(y(test), p) for p in seeds])),
            "accuracy": float(np.mean([accuracy_score(y(test), p) for p in seeds]))}
    return out


def main():
    for name, target in TARGETS.items():
        real = pd.read_csv(DATA / f"{name}_train.csv")
        test = pd.read_csv(DATA / f"{name}_test.csv")
        syn_path = HERE / f"{name}_synthetic.csv"
        make_synthetic(name, real).to_csv(syn_path, index=False)
        syn = pd.read_csv(syn_path)  # re-read: types as a CSV reader infers them
        role, rc, sc = columns_in_roles(real, syn, target)
        xr_mm, xs_mm = encode(rc, [rc, sc], role, "minmax")
        xr_st, xs_st = encode(rc, [rc, sc], role, "standard")
        cs, pairs, trends = cs_and_trends(role, rc, sc)
        shapes = column_shapes(role, rc, sc)
        dcr_d = cdist(xs_st, xr_st).min(axis=1)
        nrs_value, nrs_matched = nrs(role, rc, sc)
        expected = {
            "target": target,
            "dm": dm(real, syn),
            "wd": sinkhorn_divergence(xr_mm, xs_mm),
            "per_column_w1": {c: float(wasserstein_distance(xr_mm[:, j], xs_mm[:, j]))
                              for j, c in enumerate(role)},
            "cs": cs,
            "cs_pairs": pairs,
            "column_shapes": shapes,
            "column_shapes_score": float(np.mean(list(shapes.values()))),
            "column_pair_trends_score": trends,
            "dcr_mean": float(dcr_d.mean()),
            "dcr_median": float(np.median(dcr_d)),
            "dcr_p5": float(np.percentile(dcr_d, 5)),
            "dcr_exact_copies": float((dcr_d == 0).mean()),
            "dcr_reference": dcr_reference(role, rc, sc),
            "nrs": nrs_value,
            "nrs_matched": nrs_matched,
            "mle_fixed_parameters": mle(real, syn, test, target, role),
        }
        (HERE / f"expected_{name}.json").write_text(json.dumps(expected, indent=1) + "\n")
        print(name, {k: v for k, v in expected.items() if isinstance(v, float)})


if __name__ == "__main__":
    main()
