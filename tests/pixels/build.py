import csv, json, os, shutil, random, hashlib
from collections import defaultdict
from pydicom.uid import UID
meta = json.load(open('staging/meta.json'))
idx = {}
for l in open('staging/cand_index.tsv'):
    cid, repo, path, commit, size = l.rstrip('\n').split('\t')
    idx[cid] = dict(repo=repo.replace('+', '/'), path=path, commit=commit, size=int(size))
LIC = {
 'pydicom/pydicom': 'MIT (repo LICENSE); src/pydicom/data/test_files/README.txt: "I believe there is no restriction on using any of these files", per-file origins listed there',
 'pydicom/pydicom-data': 'MIT (repo LICENSE); per-file origins in pydicom test_files/README.txt',
 'pydicom/pylibjpeg-data': 'MIT (repo LICENSE, which also reproduces the GDCM BSD-3 and OpenJPEG BSD-2 notices for derived data)',
 'Enet4/dicom-test-files': 'NEMA DICOM WG04 compression test set (ftp://medical.nema.org/MEDICAL/Dicom/DataSets/WG04); repo LICENSE.txt (MIT) covers code only and says data have their own licence files, none present for WG04; no redistribution restriction stated',
 'fo-dicom/fo-dicom': 'MS-PL (repo License.txt); no separate terms for test data; GH* files were attached to GitHub issues',
 'ivmartel/dwv': 'GPL-3.0 (repo license.txt); tests/data/readme.md names GDCM gdcmData (BSD-3 project) as origin of gdcm-* files',
 'dcm4che/dcm4che': 'MPL-1.1 / GPL-2.0 / LGPL-2.1 tri-licence (repo LICENSE.txt); no separate terms for test data',
 'cornerstonejs/dicomParser': 'MIT (repo LICENSE); testImages README: IM00001 from ClearCanvas sample data sets, converted with DCMTK',
}
rows = list(csv.DictReader(open('manifest.tsv'), delimiter='\t'))
# stratified split by (label, modality), keeping variant groups together
def mod(cid):
    m = meta[cid].get('modality') or ''
    return m if m else 'none'
groups = defaultdict(list)
for r in rows: groups[r['group']].append(r)
strata = defaultdict(list)
for g, rs in groups.items():
    strata[(rs[0]['label'], mod(rs[0]['id']))].append(g)
random.seed(20261204)
split = {}
carry = defaultdict(float)  # per label: fractional balance for singleton strata
for key in sorted(strata):
    gs = sorted(strata[key]); random.shuffle(gs)
    n = len(gs)
    want = n * 0.6 + carry[key[0]]
    k = int(want + 0.5) if n > 1 else (1 if want >= 0.5 else 0)
    k = min(k, n)
    carry[key[0]] = want - k
    for i, g in enumerate(gs):
        split[g] = 'tune' if i < k else 'check'
for d in ('tune', 'check', 'png'):
    shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
out = []
names = set()
for r in rows:
    cid = r['id']; m = meta[cid]; s = split[r['group']]; src = idx[cid]
    assert r['name'] not in names; names.add(r['name'])
    shutil.copyfile(f'staging/cand/{cid}.dcm', f'{s}/{r["name"]}')
    shutil.copyfile(f'staging/png/{cid}.png', f'png/{r["name"][:-4]}.png')
    ts = m.get('ts') or '1.2.840.10008.1.2 (no file meta; implicit VR LE)'
    try: tsname = f'{UID(ts).name} ({ts})' if m.get('ts') else ts
    except Exception: tsname = ts
    orig = os.path.basename(src['path'])
    notes = r['notes']
    if m.get('burned'): notes += f'; header BurnedInAnnotation={m["burned"]}'
    notes += f'; original file name {orig}; rendered by {m.get("rendered")}' + (f' (pydicom: {m.get("err","")[:90]})' if m.get('rendered') == 'dcmj2pnm' else '')
    out.append(dict(file=f'{s}/{r["name"]}', split=s, label=r['label'], modality=m.get('modality') or '',
        transfer_syntax=tsname, photometric=m.get('pi'), bits_allocated=m.get('bits'), frames=m.get('frames'),
        rows=m.get('rows'), columns=m.get('cols'), text_where=r['text_where'], source_repo=src['repo'],
        source_path=src['path'], source_commit=src['commit'], licence=LIC[src['repo']], notes=notes, _group=r['group']))
cols = 'file,split,label,modality,transfer_syntax,photometric,bits_allocated,frames,rows,columns,text_where,source_repo,source_path,source_commit,licence,notes'.split(',')
out.sort(key=lambda x: (x['split'] != 'tune', x['label'], x['file']))
with open('labels.csv', 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=cols, extrasaction='ignore'); w.writeheader(); w.writerows(out)
json.dump({o['file']: o['_group'] for o in out}, open('staging/groups.json', 'w'), indent=1)
from collections import Counter
print(Counter((o['label'], o['split']) for o in out))
from PIL import Image
for f in os.listdir('png'):
    im = Image.open(f'png/{f}')
    if max(im.size) > 2000:
        im.thumbnail((1600, 1600)); im.save(f'png/{f}', optimize=True); print('downscaled png', f, im.size)
