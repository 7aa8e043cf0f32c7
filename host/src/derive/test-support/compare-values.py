# Compare every element value of two DICOM files as pydicom reads them (recursively through
# sequences): argv[1] the source, argv[2] the re-encoded copy. Pixel Data is compared as
# pixel arrays, other binary VRs (OW, OL, OF, OD) as numbers in each file's byte order.
# With --utf8, Specific Character Set (0008,0005) is expected to differ (the copy is UTF-8).
# Prints one line per difference, then "COMPARED <n>".
import sys
import numpy as np
import pydicom

src = pydicom.dcmread(sys.argv[1], force=True)
out = pydicom.dcmread(sys.argv[2], force=True)
WORDS = {'OW': 'u2', 'OL': 'u4', 'OF': 'f4', 'OD': 'f8'}
AMBIGUOUS = {'US or SS', 'OB or OW', 'US or OW', 'US or SS or OW', 'UN'}
SKIP = {0x00080005} if '--utf8' in sys.argv else set()
problems = []
count = 0

def order(ds):
    return '<' if ds.is_little_endian else '>'

def compare(a, b, a_root, b_root, path):
    global count
    for elem in a:
        tag = elem.tag
        if tag in SKIP:
            continue
        where = f'{path}{tag}'
        if tag not in b:
            problems.append(f'{where} {elem.keyword} missing')
            continue
        other = b[tag]
        count += 1
        if elem.VR not in AMBIGUOUS and elem.VR != other.VR:
            problems.append(f'{where} {elem.keyword} VR {elem.VR} became {other.VR}')
        if elem.VR == 'SQ':
            if len(elem.value) != len(other.value):
                problems.append(f'{where} {elem.keyword} has {len(elem.value)} items, copy {len(other.value)}')
                continue
            for i, (x, y) in enumerate(zip(elem.value, other.value)):
                compare(x, y, a_root, b_root, f'{where}[{i}].')
            continue
        if tag == 0x7FE00010 and path == '':
            if not np.array_equal(a.pixel_array, b.pixel_array):
                problems.append(f'{where} pixel arrays differ')
            continue
        if elem.VR in WORDS:
            dt = WORDS[elem.VR]
            x = np.frombuffer(elem.value, dtype=order(a_root) + dt)
            y = np.frombuffer(other.value, dtype=order(b_root) + dt)
            if not np.array_equal(x, y):
                problems.append(f'{where} {elem.keyword} {elem.VR} values differ')
            continue
        if elem.value != other.value:
            problems.append(f'{where} {elem.keyword} {elem.value!r} became {other.value!r}')

compare(src, out, src, out, '')
print('\n'.join(problems))
print(f'COMPARED {count}')
