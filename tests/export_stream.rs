//! Large exports read from a reader in parts: the report is the one reading the file whole
//! gives, locations count from the start of the file, and no read is larger than a chunk.

use std::io::{Cursor, Read, Seek, SeekFrom};

use dicom_exposure_check::rules::network::NetworkRule;
use dicom_exposure_check::scan::{
    scan_reader, EXPORT_CHUNK_BYTES, FIRST_READ_BYTES, MAX_FINDINGS_PER_FILE, STREAM_EXPORTS_OVER,
};
use dicom_exposure_check::{scan_complete, DetectOptions, FileReport, FileStatus};

/// Total size of the generated exports: three chunks and more, past the streaming threshold.
const LARGE_BYTES: usize = 12 * 1024 * 1024;

/// A reader that records the largest single read and the bytes read in all.
struct Recording<R> {
    inner: R,
    largest_read: usize,
    total_read: u64,
}

impl<R: Read> Read for Recording<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.largest_read = self.largest_read.max(n);
        self.total_read += n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for Recording<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Scan `bytes` through a recording reader: the reports, the largest read, the total read.
fn scan_recorded(name: &str, bytes: &[u8]) -> (Vec<FileReport>, usize, u64) {
    let mut reader = Recording {
        inner: Cursor::new(bytes),
        largest_read: 0,
        total_read: 0,
    };
    let reports = scan_reader(name, &mut reader, &DetectOptions::default());
    (reports, reader.largest_read, reader.total_read)
}

/// Assert the streamed scan of `bytes` equals, field by field, the whole-file scan, and that
/// it was read in chunks: no read past a chunk, the file read about once.
fn assert_streamed_like_whole(name: &str, bytes: &[u8]) -> FileReport {
    assert!(bytes.len() as u64 > STREAM_EXPORTS_OVER);
    let whole = scan_complete(name, bytes, &DetectOptions::default());
    assert_eq!(whole.status, FileStatus::Ok, "{:?}", whole.message);
    let started = std::time::Instant::now();
    let (reports, largest_read, total_read) = scan_recorded(name, bytes);
    eprintln!(
        "{name}: {} bytes, streamed in {:?}, largest read {largest_read}, {total_read} bytes read",
        bytes.len(),
        started.elapsed()
    );
    assert_eq!(reports.len(), 1);
    let streamed = &reports[0];
    // Field by field first, for a readable failure, then all at once.
    assert_eq!(streamed.status, whole.status, "{:?}", streamed.message);
    assert_eq!(streamed.kind, whole.kind);
    assert_eq!(streamed.records, whole.records);
    assert_eq!(streamed.query_level, whole.query_level);
    assert_eq!(streamed.warnings, whole.warnings);
    assert_eq!(streamed.distinct_people, whole.distinct_people);
    assert!(streamed.people == whole.people, "the people differ");
    assert_eq!(streamed.findings.len(), whole.findings.len());
    // The first finding whose location differs, rather than two lists of many thousands.
    let differs = streamed
        .findings
        .iter()
        .zip(&whole.findings)
        .find(|(s, w)| s.location != w.location);
    assert_eq!(differs.map(|(s, w)| (&s.location, &w.location)), None);
    assert!(streamed == &whole, "the reports differ in another field");
    // Memory bound: the whole path would read the file in reads of many MiB.
    assert!(
        largest_read > 0 && largest_read <= EXPORT_CHUNK_BYTES,
        "{largest_read}"
    );
    assert!(
        total_read <= (bytes.len() + FIRST_READ_BYTES) as u64,
        "{total_read} bytes read for a file of {}",
        bytes.len()
    );
    whole
}

/// A findscu log with thousands of responses, built from a real one (Latin-1, so every part
/// warns of Latin-1 lines): its request echo, then all its responses repeated with the first
/// one's name and ID changed (people repeat every 1,000 repeats, so a person is seen in
/// several parts), then its closing lines. Returns the log and its number of responses.
fn large_findscu_log() -> (Vec<u8>, usize) {
    let path = format!(
        "{}/tests/fixtures/exports/findscu_study_v.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    let log: String = bytes.iter().map(|&b| char::from(b)).collect();
    let lines: Vec<&str> = log.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("I: ----"))
        .expect("a response separator");
    let close = lines
        .iter()
        .position(|l| l.starts_with("I: Received Final Find Response"))
        .expect("a closing line");
    let block = lines[first..close].join("\n") + "\n";
    let per_block = block.matches("Find Response:").count();
    assert!(block.contains("CompressedSamples^CT1 ") && block.contains("[1CT1]"));
    assert!(!block.is_ascii(), "the fixture has Latin-1 names");
    let mut out = lines[..first].join("\n") + "\n";
    let mut repeats = 0;
    while out.len() < LARGE_BYTES {
        repeats += 1;
        let person = repeats % 1000;
        // Same widths as the originals, so the `#  22, 1` comments stay true.
        out.push_str(
            &block
                .replace(
                    "CompressedSamples^CT1 ",
                    &format!("Patient{person:06}^JaneDoe "),
                )
                .replace("[1CT1]", &format!("[{person:04}]")),
        );
    }
    out.push_str(&(lines[close..].join("\n") + "\n"));
    let latin1 = out
        .chars()
        .map(|c| u8::try_from(c).unwrap_or(b'?'))
        .collect();
    (latin1, repeats * per_block)
}

#[test]
fn large_findscu_log_is_read_in_parts_with_the_whole_file_report() {
    let (log, responses) = large_findscu_log();
    let report = assert_streamed_like_whole("large-findscu.txt", &log);
    assert_eq!(report.records, responses);
    assert!(report.distinct_people >= 1000, "{}", report.distinct_people);
    assert_eq!(report.query_level.as_deref(), Some("STUDY"));
    // Counted over all parts, as the whole file counts them.
    assert!(
        report.warnings.iter().any(|w| w.contains("not UTF-8")),
        "{:?}",
        report.warnings
    );
    // The last response's data set starts at this line of the file, far past the first part.
    let lines: Vec<&[u8]> = log.split(|&b| b == b'\n').collect();
    let last_data_set = lines
        .iter()
        .rposition(|&l| l == b"I: # Dicom-Data-Set")
        .map_or(0, |i| i + 1);
    let lines_per_chunk = log[..EXPORT_CHUNK_BYTES]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    assert!(last_data_set > 2 * lines_per_chunk);
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("line {last_data_set}").as_str()));
}

/// A CSV worklist past the streaming threshold, where a quoted field holding line breaks
/// straddles the end of the first chunk. Returns the text and its number of data rows.
fn large_worklist() -> (String, usize) {
    // Windows line ends, as worklists exported on Windows have them.
    let mut out = String::from("Patient Name,MRN,Date of Birth,Comment\r\n");
    // Long rows, so the file stays under the findings cap.
    let filler = format!("seen, no remarks {}", "-".repeat(200));
    let mut rows = 0;
    let mut row = |out: &mut String, comment: &str| {
        rows += 1;
        let person = rows % 5000;
        out.push_str(&format!(
            "\"Doe{person:05}, Jane\",MRN{person:06},1970-01-{:02},\"{comment}\"\r\n",
            person % 28 + 1
        ));
    };
    while out.len() < EXPORT_CHUNK_BYTES - 1000 {
        row(&mut out, &filler);
    }
    // This field holds the chunk's end, with a line break on either side of it inside quotes.
    let straddling = format!("first line\nfiller {}\nlast line", "x".repeat(2000));
    row(&mut out, &straddling);
    let field_start = out.len() - straddling.len() - 3;
    assert!(field_start < EXPORT_CHUNK_BYTES - 20 && out.len() > EXPORT_CHUNK_BYTES + 20);
    while out.len() < LARGE_BYTES {
        row(&mut out, &format!("call back\non Monday; {filler}"));
    }
    (out, rows)
}

#[test]
fn large_worklist_is_read_in_parts_with_the_whole_file_report() {
    let (csv, rows) = large_worklist();
    let report = assert_streamed_like_whole("large-worklist.csv", csv.as_bytes());
    assert_eq!(report.records, rows);
    assert_eq!(report.distinct_people, 5000);
    // The header is row 1, so the last of `rows` data rows is row `rows + 1` of the file.
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("row {}", rows + 1).as_str()));
}

/// A worklist whose header row sits below a title line and a blank line, as report-style
/// exports from a RIS have it: the title is a row of the first part only.
#[test]
fn large_worklist_under_a_title_is_read_in_parts_with_the_whole_file_report() {
    let (csv, rows) = large_worklist();
    let titled = format!("Patients seen in May 2024, exported by RIS\r\n\r\n{csv}");
    let report = assert_streamed_like_whole("titled-worklist.csv", titled.as_bytes());
    // The title line is row 1, the header row 2.
    assert_eq!(report.distinct_people, 5000);
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("row {}", rows + 2).as_str()));
}

/// Excel's "Unicode text" export: the same worklist in UTF-16 (little-endian, with its byte
/// order mark), with accented and non-BMP names.
#[test]
fn large_utf16_worklist_is_read_in_parts_with_the_whole_file_report() {
    let (csv, rows) = large_worklist();
    let csv = csv.replace("Jane", "Jos\u{e9}\u{1F600}");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in csv.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let report = assert_streamed_like_whole("large-worklist.txt", &bytes);
    assert_eq!(report.records, rows);
    assert_eq!(report.distinct_people, 5000);
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("row {}", rows + 1).as_str()));
}

#[test]
fn findings_past_the_per_file_limit_are_counted_not_listed() {
    let worklist = |rows: usize| {
        let mut out = String::from("Patient Name,MRN,Date of Birth\n");
        for i in 0..rows {
            out.push_str(&format!("\"Doe{i:06}, Jane\",MRN{i:07},1970-01-01\n"));
        }
        out
    };
    let options = DetectOptions::default();
    let sample = scan_complete("sample.csv", worklist(10).as_bytes(), &options);
    let per_row = sample.findings.len() / 10;
    assert!(per_row >= 2, "{:?}", sample.findings);
    let rows = MAX_FINDINGS_PER_FILE / per_row + 1000;
    let report = scan_complete("big.csv", worklist(rows).as_bytes(), &options);
    assert_eq!(report.findings.len(), MAX_FINDINGS_PER_FILE);
    let unlisted = per_row * rows - MAX_FINDINGS_PER_FILE;
    let expected = format!("{unlisted} more finding(s) were not listed");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.to_string().starts_with(&expected)),
        "{:?}",
        report.warnings
    );
    // People are all counted all the same.
    assert_eq!(report.distinct_people, rows);
    assert_eq!(report.records, rows);
}

/// A QIDO-RS answer (DICOM JSON array) past the streaming threshold, from a real one: its data
/// sets repeated with other names, each with a description holding JSON's delimiters inside a
/// string (`"`, `,`, `]`, `}`), and now and then an element that is not a data set. Returns
/// the text and its number of elements.
fn large_qido_answer() -> (String, usize) {
    let path = format!(
        "{}/tests/fixtures/exports/qido-studies.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    let studies: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
    let mut elements = Vec::new();
    let mut size = 0;
    while size < LARGE_BYTES {
        let i = elements.len();
        let element = if i % 997 == 500 {
            // Not a data set: skipped with a counted warning, but it has an index.
            serde_json::json!(42)
        } else {
            let mut study = studies[i % studies.len()].clone();
            study["00100010"] = serde_json::json!({
                "vr": "PN", "Value": [{"Alphabetic": format!("Doe{:04}^Jane", i % 2000)}]
            });
            study["00081030"] = serde_json::json!({
                "vr": "LO", "Value": [format!("said \"no\", then ]}}{{[ {i}")]
            });
            study
        };
        let element = if i % 2 == 0 {
            serde_json::to_string_pretty(&element)
        } else {
            serde_json::to_string(&element)
        }
        .expect("serialisable");
        size += element.len() + 2;
        elements.push(element);
    }
    let count = elements.len();
    (format!("[\n{}\n]\n", elements.join(",\n")), count)
}

#[test]
fn large_dicom_json_array_is_read_in_parts_with_the_whole_file_report() {
    let (json, elements) = large_qido_answer();
    let report = assert_streamed_like_whole("large-qido.json", json.as_bytes());
    let skipped = (0..elements).filter(|i| i % 997 == 500).count();
    assert_eq!(report.records, elements - skipped);
    assert!(report.distinct_people >= 2000, "{}", report.distinct_people);
    assert!(
        report.warnings.iter().any(|w| w
            .to_string()
            .starts_with(&format!("{skipped} array element(s)"))),
        "{:?}",
        report.warnings
    );
    // Pointers are indices in the whole array, far past the first part.
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("/{}", elements - 1).as_str()));
}

/// An Orthanc `/patients?expand` answer with thousands of patients, built from a real one:
/// its patients repeated with names and IDs changed, some elements bare Orthanc IDs (as an
/// answer without `expand` holds; counted, not records).
fn large_orthanc_answer() -> (String, usize) {
    let path = format!(
        "{}/tests/fixtures/exports/orthanc-patients-expand.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    let patients: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
    let mut elements = Vec::new();
    let mut size = 0;
    while size < LARGE_BYTES {
        let i = elements.len();
        let element = if i % 991 == 7 {
            serde_json::json!("8a8cf898-ca27c490-d0c7058c-929d0581-2bbf104d")
        } else {
            let mut patient = patients[i % patients.len()].clone();
            patient["MainDicomTags"]["PatientName"] =
                serde_json::json!(format!("Roe{:04}^Ann \"[x]\", {{y}}", i % 1500));
            patient["MainDicomTags"]["PatientID"] = serde_json::json!(format!("ID{i:07}"));
            patient
        };
        let element = serde_json::to_string_pretty(&element).expect("serialisable");
        size += element.len() + 2;
        elements.push(element);
    }
    let count = elements.len();
    (format!("[\n{}\n]\n", elements.join(",\n")), count)
}

#[test]
fn large_orthanc_array_is_read_in_parts_with_the_whole_file_report() {
    let (json, elements) = large_orthanc_answer();
    let report = assert_streamed_like_whole("large-orthanc.json", json.as_bytes());
    assert_eq!(report.kind.label(), "Orthanc REST JSON");
    let ids = (0..elements).filter(|i| i % 991 == 7).count();
    assert_eq!(report.records, elements - ids);
    assert!(report.distinct_people >= 1500, "{}", report.distinct_people);
    // Pointers are indices in the whole array, far past the first part.
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("/{}", elements - 1).as_str()));
}

/// A `findscu -Xs` answer with thousands of responses, built from a real one: its responses
/// repeated with the patient's name changed (people repeat, so a person spans parts).
fn large_findscu_xml() -> (String, usize) {
    let path = format!(
        "{}/tests/fixtures/exports/findscu-Xs-study.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    let first = text.find("<data-set").expect("a response");
    let end = text.rfind("</data-set>").expect("a response end") + "</data-set>".len();
    let (opening, closing) = (&text[..first], &text[end..]);
    let responses: Vec<String> = text[first..end]
        .split_inclusive("</data-set>")
        .map(|r| r.trim_start().to_string())
        .collect();
    let mut out = String::from(opening);
    let mut count = 0;
    while out.len() < LARGE_BYTES {
        let response = &responses[count % responses.len()];
        let name = format!("name=\"PatientName\">Poe{:04}^Eve</element>", count % 1700);
        let renamed = match response.find("name=\"PatientName\">") {
            Some(at) => {
                let close = at + response[at..].find("</element>").expect("closed");
                format!(
                    "{}{name}{}",
                    &response[..at],
                    &response[close + "</element>".len()..]
                )
            }
            None => response.clone(),
        };
        out.push_str(&renamed);
        out.push('\n');
        count += 1;
    }
    out.push_str(closing.trim_start());
    (out, count)
}

#[test]
fn large_findscu_xml_is_read_in_parts_with_the_whole_file_report() {
    let (xml, responses) = large_findscu_xml();
    let report = assert_streamed_like_whole("large-findscu.xml", xml.as_bytes());
    assert_eq!(report.kind.label(), "DCMTK XML");
    assert_eq!(report.records, responses);
    assert!(report.distinct_people >= 1700, "{}", report.distinct_people);
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(
        last,
        Some(format!("/responses/data-set[{responses}]").as_str())
    );
}

fn fixture_text(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/exports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// Host `i`'s address: every seventh a public one, the others private.
fn address(i: usize) -> String {
    let (a, b) = (i / 250 % 250, i % 250 + 1);
    if i % 7 == 3 {
        format!("81.{a}.{b}.9")
    } else {
        format!("10.{a}.{b}.9")
    }
}

/// nmap XML of a scan of thousands of hosts, built from a real one (`--script dicom-ping,
/// dicom-brute -sV` against Orthanc): its host repeated with other addresses, and between
/// hosts now and then a `<hosthint>` (nmap writes them during long scans; its end tag starts
/// like a host's). Returns the XML and the number of hosts.
fn large_nmap_xml() -> (String, usize) {
    let text = fixture_text("nmap-dicom.xml");
    let first = text.find("<host ").expect("a host");
    let end = text.find("</host>").expect("a host end") + "</host>".len();
    let (opening, host, closing) = (&text[..first], &text[first..end], &text[end..]);
    assert!(host.contains("127.0.0.1") && host.contains("Any AET is accepted"));
    let mut out = String::from(opening);
    let mut hosts = 0;
    while out.len() < LARGE_BYTES {
        if hosts % 50 == 10 {
            out.push_str(&format!(
                "<hosthint><status state=\"up\" reason=\"unknown-response\"/>\n<address \
                 addr=\"{}\" addrtype=\"ipv4\"/>\n<hostnames>\n</hostnames>\n</hosthint>\n",
                address(hosts)
            ));
        }
        out.push_str(&host.replace("127.0.0.1", &address(hosts)));
        out.push('\n');
        hosts += 1;
    }
    out.push_str(closing.trim_start());
    (out, hosts)
}

#[test]
fn large_nmap_xml_is_read_in_parts_with_the_whole_file_report() {
    let (xml, hosts) = large_nmap_xml();
    let report = assert_streamed_like_whole("large-scan.xml", xml.as_bytes());
    assert_eq!(report.kind.label(), "nmap XML");
    // Each host: Orthanc's DICOM port accepting any AET, its web port open.
    let any_aet: Vec<_> = report
        .network
        .iter()
        .filter(|f| f.rule == NetworkRule::AnyAet)
        .collect();
    assert_eq!(any_aet.len(), hosts);
    assert_eq!(
        any_aet.last().map(|f| f.host.clone()),
        Some(address(hosts - 1))
    );
    // Severity is the host's own: public hosts are critical wherever they sit in the file.
    let public = any_aet.iter().filter(|f| f.public_address).count();
    assert_eq!(public, (0..hosts).filter(|i| i % 7 == 3).count());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn large_nmap_text_outputs_are_read_in_parts_with_the_whole_file_report() {
    // Normal output (-oN): each host's section repeated with another address.
    let text = fixture_text("nmap-dicom.txt");
    let first = text.find("Nmap scan report for").expect("a host");
    let end = text
        .find("Service detection performed")
        .expect("the closing lines");
    let (opening, host, closing) = (&text[..first], &text[first..end], &text[end..]);
    let mut out = String::from(opening);
    let mut hosts = 0;
    while out.len() < LARGE_BYTES {
        out.push_str(&host.replace("127.0.0.1", &address(hosts)));
        hosts += 1;
    }
    out.push_str(closing);
    let report = assert_streamed_like_whole("large-scan.txt", out.as_bytes());
    assert_eq!(report.kind.label(), "nmap output");
    let last = report.network.last().map(|f| f.host.clone());
    assert_eq!(last, Some(address(hosts - 1)));

    // Grepable output (-oG): each host's lines repeated, with more ports listed.
    let text = fixture_text("nmap-dicom.gnmap");
    let mut lines = text.lines();
    let (opening, status, ports, closing) = (
        lines.next().expect("a header"),
        lines.next().expect("a status line"),
        lines.next().expect("a ports line"),
        lines.next().expect("a closing line"),
    );
    let ports = ports.replace(
        "8042/open/tcp//fs-agent?///",
        "8042/open/tcp//fs-agent?///, 104/closed/tcp//acr-nema///, 11112/filtered/tcp//dicom///",
    );
    let mut out = format!("{opening}\n");
    let mut hosts = 0;
    while out.len() < LARGE_BYTES {
        for line in [status, &ports] {
            out.push_str(&line.replace("127.0.0.1", &address(hosts)));
            out.push('\n');
        }
        hosts += 1;
    }
    out.push_str(closing);
    out.push('\n');
    let report = assert_streamed_like_whole("large-scan.gnmap", out.as_bytes());
    assert_eq!(report.kind.label(), "nmap grepable output");
    let dicom: Vec<_> = report.network.iter().filter(|f| f.port == 4242).collect();
    assert_eq!(dicom.len(), hosts);
    // Said once, not once per part.
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
}

#[test]
fn the_host_limit_counts_the_whole_scan_not_a_part() {
    let mut out = String::from("# Nmap 7.93 scan initiated as: nmap -p 4242 -oG - 10.0.0.0/8\n");
    for i in 0..=dicom_exposure_check::decode::nmap::MAX_HOSTS {
        out.push_str(&format!(
            "Host: {}\t()\tPorts: 4242/closed/tcp//dicom///, 104/closed/tcp//acr-nema///, \
             11112/closed/tcp//dicom///\n",
            address(i)
        ));
    }
    assert!(out.len() as u64 > STREAM_EXPORTS_OVER);
    let whole = scan_complete("many.gnmap", out.as_bytes(), &DetectOptions::default());
    let (streamed, largest_read, _) = scan_recorded("many.gnmap", out.as_bytes());
    assert!(
        largest_read <= EXPORT_CHUNK_BYTES,
        "read in parts: {largest_read}"
    );
    assert_eq!(whole.status, FileStatus::Unsupported);
    let message = whole.message.clone().unwrap_or_default();
    assert!(message.contains("more than 100000 hosts"), "{message}");
    assert_eq!(streamed[0].status, whole.status);
    assert_eq!(streamed[0].message, whole.message);
}

#[test]
fn an_interrupted_large_nmap_scan_is_read_as_far_as_it_goes() {
    let (xml, hosts) = large_nmap_xml();
    // nmap was stopped while writing the last host's ports.
    let cut = xml
        .rfind("<port protocol=\"tcp\" portid=\"8042\">")
        .expect("a port");
    let report = assert_streamed_like_whole("stopped-scan.xml", &xml.as_bytes()[..cut]);
    let any_aet = report
        .network
        .iter()
        .filter(|f| f.rule == NetworkRule::AnyAet)
        .count();
    assert_eq!(any_aet, hosts);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("interrupted scan")),
        "{:?}",
        report.warnings
    );
}

/// dcm4che `--out-cat` style Native XML: many `<NativeDicomModel>` documents one after the
/// other, each with its own XML declaration, built from a real `dcm2xml --native-format`.
#[test]
fn concatenated_native_xml_is_read_in_parts_with_the_whole_file_report() {
    let text = fixture_text("dcm2xml_native_ct_small.xml");
    let name_at = text.find("<FamilyName>").expect("a family name") + "<FamilyName>".len();
    let name_end = name_at + text[name_at..].find('<').expect("its end");
    let mut out = String::new();
    let mut roots = 0;
    while out.len() < LARGE_BYTES {
        out.push_str(&text[..name_at]);
        out.push_str(&format!("Native{:04}", roots % 300));
        out.push_str(text[name_end..].trim_end());
        out.push('\n');
        roots += 1;
    }
    let report = assert_streamed_like_whole("cat.xml", out.as_bytes());
    assert_eq!(report.kind.label(), "DICOM Native XML");
    assert_eq!(report.records, roots);
    assert_eq!(report.distinct_people, 300);
    let last = report.findings.last().map(|f| f.location.as_str());
    assert_eq!(last, Some(format!("/NativeDicomModel[{roots}]").as_str()));
}

/// An error far into a large export names the same line and byte as reading it whole does:
/// where the reader meets it (an XML reader at the end tag that no longer matches, the JSON
/// reader at the broken key itself), counted from the start of the file, not of the part.
#[test]
fn an_error_in_a_later_part_names_its_place_in_the_file() {
    let options = DetectOptions::default();
    let (nmap, _) = large_nmap_xml();
    let (responses, _) = large_findscu_xml();
    let (qido, _) = large_qido_answer();
    for (name, xml, tag, end_tag) in [
        ("scan.xml", nmap, "<port ", Some("</port>")),
        ("answer.xml", responses, "<element ", Some("</element>")),
        ("answer.json", qido, "\"vr\"", None),
    ] {
        let at = xml[..xml.len() - 1000]
            .rfind(tag)
            .expect("a tag late in the file");
        let broken = format!("{}<<{}", &xml[..at], &xml[at + 1..]);
        let whole = scan_complete(name, broken.as_bytes(), &options);
        let (streamed, largest_read, _) = scan_recorded(name, broken.as_bytes());
        assert!(
            largest_read <= EXPORT_CHUNK_BYTES,
            "read in parts: {largest_read}"
        );
        assert!(
            at > 2 * EXPORT_CHUNK_BYTES,
            "{name}: the error is in a later part"
        );
        let found = end_tag.map_or(at, |end| at + broken[at..].find(end).expect("an end tag"));
        let line_start = broken[..found].rfind('\n').map_or(0, |i| i + 1);
        let line = broken[..found].matches('\n').count() + 1;
        let place = match end_tag {
            Some(_) => format!("byte {found}"),
            None => format!("line {line} column {}", found - line_start + 1),
        };
        // Damage costs only the data set or host it is in: the file is read and the damage
        // said, with its place.
        let (message, streamed_message) = {
            assert!(whole.status.was_scanned(), "{name}: {:?}", whole.message);
            assert_eq!(
                streamed[0].records, whole.records,
                "{name}: {:?}",
                streamed[0].message
            );
            let damage = |r: &FileReport| {
                let w = r.warnings.iter().find(|w| w.contains("damaged"));
                w.map(|w| w.to_string())
            };
            (damage(&whole), damage(&streamed[0]))
        };
        let message = message.unwrap_or_default();
        assert!(
            message.contains(&format!("line {line}")) && message.contains(&place),
            "{name}: expected line {line} and {place} in {message}"
        );
        // Read in parts, what follows the damage in its part is counted apart: the place of
        // the damage is the same.
        let streamed_message = streamed_message.unwrap_or_default();
        let place_of = |m: &str| m.split("): ").next().unwrap_or_default().to_string();
        assert_eq!(place_of(&streamed_message), place_of(&message), "{name}");
    }
}

/// A console log with thousands of responses, built from a fixture: the text before the line
/// where `first` starts, the responses up to the line where `close` starts repeated with the
/// first patient renamed (people repeat every 1,000 repeats, so a person spans parts), then
/// the closing lines. Returns the log and its number of responses.
fn repeated_responses(name: &str, first: &str, close: &str, per_block: usize) -> (String, usize) {
    let text = fixture_text(name);
    let start = text.find(first).expect("a first response");
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = text.find(close).expect("a closing response");
    let end = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let block = &text[start..end];
    assert!(block.contains("DOE^JOHN") && block.contains("MRN001"));
    let mut out = String::from(&text[..start]);
    let mut repeats = 0;
    while out.len() < LARGE_BYTES {
        repeats += 1;
        let person = repeats % 1000;
        out.push_str(
            &block
                .replace("DOE^JOHN", &format!("DOE{person:03}^JOHN"))
                .replace("MRN001", &format!("MRN{person:03}")),
        );
    }
    out.push_str(&text[end..]);
    (out, repeats * per_block)
}

#[test]
fn large_dicom_rs_and_dcm4che_findscu_logs_are_read_in_parts_with_the_whole_file_report() {
    let (log, responses) = repeated_responses(
        "dicom-rs-findscu-study-v.txt",
        "Match #0 Response command:",
        "Match #4 Response command:",
        4,
    );
    let report = assert_streamed_like_whole("large-dicom-rs.txt", log.as_bytes());
    assert_eq!(report.kind.label(), "dicom-rs findscu output");
    assert_eq!(report.records, responses);
    assert!(report.distinct_people >= 1000, "{}", report.distinct_people);

    let (log, responses) = repeated_responses(
        "dcm4che-findscu-study-debug.txt",
        ">> 1:C-FIND-RSP[pcid=1, status=ff00H",
        ">> 1:C-FIND-RSP[pcid=1, status=0H",
        4,
    );
    let report = assert_streamed_like_whole("large-dcm4che.txt", log.as_bytes());
    assert_eq!(report.kind.label(), "dcm4che findscu output");
    assert_eq!(report.records, responses);
    assert!(report.distinct_people >= 1000, "{}", report.distinct_people);
    assert_eq!(report.query_level.as_deref(), Some("STUDY"));
}
