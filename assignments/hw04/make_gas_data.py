"""Write data/gas_consumption.csv, the hourly gas-consumption record used by question 5.

The series comes from solutions.hw04.generate_gas_series (seeded), so hidden tests can generate
a second, different series with the same recipe. Run from anywhere:

    python assignments/hw04/make_gas_data.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))  # `solutions` is deliberately not an installed package

from solutions.hw04 import DATA_PATH, generate_gas_series  # noqa: E402

N_HOURS = 8760  # one (non-leap) year
SEED = 4
START = "2023-01-01"


def main() -> None:
    frame = generate_gas_series(n_hours=N_HOURS, seed=SEED, start=START)
    DATA_PATH.parent.mkdir(parents=True, exist_ok=True)
    # Fixed line endings and float format: rebuilding must reproduce the committed file byte for byte.
    frame.to_csv(DATA_PATH, index=False, lineterminator="\n")
    print(f"wrote {len(frame)} rows to {DATA_PATH.relative_to(ROOT)} "
          f"({DATA_PATH.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
