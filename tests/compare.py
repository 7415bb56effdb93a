"""Compare what a block printed and drew with what its page shows.

Most output is deterministic and compared exactly. A block marked
``<!--pytest.mark.approx(abs=...)-->`` prints numbers that come out of training, and
training adds numbers in an order that depends on the processor (its thread count, its
vector instructions, oneDNN on or off): the last bits differ and a few epochs can turn
them into visible differences. For such a block:

* printed text must match the page with every decimal number (``0.83``, ``-1.5e-03``)
  replaced by a placeholder that keeps its number of decimals; each number may then
  differ from the one shown by up to ``abs`` (or the wider tolerance the mark's ``lines``
  gives its line). Integers and words are compared exactly;
* a figure must have the committed figure's size, and the two must look alike: the
  pixels are compared after a blur of about a line's width, so a curve drawn a fraction
  of a pixel away passes and a moved curve, a changed label or a new colour fails,
  except within the share of the figure the mark's ``area`` allows.

Figures of unmarked blocks are compared byte for byte.
"""

from __future__ import annotations

import io

import numpy as np
from marks import DECIMAL

# A figure from training may differ from the committed one by at most this much, on a
# 0-255 scale, anywhere after the blur (about a line's width, BLUR pixels each way).
FIGURE_TOLERANCE = 48
BLUR = 2


def skeleton(text: str) -> str:
    """The text with each decimal number replaced by ``{N}``, N its number of decimals."""
    return DECIMAL.sub(lambda m: f"{{{len(m.group('decimals'))}}}", text)


def numbers_beyond(
    shown: str, printed: str, tolerance: float, lines: dict[str, float] | None = None
) -> list[str] | None:
    """``None`` if the two texts differ other than in their decimal numbers; otherwise
    each pair of numbers further apart than the tolerance, as ``"shown 0.83, printed 0.99"``.
    A line containing a key of ``lines`` has that key's tolerance instead (the widest)."""
    if skeleton(shown) != skeleton(printed):
        return None
    beyond = []
    for line, other in zip(shown.splitlines(), printed.splitlines(), strict=True):
        allowed = max([tolerance, *(t for part, t in (lines or {}).items() if part in line)])
        for a, b in zip(DECIMAL.finditer(line), DECIMAL.finditer(other), strict=True):
            if abs(float(a.group()) - float(b.group())) > allowed + 1e-9:
                beyond.append(f"shown {a.group()}, printed {b.group()}")
    return beyond


def _pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGBA"), dtype=np.float32)


def _blur(pixels: np.ndarray, radius: int) -> np.ndarray:
    """A box blur, ``radius`` pixels each way, of each channel (edges padded)."""
    size = 2 * radius + 1
    padded = np.pad(pixels, ((radius, radius), (radius, radius), (0, 0)), mode="edge")
    summed = padded.cumsum(axis=0).cumsum(axis=1)
    summed = np.pad(summed, ((1, 0), (1, 0), (0, 0)))
    hi, lo = slice(size, None), slice(None, -size)
    return (summed[hi, hi] - summed[lo, hi] - summed[hi, lo] + summed[lo, lo]) / size**2


def figure_difference(committed: bytes, drawn: bytes, area: float = 0.0) -> str | None:
    """Why a figure drawn from training does not look like the committed one, or ``None``.
    ``area`` is the share of its pixels that may look different (a cell of a confusion
    matrix that counts one image more)."""
    if committed == drawn:
        return None
    a, b = _pixels(committed), _pixels(drawn)
    if a.shape != b.shape:
        return f"its size changed from {a.shape[1]}x{a.shape[0]} to {b.shape[1]}x{b.shape[0]}"
    worst = np.abs(_blur(a, BLUR) - _blur(b, BLUR)).max(axis=2)
    changed = worst > FIGURE_TOLERANCE
    if changed.mean() <= area:
        return None
    y, x = np.unravel_index(worst.argmax(), worst.shape)
    return (
        f"it looks different around pixel ({x}, {y}) from the top left (a difference of "
        f"{worst.max():.0f} of 255 after a {2 * BLUR + 1}-pixel blur; at most "
        f"{FIGURE_TOLERANCE} is allowed"
        + (f" outside {area:.2%} of the figure, and {changed.mean():.2%} differs)" if area else ")")
    )
