#!/usr/bin/env python3
"""Check the CLI against real PACS exports and nmap results.

    tests/exports/check.py OUTDIR EXPECTED_JSON CLI_BINARY

OUTDIR is what tests/exports/produce.sh wrote (or tests/fixtures/exports/, the committed
copy); EXPECTED_JSON is tests/fixtures/exports/expected_people.json; CLI_BINARY is the
built `dicom-exposure-check`. For every output it runs `CLI_BINARY scan --json FILE...`
(a directory entry such as `findscu-X-study/` is scanned as all its files in one run) and
asserts:

  (a) summary.distinct_people equals the number of people that output holds (all loaded
      people for patient/study lists, 1 for one study or instance, 0 for outputs without
      patient identifiers);
  (b) for nmap XML/text: a finding in files[i].network[] with the expected rule_id on the
      expected port (and host, severity).

Prints `ok ...` / `FAIL ...` per check and `exports: N passed, M failed` last; exits 1 on
any failure, 2 on bad usage. Python 3.11 standard library only.
"""
import json
import tempfile
import os
import subprocess
import sys

TIMEOUT = 120


def run_cli(cli, paths):
    """Run the CLI; return (report dict or None, problem text).

    `scan --json` streams JSON lines: one {"type": "file"} object per file, then one
    {"type": "summary"} object; they are put back together as one report ("files" + the rest).
    """
    try:
        proc = subprocess.run(
            [cli, "scan", "--json", *paths],
            capture_output=True,
            timeout=TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"could not run CLI: {e}"
    try:
        lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]
        report = next(line for line in lines if line.get("type") == "summary")
        report["files"] = [line for line in lines if line.get("type") == "file"]
        return report, ""
    except (UnicodeDecodeError, json.JSONDecodeError, StopIteration, AttributeError) as e:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, f"no JSON on stdout (exit {proc.returncode}): {e}; stderr: {err[-1] if err else ''}"


def expand(outdir, entry):
    """An entry is a file, or a directory (trailing '/') whose files are scanned together."""
    path = os.path.join(outdir, entry)
    if entry.endswith("/"):
        if not os.path.isdir(path):
            return None
        files = sorted(
            os.path.join(path, f) for f in os.listdir(path) if os.path.isfile(os.path.join(path, f))
        )
        return files or None
    return [path] if os.path.isfile(path) else None


def port_matches(value, port):
    try:
        return int(value) == int(port)
    except (TypeError, ValueError):
        return False


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    outdir, expected_path, cli = argv[1:]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    if not os.path.isdir(outdir):
        print(f"no such directory: {outdir}", file=sys.stderr)
        return 2
    if not (os.path.isfile(cli) and os.access(cli, os.X_OK)):
        print(f"CLI binary not found or not executable: {cli}", file=sys.stderr)
        return 2

    passed = failed = 0

    def result(ok, text):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok   {text}")
        else:
            failed += 1
            print(f"FAIL {text}")

    # (a) people per output
    for entry, want in expected["people_by_output"].items():
        paths = expand(outdir, entry)
        if paths is None:
            result(False, f"{entry}: missing in {outdir}")
            continue
        report, problem = run_cli(cli, paths)
        if report is None:
            result(False, f"{entry}: {problem}")
            continue
        try:
            got = report["summary"]["distinct_people"]
        except (KeyError, TypeError):
            result(False, f"{entry}: report has no summary.distinct_people")
            continue
        label = f"{len(paths)} files" if len(paths) > 1 else "1 file"
        result(got == want, f"{entry}: distinct_people {got}, expected {want} ({label})")

    # (b) network findings in scan results
    for entry, wants in expected.get("network", {}).items():
        paths = expand(outdir, entry)
        if paths is None:
            result(False, f"{entry}: missing in {outdir}")
            continue
        report, problem = run_cli(cli, paths)
        if report is None:
            result(False, f"{entry}: {problem}")
            continue
        network = []
        for file_report in report.get("files") or []:
            network.extend(file_report.get("network") or [])
        for want in wants:
            rule, port = want["rule_id"], want["port"]
            hits = [n for n in network if n.get("rule_id") == rule and port_matches(n.get("port"), port)]
            if not hits:
                seen = sorted({f"{n.get('rule_id')}@{n.get('port')}" for n in network}) or ["none"]
                result(False, f"{entry}: no network finding {rule} on port {port} (network findings: {', '.join(seen)})")
                continue
            result(True, f"{entry}: network finding {rule} on port {port}")
            hit = hits[0]
            if "host" in want:
                result(hit.get("host") == want["host"], f"{entry}: {rule} host {hit.get('host')!r}, expected {want['host']!r}")
            if "severity" in want:
                result(hit.get("severity") == want["severity"],
                       f"{entry}: {rule} severity {hit.get('severity')!r}, expected {want['severity']!r}")
            if want.get("host") in ("127.0.0.1", "::1"):
                result(hit.get("public_address") is False,
                       f"{entry}: {rule} public_address {hit.get('public_address')!r}, expected False for loopback")

    # (c) the same scan from the Internet side: nmap's verdict on a public address is critical.
    # The real XML is copied with its loopback address replaced by a public one (nothing is
    # sent anywhere; only the text changes).
    public_ip = "93.184.216.34"
    for entry in ("nmap-dicom.xml", "nmap-dicom.txt"):
        paths = expand(outdir, entry)
        if paths is None:
            continue
        with open(paths[0], encoding="utf-8", errors="replace") as f:
            text = f.read().replace("127.0.0.1", public_ip).replace("localhost", "pacs.example.org")
        with tempfile.TemporaryDirectory() as tmp:
            public_copy = os.path.join(tmp, "public-" + entry)
            with open(public_copy, "w", encoding="utf-8") as f:
                f.write(text)
            report, problem = run_cli(cli, [public_copy])
        if report is None:
            result(False, f"{entry} on a public address: {problem}")
            continue
        hits = [n for fr in report.get("files") or [] for n in fr.get("network") or []
                if n.get("rule_id") == "N-DICOM-ANY-AET"]
        ok = bool(hits) and hits[0].get("severity") == "critical" and hits[0].get("public_address") is True
        result(ok, f"{entry} on public address {public_ip}: N-DICOM-ANY-AET is critical "
                   f"(got {hits[0].get('severity') if hits else 'no finding'})")

    print(f"exports: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
