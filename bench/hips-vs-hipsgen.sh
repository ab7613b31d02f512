#!/usr/bin/env bash
# HiPS generation, ours against CDS Hipsgen (Debian's aladin package), on the same synthetic input, order, tile width
# and thread count: wall time, tiles per second, peak resident memory. Usage: bench/hips-vs-hipsgen.sh [IMAGES] [THREADS]
# Inputs: IMAGES (default 8) 2048x2048 float32 TAN images at 0.2"/px in a 2x4 mosaic with stars, written by astropy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-8}
threads=${2:-2}
work=${BENCH_DIR:-/tmp/bench-hips}
rm -rf "$work" && mkdir -p "$work/in"
/usr/bin/python3 - "$work/in" "$n" <<'PY'
import sys
import numpy as np
from astropy.io import fits
from astropy.wcs import WCS
out, count = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(1)
n = 2048
for k in range(count):
    w = WCS(naxis=2)
    w.wcs.ctype = ['RA---TAN', 'DEC--TAN']
    w.wcs.crpix = [n / 2 + 0.5, n / 2 + 0.5]
    w.wcs.crval = [150.0 + (k % 4) * 0.1, 2.0 + (k // 4) * 0.1]
    w.wcs.cdelt = [-0.2 / 3600, 0.2 / 3600]
    img = rng.normal(100, 5, size=(n, n)).astype(np.float32)
    yy, xx = np.mgrid[0:31, 0:31]
    for s in range(300):
        x0, y0 = rng.integers(20, n - 20, 2)
        img[y0 - 15:y0 + 16, x0 - 15:x0 + 16] += (rng.uniform(500, 20000) * np.exp(-((xx - 15) ** 2 + (yy - 15) ** 2)
                                                  / 8.0)).astype(np.float32)
    fits.PrimaryHDU(img, header=w.to_header()).writeto('%s/img%02d.fits' % (out, k))
PY
"$here/vo" --help >/dev/null
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/log" 2>&1; cat "$work/time"; }
read -r ours_s ours_kb < <(measure java -Xmx2g -jar "$here/app/target/vo.jar" hips generate "$work/in" -o "$work/ours" \
    --creator-did ivo://example.org/P/bench --order 11 --tile-width 512 --threads "$threads" --formats fits,png)
ours_tiles=$(find "$work/ours" -path '*Norder*' -name 'Npix*.fits' | wc -l)
read -r hg_s hg_kb < <(measure java -Xmx2g -Djava.awt.headless=true -cp /usr/share/java/aladin.jar cds.allsky.HipsGen \
    in="$work/in" out="$work/hipsgen" creator_did=ivo://example.org/P/hg hips_order=11 hips_tile_width=512 \
    maxThread="$threads" INDEX TILES PNG)
hg_tiles=$(find "$work/hipsgen" -path '*Norder*' -name 'Npix*.fits' | wc -l)
awk -v a="$ours_tiles" -v b="$ours_s" -v c="$ours_kb" -v d="$hg_tiles" -v e="$hg_s" -v f="$hg_kb" 'BEGIN {
  printf "ours:    %d tiles (FITS+PNG) in %.1f s = %.1f tiles/s, peak RSS %d MB\n", a, b, a / b, c / 1024;
  printf "Hipsgen: %d tiles (FITS+PNG) in %.1f s = %.1f tiles/s, peak RSS %d MB\n", d, e, d / e, f / 1024;
  printf "speed-up (tiles/s): %.1fx\n", (a / b) / (d / e) }'
