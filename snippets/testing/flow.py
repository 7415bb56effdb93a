"""The flow from a page to its tests, drawn as boxes and arrows (testing page)."""

# --8<-- [start:figure]
import matplotlib.pyplot as plt

# Each step: (x, y) of its box centre and its text.
steps = {
    "page": (0, 1, "docs/page.md"),
    "code": (0, -1, "snippets/*.py\nsrc/dlcourse/*.py"),
    "expand": (
        3,
        0,
        "expand --8<-- snippets\n(pymdownx.snippets,\nas the site does)",
    ),
    "parse": (6, 1, "the page's Python\nblocks, in order,\nas a notebook"),
    "run": (9, 1, "run it in a\nclean kernel"),
    "compare": (12, 1, "compare outputs\nand saved figures"),
    "site": (6, -1, "build the site\n(mkdocs build)"),
    "check": (
        12,
        -1,
        "check every built page:\n"
        "code, outputs, images\n"
        "and links match the run",
    ),
}
arrows = [
    ("page", "expand"),
    ("code", "expand"),
    ("expand", "parse"),
    ("parse", "run"),
    ("run", "compare"),
    ("expand", "site"),
    ("site", "check"),
    ("run", "check"),
]

fig, ax = plt.subplots(figsize=(9, 2.8))
boxes = {}
for name, (x, y, text) in steps.items():
    boxes[name] = ax.text(
        x,
        y,
        text,
        ha="center",
        va="center",
        fontsize=8.5,
        bbox={"boxstyle": "round,pad=0.5", "facecolor": "#fde0d0"},
    )
for start, end in arrows:
    ax.annotate(
        "",
        xy=steps[end][:2],
        xytext=steps[start][:2],
        arrowprops={
            "arrowstyle": "-|>",
            "patchA": boxes[start].get_bbox_patch(),
            "patchB": boxes[end].get_bbox_patch(),
        },
    )
ax.set(xlim=(-1.3, 13.5), ylim=(-1.8, 1.8))
ax.axis("off")
fig.tight_layout()
fig.savefig("testing-flow.png", dpi=100)
# --8<-- [end:figure]
