"""scipy.ndimage peer for org.bonelesion.bench.FilterBenchmark.

Usage: filters_peer.py GREY_RAW MASK_RAW W H D SX SY SZ SIGMA_VOX RADIUS_VOX
Reads the volumes written by the Java benchmark (uint16 little-endian grey, uint8 mask,
z-major then y then x), times each scipy call once and prints "op seconds" lines.
"""
import sys
import time

import numpy as np
from scipy import ndimage


def main():
    grey_path, mask_path = sys.argv[1], sys.argv[2]
    w, h, d = (int(v) for v in sys.argv[3:6])
    sx, sy, sz = (float(v) for v in sys.argv[6:9])
    sigma_vox = float(sys.argv[9])
    radius_vox = float(sys.argv[10])
    grey = np.fromfile(grey_path, dtype='<u2').reshape(d, h, w)
    mask = np.fromfile(mask_path, dtype=np.uint8).reshape(d, h, w).astype(bool)

    def timed(name, fn):
        t0 = time.perf_counter()
        fn()
        print(f"{name} {time.perf_counter() - t0:.3f}", flush=True)

    timed("gaussian", lambda: ndimage.gaussian_filter(grey, sigma_vox, mode='nearest', truncate=4.0))
    timed("edt", lambda: ndimage.distance_transform_edt(mask, sampling=(sz, sy, sx)))
    r = int(np.ceil(radius_vox))
    zz, yy, xx = np.ogrid[-r:r + 1, -r:r + 1, -r:r + 1]
    ball = (xx * xx + yy * yy + zz * zz) <= radius_vox * radius_vox * (1 + 1e-6)
    timed("closing", lambda: ndimage.binary_closing(mask, structure=ball))
    timed("fillholes", lambda: ndimage.binary_fill_holes(mask))


if __name__ == "__main__":
    main()
