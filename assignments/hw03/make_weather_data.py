"""Write data/weather_small.csv: a Jena-like weather record (10-minute steps, simulated, seeded).

The columns and their order are those of the real jena_climate_2009_2016.csv, so every function
of the homework also runs on the real file. Temperature carries a daily cycle, a slow seasonal
drift and multi-day weather swings; pressure, humidity and wind have their own slow swings and
the derived columns (potential temperature, dew point, vapour pressures, specific humidity,
density) are computed from T, p and rh with the usual meteorological formulas, so the features
are correlated as in the real record. Rerunning reproduces the committed file byte for byte:

    python assignments/hw03/make_weather_data.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # `solutions` is deliberately not an installed package

from solutions.hw03 import DATA_PATH, WEATHER_COLUMNS  # noqa: E402

SEED = 3
DAYS = 56
START = "2009-03-01 00:10:00"
STEPS_PER_DAY = 144  # one row every 10 minutes


def slow_swing(rng, n, sigma, memory_steps):
    """An AR(1) series with the given stationary std and correlation time (in steps)."""
    phi = np.exp(-1.0 / memory_steps)
    shocks = rng.normal(0.0, sigma * np.sqrt(1 - phi**2), n)
    values = np.empty(n)
    values[0] = rng.normal(0.0, sigma)
    for t in range(1, n):
        values[t] = phi * values[t - 1] + shocks[t]
    return values


def saturation_pressure(temp_c):
    """Magnus formula, mbar."""
    return 6.1078 * np.exp(17.27 * temp_c / (temp_c + 237.3))


def dew_point(vapour_mbar):
    log_ratio = np.log(vapour_mbar / 6.1078)
    return 237.3 * log_ratio / (17.27 - log_ratio)


def simulate(rng, times: pd.DatetimeIndex) -> dict:
    n = len(times)
    hour = times.hour.to_numpy() + times.minute.to_numpy() / 60
    day_of_year = times.day_of_year.to_numpy() + hour / 24
    seasonal = 9.0 - 10.0 * np.cos(2 * np.pi * (day_of_year - 15) / 365.25)
    daily = 4.5 * np.cos(2 * np.pi * (hour - 14.5) / 24)
    synoptic = slow_swing(rng, n, 3.5, 3 * STEPS_PER_DAY)
    temp = seasonal + daily + synoptic + slow_swing(rng, n, 0.3, 6) + rng.normal(0, 0.05, n)
    pressure = 989.0 + slow_swing(rng, n, 7.0, 4 * STEPS_PER_DAY) - 0.15 * synoptic
    rel_humidity = np.clip(78 - 2.6 * daily - 1.2 * synoptic
                           + slow_swing(rng, n, 7.0, 2 * STEPS_PER_DAY), 18, 100)
    vp_max = saturation_pressure(temp)
    vp_act = rel_humidity / 100 * vp_max
    wind = np.clip(np.exp(0.6 + slow_swing(rng, n, 0.55, STEPS_PER_DAY // 2)
                          + 0.25 * np.cos(2 * np.pi * (hour - 15) / 24)) - 0.5, 0, None)
    gust = wind * (1.35 + np.abs(rng.normal(0, 0.25, n))) + np.abs(rng.normal(0, 0.3, n))
    direction = (230 + np.cumsum(rng.normal(0, 4.0, n)) + 25 * slow_swing(rng, n, 1.0, 36)) % 360
    return {"p (mbar)": pressure, "T (degC)": temp,
            "Tpot (K)": (temp + 273.15) * (1000 / pressure) ** 0.286,
            "Tdew (degC)": dew_point(vp_act), "rh (%)": rel_humidity, "VPmax (mbar)": vp_max,
            "VPact (mbar)": vp_act, "VPdef (mbar)": vp_max - vp_act,
            "sh (g/kg)": 622 * vp_act / (pressure - 0.378 * vp_act),
            "H2OC (mmol/mol)": 1000 * vp_act / pressure,
            "rho (g/m**3)": 1000 * pressure * 100 / (287.05 * (temp + 273.15)),
            "wv (m/s)": wind, "max. wv (m/s)": gust, "wd (deg)": direction}


def generate_weather(days=DAYS, seed=SEED, start=START) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    times = pd.date_range(start, periods=days * STEPS_PER_DAY, freq="10min")
    columns = {name: np.round(values, 2) for name, values in simulate(rng, times).items()}
    frame = pd.DataFrame({"Date Time": times.strftime("%d.%m.%Y %H:%M:%S"), **columns})
    return frame[list(WEATHER_COLUMNS)]


def main() -> None:
    frame = generate_weather()
    DATA_PATH.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(DATA_PATH, index=False, lineterminator="\n", float_format="%.2f")
    print(f"wrote {len(frame)} rows to {DATA_PATH.relative_to(HERE.parents[1])} "
          f"({DATA_PATH.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
