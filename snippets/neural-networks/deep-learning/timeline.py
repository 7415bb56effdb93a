"""A timeline of the network families this page covers, drawn with matplotlib."""

# --8<-- [start:figure]
import matplotlib.pyplot as plt

# family: [(year, milestone), ...]; labels alternate above and below
families = {
    "Feed-forward (MLP)": [(1958, "perceptron"), (1986, "backpropagation")],
    "Convolutional": [
        (1980, "neocognitron"),
        (1989, "LeNet"),
        (2012, "AlexNet"),
        (2015, "ResNet"),
    ],
    "Recurrent": [(1990, "Elman network"), (1997, "LSTM"), (2014, "GRU")],
    "Autoencoders": [
        (1987, "auto-association"),
        (2006, "deep autoencoder"),
        (2013, "VAE"),
    ],
    "RBM and DBN": [
        (1986, "harmonium (RBM)"),
        (2002, "contrastive divergence"),
        (2006, "DBN"),
    ],
    "Attention": [(2014, "attention"), (2017, "Transformer")],
}

fig, ax = plt.subplots(figsize=(9, 4.8))
ax.axvspan(2006, 2012, color="gold", alpha=0.3, linewidth=0)  # (1)!
ax.text(
    2009, len(families) - 0.35, "revival", ha="center", va="bottom", fontsize=9
)
for row, events in enumerate(families.values()):
    y = len(families) - 1 - row  # first family at the top
    first = min(year for year, _ in events)
    ax.plot([first, 2022], [y, y], color=f"C{row}", alpha=0.35, linewidth=2)
    for i, (year, label) in enumerate(events):
        ax.plot(year, y, "o", color=f"C{row}")
        above = i % 2 == 0
        ax.text(
            year,
            y + (0.13 if above else -0.13),
            f"{label} {year}",
            fontsize=9,
            ha="center",
            va="bottom" if above else "top",
        )
ax.set_yticks(range(len(families)), list(reversed(families)))
ax.set_xlim(1952, 2022)
ax.set_ylim(-0.6, len(families) - 0.1)
ax.set_xlabel("year")
ax.set_title("Families of neural networks: some milestones")
ax.grid(axis="x", alpha=0.3)
fig.tight_layout()
fig.savefig("deep-learning-timeline.png", dpi=100)
# --8<-- [end:figure]
