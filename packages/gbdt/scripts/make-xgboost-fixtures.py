#!/usr/bin/python3
"""make-xgboost-fixtures.py - small XGBoost JSON models plus their expected outputs, for import tests.

Writes, into packages/gbdt/src/fixtures/xgboost/, one pair of files per case:
  <case>.model.json     Booster.save_model(...) output, untouched (XGBoost writes bare NaN tokens in it)
  <case>.expected.json  {"xgboostVersion", "case", "objective", "numClass", "featureNames",
                         "featureTypes", "rows": nRows x nFeatures (null = missing),
                         "nCategories": {feature name: levels in training} for categorical features,
                         "margins": flat nRows x k, "predictions": flat nRows x k,
                         "contributions": flat nRows x k x (nFeatures + 1) or absent,
                         "unseenCategoryRows", "unseenCategoryMargins": rows whose category codes
                         are outside the training levels (categorical-partition only)}
                        k = numClass for multi:softprob, else 1. Every number in margins, predictions
                        and contributions is a float32 written as its shortest decimal, so
                        Math.fround(value) in JS recovers XGBoost's float32 exactly.
Outputs come from Booster.predict on a DMatrix(missing=NaN): output_margin=True for margins, the plain
call for predictions, pred_contribs=True for TreeSHAP. inplace_predict is checked to agree.

Run with Debian's python (xgboost 1.7.4 from python3-xgboost; another python3 may come first on PATH):
  /usr/bin/python3 packages/gbdt/scripts/make-xgboost-fixtures.py [--ai4i ../shared/data/ai4i2020/ai4i2020.csv]
Deterministic: fixed seeds and nthread=1.
"""
import argparse
import json
import os

import numpy as np
import pandas as pd
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "fixtures", "xgboost")
AI4I_DEFAULT = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "ai4i2020", "ai4i2020.csv")
AI4I_NUMERIC = [
    "Air temperature [K]",
    "Process temperature [K]",
    "Rotational speed [rpm]",
    "Torque [Nm]",
    "Tool wear [min]",
]
AI4I_TYPES = ["L", "M", "H"]
# XGBoost refuses feature names with [ ] <, so the AI4I columns get plain names.
AI4I_NAMES = ["air_temperature_K", "process_temperature_K", "rotational_speed_rpm", "torque_Nm", "tool_wear_min",
              "type"]


def f32_list(a):
    """float32 values as the shortest decimals that round-trip through float32."""
    return [float(repr(np.float32(v))) for v in np.asarray(a, dtype=np.float32).ravel()]


def rows_list(X):
    return [[None if np.isnan(v) else float(v) for v in row] for row in X]


def frame(X, names, cat_cols, n_cats):
    """A DataFrame with the categorical columns as pandas categoricals with codes 0..n-1 (NaN = missing)."""
    df = pd.DataFrame({n: X[:, j] for j, n in enumerate(names)})
    for j in cat_cols:
        df[names[j]] = pd.Categorical(X[:, j], categories=list(range(n_cats[j])))
    return df


def dmatrix(X, names, cat_cols, n_cats, label=None):
    if cat_cols:
        return xgb.DMatrix(frame(X, names, cat_cols, n_cats), label=label, missing=np.nan, enable_categorical=True)
    return xgb.DMatrix(X, label=label, missing=np.nan, feature_names=names)


def write_case(case, params, rounds, X_train, y_train, X_eval, names, cat_cols=(), n_cats=None, contribs=False,
               unseen=None):
    n_cats = n_cats or {}
    cat_cols = list(cat_cols)
    dtrain = dmatrix(X_train, names, cat_cols, n_cats, label=y_train)
    base = {"tree_method": "hist", "nthread": 1, "seed": 7}
    booster = xgb.train({**base, **params}, dtrain, num_boost_round=rounds)
    model_path = os.path.join(OUT, f"{case}.model.json")
    booster.save_model(model_path)

    # Predict with the reloaded model so the fixture describes exactly the file on disk.
    loaded = xgb.Booster(model_file=model_path)
    deval = dmatrix(X_eval, names, cat_cols, n_cats)
    margins = loaded.predict(deval, output_margin=True)
    predictions = loaded.predict(deval)
    inplace = loaded.inplace_predict(frame(X_eval, names, cat_cols, n_cats) if cat_cols else X_eval)
    assert np.array_equal(np.asarray(inplace, np.float32), np.asarray(predictions, np.float32)), case
    expected = {
        "xgboostVersion": xgb.__version__,
        "case": case,
        "objective": params["objective"],
        "numClass": int(params.get("num_class", 1)),
        "featureNames": names,
        "featureTypes": ["c" if j in cat_cols else "float" for j in range(len(names))],
        "nCategories": {names[j]: n_cats[j] for j in cat_cols},
        "rows": rows_list(X_eval),
        "margins": f32_list(margins),
        "predictions": f32_list(predictions),
    }
    if contribs:
        expected["contributions"] = f32_list(loaded.predict(deval, pred_contribs=True))
    if unseen is not None:
        # Category codes outside the training levels: a plain float matrix typed 'c', since a pandas
        # categorical cannot hold them. XGBoost 1.7 sends such codes to the side of the unlisted categories.
        types = ["c" if j in cat_cols else "float" for j in range(len(names))]
        dunseen = xgb.DMatrix(unseen, missing=np.nan, feature_names=names, feature_types=types, enable_categorical=True)
        expected["unseenCategoryRows"] = rows_list(unseen)
        expected["unseenCategoryMargins"] = f32_list(loaded.predict(dunseen, output_margin=True))
    with open(os.path.join(OUT, f"{case}.expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))
        f.write("\n")
    sizes = [os.path.getsize(os.path.join(OUT, f"{case}.{k}.json")) for k in ("model", "expected")]
    print(f"{case}: {len(loaded.get_dump())} trees, model {sizes[0]} B, expected {sizes[1]} B")


def with_holes(rng, X, frac):
    """A copy of X with a fraction of cells set to NaN (missing)."""
    X = X.copy()
    X[rng.random(X.shape) < frac] = np.nan
    return X


def ai4i_case(path):
    """binary:logistic on AI4I (split as in PEERS.md), Type as a native categorical (one-hot style splits)."""
    df = pd.read_csv(path, encoding="utf-8-sig")
    test = (df["UDI"] % 5 == 0).to_numpy()
    cat = pd.Categorical(df["Type"], categories=AI4I_TYPES).codes.astype(np.float64)
    X = np.column_stack([df[AI4I_NUMERIC].to_numpy(np.float64), cat])
    y = df["Machine failure"].to_numpy(np.float64)
    rng = np.random.default_rng(1)
    X_test = X[test]
    # 160 test rows: every failure among the first ones plus a spread of the rest, 10% cells missing.
    pick = np.concatenate([np.flatnonzero(y[test] == 1)[:40], np.arange(0, X_test.shape[0], 16)[:120]])
    X_eval = with_holes(rng, X_test[pick], 0.1)
    params = {"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "base_score": 0.0339}
    write_case("binary-ai4i", params, 30, X[~test], y[~test], X_eval, AI4I_NAMES, cat_cols=[5], n_cats={5: 3},
               contribs=True)


def synthetic(rng, n, p):
    return np.round(rng.normal(size=(n, p)), 4)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ai4i", default=AI4I_DEFAULT)
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    ai4i_case(args.ai4i)

    rng = np.random.default_rng(42)
    names5 = [f"f{j}" for j in range(5)]

    # reg:squarederror trained on data with 25% of cells missing: default directions are learned.
    X = synthetic(rng, 1500, 5)
    y = 2 * X[:, 0] - X[:, 1] ** 2 + np.sin(3 * X[:, 2]) + 0.1 * rng.normal(size=1500)
    X = with_holes(rng, X, 0.25)
    write_case("regression-missing", {"objective": "reg:squarederror", "max_depth": 4, "eta": 0.2}, 30,
               X[:1300], y[:1300], with_holes(rng, X[1300:1450], 0.1), names5, contribs=True)

    # multi:softprob, 3 classes, 15 rounds -> 45 trees.
    X = synthetic(rng, 1500, 5)
    score = np.column_stack([X[:, 0] + X[:, 1], -X[:, 0] + 0.5 * X[:, 2], X[:, 3] * X[:, 4]])
    y = np.argmax(score + 0.3 * rng.normal(size=score.shape), axis=1).astype(np.float64)
    write_case("multiclass-softprob", {"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.3},
               15, X[:1300], y[:1300], with_holes(rng, X[1300:1420], 0.1), names5, contribs=True)

    # count:poisson with a base_score away from the 0.5 default (margin base = log(base_score)).
    X = synthetic(rng, 1500, 5)
    y = rng.poisson(np.exp(0.8 + 0.6 * X[:, 0] - 0.4 * X[:, 1])).astype(np.float64)
    write_case("poisson", {"objective": "count:poisson", "max_depth": 3, "eta": 0.2, "base_score": 2.7}, 30,
               X[:1300], y[:1300], with_holes(rng, X[1300:1420], 0.1), names5)

    # reg:absoluteerror (1.7 refreshes leaf values to the median of residuals).
    X = synthetic(rng, 1500, 5)
    y = 3 * X[:, 0] + X[:, 1] * X[:, 2] + rng.standard_t(2, size=1500)
    write_case("absolute-error", {"objective": "reg:absoluteerror", "max_depth": 3, "eta": 0.3}, 25,
               X[:1300], y[:1300], with_holes(rng, X[1300:1420], 0.1), names5)

    # reg:pseudohubererror.
    write_case("pseudo-huber", {"objective": "reg:pseudohubererror", "max_depth": 3, "eta": 0.3,
                                "huber_slope": 1.5}, 25,
               X[:1300], y[:1300], with_holes(rng, X[1300:1420], 0.1), names5)

    # Partition-based categorical splits: a 12-level category (max_cat_to_onehot=1), missing included.
    n = 2000
    cat = rng.integers(0, 12, size=n).astype(np.float64)
    effect = np.array([1.5, -1.0, 0.3, 2.0, -2.0, 0.0, 0.8, -0.5, 1.1, -1.4, 0.2, 2.4])
    Xn = synthetic(rng, n, 2)
    logit = effect[cat.astype(int)] + Xn[:, 0] - 0.5
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.float64)
    X = np.column_stack([Xn, cat])
    X[rng.random(n) < 0.05, 2] = np.nan
    unseen = X[1950:1962].copy()
    unseen[:, 2] = [11, 12, 13, 31, 32, 40, 100, 11, 12, 64, 1000, 11]
    write_case("categorical-partition",
               {"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "max_cat_to_onehot": 1}, 20,
               X[:1800], y[:1800], with_holes(rng, X[1800:1950], 0.08), ["x0", "x1", "machine"],
               cat_cols=[2], n_cats={2: 12}, contribs=True, unseen=unseen)


if __name__ == "__main__":
    main()
