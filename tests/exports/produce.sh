#!/usr/bin/env bash
# Produce real PACS query exports and nmap results from real tools.
#
#   tests/exports/produce.sh OUTDIR
#
# Installs what is missing (Debian 12: orthanc, orthanc-dicomweb, dcmtk, nmap, curl,
# iproute2), starts Orthanc with authentication OFF and remote access allowed inside a
# private network namespace that has only loopback (`unshare --net`), loads the public
# pydicom test files from tests/fixtures/, runs DCMTK findscu/dcmdump/dcm2xml, curl
# (DICOMweb + Orthanc REST) and nmap against 127.0.0.1 only, writes everything into OUTDIR
# with an INDEX.md, then stops Orthanc. Nothing is sent anywhere but 127.0.0.1 inside the
# namespace. Needs root (or sudo) for apt-get and unshare.
set -euo pipefail
# Orthanc, ip and unshare live in sbin directories, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf '[produce] %s\n' "$*" >&2; }
die() { printf '[produce] ERROR: %s\n' "$*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 OUTDIR"

SCRIPT="$(readlink -f "${BASH_SOURCE[0]}")"
REPO="$(cd "$(dirname "$SCRIPT")/../.." && pwd)"
FIXTURES="$REPO/tests/fixtures"
PLUGIN_DIR=/usr/share/orthanc/plugins
DICOMWEB_PLUGIN="$PLUGIN_DIR/libOrthancDicomWeb.so"

# Files loaded into Orthanc. MR_small_bigendian.dcm carries the same UIDs as
# MR_small_implicit.dcm, so Orthanc keeps one instance ("AlreadyStored"); it is loaded on
# purpose (two files, one person). tests/fixtures/exports/expected_people.json must match.
LOAD_FILES=(CT_small.dcm JPEG2000.dcm MR_small_implicit.dcm MR_small_bigendian.dcm
            rtplan.dcm chrFren.dcm chrX1.dcm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo"
    SUDO="sudo"
fi

# ---------------------------------------------------------------- outer part (host netns)
if [ -z "${EXPORTS_IN_NETNS:-}" ]; then
    T0=$(date +%s)
    mkdir -p "$1"
    OUTDIR="$(cd "$1" && pwd)"

    need=()
    command -v Orthanc  >/dev/null || need+=(orthanc)
    [ -f "$DICOMWEB_PLUGIN" ]      || need+=(orthanc-dicomweb)
    command -v findscu  >/dev/null || need+=(dcmtk)
    command -v nmap     >/dev/null || need+=(nmap)
    command -v curl     >/dev/null || need+=(curl)
    command -v ip       >/dev/null || need+=(iproute2)
    command -v unshare  >/dev/null || need+=(util-linux)
    command -v python3  >/dev/null || need+=(python3)
    command -v timeout  >/dev/null || need+=(coreutils)
    if [ ${#need[@]} -gt 0 ]; then
        log "installing: ${need[*]}"
        # Keep the package from starting a system-wide Orthanc service on a real host:
        # a temporary policy-rc.d denies service starts during the install.
        added_policy=""
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
            $SUDO chmod +x /usr/sbin/policy-rc.d
            added_policy=1
        fi
        export DEBIAN_FRONTEND=noninteractive
        if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"; then
            $SUDO apt-get update
            $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
        fi
        [ -n "$added_policy" ] && $SUDO rm -f /usr/sbin/policy-rc.d
    fi
    [ -f "$DICOMWEB_PLUGIN" ] || die "DICOMweb plugin not found at $DICOMWEB_PLUGIN"
    ls /usr/share/nmap/scripts/dicom-ping.nse /usr/share/nmap/scripts/dicom-brute.nse >/dev/null \
        || die "nmap has no dicom-ping/dicom-brute scripts"

    # Private network namespace (only loopback) and private PID namespace: when the inner
    # script ends, however it ends, the kernel kills every process left in it (Orthanc).
    NS=(unshare --net --pid --fork --mount-proc --kill-child)
    $SUDO "${NS[@]}" true 2>/dev/null \
        || die "'unshare --net --pid' failed: needs root (CAP_SYS_ADMIN); in Docker run with --privileged"
    log "entering a private network namespace (loopback only)"
    $SUDO env EXPORTS_IN_NETNS=1 PATH="$PATH" "${NS[@]}" bash "$SCRIPT" "$OUTDIR"
    log "done in $(( $(date +%s) - T0 ))s -> $OUTDIR"
    exit 0
fi

# ---------------------------------------------------------------- inner part (private netns)
OUTDIR="$1"
ip link set lo up
# Guard: this namespace must have nothing but loopback.
if ip -o link show | grep -v ': lo:' | grep -q .; then
    die "network namespace has interfaces other than lo; refusing to run"
fi

WORK="$(mktemp -d /tmp/exports-orthanc.XXXXXX)"
ORTHANC_PID=""
BODY_PID=""
cleanup() {
    rc=$?
    trap - EXIT INT TERM
    if [ -n "$BODY_PID" ]; then
        kill "$BODY_PID" 2>/dev/null || true
        [ $rc -eq 0 ] && rc=130
        log "interrupted"
    fi
    if [ -n "$ORTHANC_PID" ] && kill -0 "$ORTHANC_PID" 2>/dev/null; then
        kill "$ORTHANC_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$ORTHANC_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$ORTHANC_PID" 2>/dev/null || true
        wait "$ORTHANC_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT INT TERM

cat >"$WORK/orthanc.json" <<EOF
{
  "Name": "ORTHANC",
  "StorageDirectory": "$WORK/storage",
  "IndexDirectory": "$WORK/storage",
  "HttpServerEnabled": true,
  "HttpPort": 8042,
  "DicomServerEnabled": true,
  "DicomAet": "ORTHANC",
  "DicomPort": 4242,
  "DicomCheckCalledAet": false,
  "AuthenticationEnabled": false,
  "RemoteAccessAllowed": true,
  "DicomAlwaysAllowFind": true,
  "DicomAlwaysAllowEcho": true,
  "Plugins": [ "$DICOMWEB_PLUGIN" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" }
}
EOF

log "starting Orthanc"
Orthanc "$WORK/orthanc.json" >"$WORK/orthanc.log" 2>&1 &
ORTHANC_PID=$!

BASE=http://127.0.0.1:8042
ok=""
for _ in $(seq 1 120); do
    if curl -sf --max-time 2 "$BASE/system" >/dev/null 2>&1; then ok=1; break; fi
    kill -0 "$ORTHANC_PID" 2>/dev/null || { cat "$WORK/orthanc.log" >&2; die "Orthanc exited"; }
    sleep 0.5
done
[ -n "$ok" ] || { tail -50 "$WORK/orthanc.log" >&2; die "Orthanc did not answer on $BASE/system within 60s"; }
# The DICOM port comes up with the HTTP one, but check it too.
for _ in $(seq 1 40); do
    echoscu -to 5 -aec ORTHANC 127.0.0.1 4242 >/dev/null 2>&1 && break
    sleep 0.5
done

# The work runs in the background and this shell waits for it: a signal then interrupts
# `wait` at once and the trap stops Orthanc (a foreground child that handles SIGINT itself
# would make bash ignore the signal). This shell is PID 1 of the private PID namespace, so
# when it exits the kernel kills whatever is left in it.
produce_all() {
log "loading ${#LOAD_FILES[@]} fixture files"
: >"$WORK/upload.log"
for f in "${LOAD_FILES[@]}"; do
    [ -f "$FIXTURES/$f" ] || die "missing fixture $FIXTURES/$f"
    curl -sS --max-time 30 -X POST "$BASE/instances" --data-binary "@$FIXTURES/$f" >>"$WORK/upload.log" \
        || die "upload of $f failed"
    echo >>"$WORK/upload.log"
done
cp "$WORK/upload.log" "$OUTDIR/orthanc-upload-responses.txt"

CURL=(curl -sS --max-time 30)
AE=(-aec ORTHANC -to 10 -ta 10 -td 10 127.0.0.1 4242)
Q_PATIENT=(-k QueryRetrieveLevel=PATIENT -k PatientName -k PatientID -k PatientBirthDate -k PatientSex)
Q_STUDY=(-k QueryRetrieveLevel=STUDY -k PatientName -k PatientID -k PatientBirthDate -k AccessionNumber
         -k StudyDate -k StudyDescription -k ReferringPhysicianName -k StudyInstanceUID -k ModalitiesInStudy)
Q_SERIES=(-k QueryRetrieveLevel=SERIES -k StudyInstanceUID -k PatientName -k PatientID -k SeriesInstanceUID
          -k Modality -k SeriesNumber -k SeriesDescription -k SeriesDate)

INDEX="$OUTDIR/INDEX.md"
{
    echo "# Real exports"
    echo
    echo "Produced by \`tests/exports/produce.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) inside a private network"
    echo "namespace (loopback only). Orthanc: authentication OFF, RemoteAccessAllowed, DicomCheckCalledAet false."
    echo
    echo "Tools: $(Orthanc --version 2>&1 | head -1); $(findscu --version 2>&1 | head -1 | tr -d '$'); $(nmap --version | head -1)"
    echo
    echo "Loaded (tests/fixtures): ${LOAD_FILES[*]}"
    echo
    echo "| file | tool | command | contents |"
    echo "|---|---|---|---|"
} >"$INDEX"
idx() { # file tool command contents
    local cmd="${3//|/\\|}"
    printf '| %s | %s | `%s` | %s |\n' "$1" "$2" "$cmd" "$4" >>"$INDEX"
}

# findscu prints everything on stderr; capture both streams.
run_findscu() { # outfile description args...
    local out="$1" desc="$2"; shift 2
    (cd "$WORK" && timeout --foreground 60 findscu "$@" "${AE[@]}") >"$OUTDIR/$out" 2>&1 \
        || log "findscu for $out exited non-zero (kept output)"
    idx "$out" findscu "findscu $* -aec ORTHANC 127.0.0.1 4242" "$desc"
}

log "findscu"
for v in plain v d; do
    flag=(); sfx=""
    [ "$v" = v ] && { flag=(-v); sfx="-v"; }
    [ "$v" = d ] && { flag=(-d); sfx="-d"; }
    run_findscu "findscu-patientroot-PATIENT${sfx}.txt" "console output ($v), patient root, PATIENT level" -P "${flag[@]}" "${Q_PATIENT[@]}"
    run_findscu "findscu-studyroot-STUDY${sfx}.txt" "console output ($v), study root, STUDY level" -S "${flag[@]}" "${Q_STUDY[@]}"
    run_findscu "findscu-studyroot-SERIES${sfx}.txt" "console output ($v), study root, SERIES level (universal StudyInstanceUID)" -S "${flag[@]}" "${Q_SERIES[@]}"
done

mkdir -p "$OUTDIR/findscu-X-study" "$OUTDIR/findscu-Xx-study" "$OUTDIR/findscu-X-patient"
(timeout --foreground 60 findscu -S -X -od "$OUTDIR/findscu-X-study" "${Q_STUDY[@]}" "${AE[@]}") >/dev/null 2>&1 || log "findscu -X failed"
idx "findscu-X-study/rsp*.dcm" findscu "findscu -S -X -od findscu-X-study ${Q_STUDY[*]} -aec ORTHANC 127.0.0.1 4242" "one DICOM file per STUDY-level C-FIND response"
(timeout --foreground 60 findscu -P -X -od "$OUTDIR/findscu-X-patient" "${Q_PATIENT[@]}" "${AE[@]}") >/dev/null 2>&1 || log "findscu -X (patient) failed"
idx "findscu-X-patient/rsp*.dcm" findscu "findscu -P -X -od findscu-X-patient ${Q_PATIENT[*]} -aec ORTHANC 127.0.0.1 4242" "one DICOM file per PATIENT-level C-FIND response"
(timeout --foreground 60 findscu -S -Xx -od "$OUTDIR/findscu-Xx-study" "${Q_STUDY[@]}" "${AE[@]}") >/dev/null 2>&1 || log "findscu -Xx failed"
idx "findscu-Xx-study/rsp*.xml" findscu "findscu -S -Xx -od findscu-Xx-study ${Q_STUDY[*]} -aec ORTHANC 127.0.0.1 4242" "one DCMTK-XML file per STUDY-level response"
(timeout --foreground 60 findscu -S -Xs "$OUTDIR/findscu-Xs-study.xml" "${Q_STUDY[@]}" "${AE[@]}") >/dev/null 2>&1 || log "findscu -Xs failed"
idx "findscu-Xs-study.xml" findscu "findscu -S -Xs findscu-Xs-study.xml ${Q_STUDY[*]} -aec ORTHANC 127.0.0.1 4242" "all STUDY-level responses in one XML (<responses> root)"
(timeout --foreground 60 findscu -P -Xs "$OUTDIR/findscu-Xs-patient.xml" "${Q_PATIENT[@]}" "${AE[@]}") >/dev/null 2>&1 || log "findscu -Xs (patient) failed"
idx "findscu-Xs-patient.xml" findscu "findscu -P -Xs findscu-Xs-patient.xml ${Q_PATIENT[*]} -aec ORTHANC 127.0.0.1 4242" "all PATIENT-level responses in one XML"

log "dcmdump / dcm2xml"
dcmdump "$FIXTURES/CT_small.dcm" >"$OUTDIR/dcmdump-CT_small.txt" 2>&1 || true
idx dcmdump-CT_small.txt dcmdump "dcmdump tests/fixtures/CT_small.dcm" "text dump of one loaded file"
dcmdump "$FIXTURES/chrFren.dcm" >"$OUTDIR/dcmdump-chrFren.txt" 2>&1 || true
idx dcmdump-chrFren.txt dcmdump "dcmdump tests/fixtures/chrFren.dcm" "text dump, ISO_IR 100 name (raw Latin-1 bytes in the output)"
dcm2xml "$FIXTURES/CT_small.dcm" >"$OUTDIR/dcm2xml-CT_small.xml" 2>&1 || true
idx dcm2xml-CT_small.xml dcm2xml "dcm2xml tests/fixtures/CT_small.dcm" "DCMTK-specific XML (<file-format>)"
dcm2xml --native-format "$FIXTURES/CT_small.dcm" >"$OUTDIR/dcm2xml-native-CT_small.xml" 2>&1 || true
idx dcm2xml-native-CT_small.xml dcm2xml "dcm2xml --native-format tests/fixtures/CT_small.dcm" "PS3.19 Native DICOM Model XML (<NativeDicomModel>)"

log "DICOMweb"
J=(-H 'Accept: application/dicom+json')
"${CURL[@]}" "${J[@]}" "$BASE/dicom-web/studies" >"$OUTDIR/qido-studies.json"
idx qido-studies.json curl "curl -H 'Accept: application/dicom+json' $BASE/dicom-web/studies" "QIDO-RS all studies (DICOM JSON)"
code=$("${CURL[@]}" "${J[@]}" -o "$WORK/qido-patients.json" -w '%{http_code}' "$BASE/dicom-web/patients" || true)
if [ "$code" = 200 ]; then
    cp "$WORK/qido-patients.json" "$OUTDIR/qido-patients.json"
    idx qido-patients.json curl "curl -H 'Accept: application/dicom+json' $BASE/dicom-web/patients" "non-standard /patients"
else
    log "/dicom-web/patients answered HTTP $code (not standard; skipped)"
    echo "| (none) | curl | \`curl $BASE/dicom-web/patients\` | not standard: Orthanc answered HTTP $code, skipped |" >>"$INDEX"
fi
STUDY_UID=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(s["0020000D"]["Value"][0] for s in d)[0])' "$OUTDIR/qido-studies.json")
"${CURL[@]}" "${J[@]}" "$BASE/dicom-web/studies/$STUDY_UID/series" >"$OUTDIR/qido-study-series.json"
idx qido-study-series.json curl "curl -H 'Accept: application/dicom+json' $BASE/dicom-web/studies/$STUDY_UID/series" "QIDO-RS series of one study"
SERIES_UID=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[0]["0020000E"]["Value"][0])' "$OUTDIR/qido-study-series.json")
"${CURL[@]}" "${J[@]}" "$BASE/dicom-web/studies/$STUDY_UID/series/$SERIES_UID/instances" >"$OUTDIR/qido-series-instances.json"
idx qido-series-instances.json curl "curl -H 'Accept: application/dicom+json' $BASE/dicom-web/studies/$STUDY_UID/series/$SERIES_UID/instances" "QIDO-RS instances of one series"
"${CURL[@]}" "${J[@]}" "$BASE/dicom-web/studies/$STUDY_UID/metadata" >"$OUTDIR/wado-study-metadata.json"
idx wado-study-metadata.json curl "curl -H 'Accept: application/dicom+json' $BASE/dicom-web/studies/$STUDY_UID/metadata" "WADO-RS metadata of one study (full header, bulk data as BulkDataURI)"
"${CURL[@]}" "${J[@]}" "$BASE/dicom-web/series" >"$OUTDIR/qido-series.json"
idx qido-series.json curl "curl -H 'Accept: application/dicom+json' $BASE/dicom-web/series" "QIDO-RS all series"

log "Orthanc REST"
rest() { # outfile path description
    "${CURL[@]}" "$BASE$2" >"$OUTDIR/$1"
    idx "$1" curl "curl '$BASE$2'" "$3"
}
rest orthanc-system.json /system "server info (Name, DicomAet, Version, plugins)"
rest orthanc-statistics.json /statistics "counts of patients/studies/series/instances, disk size"
rest orthanc-patients.json /patients "patient resource IDs only (hashes, no identifiers)"
rest orthanc-patients-expand.json '/patients?expand' "all patients with MainDicomTags"
rest orthanc-studies-expand.json '/studies?expand' "all studies with MainDicomTags + PatientMainDicomTags"
rest orthanc-series-expand.json '/series?expand' "all series with MainDicomTags"
find_post() { # outfile level
    "${CURL[@]}" -X POST "$BASE/tools/find" -d "{\"Level\":\"$2\",\"Query\":{\"PatientName\":\"*\"},\"Expand\":true}" >"$OUTDIR/$1"
    idx "$1" curl "curl -X POST $BASE/tools/find -d '{\"Level\":\"$2\",\"Query\":{\"PatientName\":\"*\"},\"Expand\":true}'" "tools/find at $2 level, expanded"
}
find_post orthanc-tools-find-study.json Study
find_post orthanc-tools-find-patient.json Patient
INSTANCE=$("${CURL[@]}" "$BASE/tools/find" -d '{"Level":"Instance","Query":{"PatientID":"1CT1"}}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
rest orthanc-instance-tags.json "/instances/$INSTANCE/tags" "full tag dump of the CT_small instance (Name/Type/Value per tag)"
rest orthanc-instance-tags-simplify.json "/instances/$INSTANCE/tags?simplify" "same, keyword -> value"
rest orthanc-instance-tags-short.json "/instances/$INSTANCE/tags?short" "same, gggg,eeee -> value"

log "CSV worklists (hand-made from the real /studies?expand answer)"
python3 - "$OUTDIR/orthanc-studies-expand.json" "$OUTDIR" <<'PY'
import csv, json, sys
studies = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
def fmt_date(d):
    return f"{d[6:8]}.{d[4:6]}.{d[0:4]}" if len(d) == 8 else d
rows = []
for s in sorted(studies, key=lambda s: (s["PatientMainDicomTags"].get("PatientID", ""), s["MainDicomTags"].get("StudyDate", ""))):
    p, m = s["PatientMainDicomTags"], s["MainDicomTags"]
    rows.append({
        "name": p.get("PatientName", ""), "id": p.get("PatientID", ""), "dob": p.get("PatientBirthDate", ""),
        "sex": p.get("PatientSex", ""), "acc": m.get("AccessionNumber", ""), "date": m.get("StudyDate", ""),
        "desc": m.get("StudyDescription", ""), "ref": m.get("ReferringPhysicianName", ""),
    })
with open(f"{out}/worklist-en-utf8bom.csv", "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Patient Name", "Patient ID", "DOB", "Accession #", "Study Date", "Study Description", "Referring Physician"])
    for r in rows:
        w.writerow([r["name"], r["id"], r["dob"], r["acc"], r["date"], r["desc"], r["ref"]])
with open(f"{out}/worklist-de-cp1252.csv", "w", encoding="cp1252", errors="replace", newline="") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n")
    w.writerow(["Patientenname", "Geburtsdatum", "PID", "Geschlecht", "Auftragsnummer", "Untersuchungsdatum", "Beschreibung", "Überweiser"])
    for r in rows:
        name = r["name"].replace("^", ", ", 1).replace("^", " ")
        w.writerow([name, fmt_date(r["dob"]), r["id"], r["sex"], r["acc"], fmt_date(r["date"]), r["desc"], r["ref"]])
PY
idx worklist-en-utf8bom.csv python3 "(hand-made) orthanc-studies-expand.json -> csv, UTF-8 with BOM, comma" "one row per study; Patient Name, Patient ID, DOB, Accession #, Study Date, Study Description, Referring Physician"
idx worklist-de-cp1252.csv python3 "(hand-made) orthanc-studies-expand.json -> csv, Windows-1252, semicolon, CRLF" "German headers (Patientenname;Geburtsdatum;PID;...), dates DD.MM.YYYY, names 'Last, First'; characters outside cp1252 become '?'"

log "nmap (127.0.0.1 only)"
timeout --foreground 600 nmap -p 4242,8042,104,11112 -sV --script dicom-ping,dicom-brute \
    -oX "$OUTDIR/nmap-dicom.xml" -oN "$OUTDIR/nmap-dicom.txt" 127.0.0.1 >/dev/null 2>"$WORK/nmap.err" \
    || { cat "$WORK/nmap.err" >&2; log "nmap (dicom scripts) failed"; }
idx "nmap-dicom.xml, nmap-dicom.txt" nmap "nmap -p 4242,8042,104,11112 -sV --script dicom-ping,dicom-brute -oX nmap-dicom.xml -oN nmap-dicom.txt 127.0.0.1" "XML and normal output; dicom-ping verdict on 4242"
timeout --foreground 600 nmap -p 4242,8042,104,11112 -sV -sC \
    -oX "$OUTDIR/nmap-default-scripts.xml" -oN "$OUTDIR/nmap-default-scripts.txt" 127.0.0.1 >/dev/null 2>"$WORK/nmap.err" \
    || { cat "$WORK/nmap.err" >&2; log "nmap -sC failed"; }
idx "nmap-default-scripts.xml, nmap-default-scripts.txt" nmap "nmap -p 4242,8042,104,11112 -sV -sC -oX nmap-default-scripts.xml -oN nmap-default-scripts.txt 127.0.0.1" "default scripts (dicom-ping is in 'default')"
timeout --foreground 300 nmap -p 4242,8042 -sV --script dicom-ping -oG "$OUTDIR/nmap-dicom.gnmap" 127.0.0.1 >/dev/null 2>"$WORK/nmap.err" \
    || { cat "$WORK/nmap.err" >&2; log "nmap -oG failed"; }
idx nmap-dicom.gnmap nmap "nmap -p 4242,8042 -sV --script dicom-ping -oG nmap-dicom.gnmap 127.0.0.1" "grepable output (script results are not in -oG)"

# Sanity: every output exists and is non-empty, and the C-FIND runs got answers.
missing=()
while read -r f; do
    [ -s "$OUTDIR/$f" ] || missing+=("$f")
done <<'LIST'
findscu-patientroot-PATIENT.txt
findscu-studyroot-STUDY.txt
findscu-studyroot-SERIES.txt
findscu-X-study/rsp0001.dcm
findscu-X-patient/rsp0001.dcm
findscu-Xx-study/rsp0001.xml
findscu-Xs-study.xml
findscu-Xs-patient.xml
dcmdump-CT_small.txt
dcm2xml-CT_small.xml
dcm2xml-native-CT_small.xml
qido-studies.json
qido-series.json
wado-study-metadata.json
orthanc-patients-expand.json
orthanc-studies-expand.json
orthanc-tools-find-study.json
orthanc-instance-tags.json
worklist-en-utf8bom.csv
worklist-de-cp1252.csv
nmap-dicom.xml
nmap-dicom.txt
nmap-default-scripts.xml
LIST
grep -aq 'Find Response: 1 ' "$OUTDIR/findscu-studyroot-STUDY.txt" || missing+=("(no C-FIND answers in findscu-studyroot-STUDY.txt)")
grep -q 'Any AET is accepted' "$OUTDIR/nmap-dicom.txt" || missing+=("(no dicom-ping verdict in nmap-dicom.txt)")

cp "$WORK/orthanc.log" "$OUTDIR/orthanc-server.log"
idx orthanc-server.log Orthanc "Orthanc orthanc.json" "server log of this run"
[ ${#missing[@]} -eq 0 ] || die "missing or empty outputs: ${missing[*]}"
}

produce_all &
BODY_PID=$!
wait "$BODY_PID" || { rc=$?; BODY_PID=""; exit "$rc"; }
BODY_PID=""
log "stopping Orthanc"
