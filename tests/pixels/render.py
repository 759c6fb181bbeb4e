import sys, json, os, subprocess, traceback
import numpy as np, pydicom
from pydicom.pixels import apply_modality_lut, apply_voi_lut, apply_color_lut
from PIL import Image

def to8(a):
    a = a.astype(np.float64)
    lo, hi = np.nanmin(a), np.nanmax(a)
    if hi <= lo: return np.zeros(a.shape, np.uint8)
    return ((a - lo) / (hi - lo) * 255).clip(0, 255).astype(np.uint8)

def render_frame(ds, arr):
    pi = str(ds.get('PhotometricInterpretation', ''))
    spp = int(ds.get('SamplesPerPixel', 1))
    if pi == 'PALETTE COLOR':
        rgb = apply_color_lut(arr, ds)
        return to8(rgb) if rgb.dtype != np.uint8 else rgb
    if spp == 3:
        if arr.dtype == np.uint8: return arr
        return to8(arr)
    try: a = apply_modality_lut(arr, ds)
    except Exception: a = arr
    used_voi = False
    if 'WindowCenter' in ds or 'VOILUTSequence' in ds:
        try:
            a = apply_voi_lut(a, ds, index=0); used_voi = True
        except Exception: pass
    out = to8(a)
    if pi == 'MONOCHROME1': out = 255 - out
    return out

def meta(ds):
    g = lambda k, d='': str(ds.get(k, d))
    return dict(modality=g('Modality'), ts=str(ds.file_meta.get('TransferSyntaxUID', '')) if hasattr(ds, 'file_meta') else '',
                pi=g('PhotometricInterpretation'), bits=g('BitsAllocated'), bits_stored=g('BitsStored'),
                frames=int(ds.get('NumberOfFrames', 1) or 1), rows=g('Rows'), cols=g('Columns'), spp=g('SamplesPerPixel'),
                sop=g('SOPClassUID'), burned=g('BurnedInAnnotation'), itype=g('ImageType'),
                manuf=g('Manufacturer'), sopinst=g('SOPInstanceUID'))

def main(src, dst):
    res = {}
    try:
        ds = pydicom.dcmread(src, force=True)
        if 'TransferSyntaxUID' not in ds.file_meta:
            ds.file_meta.TransferSyntaxUID = '1.2.840.10008.1.2' if ds.is_implicit_VR else '1.2.840.10008.1.2.1'
        res.update(meta(ds))
        if 'PixelData' not in ds and 'FloatPixelData' not in ds and 'DoubleFloatPixelData' not in ds:
            res['err'] = 'no pixel data'; return res
        n = res['frames']
        idxs = sorted(set([0, n // 2, n - 1]))
        tiles = []
        for i in idxs:
            arr = pydicom.pixels.pixel_array(ds, index=i) if n > 1 else ds.pixel_array
            tiles.append(render_frame(ds, arr))
        # hash of first-frame pixels for duplicate detection
        import hashlib
        first = pydicom.pixels.pixel_array(ds, index=0) if n > 1 else ds.pixel_array
        res['phash'] = hashlib.md5(np.ascontiguousarray(first).tobytes()).hexdigest()
        res['shape'] = list(first.shape)
        ims = [Image.fromarray(t) for t in tiles]
        ims = [im.convert('RGB') for im in ims]
        W = sum(im.width for im in ims) + 8 * (len(ims) - 1); H = max(im.height for im in ims)
        canvas = Image.new('RGB', (W, H), (255, 0, 255))
        x = 0
        for im in ims: canvas.paste(im, (x, 0)); x += im.width + 8
        canvas.save(dst); res['rendered'] = 'pydicom'; res['frames_shown'] = idxs
    except Exception as e:
        res['err'] = f'{type(e).__name__}: {e}'[:300]
        try:
            subprocess.run(['dcmj2pnm', '+on', '+Wm', src, dst], check=True, capture_output=True, timeout=120)
            res['rendered'] = 'dcmj2pnm'
        except Exception as e2:
            res['err2'] = str(e2)[:200]
    return res

if __name__ == '__main__':
    out = {}
    for line in open(sys.argv[1]):
        cid = line.split('\t')[0]
        out[cid] = main(f'staging/cand/{cid}.dcm', f'staging/png/{cid}.png')
        print(cid, out[cid].get('modality'), out[cid].get('pi'), out[cid].get('rendered'), out[cid].get('err', ''), flush=True)
    json.dump(out, open(sys.argv[2], 'w'), indent=1)
