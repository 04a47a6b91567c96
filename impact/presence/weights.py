"""The weights of the web-presence components: the defaults, and those a funder saved for a portfolio."""

from __future__ import annotations

import math

import duckdb

from impact.presence import COMPONENTS
from impact.store.connection import WRITE_LOCK, transaction

STORE_WIDE = 0  # portfolio_id of the weights the organisation pages use


def default_weights() -> dict[str, float]:
    return {key: spec.weight for key, spec in COMPONENTS.items()}


def weights_for(con: duckdb.DuckDBPyConnection, portfolio_id: int = STORE_WIDE) -> dict[str, float]:
    """Every component's weight: the saved one, else the default."""
    saved = dict(
        con.execute("SELECT component, weight FROM presence_weight WHERE portfolio_id = ?", [portfolio_id]).fetchall()
    )
    return {key: float(saved.get(key, weight)) for key, weight in default_weights().items()}


def check_weights(weights: dict[str, float]) -> dict[str, float]:
    """The weights to save, or ValueError with a sentence: known components, 0 to 100, not all 0."""
    unknown = sorted(set(weights) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"no component is called {', '.join(repr(u) for u in unknown)}")
    clean: dict[str, float] = {}
    for key, value in weights.items():
        number = float(value)
        if not math.isfinite(number) or not 0 <= number <= 100:
            raise ValueError(f"the weight of {COMPONENTS[key].name} must be a number from 0 to 100")
        clean[key] = number
    if not any({**default_weights(), **clean}.values()):
        raise ValueError("at least one component needs a weight above 0")
    return clean


def save_weights(con: duckdb.DuckDBPyConnection, portfolio_id: int, weights: dict[str, float]) -> None:
    """Keep these weights for the portfolio (STORE_WIDE: for the organisation pages); the others stay."""
    clean = check_weights(weights)
    with WRITE_LOCK, transaction(con):
        # The weights saved before count too: saving 0 for the last component above 0 leaves none.
        if not any({**weights_for(con, portfolio_id), **clean}.values()):
            raise ValueError("at least one component needs a weight above 0")
        for key, value in clean.items():
            con.execute(
                """INSERT INTO presence_weight (portfolio_id, component, weight) VALUES (?, ?, ?)
                   ON CONFLICT (portfolio_id, component) DO UPDATE SET weight = excluded.weight""",
                [portfolio_id, key, value],
            )


def reset_weights(con: duckdb.DuckDBPyConnection, portfolio_id: int) -> None:
    """Back to the default weights."""
    with WRITE_LOCK:
        con.execute("DELETE FROM presence_weight WHERE portfolio_id = ?", [portfolio_id])
