#!/usr/bin/env python3
"""Row-by-row logistic-regression expectations for MachineLearningEfficiencyTest.

L2 logistic regression is a strictly convex problem, so scikit-learn (lbfgs, tol 1e-8) and Smile
reach the same optimum up to their stopping points; only test rows whose logit lies within
NEAR of the decision boundary may be predicted differently. For each table and training role
this writes the scikit-learn prediction and logit of every test row, the rows within NEAR, and
the largest change of MCC and accuracy that flipping any subset of those rows can cause: the
band the Java scores must lie in (0 when no row is that close).

Same encoding, rows and hyper-parameters as make_fixtures.py (its mle_design, C = 1).

Regenerate (Debian: apt-get install -y python3-sklearn python3-pandas python3-scipy):
    cd org.harmonic.core/src/test/resources/metrics && /usr/bin/python3 make_logistic_fixtures.py
It writes expected_logistic_regression.json here.
"""
import itertools
import json

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, matthews_corrcoef

import make_fixtures as mf

NEAR = 0.01  # logit distance from the boundary within which the two optimisers may disagree


def main():
    out = {"generator": "make_logistic_fixtures.py, scikit-learn " + sklearn.__version__, "near_logit": NEAR}
    for name, target in mf.TARGETS.items():
        real = pd.read_csv(mf.DATA / f"{name}_train.csv")
        test = pd.read_csv(mf.DATA / f"{name}_test.csv")
        syn = pd.read_csv(mf.HERE / f"{name}_synthetic.csv")
        xr, xs, xt = mf.mle_design(real, [real, syn, test], target, mf.roles(real, target))
        truth = test[target].astype(int).to_numpy()
        out[name] = {}
        for which, x, t in (("synthetic", xs, syn), ("original", xr, real)):
            model = LogisticRegression(C=1.0, max_iter=5000, tol=1e-8).fit(x, t[target].astype(int))
            logit = model.decision_function(xt)
            predicted = model.predict(xt)
            near = [int(i) for i in np.flatnonzero(np.abs(logit) < NEAR)]
            mcc, acc = matthews_corrcoef(truth, predicted), accuracy_score(truth, predicted)
            mcc_band, acc_band = 0.0, 0.0
            for k in range(1, len(near) + 1):
                for flip in itertools.combinations(near, k):
                    p = predicted.copy()
                    p[list(flip)] = 1 - p[list(flip)]
                    mcc_band = max(mcc_band, abs(matthews_corrcoef(truth, p) - mcc))
                    acc_band = max(acc_band, abs(accuracy_score(truth, p) - acc))
            out[name][which] = {"predicted": predicted.tolist(), "logit": logit.tolist(), "near_rows": near,
                                "mcc": float(mcc), "accuracy": float(acc), "mcc_band": float(mcc_band),
                                "accuracy_band": float(acc_band)}
            print(name, which, "MCC", mcc, "rows near the boundary", near, "MCC band", mcc_band)
    with open(mf.HERE / "expected_logistic_regression.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
