"""A capacity study with suanli from Python: one model swept over systems and context lengths
(output tokens/s per chip and $ per million output tokens), then DeepSeek-R1 served in China on
H20, H200, Ascend 910B and Ascend 910C (CloudMatrix 384) on two dates (availability, levy,
$ per million tokens). Figures are written as PNG (matplotlib's Agg backend, no display needed).

    python3 examples/capacity_study.py [--out build/examples]

Needs the suanli module (docs/python.md), pandas and matplotlib (Debian: python3-pandas,
python3-matplotlib).
"""

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import suanli  # noqa: E402

SWEEP_MODEL = "llama-3.1-70b"
SWEEP_SYSTEMS = ["hgx-h100", "hgx-h200", "hgx-h20", "mi300x-8", "atlas-800t-a2"]
CONTEXTS = [1024, 4096, 16384]  # prompt tokens
OUTPUT_TOKENS = 512
TPOT_SLO = "50ms"

CHINA_SYSTEMS = ["hgx-h20", "hgx-h200", "atlas-800t-a2", "cloudmatrix-384"]
CHINA_DATES = ["2025-03-01", "2026-02-01"]


def chip_hour_usd(model, systems):
    """$ per chip-hour of each system (capex with levy, energy, facility), from one plan."""
    answer = suanli.plan(model=model, systems=systems, target="100k-tok/s")
    return {row["system"]: (row["usd_per_chip_hour"] or {}).get("total") for row in answer["rows"]}


def context_sweep():
    """One row per system and context length: output tokens/s per chip at the TPOT limit and
    $ per million output tokens (the chip-hour cost over the tokens a chip makes in an hour)."""
    hourly = chip_hour_usd(SWEEP_MODEL, SWEEP_SYSTEMS)
    rows = []
    for system in SWEEP_SYSTEMS:
        for context in CONTEXTS:
            row = {"system": system, "context": context}
            try:
                answer = suanli.infer(model=SWEEP_MODEL, system=system, input=context,
                                      output=OUTPUT_TOKENS, tpot_slo=TPOT_SLO)
            except suanli.Infeasible as e:
                row.update(tokens_per_s_per_chip=None, usd_per_m_tokens=None, reason=e.message)
            else:
                tps = answer["output_tokens_per_s_per_chip"]
                usd = hourly.get(system)
                row.update(tokens_per_s_per_chip=tps,
                           usd_per_m_tokens=usd / (tps * 3600) * 1e6 if usd and tps else None,
                           reason="")
            rows.append(row)
    return rows


def save(fig, out, name):
    """Writes the figure as out/name (PNG) and returns its path."""
    fig.tight_layout()
    path = os.path.join(out, name)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot_sweep(frame, out):
    fig, (ax_tps, ax_usd) = plt.subplots(1, 2, figsize=(11, 4))
    for system, group in frame.groupby("system", sort=False):
        ax_tps.plot(group["context"], group["tokens_per_s_per_chip"], marker="o", label=system)
        ax_usd.plot(group["context"], group["usd_per_m_tokens"], marker="o", label=system)
    for ax, label in ((ax_tps, "output tokens/s per chip"), (ax_usd, "$ per M output tokens")):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("prompt tokens")
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
    ax_tps.legend()
    fig.suptitle(f"{SWEEP_MODEL}, {OUTPUT_TOKENS} output tokens, TPOT <= {TPOT_SLO}")
    return save(fig, out, "context_sweep.png")


def china_comparison():
    """DeepSeek-R1 for chat in China on each date: the plan's rows with availability and cost."""
    frames = []
    for date in CHINA_DATES:
        answer = suanli.plan(model="deepseek-r1", scenario="chat", target="1M-tok/s",
                             systems=CHINA_SYSTEMS, dest="CN", date=date)
        frame = suanli.to_frame(answer)
        frame.insert(0, "date", date)
        frames.append(frame)
    import pandas

    columns = ["date", "system", "chip", "status", "available", "levy_percent",
               "output_tokens_per_s_per_chip", "cost_per_m_tokens", "chips"]
    return pandas.concat(frames, ignore_index=True)[columns]


def plot_china(frame, out):
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(CHINA_DATES)
    for i, (date, group) in enumerate(frame.groupby("date", sort=False)):
        xs = [CHINA_SYSTEMS.index(s) + i * width for s in group["system"]]
        cost = group["cost_per_m_tokens"].where(group["available"].astype(bool))
        ax.bar(xs, cost.fillna(0), width=width, label=date)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(CHINA_SYSTEMS))], CHINA_SYSTEMS)
    ax.set_ylabel("$ per M output tokens (0: not available)")
    ax.set_title("DeepSeek-R1 chat in China, 1M output tokens/s")
    ax.legend()
    return save(fig, out, "deepseek_r1_china.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("build", "examples"),
                        help="folder for the figures and CSV files (default build/examples)")
    out = parser.parse_args().out
    os.makedirs(out, exist_ok=True)

    import pandas

    sweep = pandas.DataFrame(context_sweep())
    sweep.to_csv(os.path.join(out, "context_sweep.csv"), index=False)
    print(sweep.to_string(index=False))
    print("wrote", plot_sweep(sweep, out))

    china = china_comparison()
    china.to_csv(os.path.join(out, "deepseek_r1_china.csv"), index=False)
    print(china.to_string(index=False))
    print("wrote", plot_china(china, out))


if __name__ == "__main__":
    main()
