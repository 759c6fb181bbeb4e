//! nmap scan results: XML (`-oX`), normal output (`-oN`, and what nmap prints on a terminal),
//! and grepable output (`-oG`), turned into [`super::NetworkFinding`]s.
//!
//! This module reads the hosts, ports and script output; what they count as is judged by
//! [`crate::rules::network::judge_host`]. The entries of a `dicom-cfind-ls` (or other
//! `dicom*find*`) listing become [`Record`]s here (fields named like worklist columns or DICOM
//! keywords, see [`super::csv::keyword_for_header`]).
//!
//! Evidence is what nmap printed: the script lines (`dicom-ping: config: ...`) or the port
//! line, rebuilt the same way from XML and text so both give the same findings. Scan output
//! holds no patient data, except the entries of a C-FIND listing: those go to records, and the
//! evidence only counts them.

use super::ExportFormat;
use crate::decode::Warning;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::csv::keyword_for_header;
use super::dataset::{Dataset, TagPath};
use super::keywords::tag_for_keyword;
use super::limits;
use super::{DecodeError, Decoded, Failure, Limit, Origin, Position, Record, Syntax};
use crate::rules::network::{
    judge_host, ScannedHost as Host, ScannedPort as Port, ScriptOutput as Script,
};

/// Largest input accepted.
pub const MAX_INPUT_BYTES: usize = limits::MAX_INPUT_BYTES;
/// Most hosts accepted.
pub const MAX_HOSTS: usize = limits::MAX_NMAP_HOSTS;
/// Longest line of text output accepted.
pub const MAX_LINE_BYTES: usize = limits::MAX_LINE_BYTES;
/// Deepest XML nesting accepted (nmap writes about 8 levels; script tables add a few).
pub const MAX_XML_DEPTH: usize = limits::MAX_NMAP_XML_DEPTH;

const SNIFF_BYTES: usize = 4096;

/// Whether `bytes` are nmap output of a kind this module reads (XML, normal or grepable).
pub fn sniff(bytes: &[u8]) -> bool {
    output_of(bytes).is_some()
}

/// Which of nmap's outputs a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `-oX`.
    Xml,
    /// `-oN`, or what nmap prints on a terminal.
    Normal,
    /// `-oG`.
    Grepable,
}

impl Output {
    fn format(self) -> ExportFormat {
        match self {
            Output::Xml => ExportFormat::NmapXml,
            Output::Normal => ExportFormat::NmapText,
            Output::Grepable => ExportFormat::NmapGrepable,
        }
    }
}

/// The warning of a scan that lists no host: it is about the whole file, so a caller that
/// decodes a file in parts gives it once, when no part had a host.
pub const NO_HOST: &str = "the scan lists no host";

/// What starts each host in normal output.
pub const HOST_REPORT: &str = "Nmap scan report for ";

/// Which nmap output `bytes` start with, if any.
pub fn output_of(bytes: &[u8]) -> Option<Output> {
    let prefix = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let text = String::from_utf8_lossy(prefix);
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    if text.starts_with('<') {
        return text.contains("<nmaprun").then_some(Output::Xml);
    }
    let mut normal = false;
    for line in text.lines() {
        if line.starts_with("Host: ") && (line.contains("\tPorts: ") || line.contains("\tStatus: "))
        {
            return Some(Output::Grepable);
        }
        if line.starts_with(HOST_REPORT)
            || line.starts_with("Starting Nmap ")
            || (line.starts_with("# Nmap ") && line.contains(" scan initiated "))
        {
            normal = true;
        }
    }
    normal.then_some(Output::Normal)
}

/// Decode nmap XML, normal or grepable output.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let output = output_of(bytes).unwrap_or(Output::Normal);
    let (mut decoded, hosts) = decode_part(bytes, output, Origin::FILE, 0)?;
    if hosts == 0 {
        decoded.warnings.push(NO_HOST.into());
    }
    Ok(decoded)
}

/// Decode a part of a larger `output` that starts at `origin` in its file, after
/// `hosts_before` hosts (the host limit counts the whole file). XML parts are whole documents
/// (the file's `<nmaprun>` around whole `<host>`s), text parts whole hosts or lines. Returns
/// the hosts the part holds, and never gives the [`NO_HOST`] warning.
pub fn decode_part(
    bytes: &[u8],
    output: Output,
    origin: Origin,
    hosts_before: usize,
) -> Result<(Decoded, usize), DecodeError> {
    let fail = |failure: Failure| failure.of(output.format());
    if bytes.len() > MAX_INPUT_BYTES {
        let failure = Failure::limit(Limit::InputBytes, MAX_INPUT_BYTES, Some(bytes.len()), None);
        return Err(fail(failure));
    }
    let room = MAX_HOSTS.saturating_sub(hosts_before);
    let (hosts, ended_early, damage) = match output {
        Output::Xml => parse_xml_resuming(bytes, origin, room),
        Output::Normal => parse_text(bytes, origin, room).map(|hosts| (hosts, false, None)),
        Output::Grepable => parse_grepable(bytes, origin, room).map(|hosts| (hosts, false, None)),
    }
    .map_err(fail)?;
    let mut decoded = Decoded::new(output.format());
    if let Some(damage) = damage {
        decoded.warnings.push(Warning::note(format!(
            "the XML is damaged ({}): the hosts before it were read, and those after it that \
             parse whole",
            damage.of(output.format()).detail()
        )));
    }
    if ended_early {
        decoded.warnings.push(
            "the XML ends before nmap finished writing it (an interrupted scan?); the hosts \
             it lists are judged, the last one as far as it goes"
                .into(),
        );
    }
    if output == Output::Grepable {
        decoded
            .warnings
            .push("grepable output holds no script results; only open ports are judged".into());
    }
    for host in &hosts {
        let label = host.label();
        let network = judge_host(host, |port, script| {
            let entries = query_entries(script);
            let listed = entries.len();
            for (i, dataset) in entries.into_iter().enumerate() {
                decoded.records.push(Record {
                    location: format!("{label} port {} {} entry {}", port.number, script.id, i + 1),
                    dataset,
                });
            }
            listed
        });
        decoded.network.extend(network);
    }
    Ok((decoded, hosts.len()))
}

/// Entries of a C-FIND listing: XML elems or `Key: value` lines whose key names a DICOM
/// attribute; a repeated key starts a new entry.
fn query_entries(script: &Script) -> Vec<Dataset> {
    let pairs: Vec<(String, String)> = if script.elems.is_empty() {
        script
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    } else {
        script
            .elems
            .iter()
            .map(|(k, v)| (k.rsplit('.').next().unwrap_or(k).to_string(), v.clone()))
            .collect()
    };
    let mut entries = Vec::new();
    let mut current = Dataset::default();
    let mut seen: Vec<(u16, u16)> = Vec::new();
    for (key, value) in pairs {
        let Some((group, element, vr)) = keyword_for_header(&key).and_then(tag_for_keyword) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        if seen.contains(&(group, element)) {
            entries.push(std::mem::take(&mut current));
            seen.clear();
        }
        seen.push((group, element));
        current.push_text(TagPath::top(group, element), vr, vec![value]);
    }
    if !current.elements.is_empty() {
        entries.push(current);
    }
    entries
}

/// Keep `host`, unless the part already holds the `room` hosts the file has left.
fn push_host(hosts: &mut Vec<Host>, host: Host, room: usize) -> Result<(), Failure> {
    if hosts.len() >= room {
        return Err(Failure::limit(Limit::Records, MAX_HOSTS, None, None));
    }
    hosts.push(host);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Normal output (-oN and terminal).

fn parse_text(bytes: &[u8], origin: Origin, room: usize) -> Result<Vec<Host>, Failure> {
    let text = String::from_utf8_lossy(bytes);
    let mut hosts = Vec::new();
    let mut host: Option<Host> = None;
    let mut version_column: Option<usize> = None;
    // Scripts attach to the last port line; `Host script results:` detaches them.
    let mut in_port = false;
    for (n, line) in text.lines().enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(Failure::limit(
                Limit::LineBytes,
                MAX_LINE_BYTES,
                Some(line.len()),
                Some(Position::line(origin.line + n)),
            ));
        }
        if let Some(rest) = line.strip_prefix(HOST_REPORT) {
            if let Some(done) = host.take() {
                push_host(&mut hosts, done, room)?;
            }
            host = Some(host_from_report(rest));
            version_column = None;
            in_port = false;
            continue;
        }
        let Some(current) = host.as_mut() else {
            continue;
        };
        if line.starts_with("PORT ") && line.contains("STATE") && line.contains("SERVICE") {
            version_column = line.find("VERSION");
            in_port = false;
            continue;
        }
        if line.starts_with("Host script results:") {
            in_port = false;
            continue;
        }
        if let Some(port) = port_from_line(line, version_column) {
            current.ports.push(port);
            in_port = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix('|') {
            if !in_port {
                continue;
            }
            let Some(port) = current.ports.last_mut() else {
                continue;
            };
            // `| id: `, `|_id: value`, `|   continued`, `|_  last`.
            let rest = rest.strip_prefix('_').unwrap_or(rest);
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            match script_start(rest) {
                Some((id, first)) => port.scripts.push(Script {
                    id: id.to_string(),
                    output: first.to_string(),
                    elems: Vec::new(),
                }),
                None => {
                    if let Some(script) = port.scripts.last_mut() {
                        script.output.push('\n');
                        script.output.push_str(rest);
                    }
                }
            }
            continue;
        }
        if line.trim().is_empty() {
            in_port = false;
        }
    }
    if let Some(done) = host.take() {
        push_host(&mut hosts, done, room)?;
    }
    Ok(hosts)
}

/// `pacs.example.org (10.0.0.5)`, `10.0.0.5`, `10.0.0.5 [host down]`.
fn host_from_report(rest: &str) -> Host {
    let rest = rest.trim();
    let rest = rest.strip_suffix("[host down]").unwrap_or(rest).trim();
    if let Some((name, address)) = rest.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        return Host {
            address: Some(address.to_string()),
            hostname: Some(name.to_string()),
            ports: Vec::new(),
        };
    }
    if rest.parse::<std::net::IpAddr>().is_ok() {
        Host {
            address: Some(rest.to_string()),
            ..Host::default()
        }
    } else {
        Host {
            hostname: Some(rest.to_string()),
            ..Host::default()
        }
    }
}

/// `4242/tcp  open   dicom   Orthanc 1.12` (the VERSION column found from the header).
fn port_from_line(line: &str, version_column: Option<usize>) -> Option<Port> {
    let mut fields = line.split_whitespace();
    let (number, protocol) = fields.next()?.split_once('/')?;
    let number: u16 = number.parse().ok()?;
    if !matches!(protocol, "tcp" | "udp" | "sctp") {
        return None;
    }
    let state = fields.next()?.to_string();
    let service = fields
        .next()
        .unwrap_or_default()
        .trim_end_matches('?')
        .to_string();
    let version = version_column
        .and_then(|c| line.get(c..))
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    Some(Port {
        number,
        protocol: protocol.to_string(),
        state,
        service,
        version,
        scripts: Vec::new(),
    })
}

/// ` dicom-ping: ` or `dicom-brute: DICOM SCU allows any AET`: a script's first line (no
/// indent, an id, a colon). Continuation lines are indented.
fn script_start(rest: &str) -> Option<(&str, &str)> {
    if rest.starts_with(char::is_whitespace) {
        return None;
    }
    let (id, first) = rest.split_once(':')?;
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    valid.then(|| (id, first.trim()))
}

// ---------------------------------------------------------------------------------------------
// Grepable output (-oG): `Host: 1.2.3.4 (name)\tPorts: 4242/open/tcp//dicom///, ...`.

fn parse_grepable(bytes: &[u8], origin: Origin, room: usize) -> Result<Vec<Host>, Failure> {
    let text = String::from_utf8_lossy(bytes);
    let mut hosts: Vec<Host> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(Failure::limit(
                Limit::LineBytes,
                MAX_LINE_BYTES,
                Some(line.len()),
                Some(Position::line(origin.line + n)),
            ));
        }
        let Some(rest) = line.strip_prefix("Host: ") else {
            continue;
        };
        let mut fields = rest.split('\t');
        let who = fields.next().unwrap_or_default();
        let Some(ports) = fields.find_map(|f| f.strip_prefix("Ports: ")) else {
            continue;
        };
        let mut host = host_from_report(who);
        // `(name)` is empty `()` when there is no name.
        if host.hostname.as_deref() == Some("") {
            host.hostname = None;
        }
        if let Some((address, name)) = who.split_once(" (") {
            host.address = Some(address.trim().to_string());
            let name = name.trim_end_matches(')').trim();
            host.hostname = (!name.is_empty()).then(|| name.to_string());
        }
        for entry in ports.split(", ") {
            let parts: Vec<&str> = entry.trim().split('/').collect();
            if parts.len() < 5 {
                continue;
            }
            let Ok(number) = parts[0].parse::<u16>() else {
                continue;
            };
            host.ports.push(Port {
                number,
                protocol: parts[2].to_string(),
                state: parts[1].to_string(),
                service: parts[4].trim_end_matches('?').to_string(),
                version: parts.get(6).map(|v| v.to_string()).unwrap_or_default(),
                scripts: Vec::new(),
            });
        }
        push_host(&mut hosts, host, room)?;
    }
    Ok(hosts)
}

// ---------------------------------------------------------------------------------------------
// XML (-oX).

/// The hosts, and whether the XML ended inside an element (an interrupted scan).
/// Where nmap XML stopped parsing: the error, and its offset in the bytes parsed.
struct XmlDamage {
    failure: Failure,
    at: usize,
}

/// XML parsed, and past damage gone on from the next `<host>`: one bad spot costs only the
/// host it is in. Returns the hosts, whether the document ended early, and the first damage.
fn parse_xml_resuming(
    bytes: &[u8],
    origin: Origin,
    room: usize,
) -> Result<(Vec<Host>, bool, Option<Failure>), Failure> {
    let (mut hosts, mut ended_early, mut damage) = parse_xml(bytes, origin, room)?;
    let Some(first) = damage.as_ref().map(|d| d.failure.clone()) else {
        return Ok((hosts, ended_early, None));
    };
    // Nothing known before the damage: not (readable) nmap XML, said as an error.
    if hosts
        .iter()
        .all(|h| h.address.is_none() && h.ports.is_empty())
    {
        return Err(first);
    }
    // What the restarts parse is bounded, so that many damaged hosts cannot make it
    // quadratic.
    let mut budget = bytes.len().saturating_mul(2).saturating_add(1 << 20);
    while let Some(d) = damage.take() {
        let from = d.at.saturating_add(1).min(bytes.len());
        let Some(start) = bytes[from..]
            .windows(5)
            .position(|w| w == b"<host")
            .map(|i| from + i)
        else {
            break;
        };
        let (line, byte) = origin.locate(bytes, start);
        let resumed = Origin {
            prefix: 0,
            byte,
            line,
        };
        let room = room.saturating_sub(hosts.len());
        match parse_xml(&bytes[start..], resumed, room) {
            Ok((more, early, next)) => {
                hosts.extend(more);
                ended_early = early;
                damage = next.map(|d| XmlDamage {
                    at: d.at + start,
                    ..d
                });
            }
            Err(failure) => {
                damage = Some(XmlDamage { failure, at: start });
            }
        }
        let parsed = damage.as_ref().map_or(bytes.len(), |d| d.at) - start;
        budget = budget.saturating_sub(parsed.max(1));
        if budget == 0 {
            break;
        }
    }
    Ok((hosts, ended_early, Some(first)))
}

fn parse_xml(
    bytes: &[u8],
    origin: Origin,
    room: usize,
) -> Result<(Vec<Host>, bool, Option<XmlDamage>), Failure> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut hosts = Vec::new();
    let mut host: Option<Host> = None;
    let mut port: Option<Port> = None;
    let mut script: Option<Script> = None;
    let mut tables: Vec<String> = Vec::new();
    let mut elem_key: Option<String> = None;
    let mut elem_text = String::new();
    let mut depth = 0usize;
    let mut damage = None;
    let position = |at: u64| {
        let (line, byte) = origin.locate(bytes, usize::try_from(at).unwrap_or(usize::MAX));
        Position {
            line: Some(line),
            byte: Some(byte),
            ..Position::default()
        }
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let at = position(reader.error_position());
                damage = Some(XmlDamage {
                    failure: Failure::syntax(Syntax::Xml, xml_error_text(&e), at),
                    at: offset.min(bytes.len()),
                });
                break;
            }
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    let at = position(reader.buffer_position());
                    return Err(Failure::limit(
                        Limit::XmlDepth,
                        MAX_XML_DEPTH,
                        None,
                        Some(at),
                    ));
                }
                let attrs = attributes(&e)
                    .map_err(|m| Failure::malformed(m, Some(position(reader.buffer_position()))))?;
                start_element(
                    e.local_name().as_ref(),
                    &attrs,
                    true,
                    (&mut host, &mut port, &mut script, &mut tables),
                );
                if e.local_name().as_ref() == b"elem" {
                    elem_key = Some(attr(&attrs, "key").unwrap_or_default().to_string());
                    elem_text.clear();
                }
            }
            Event::Empty(e) => {
                let attrs = attributes(&e)
                    .map_err(|m| Failure::malformed(m, Some(position(reader.buffer_position()))))?;
                start_element(
                    e.local_name().as_ref(),
                    &attrs,
                    false,
                    (&mut host, &mut port, &mut script, &mut tables),
                );
                // An empty element ends at once.
                end_element(
                    e.local_name().as_ref(),
                    (&mut hosts, &mut host, &mut port, &mut script, &mut tables),
                    room,
                )?;
            }
            Event::Text(t) if elem_key.is_some() => {
                let text = t.unescape().map_err(|_| {
                    let at = position(reader.buffer_position());
                    Failure::malformed("invalid character reference", Some(at))
                })?;
                elem_text.push_str(&text);
            }
            Event::CData(t) if elem_key.is_some() => {
                elem_text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if e.local_name().as_ref() == b"elem" {
                    if let (Some(key), Some(s)) = (elem_key.take(), script.as_mut()) {
                        let mut path = tables.clone();
                        path.push(key);
                        let path: Vec<&str> = path
                            .iter()
                            .map(String::as_str)
                            .filter(|k| !k.is_empty())
                            .collect();
                        s.elems
                            .push((path.join("."), std::mem::take(&mut elem_text)));
                    }
                }
                end_element(
                    e.local_name().as_ref(),
                    (&mut hosts, &mut host, &mut port, &mut script, &mut tables),
                    room,
                )?;
            }
            _ => {}
        }
        buf.clear();
    }
    let ended_early = depth > 0 && damage.is_none();
    if depth > 0 {
        // An interrupted scan: nmap wrote what it had. The host it was writing is judged as
        // far as it goes.
        for name in [&b"script"[..], b"port", b"host"] {
            end_element(
                name,
                (&mut hosts, &mut host, &mut port, &mut script, &mut tables),
                room,
            )?;
        }
    }
    Ok((hosts, ended_early, damage))
}

type Attrs = Vec<(String, String)>;

fn attributes(e: &BytesStart<'_>) -> Result<Attrs, &'static str> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|_| "malformed attribute")?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a
            .unescape_value()
            .map_err(|_| "invalid character reference in an attribute")?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

fn attr<'a>(attrs: &'a Attrs, name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

type Open<'a> = (
    &'a mut Option<Host>,
    &'a mut Option<Port>,
    &'a mut Option<Script>,
    &'a mut Vec<String>,
);

fn start_element(name: &[u8], attrs: &Attrs, has_children: bool, state: Open<'_>) {
    let (host, port, script, tables) = state;
    match name {
        b"host" => *host = Some(Host::default()),
        b"address" => {
            if let (Some(h), Some(kind)) = (host.as_mut(), attr(attrs, "addrtype")) {
                if (kind == "ipv4" || kind == "ipv6") && h.address.is_none() {
                    h.address = attr(attrs, "addr").map(str::to_string);
                }
            }
        }
        b"hostname" => {
            if let Some(h) = host.as_mut() {
                if h.hostname.is_none() {
                    h.hostname = attr(attrs, "name").map(str::to_string);
                }
            }
        }
        b"port" => {
            *port = Some(Port {
                number: attr(attrs, "portid")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0),
                protocol: attr(attrs, "protocol").unwrap_or("tcp").to_string(),
                ..Port::default()
            });
        }
        b"state" => {
            if let Some(p) = port.as_mut() {
                p.state = attr(attrs, "state").unwrap_or_default().to_string();
            }
        }
        b"service" => {
            if let Some(p) = port.as_mut() {
                let name = attr(attrs, "name").unwrap_or_default();
                p.service = match attr(attrs, "tunnel") {
                    Some("ssl") => format!("ssl/{name}"),
                    _ => name.to_string(),
                };
                // Nmap's VERSION column: product version (extrainfo).
                let mut version: Vec<String> = ["product", "version"]
                    .iter()
                    .filter_map(|k| attr(attrs, k))
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect();
                if let Some(extra) = attr(attrs, "extrainfo").filter(|v| !v.is_empty()) {
                    version.push(format!("({extra})"));
                }
                p.version = version.join(" ");
            }
        }
        // Host scripts (outside a port) are not judged.
        b"script" if port.is_some() => {
            *script = Some(Script {
                id: attr(attrs, "id").unwrap_or_default().to_string(),
                output: attr(attrs, "output").unwrap_or_default().to_string(),
                elems: Vec::new(),
            });
        }
        b"table" if has_children => tables.push(attr(attrs, "key").unwrap_or_default().to_string()),
        _ => {}
    }
}

type Close<'a> = (
    &'a mut Vec<Host>,
    &'a mut Option<Host>,
    &'a mut Option<Port>,
    &'a mut Option<Script>,
    &'a mut Vec<String>,
);

fn end_element(name: &[u8], state: Close<'_>, room: usize) -> Result<(), Failure> {
    let (hosts, host, port, script, tables) = state;
    match name {
        b"host" => {
            if let Some(h) = host.take() {
                push_host(hosts, h, room)?;
            }
        }
        b"port" => {
            if let (Some(p), Some(h)) = (port.take(), host.as_mut()) {
                h.ports.push(p);
            }
        }
        b"script" => {
            if let (Some(s), Some(p)) = (script.take(), port.as_mut()) {
                p.scripts.push(s);
            }
        }
        b"table" => {
            tables.pop();
        }
        _ => {}
    }
    Ok(())
}

/// What went wrong, without quoting the document.
fn xml_error_text(error: &quick_xml::Error) -> String {
    match error {
        quick_xml::Error::Syntax(e) => e.to_string(),
        quick_xml::Error::IllFormed(e) => e.to_string(),
        quick_xml::Error::Encoding(_) => "text is not valid UTF-8".to_string(),
        _ => "malformed XML".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::network::NetworkRule;
    use crate::rules::Severity;

    const REAL_XML: &[u8] = include_bytes!("../../tests/fixtures/exports/nmap-dicom.xml");
    const REAL_TEXT: &[u8] = include_bytes!("../../tests/fixtures/exports/nmap-dicom.txt");
    const REAL_DEFAULT_XML: &[u8] =
        include_bytes!("../../tests/fixtures/exports/nmap-default-scripts.xml");
    const REAL_DEFAULT_TEXT: &[u8] =
        include_bytes!("../../tests/fixtures/exports/nmap-default-scripts.txt");
    const REAL_GREPABLE: &[u8] = include_bytes!("../../tests/fixtures/exports/nmap-dicom.gnmap");
    const REAL_CSV: &[u8] = include_bytes!("../../tests/fixtures/exports/worklist-en-utf8bom.csv");

    fn xml_with(address: &str, scripts: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" version="7.93">
<host><status state="up"/>
<address addr="{address}" addrtype="ipv4"/>
<address addr="00:11:22:33:44:55" addrtype="mac"/>
<hostnames></hostnames>
<ports><port protocol="tcp" portid="4242"><state state="open" reason="syn-ack"/><service name="dicom" method="probed" conf="10"/>{scripts}</port>
</ports></host></nmaprun>"#
        )
    }

    const ANY_AET: &str = r#"<script id="dicom-ping" output="&#xa;  dicom: DICOM Service Provider discovered!&#xa;  config: Any AET is accepted (Insecure)"><elem key="dicom">DICOM Service Provider discovered!</elem>
<elem key="config">Any AET is accepted (Insecure)</elem>
</script>"#;

    fn rules(decoded: &Decoded) -> Vec<(String, u16, Severity)> {
        decoded
            .network
            .iter()
            .map(|f| (f.rule.id().to_string(), f.port, f.severity))
            .collect()
    }

    #[test]
    fn one_damaged_host_costs_only_itself() {
        let xml = String::from_utf8(REAL_XML.to_vec()).unwrap();
        let start = xml.find("<host").unwrap();
        let end = xml.find("</host>").unwrap() + "</host>".len();
        let host = &xml[start..end];
        let broken = host.replacen("<port ", "<<port ", 1);
        let three = format!("{}{host}\n{broken}\n{host}{}", &xml[..start], &xml[end..]);
        let whole = decode(xml.as_bytes()).unwrap().network.len();
        assert!(whole > 0);
        let decoded = decode(three.as_bytes()).unwrap();
        assert_eq!(decoded.network.len(), 2 * whole);
        assert!(decoded
            .warnings
            .iter()
            .any(|w| w.contains("XML is damaged")));
    }

    #[test]
    fn real_xml_any_aet_on_loopback_is_high() {
        assert!(sniff(REAL_XML));
        let decoded = decode(REAL_XML).unwrap();
        assert_eq!(decoded.format, ExportFormat::NmapXml);
        assert!(decoded.records.is_empty());
        assert_eq!(
            rules(&decoded),
            vec![
                ("N-DICOM-ANY-AET".to_string(), 4242, Severity::High),
                ("N-PACS-WEB-OPEN".to_string(), 8042, Severity::Medium),
            ]
        );
        let any = &decoded.network[0];
        assert_eq!(any.host, "127.0.0.1");
        assert_eq!(any.service, "dicom");
        assert!(!any.public_address);
        assert_eq!(
            any.evidence,
            "dicom-ping: dicom: DICOM Service Provider discovered!\n\
             dicom-ping: config: Any AET is accepted (Insecure)\n\
             dicom-brute: DICOM SCU allows any AET\n\
             (host name: localhost)"
        );
        let web = &decoded.network[1];
        assert!(
            web.evidence.starts_with("8042/tcp open fs-agent\n"),
            "{}",
            web.evidence
        );
        // Closed ports 104 and 11112 give nothing.
        assert!(decoded
            .network
            .iter()
            .all(|f| f.port != 104 && f.port != 11112));
    }

    #[test]
    fn real_text_gives_the_same_findings_as_xml() {
        for (xml, text) in [(REAL_XML, REAL_TEXT), (REAL_DEFAULT_XML, REAL_DEFAULT_TEXT)] {
            assert!(sniff(text));
            let from_text = decode(text).unwrap();
            assert_eq!(from_text.format, ExportFormat::NmapText);
            let from_xml = decode(xml).unwrap();
            assert!(!from_xml.network.is_empty());
            assert_eq!(from_text.network, from_xml.network);
        }
    }

    #[test]
    fn real_default_scripts_only_ping() {
        let decoded = decode(REAL_DEFAULT_XML).unwrap();
        let any = &decoded.network[0];
        assert_eq!(any.rule, NetworkRule::AnyAet);
        assert!(!any.evidence.contains("dicom-brute"));
    }

    #[test]
    fn real_grepable_judges_open_ports() {
        assert!(sniff(REAL_GREPABLE));
        let decoded = decode(REAL_GREPABLE).unwrap();
        assert_eq!(decoded.format, ExportFormat::NmapGrepable);
        assert_eq!(
            rules(&decoded),
            vec![
                ("N-DICOM-PORT-OPEN".to_string(), 4242, Severity::Low),
                ("N-PACS-WEB-OPEN".to_string(), 8042, Severity::Medium),
            ]
        );
        assert_eq!(decoded.network[0].host, "127.0.0.1");
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn any_aet_on_a_public_address_is_critical() {
        let decoded = decode(xml_with("8.8.8.8", ANY_AET).as_bytes()).unwrap();
        assert_eq!(
            rules(&decoded),
            vec![("N-DICOM-ANY-AET".to_string(), 4242, Severity::Critical)]
        );
        assert!(decoded.network[0].public_address);
        assert_eq!(decoded.network[0].host, "8.8.8.8");
        let private = decode(xml_with("127.0.0.1", ANY_AET).as_bytes()).unwrap();
        assert_eq!(private.network[0].severity, Severity::High);
    }

    #[test]
    fn called_aet_check_enabled() {
        let script = r#"<script id="dicom-ping" output="&#xa;  dicom: DICOM Service Provider discovered!&#xa;  config: Called AET check enabled"/>"#;
        let public = decode(xml_with("8.8.8.8", script).as_bytes()).unwrap();
        assert_eq!(
            rules(&public),
            vec![("N-DICOM-OPEN".to_string(), 4242, Severity::High)]
        );
        let private = decode(xml_with("10.0.0.5", script).as_bytes()).unwrap();
        assert_eq!(private.network[0].severity, Severity::Medium);
        assert!(private.network[0]
            .evidence
            .ends_with("config: Called AET check enabled"));
    }

    #[test]
    fn brute_found_valid_aet_in_text_and_xml() {
        let text = "Starting Nmap 7.93 ( https://nmap.org ) at 2026-11-28 14:20 UTC\n\
            Nmap scan report for pacs.example.org (203.0.113.10)\n\
            Host is up (0.00010s latency).\n\n\
            PORT      STATE SERVICE REASON  VERSION\n\
            11112/tcp open  dicom   syn-ack Orthanc 1.12.1\n\
            | dicom-ping: \n\
            |   dicom: DICOM Service Provider discovered!\n\
            |   config: Called AET check enabled\n\
            |   vendor: Orthanc\n\
            |_  version: 1.12.1\n\
            | dicom-brute: \n\
            |   Accounts: \n\
            |     Called Application Entity Title:ORTHANC - Valid credentials\n\
            |_  Statistics: Performed 5 guesses in 1 seconds, average tps: 5.0\n\n\
            Nmap done: 1 IP address (1 host up) scanned in 1.2 seconds\n";
        assert!(sniff(text.as_bytes()));
        let decoded = decode(text.as_bytes()).unwrap();
        // 203.0.113.0/24 is a documentation range: not public.
        assert_eq!(
            rules(&decoded),
            vec![("N-DICOM-AET-GUESSED".to_string(), 11112, Severity::High)]
        );
        assert_eq!(
            decoded.network[0].evidence,
            "dicom-brute: Called Application Entity Title:ORTHANC - Valid credentials\n\
             (host name: pacs.example.org)"
        );
        assert_eq!(decoded.network[0].host, "203.0.113.10");

        let xml = xml_with(
            "8.8.4.4",
            r#"<script id="dicom-brute" output="&#xa;  Accounts: &#xa;    Called Application Entity Title:ORTHANC - Valid credentials&#xa;  Statistics: Performed 5 guesses in 1 seconds, average tps: 5.0"><table key="Accounts"><table><elem key="username">Called Application Entity Title</elem><elem key="password">ORTHANC</elem><elem key="state">Valid credentials</elem></table></table><elem key="Statistics">Performed 5 guesses in 1 seconds, average tps: 5.0</elem></script>"#,
        );
        let decoded = decode(xml.as_bytes()).unwrap();
        assert_eq!(
            rules(&decoded),
            vec![("N-DICOM-AET-GUESSED".to_string(), 4242, Severity::Critical)]
        );
    }

    #[test]
    fn version_column_and_fork_fields_reach_the_evidence() {
        let text = "# Nmap 7.95 scan initiated Sat Nov 28 14:20:45 2026 as: nmap x\n\
            Nmap scan report for 192.168.1.20\n\
            PORT     STATE SERVICE VERSION\n\
            104/tcp  open  dicom\n\
            | dicom-ping: \n\
            |   dicom: DICOM Service Provider discovered!\n\
            |   config: Any AET is accepted (Insecure)\n\
            |   vendor: Orthanc\n\
            |   implementation_class_uid: 1.2.826.0.1.3680043.2.1143\n\
            |_  implementation_version: OrthancServer\n\
            2762/tcp open  dicom-tls\n\
            8080/tcp open  http    Apache httpd 2.4.57 ((Debian))\n\
            8443/tcp open  https   OHIF Viewer\n";
        let decoded = decode(text.as_bytes()).unwrap();
        assert_eq!(
            rules(&decoded),
            vec![
                ("N-DICOM-ANY-AET".to_string(), 104, Severity::High),
                ("N-DICOM-PORT-OPEN".to_string(), 2762, Severity::Low),
                ("N-DICOM-TLS".to_string(), 2762, Severity::Info),
                ("N-PACS-WEB-OPEN".to_string(), 8080, Severity::Low),
                ("N-PACS-WEB-OPEN".to_string(), 8443, Severity::Medium),
            ]
        );
        assert!(decoded.network[0]
            .evidence
            .contains("dicom-ping: vendor: Orthanc"));
        assert_eq!(
            decoded.network[3].evidence,
            "8080/tcp open http Apache httpd 2.4.57 ((Debian))"
        );
    }

    #[test]
    fn cfind_listing_becomes_records_without_values_in_evidence() {
        let xml = xml_with(
            "10.0.0.5",
            r#"<script id="dicom-cfind-ls" output="&#xa;  PatientName: Doe^John&#xa;  PatientID: 123&#xa;  PatientName: Roe^Jane&#xa;  PatientID: 456"/>"#,
        );
        let decoded = decode(xml.as_bytes()).unwrap();
        let finding = decoded
            .network
            .iter()
            .find(|f| f.rule == NetworkRule::QueryAnswered)
            .unwrap();
        assert_eq!(finding.severity, Severity::Critical);
        assert!(!finding.evidence.contains("Doe"));
        assert_eq!(decoded.records.len(), 2);
        assert_eq!(
            decoded.records[1]
                .dataset
                .top_text(0x0010, 0x0010)
                .as_deref(),
            Some("Roe^Jane")
        );
        assert_eq!(
            decoded.records[0].location,
            "10.0.0.5 port 4242 dicom-cfind-ls entry 1"
        );
    }

    #[test]
    fn hostname_without_address_is_not_public() {
        let text = "Nmap scan report for pacs.example.org\n\
            PORT     STATE SERVICE\n\
            4242/tcp open  dicom\n";
        let decoded = decode(text.as_bytes()).unwrap();
        let f = &decoded.network[0];
        assert_eq!(f.rule, NetworkRule::DicomPortOpen);
        assert!(!f.public_address);
        assert!(f.evidence.contains("treated as not public"));
    }

    #[test]
    fn xml_errors_name_the_position() {
        let broken = b"<?xml version=\"1.0\"?>\n<nmaprun>\n<host><ports></host></nmaprun>";
        let err = decode(broken).unwrap_err();
        assert_eq!(err.format, ExportFormat::NmapXml);
        assert!(err.to_string().contains("line 3"), "{err}");
    }

    #[test]
    fn an_interrupted_scan_is_judged_as_far_as_it_goes() {
        let whole = xml_with("10.1.2.3", ANY_AET);
        let cut = whole.find("</port>").expect("a port end");
        let decoded = decode(&whole.as_bytes()[..cut]).unwrap();
        assert_eq!(
            rules(&decoded),
            [("N-DICOM-ANY-AET".to_string(), 4242, Severity::High)]
        );
        assert!(
            decoded
                .warnings
                .iter()
                .any(|w| w.contains("interrupted scan")),
            "{:?}",
            decoded.warnings
        );
        let finished = decode(whole.as_bytes()).unwrap();
        assert_eq!(rules(&finished), rules(&decoded));
        assert!(finished.warnings.is_empty(), "{:?}", finished.warnings);
    }

    #[test]
    fn xml_depth_limit() {
        let mut xml = String::from("<nmaprun>");
        for _ in 0..MAX_XML_DEPTH {
            xml.push_str("<table>");
        }
        let err = decode(xml.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("nested deeper"), "{err}");
    }

    #[test]
    fn host_limit() {
        let mut xml = String::from("<nmaprun>");
        for _ in 0..=MAX_HOSTS {
            xml.push_str("<host></host>");
        }
        xml.push_str("</nmaprun>");
        let err = decode(xml.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("100000 hosts"), "{err}");
    }

    #[test]
    fn input_size_and_line_limits() {
        let mut big = b"Nmap scan report for 10.0.0.1\n".to_vec();
        big.resize(MAX_INPUT_BYTES + 1, b'a');
        assert!(decode(&big).unwrap_err().to_string().contains("256 MiB"));
        let mut long = b"Nmap scan report for 10.0.0.1\n".to_vec();
        long.resize(long.len() + MAX_LINE_BYTES + 1, b'a');
        let err = decode(&long).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn sniff_tells_formats_apart() {
        assert!(sniff(REAL_XML) && sniff(REAL_TEXT) && sniff(REAL_GREPABLE));
        assert!(!sniff(REAL_CSV));
        assert!(!sniff(b"<?xml version=\"1.0\"?><NativeDicomModel/>"));
        assert!(!sniff(b""));
        assert!(!super::super::csv::sniff(REAL_XML));
        assert!(!super::super::csv::sniff(REAL_TEXT));
        assert!(!super::super::csv::sniff(REAL_GREPABLE));
    }
}
