"""A picture of tensors of rank 0 to 4, one cube per number. Shown on the tensors page."""

# --8<-- [start:figure]
import matplotlib.pyplot as plt
import tensorflow as tf
from matplotlib.patches import Polygon

shapes = [(), (4,), (3, 4), (2, 3, 4), (3, 2, 3, 4)]
tensors = [tf.zeros(shape) for shape in shapes]

# how far one step back along the depth axis moves a cube up and right
DEPTH = 0.45


def cube(ax, x, y, z):
    """Draw one unit cube (front, top and right faces) in oblique projection."""

    def at(dx, dy, dz):
        return (x + dx + DEPTH * (y + dy), z + dz + DEPTH * (y + dy))

    front = [at(0, 0, 0), at(1, 0, 0), at(1, 0, 1), at(0, 0, 1)]
    top = [at(0, 0, 1), at(1, 0, 1), at(1, 1, 1), at(0, 1, 1)]
    right = [at(1, 0, 0), at(1, 1, 0), at(1, 1, 1), at(1, 0, 1)]
    faces = {"#ff8a50": front, "#ffb27f": top, "#c75b24": right}
    for color, corners in faces.items():
        ax.add_patch(
            Polygon(
                corners, facecolor=color, edgecolor="#4e342e", linewidth=0.6
            )
        )


def draw(ax, shape, left):
    """One cube per number of a tensor of this shape, from `left`.

    Returns the width used.
    """
    if len(shape) == 4:  # a batch: the volumes side by side, with gaps
        step = shape[3] + 2
        for i in range(shape[0]):
            draw(ax, shape[1:], left + i * step)
        return shape[0] * step - 2
    depth, rows, columns = [1] * (3 - len(shape)) + list(shape)
    # Back to front, bottom to top, left to right:
    # nearer cubes cover the faces they hide.
    for y in reversed(range(depth)):
        for z in range(rows):
            for x in range(columns):
                cube(ax, left + x, y, z)
    return columns


pictures = ["a point", "a line", "a surface", "a volume", "a batch of volumes"]
fig, ax = plt.subplots(figsize=(12, 2.7))
left = 0
for t, picture in zip(tensors, pictures, strict=True):
    width = draw(ax, t.shape, left)
    label = f"rank {t.ndim}: {picture}\nshape {tuple(t.shape)}"
    ax.text(
        left + width / 2 + 0.5, -0.6, label, ha="center", va="top", fontsize=12
    )
    left += width + 3
ax.set(xlim=(-1, left - 1), ylim=(-1.9, 4.1), aspect="equal")
ax.set_axis_off()
fig.tight_layout()
fig.savefig("tensors-ranks.png", dpi=80)
# --8<-- [end:figure]
