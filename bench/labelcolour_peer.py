"""Speed peer for LabelColourBenchmark: scipy.ndimage.label (26-connectivity) and
skimage.color.rgb2hed on the same raw data the Java side wrote.

usage: labelcolour_peer.py MASK_FILE W H D RGB_FILE W H REPEATS
Prints one JSON object: best seconds per op and the number of components.
"""
import json
import sys
import time

import numpy as np
from scipy import ndimage
from skimage.color import rgb2hed


def best_of(repeats, fn):
    best = float("inf")
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv):
    mask_file, mw, mh, md, rgb_file, rw, rh, repeats = argv[1:9]
    mw, mh, md, rw, rh, repeats = int(mw), int(mh), int(md), int(rw), int(rh), int(repeats)
    mask = np.fromfile(mask_file, dtype=np.uint8).reshape(md, mh, mw)
    structure = np.ones((3, 3, 3), dtype=bool)
    t_label, (_, count) = best_of(repeats, lambda: ndimage.label(mask, structure=structure))
    del mask
    rgb = np.fromfile(rgb_file, dtype=np.uint8).reshape(rh, rw, 3)
    t_hed, _ = best_of(repeats, lambda: rgb2hed(rgb))
    print(json.dumps({"label_s": t_label, "label_count": int(count), "rgb2hed_s": t_hed}))


if __name__ == "__main__":
    main(sys.argv)
