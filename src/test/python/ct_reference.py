"""Independent reference for the ct morphometry of a trabecular cube (no cortex).

Usage: ct_reference.py SLICE_FOLDER THRESHOLD VOXEL_MM X0 X1 Y0 Y1 Z0 Z1 OUT.json

Reads the TIFF slices with tifffile, crops [Z0:Z1, Y0:Y1, X0:X1], bone = grey >= THRESHOLD
(no smoothing, no speck removal), and writes BV/TV (%), Tb.Th, Tb.Sp (mm) and Conn.D (1/mm^3):
- local thickness by its definition (Hildebrand & Ruegsegger): scipy's exact EDT d to the
  nearest background voxel centre; the sphere of voxel p covers the voxel centres x with
  |x - p|^2 < d(p)^2; thickness(x) = max 2 d(p) over the spheres covering x; only spheres
  not contained in a 26-neighbour's sphere by the triangle inequality are painted (this
  pruning cannot change the maximum), grouped by radius; mean over the phase's voxels;
- Euler characteristic from skimage.measure.euler_number (connectivity 3 = 26-neighbourhood),
  boundary-corrected by inclusion-exclusion over the box's faces (2D, 8-connected, skimage),
  edges (runs) and corners; Conn.D = (1 - delta chi) / TV.
"""
import json
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage
from skimage.measure import euler_number


def local_thickness(mask, h):
    d = ndimage.distance_transform_edt(mask) * h  # isotropic voxels, distances in mm
    d2 = d * d
    zz, yy, xx = np.nonzero(mask)
    dz = d[zz, yy, xx]
    ridge = np.ones(len(zz), dtype=bool)
    shape = mask.shape
    for oz in (-1, 0, 1):
        for oy in (-1, 0, 1):
            for ox in (-1, 0, 1):
                if oz == 0 and oy == 0 and ox == 0:
                    continue
                qz, qy, qx = zz + oz, yy + oy, xx + ox
                inside = (qz >= 0) & (qy >= 0) & (qx >= 0) & (qz < shape[0]) & (qy < shape[1]) & (qx < shape[2])
                dq = np.zeros(len(zz))
                dq[inside] = d[qz[inside], qy[inside], qx[inside]]
                step = h * np.sqrt(oz * oz + oy * oy + ox * ox)
                ridge &= ~(dq >= dz + step)
    out = np.zeros(shape)
    pz, py, px, pd2 = zz[ridge], yy[ridge], xx[ridge], d2[zz[ridge], yy[ridge], xx[ridge]]
    for r2 in np.unique(pd2):
        sel = pd2 == r2
        rv = int(np.floor(np.sqrt(r2) / h + 1e-9))
        g = np.arange(-rv, rv + 1)
        oz, oy, ox = np.meshgrid(g, g, g, indexing="ij")
        ball = (oz * oz + oy * oy + ox * ox) * h * h < r2 - 1e-12 * r2
        oz, oy, ox = oz[ball], oy[ball], ox[ball]
        value = 2 * np.sqrt(r2)
        cz, cy, cx = pz[sel], py[sel], px[sel]
        for start in range(0, len(cz), max(1, 2_000_000 // len(oz))):
            sz = cz[start:start + 2_000_000 // len(oz) or 1][:, None] + oz[None, :]
            n = sz.shape[0]
            sy = cy[start:start + n][:, None] + oy[None, :]
            sx = cx[start:start + n][:, None] + ox[None, :]
            ok = (sz >= 0) & (sy >= 0) & (sx >= 0) & (sz < shape[0]) & (sy < shape[1]) & (sx < shape[2])
            np.maximum.at(out, (sz[ok], sy[ok], sx[ok]), value)
    return out[mask].mean()


def runs(line):
    line = np.asarray(line, dtype=bool)
    return int(line[0]) + int(np.count_nonzero(line[1:] & ~line[:-1]))


def delta_chi(b):
    chi = euler_number(b, connectivity=3)
    faces = sum(euler_number(f, connectivity=2) for f in (b[0], b[-1], b[:, 0], b[:, -1], b[:, :, 0], b[:, :, -1]))
    edges = 0
    for i in (0, -1):
        for j in (0, -1):
            edges += runs(b[i, j, :]) + runs(b[i, :, j]) + runs(b[:, i, j])
    corners = sum(int(b[i, j, k]) for i in (0, -1) for j in (0, -1) for k in (0, -1))
    return chi - faces / 2 + edges / 4 - corners / 8, chi


def main():
    folder, thr, h = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    x0, x1, y0, y1, z0, z1 = map(int, sys.argv[4:10])
    files = sorted(f for f in os.listdir(folder) if f.lower().endswith((".tif", ".tiff")))
    vol = np.stack([tifffile.imread(os.path.join(folder, f)) for f in files[z0:z1]])[:, y0:y1, x0:x1]
    bone = vol >= thr
    tv = bone.size * h ** 3
    dchi, chi = delta_chi(bone)
    result = {
        "BV/TV": 100.0 * bone.mean(),
        "Tb.Th": local_thickness(bone, h),
        "Tb.Sp": local_thickness(~bone, h),
        "chi": float(chi),
        "deltaChi": float(dchi),
        "Conn.D": (1 - dchi) / tv,
    }
    with open(sys.argv[10], "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
