//! Network exposure: what a port scan (nmap) shows a stranger about a PACS or DICOM node.
//!
//! These rules judge scan results, not files: [`judge_host`] gives the verdict on what a scan
//! saw on a host, and each [`crate::decode::NetworkFinding`] it makes names one of them. The
//! severity depends on whether the host has a public Internet address ([`is_public_address`]):
//! a DICOM node that anyone on the Internet can query is a breach waiting to happen; the same
//! node inside a hospital network is still a risk, but a smaller one.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Category, Severity};
use crate::decode::NetworkFinding;

/// A network exposure rule. Variant `i` is row `i` of [`ROWS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NetworkRule {
    /// The DICOM port accepts any calling/called AE title (nmap `dicom-ping`: "Any AET is
    /// accepted", or `dicom-brute`: "DICOM SCU allows any AET").
    AnyAet,
    /// `dicom-brute` guessed a valid called AE title.
    AetGuessed,
    /// The server answered a C-FIND query with patient data (`dicom-cfind-ls` and kin).
    QueryAnswered,
    /// A DICOM service answers, with the called AE title check enabled.
    DicomOpen,
    /// A usual DICOM port is open, but no script said what answers there.
    DicomPortOpen,
    /// A PACS web or REST port (Orthanc 8042, HTTP 80/443/8080) is open.
    PacsWebOpen,
    /// The DICOM TLS port (2762) is open.
    DicomTls,
}

/// How much a rule weighs on a public and on a private address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight {
    pub public: Severity,
    pub private: Severity,
}

/// One network rule. Every network rule falls in the IP-address class: it points to a system
/// holding records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkRow {
    /// The variant this row describes; the table is indexed by it (a test checks).
    pub rule: NetworkRule,
    pub id: &'static str,
    pub title: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub reference: &'static str,
    /// The weight when the service is, or looks like, a PACS.
    pub weight: Weight,
    /// The weight of a web service that names no PACS product (only
    /// [`NetworkRule::PacsWebOpen`] can tell; for the others it is `weight`).
    pub weight_unlike_pacs: Weight,
}

const EXPOSED_PACS: &str = "ProPublica / Bayerischer Rundfunk 2019; HHS 405(d) HICP practice 6";

const ANY_AET_FIX: &str = "Allow only known AE titles from known addresses (a firewall and the \
                           server's list of modalities), use DICOM TLS with client \
                           certificates, and never expose the port to the Internet.";

const DICOM_PORT_FIX: &str = "Block the port at the firewall except for known modalities and \
                              workstations; use DICOM TLS.";

const fn weight(public: Severity, private: Severity) -> Weight {
    Weight { public, private }
}

/// Every network rule, in report order.
pub const ROWS: [NetworkRow; 7] = [
    NetworkRow {
        rule: NetworkRule::AnyAet,
        id: "N-DICOM-ANY-AET",
        title: "DICOM server accepts any AE title",
        why: "The server lets any program connect, whatever name (AE title) it gives. Anyone \
              who can reach the port can search for patients and download their images.",
        fix: ANY_AET_FIX,
        reference: EXPOSED_PACS,
        weight: weight(Severity::Critical, Severity::High),
        weight_unlike_pacs: weight(Severity::Critical, Severity::High),
    },
    NetworkRow {
        rule: NetworkRule::AetGuessed,
        id: "N-DICOM-AET-GUESSED",
        title: "DICOM AE title was guessed",
        why: "The server's AE title was found by trying common names. AE titles are not \
              passwords: once known, anyone who can reach the port can query and retrieve \
              images.",
        fix: ANY_AET_FIX,
        reference: EXPOSED_PACS,
        weight: weight(Severity::Critical, Severity::High),
        weight_unlike_pacs: weight(Severity::Critical, Severity::High),
    },
    NetworkRow {
        rule: NetworkRule::QueryAnswered,
        id: "N-DICOM-QUERY-ANSWERED",
        title: "DICOM server answered a patient query",
        why: "The server answered a query from the scanner with patient names or IDs: \
              patient data is readable by anyone who can reach the port.",
        fix: "Take the server off the network now, then allow queries only from known peers \
              behind a firewall, with DICOM TLS. Check its logs for who queried it.",
        reference: EXPOSED_PACS,
        weight: weight(Severity::Critical, Severity::Critical),
        weight_unlike_pacs: weight(Severity::Critical, Severity::Critical),
    },
    NetworkRow {
        rule: NetworkRule::DicomOpen,
        id: "N-DICOM-OPEN",
        title: "DICOM server reachable",
        why: "A DICOM server answers on this port. It checks the called AE title, but AE \
              titles are easy to guess and DICOM has no passwords.",
        fix: DICOM_PORT_FIX,
        reference: EXPOSED_PACS,
        weight: weight(Severity::High, Severity::Medium),
        weight_unlike_pacs: weight(Severity::High, Severity::Medium),
    },
    NetworkRow {
        rule: NetworkRule::DicomPortOpen,
        id: "N-DICOM-PORT-OPEN",
        title: "DICOM port open",
        why: "A port that DICOM servers use is open. The scan did not check what answers; it \
              may be a PACS or a modality holding images.",
        fix: DICOM_PORT_FIX,
        reference: EXPOSED_PACS,
        weight: weight(Severity::High, Severity::Low),
        weight_unlike_pacs: weight(Severity::High, Severity::Low),
    },
    NetworkRow {
        rule: NetworkRule::PacsWebOpen,
        id: "N-PACS-WEB-OPEN",
        title: "PACS web port open",
        why: "A web port is open on a host that looks like a PACS. PACS web interfaces and \
              REST APIs (Orthanc, dcm4chee, viewers) often run with default or no passwords.",
        fix: "Put the web interface behind a VPN or a login with strong passwords, and turn \
              off remote access where it is not needed.",
        reference: EXPOSED_PACS,
        weight: weight(Severity::Critical, Severity::Medium),
        weight_unlike_pacs: weight(Severity::High, Severity::Low),
    },
    NetworkRow {
        rule: NetworkRule::DicomTls,
        id: "N-DICOM-TLS",
        title: "DICOM TLS port open",
        why: "The DICOM TLS port is open: the server offers encrypted DICOM. Worth knowing; \
              check that the plain port is closed and that client certificates are required.",
        fix: "Keep TLS; require client certificates and close the unencrypted DICOM port.",
        reference: EXPOSED_PACS,
        weight: weight(Severity::Info, Severity::Info),
        weight_unlike_pacs: weight(Severity::Info, Severity::Info),
    },
];

impl NetworkRule {
    /// Every network rule, in report order.
    pub fn all() -> impl Iterator<Item = NetworkRule> {
        ROWS.iter().map(|row| row.rule)
    }

    pub fn row(self) -> &'static NetworkRow {
        &ROWS[self as usize]
    }

    /// The rule with this stable id.
    pub fn from_id(id: &str) -> Option<NetworkRule> {
        ROWS.iter().find(|row| row.id == id).map(|row| row.rule)
    }

    pub fn id(self) -> &'static str {
        self.row().id
    }

    pub fn category(self) -> Category {
        Category::Ip
    }

    /// Severity on a public (`true`) or private address. For [`NetworkRule::PacsWebOpen`] this
    /// is the severity when the web service looks like a PACS; see [`NetworkRule::severity_with`].
    pub fn severity(self, public: bool) -> Severity {
        self.severity_with(public, true)
    }

    /// Severity on a public or private address; `pacs_like` matters only for
    /// [`NetworkRule::PacsWebOpen`] (the product names Orthanc, dcm4chee, ... rather than a
    /// plain web server).
    pub fn severity_with(self, public: bool, pacs_like: bool) -> Severity {
        let row = self.row();
        let weight = if pacs_like {
            row.weight
        } else {
            row.weight_unlike_pacs
        };
        if public {
            weight.public
        } else {
            weight.private
        }
    }
}

super::rule::serde_by_id!(NetworkRule);

/// Ports DICOM servers listen on (104 the registered one, 11112 the DCMTK/dcm4che default,
/// 4242 Orthanc's default, 2761/2762 DICOM over ISCL/TLS).
pub const DICOM_PORTS: [u16; 5] = [104, 11112, 4242, 2761, 2762];
/// The DICOM TLS port.
pub const DICOM_TLS_PORT: u16 = 2762;
/// Web ports PACS and their REST APIs use (8042 is Orthanc's default).
pub const WEB_PORTS: [u16; 4] = [8042, 80, 443, 8080];
/// Orthanc's default HTTP port: open, it is taken as a PACS even when nmap names no product.
const ORTHANC_HTTP_PORT: u16 = 8042;
/// Words in a product, banner or page title that say a web service is a PACS or a viewer.
const PACS_MARKERS: [&str; 12] = [
    "orthanc",
    "explorer.html", // Orthanc Explorer's redirect
    "dcm4che",
    "conquest",
    "ohif",
    "pacs",
    "dicom",
    "wado",
    "dicoogle",
    "weasis",
    "osirix",
    "horos",
];

/// What a port scan saw on one host; the decoder fills it from nmap output.
#[derive(Debug, Default, Clone)]
pub struct ScannedHost {
    pub address: Option<String>,
    pub hostname: Option<String>,
    pub ports: Vec<ScannedPort>,
}

/// One port of a scanned host.
#[derive(Debug, Default, Clone)]
pub struct ScannedPort {
    pub number: u16,
    pub protocol: String,
    pub state: String,
    pub service: String,
    /// Product, version and extra info as nmap's VERSION column shows them.
    pub version: String,
    pub scripts: Vec<ScriptOutput>,
}

/// What one nmap script printed about a port.
#[derive(Debug, Default, Clone)]
pub struct ScriptOutput {
    pub id: String,
    /// The script's output, as nmap prints it (lines).
    pub output: String,
    /// `<elem key=...>` values of the XML form, keys joined with `.` through tables.
    pub elems: Vec<(String, String)>,
}

impl ScriptOutput {
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.output.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    fn evidence(&self) -> Vec<String> {
        self.lines().map(|l| format!("{}: {l}", self.id)).collect()
    }

    fn says(&self, needle: &str) -> bool {
        let needle = needle.to_ascii_lowercase();
        self.lines()
            .any(|l| l.to_ascii_lowercase().contains(&needle))
            || self
                .elems
                .iter()
                .any(|(_, v)| v.to_ascii_lowercase().contains(&needle))
    }
}

impl ScannedHost {
    /// The address when the scan has one (what a checklist or firewall rule needs), else the
    /// name; a name beside an address goes into the evidence instead.
    pub fn label(&self) -> String {
        match (&self.hostname, &self.address) {
            (_, Some(address)) => address.clone(),
            (Some(name), None) => name.clone(),
            (None, None) => "unknown host".to_string(),
        }
    }
}

/// The findings on one host, port by port. Reading the entries of a query listing is the
/// decoder's work: `listed` reads them from a port's script and returns how many there were.
///
/// What counts, per open port:
///
/// - output of a `dicom*` script (`dicom-ping`, `dicom-brute`, forks' `dicom-info`, ...):
///   `Any AET is accepted` or `allows any AET` → `N-DICOM-ANY-AET`; an account line with
///   `Valid credentials` → `N-DICOM-AET-GUESSED`; otherwise `Called AET check enabled` or
///   `DICOM Service Provider discovered` → `N-DICOM-OPEN`. Extra fields that forks print
///   (`vendor`, `version`, `implementation_class_uid`, ...) travel in the evidence.
/// - a `dicom-cfind-ls` (or other `dicom*find*`) script that lists patients →
///   `N-DICOM-QUERY-ANSWERED`.
/// - a DICOM port (104, 11112, 4242, 2761, 2762, or a service named `dicom`/`acr-nema`) that is
///   open with no script verdict → `N-DICOM-PORT-OPEN`; port 2762 also → `N-DICOM-TLS`.
/// - a PACS web port (8042, 80, 443, 8080) open with an HTTP service or a PACS-like product,
///   or any HTTP service with a PACS-like product → `N-PACS-WEB-OPEN`; PACS-like (Orthanc,
///   dcm4chee, Conquest, OHIF, ..., or port 8042, Orthanc's default) weighs more.
///
/// Evidence is what nmap printed: the script lines (`dicom-ping: config: ...`) or the port
/// line, rebuilt the same way from XML and text by the decoder so both give the same findings.
pub fn judge_host(
    host: &ScannedHost,
    mut listed: impl FnMut(&ScannedPort, &ScriptOutput) -> usize,
) -> Vec<NetworkFinding> {
    let mut findings = Vec::new();
    let public = host.address.as_deref().is_some_and(is_public_address);
    let unknown_address = host
        .address
        .as_deref()
        .is_none_or(|a| a.parse::<std::net::IpAddr>().is_err());
    let label = host.label();
    for port in host.ports.iter().filter(|p| p.state == "open") {
        let mut emit = |rule: NetworkRule, pacs_like: bool, mut evidence: Vec<String>| {
            if unknown_address {
                evidence.push("(no IP address in the scan: treated as not public)".to_string());
            } else if let Some(name) = &host.hostname {
                evidence.push(format!("(host name: {name})"));
            }
            findings.push(NetworkFinding {
                rule,
                host: label.clone(),
                port: port.number,
                service: port.service.clone(),
                evidence: evidence.join("\n"),
                severity: rule.severity_with(public, pacs_like),
                public_address: public,
            });
        };
        let port_line = port_line(port);
        let dicom: Vec<&ScriptOutput> = port
            .scripts
            .iter()
            .filter(|s| s.id.starts_with("dicom"))
            .collect();

        let any_aet: Vec<&ScriptOutput> = dicom
            .iter()
            .copied()
            .filter(|s| s.says("any aet is accepted") || s.says("allows any aet"))
            .collect();
        let guessed: Vec<String> = dicom
            .iter()
            .filter(|s| s.id.contains("brute"))
            .flat_map(|s| {
                s.lines()
                    .filter(|l| l.contains("Valid credentials"))
                    .map(|l| format!("{}: {l}", s.id))
                    .collect::<Vec<_>>()
            })
            .collect();
        let answered: Vec<&ScriptOutput> = dicom
            .iter()
            .copied()
            .filter(|s| s.says("called aet check enabled") || s.says("service provider discovered"))
            .collect();

        let mut verdict = false;
        if !any_aet.is_empty() {
            emit(
                NetworkRule::AnyAet,
                true,
                any_aet.iter().flat_map(|s| s.evidence()).collect(),
            );
            verdict = true;
        }
        if !guessed.is_empty() {
            emit(NetworkRule::AetGuessed, true, guessed);
            verdict = true;
        }
        if !verdict && !answered.is_empty() {
            emit(
                NetworkRule::DicomOpen,
                true,
                answered.iter().flat_map(|s| s.evidence()).collect(),
            );
            verdict = true;
        }
        for script in dicom.iter().filter(|s| s.id.contains("find")) {
            let entries = listed(port, script);
            if entries == 0 {
                continue;
            }
            emit(
                NetworkRule::QueryAnswered,
                true,
                vec![format!(
                    "{}: listed {} entr{} (values not shown here)",
                    script.id,
                    entries,
                    if entries == 1 { "y" } else { "ies" }
                )],
            );
            verdict = true;
        }

        let service = port.service.to_ascii_lowercase();
        let dicom_port = DICOM_PORTS.contains(&port.number)
            || service.contains("dicom")
            || service.contains("acr-nema");
        if dicom_port && !verdict {
            emit(NetworkRule::DicomPortOpen, true, vec![port_line.clone()]);
        }
        if port.number == DICOM_TLS_PORT || service.contains("dicom-tls") {
            emit(NetworkRule::DicomTls, true, vec![port_line.clone()]);
        }

        let marker = pacs_marker(port);
        let http = service.contains("http");
        let web_port = WEB_PORTS.contains(&port.number);
        if (web_port && (http || marker.is_some())) || (http && marker.is_some()) {
            let pacs_like = marker.is_some();
            let mut evidence = vec![port_line.clone()];
            if let Some(marker) = marker {
                evidence.push(format!("looks like a PACS: {marker}"));
            }
            emit(NetworkRule::PacsWebOpen, pacs_like, evidence);
        }
    }
    findings
}

/// `8042/tcp open fs-agent`, plus the VERSION column when nmap filled it.
fn port_line(port: &ScannedPort) -> String {
    let mut line = format!(
        "{}/{} {} {}",
        port.number, port.protocol, port.state, port.service
    );
    if !port.version.is_empty() {
        line.push(' ');
        line.push_str(&port.version);
    }
    line
}

/// Why a web port looks like a PACS, if it does.
fn pacs_marker(port: &ScannedPort) -> Option<String> {
    let mut texts = vec![
        port.service.to_ascii_lowercase(),
        port.version.to_ascii_lowercase(),
    ];
    for script in &port.scripts {
        texts.push(script.output.to_ascii_lowercase());
    }
    for marker in PACS_MARKERS {
        if texts.iter().any(|t| t.contains(marker)) {
            return Some(format!("\"{marker}\" in what the port answered"));
        }
    }
    (port.number == ORTHANC_HTTP_PORT)
        .then(|| format!("port {ORTHANC_HTTP_PORT} is Orthanc's default"))
}

/// Whether `host` is a public Internet address. Private (RFC 1918), loopback, link-local,
/// carrier-grade NAT (100.64.0.0/10), unique-local IPv6 (fc00::/7), documentation, benchmark,
/// multicast and reserved ranges are not public. A host name that is not an address is unknown,
/// and reported as not public (`false`): callers say so in their evidence.
pub fn is_public_address(host: &str) -> bool {
    let text = host.trim();
    let text = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    // A zone index (`fe80::1%eth0`) only appears on link-local addresses.
    let text = text.split('%').next().unwrap_or(text);
    match text.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => is_public_v4(v4),
        Ok(IpAddr::V6(v6)) => is_public_v6(v6),
        Err(_) => false,
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let not_public = a == 0 // "this network"
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // CGNAT
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // TEST-NET-3
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 224; // multicast, reserved, broadcast
    !not_public
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    let not_public = ip.is_unspecified()
        || ip.is_loopback()
        || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // deprecated site-local fec0::/10
        || (s[0] & 0xff00) == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation 2001:db8::/32
        || (s[0] & 0xfff0) == 0x3ff0 // documentation 3fff::/20 (RFC 9637)
        || (s[0] == 0x0100 && s[1] == 0 && s[2] == 0 && s[3] == 0); // discard 100::/64
    !not_public
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_listing_counts_only_when_the_decoder_read_entries_from_it() {
        let host = ScannedHost {
            address: Some("10.0.0.5".into()),
            hostname: None,
            ports: vec![ScannedPort {
                number: 11112,
                protocol: "tcp".into(),
                state: "open".into(),
                service: "dicom".into(),
                version: String::new(),
                scripts: vec![ScriptOutput {
                    id: "dicom-cfind-ls".into(),
                    output: "PatientName: DOE^JOHN".into(),
                    elems: Vec::new(),
                }],
            }],
        };
        let judged = |entries: usize| judge_host(&host, |_, _| entries);
        let none = judged(0);
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].rule, NetworkRule::DicomPortOpen);
        let two = judged(2);
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].rule, NetworkRule::QueryAnswered);
        assert_eq!(two[0].severity, Severity::Critical);
        assert!(
            two[0].evidence.contains("listed 2 entries"),
            "{}",
            two[0].evidence
        );
        assert!(!two[0].evidence.contains("DOE"), "{}", two[0].evidence);
    }

    #[test]
    fn only_a_web_port_weighs_less_when_it_looks_unlike_a_pacs() {
        for row in ROWS {
            let lighter = row.weight_unlike_pacs != row.weight;
            assert_eq!(lighter, row.rule == NetworkRule::PacsWebOpen, "{}", row.id);
            assert!(row.weight.private <= row.weight.public, "{}", row.id);
        }
    }

    #[test]
    fn public_addresses_weigh_more() {
        use Severity::*;
        assert_eq!(NetworkRule::AnyAet.severity(true), Critical);
        assert_eq!(NetworkRule::AnyAet.severity(false), High);
        assert_eq!(NetworkRule::AetGuessed.severity(true), Critical);
        assert_eq!(NetworkRule::AetGuessed.severity(false), High);
        assert_eq!(NetworkRule::DicomOpen.severity(true), High);
        assert_eq!(NetworkRule::DicomOpen.severity(false), Medium);
        assert_eq!(NetworkRule::DicomPortOpen.severity(true), High);
        assert_eq!(NetworkRule::DicomPortOpen.severity(false), Low);
        assert_eq!(NetworkRule::PacsWebOpen.severity_with(true, true), Critical);
        assert_eq!(NetworkRule::PacsWebOpen.severity_with(true, false), High);
        assert_eq!(NetworkRule::PacsWebOpen.severity_with(false, true), Medium);
        assert_eq!(NetworkRule::PacsWebOpen.severity_with(false, false), Low);
        assert_eq!(NetworkRule::DicomTls.severity(true), Info);
        assert_eq!(NetworkRule::QueryAnswered.severity(false), Critical);
    }

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for host in [
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.10",
            "127.0.0.1",
            "169.254.10.10",
            "100.64.0.1",
            "100.127.255.255",
            "192.0.2.7",
            "198.51.100.1",
            "203.0.113.9",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fe80::1%eth0",
            "fd12:3456::1",
            "fc00::1",
            "2001:db8::1",
            "[2001:db8::2]",
            "::ffff:192.168.0.1",
            "ff02::1",
            "pacs.example.org",
            "",
        ] {
            assert!(!is_public_address(host), "{host}");
        }
    }

    #[test]
    fn internet_addresses_are_public() {
        for host in [
            "8.8.8.8",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "192.169.0.1",
            "2606:4700::1111",
            "[2a00:1450:4001::1]",
            "::ffff:8.8.4.4",
        ] {
            assert!(is_public_address(host), "{host}");
        }
    }
}
