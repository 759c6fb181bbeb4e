//! Network exposure: what a port scan (nmap) shows a stranger about a PACS or DICOM node.
//!
//! These rules judge scan results, not files: each [`crate::decode::NetworkFinding`] names one
//! of them. The severity depends on whether the host has a public Internet address
//! ([`is_public_address`]): a DICOM node that anyone on the Internet can query is a breach
//! waiting to happen; the same node inside a hospital network is still a risk, but a smaller one.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Category, Severity};

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
    fn row_i_is_variant_i_and_ids_map_back() {
        for (i, row) in ROWS.iter().enumerate() {
            assert_eq!(row.rule as usize, i, "{}", row.id);
            assert_eq!(NetworkRule::from_id(row.id), Some(row.rule));
            assert!(row.id.starts_with("N-"), "{}", row.id);
        }
        assert_eq!(NetworkRule::all().count(), ROWS.len());
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
