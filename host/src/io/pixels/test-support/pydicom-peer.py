"""Test-only pydicom peer for the pixel layer tests.

Reads a JSON list of jobs on stdin, writes a JSON list of results on stdout.
Jobs:
  {"mode": "source", "path": P, "out": DIR}
      dump what the pixel layer needs (description, native bytes or fragments + BOT)
  {"mode": "reference", "path": P, "out": FILE, "color": "RGB"?, "modality": true?}
      pydicom's pixel_array of a native file, masked / sign-extended from Bits Stored,
      optionally through convert_color_space(.., "RGB") or apply_modality_lut, as raw
      little-endian bytes
  {"mode": "modify", "path": P, "out": FILE, "set": {keyword: value}}
      copy a file with some attributes changed
  {"mode": "part10", "template": P, "out": FILE, "pixel_data": FILE, "ts": UID, "set": {keyword: value}}
      copy a native file, replace Pixel Data by an encapsulated value (with its trailing
      sequence delimiter, which pydicom writes itself) and save with the given syntax
  {"mode": "segmented", "words": [..], "fmt": "<H" | "<B"}
      pydicom's expansion of segmented palette LUT data
"""
import json
import os
import sys

import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_fragment, get_frame_offsets
from pydicom.filebase import DicomBytesIO
from pydicom.pixel_data_handlers import util

DESC_KEYWORDS = [
    "Rows", "Columns", "SamplesPerPixel", "BitsAllocated", "BitsStored", "HighBit",
    "PixelRepresentation", "PhotometricInterpretation", "PlanarConfiguration",
    "NumberOfFrames", "RescaleSlope", "RescaleIntercept",
    "RedPaletteColorLookupTableDescriptor", "GreenPaletteColorLookupTableDescriptor",
    "BluePaletteColorLookupTableDescriptor",
]


def plain(v):
    if isinstance(v, (list, tuple, pydicom.multival.MultiValue)):
        return [plain(x) for x in v]
    if isinstance(v, (pydicom.valuerep.DSfloat, float)):
        return float(v)
    if isinstance(v, (pydicom.valuerep.IS, int)):
        return int(v)
    return str(v)


def source(job):
    ds = pydicom.dcmread(job["path"])
    out = job["out"]
    os.makedirs(out, exist_ok=True)
    ts = ds.file_meta.TransferSyntaxUID
    res = {"transferSyntaxUID": str(ts)}
    for kw in DESC_KEYWORDS:
        if kw in ds and ds[kw].value is not None and ds[kw].value != "":
            res[kw] = plain(ds[kw].value)
    if ts.is_compressed:
        fp = DicomBytesIO(ds.PixelData)
        fp.is_little_endian = True
        _, offsets = get_frame_offsets(fp)
        names = []
        for i, frag in enumerate(generate_pixel_data_fragment(fp)):
            name = os.path.join(out, f"fragment{i}.bin")
            with open(name, "wb") as f:
                f.write(frag)
            names.append(name)
        res["fragments"] = names
        res["basicOffsetTable"] = offsets
    else:
        name = os.path.join(out, "native.bin")
        with open(name, "wb") as f:
            f.write(ds.PixelData)
        res["native"] = name
        res["bigEndian"] = not ds.is_little_endian
        vr = ds["PixelData"].VR
        res["vr"] = vr if vr in ("OB", "OW") else ("OW" if ds.BitsAllocated > 8 else "OB")
    return res


def reference(job):
    ds = pydicom.dcmread(job["path"])
    arr = ds.pixel_array
    bs, ba = int(ds.BitsStored), int(ds.BitsAllocated)
    normalized = False
    if ba in (8, 16, 32) and bs < ba:
        a = arr.astype(np.int64) & ((1 << bs) - 1)
        if int(ds.PixelRepresentation) == 1:
            a = np.where(a >= (1 << (bs - 1)), a - (1 << bs), a)
        normalized = not np.array_equal(a, arr)
        arr = a.astype(arr.dtype)
    pi = str(ds.PhotometricInterpretation)
    if job.get("color") == "RGB" and pi != "RGB":
        arr = util.convert_color_space(arr, pi, "RGB")
    if job.get("modality"):
        arr = util.apply_modality_lut(arr, ds)
    arr = np.ascontiguousarray(arr)
    with open(job["out"], "wb") as f:
        f.write(arr.astype(arr.dtype.newbyteorder("<")).tobytes())
    return {"dtype": arr.dtype.name, "shape": list(arr.shape), "normalized": normalized,
            "photometricInterpretation": pi,
            "frames": int(getattr(ds, "NumberOfFrames", 1) or 1)}


def part10(job):
    ds = pydicom.dcmread(job["template"])
    with open(job["pixel_data"], "rb") as f:
        value = f.read()
    delimiter = b"\xfe\xff\xdd\xe0\x00\x00\x00\x00"
    if not value.endswith(delimiter):
        raise ValueError("encapsulated value must end with a sequence delimiter")
    ds.file_meta.TransferSyntaxUID = job["ts"]
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.PixelData = value[: -len(delimiter)]
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    for kw, v in job.get("set", {}).items():
        setattr(ds, kw, v)
    ds.save_as(job["out"], write_like_original=False)
    return {"ok": True}


def modify(job):
    ds = pydicom.dcmread(job["path"])
    for kw, v in job.get("set", {}).items():
        setattr(ds, kw, v)
    ds.save_as(job["out"], write_like_original=False)
    return {"ok": True}


def segmented(job):
    words = tuple(job["words"])
    fmt = job["fmt"][0] + str(len(words)) + job["fmt"][1:]
    return {"lut": [int(x) for x in util._expand_segmented_lut(words, fmt)]}


MODES = {"source": source, "reference": reference, "part10": part10, "modify": modify, "segmented": segmented}

if __name__ == "__main__":
    jobs = json.load(sys.stdin)
    results = []
    for job in jobs:
        try:
            results.append(MODES[job["mode"]](job))
        except Exception as e:  # reported per job, so one bad file does not hide the others
            results.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(results, sys.stdout)
