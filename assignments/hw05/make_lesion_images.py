"""Write data/lesions.npz: small two-class grey images standing in for the course's medical set.

Every image is a smooth background of a few wide Gaussian blobs (tissue) plus noise; class 1
images also hold one small bright spot (the "lesion", 1.5-2.5 pixels wide) at a random place, so
a network has to find a small local feature anywhere in the image, which is what the session's
VGG vs ResNet experiment and the activation maps are about. Seeded; rerunning reproduces the
committed file byte for byte:

    python assignments/hw05/make_lesion_images.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SEED = 5
COUNT = 600
SIZE = 32
PATH = Path(__file__).resolve().parent / "data" / "lesions.npz"


def blob(grid_y, grid_x, centre, width):
    return np.exp(-((grid_y - centre[0]) ** 2 + (grid_x - centre[1]) ** 2) / (2 * width ** 2))


def make_images(count=COUNT, size=SIZE, seed=SEED):
    """(images uint8 (count, size, size, 1), labels int64 (count,)), half of each class."""
    rng = np.random.default_rng(seed)
    grid_y, grid_x = np.mgrid[0:size, 0:size].astype(np.float64)
    labels = rng.permutation(np.arange(count) % 2)
    images = np.empty((count, size, size, 1), dtype=np.uint8)
    for i, label in enumerate(labels):
        tissue = sum(rng.uniform(0.2, 0.5) * blob(grid_y, grid_x, rng.uniform(0, size, 2),
                                                  rng.uniform(size / 6, size / 3))
                     for _ in range(rng.integers(2, 5)))
        if label:
            tissue = tissue + rng.uniform(0.5, 0.8) * blob(
                grid_y, grid_x, rng.uniform(4, size - 4, 2), rng.uniform(1.5, 2.5))
        tissue = tissue + rng.normal(0, 0.04, tissue.shape)
        images[i, :, :, 0] = np.clip(tissue * 255, 0, 255).astype(np.uint8)
    return images, labels.astype(np.int64)


def main() -> None:
    images, labels = make_images()
    PATH.parent.mkdir(exist_ok=True)
    with PATH.open("wb") as handle:
        np.savez_compressed(handle, images=images, labels=labels)
    print(f"wrote {PATH.name}: {images.shape}, {int(labels.sum())} with a lesion")


if __name__ == "__main__":
    main()
