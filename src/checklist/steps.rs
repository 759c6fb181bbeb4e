//! The checklist content, as data: one table per path.
//!
//! Every question is phrased so that **Yes is the safe answer**. `severity` is how bad a
//! "no" is; `evidence` says which scan results answer or flag the step (see
//! [`super::evidence_map`]). Step ids are stable: stored answers are keyed by them, so an id
//! is never reused for a different question.

use crate::rules::Severity;

use super::{EvidenceKind, EvidenceRule, Outcome};

/// One question of the guided checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Stable id: `P-...` on the patient path, `O-...` on the office path.
    pub id: &'static str,
    /// A short title for lists and the action plan.
    pub title: &'static str,
    /// The question; "yes" is the safe answer.
    pub question: &'static str,
    /// Why it matters, in plain words.
    pub why: &'static str,
    /// How to find the answer, concretely.
    pub how_to_check: &'static str,
    /// What to do when the answer is "no" or "not sure".
    pub if_not: &'static str,
    /// How bad a "no" is.
    pub severity: Severity,
    /// Short citations.
    pub sources: &'static [&'static str],
    /// Which evidence answers, flags or annotates this step, and how.
    pub evidence: &'static [EvidenceRule],
}

const PROPUBLICA: &str = "ProPublica/BR 2019";
const SRA_RULE: &str = "45 CFR 164.308(a)(1)(ii)(A)";
const SRA_TOOL: &str = "HHS SRA Tool";
const OCR: &str = "HHS OCR complaint portal";
const HICP: &str = "HHS 405(d) HICP 2023";
const PS315_TLS: &str = "DICOM PS3.15 Annex B (BCP 195 TLS), B.4 User Identity";
const PS315_DEID: &str = "DICOM PS3.15 Annex E (Basic Profile)";
const CSP: &str = "NEMA/MITA CSP 1-2015";
const ORTHANC: &str = "Orthanc book: security";

/// The nmap command an office runs from outside its own network (a macro so that step texts
/// can embed it with `concat!`).
macro_rules! nmap_from_outside {
    () => {
        "nmap -Pn -p 104,2761,2762,4242,11112,80,443,8042,8080 \
         --script dicom-ping,dicom-brute -oX scan.xml <your public IP>"
    };
}

/// The nmap command an office runs from outside its own network.
pub const NMAP_FROM_OUTSIDE: &str = nmap_from_outside!();

const DICOM_ANY_PUBLIC: EvidenceRule = EvidenceRule {
    kind: EvidenceKind::DicomAnyAeTitle,
    public: Outcome::Fails(Severity::Critical),
    private: Outcome::Flags(Severity::Medium),
};
const DICOM_REACHABLE_PUBLIC: EvidenceRule = EvidenceRule {
    kind: EvidenceKind::DicomReachable,
    public: Outcome::Fails(Severity::High),
    private: Outcome::Flags(Severity::Low),
};
const DICOM_TLS_PUBLIC: EvidenceRule = EvidenceRule {
    kind: EvidenceKind::DicomTls,
    public: Outcome::Fails(Severity::High),
    private: Outcome::Notes,
};
const WEB_PUBLIC: EvidenceRule = EvidenceRule {
    kind: EvidenceKind::PacsWeb,
    public: Outcome::Fails(Severity::Critical),
    private: Outcome::Flags(Severity::Low),
};

/// The patient's path: what to ask the provider, what to do with the files you hold.
pub static PATIENT_STEPS: &[Step] = &[
    Step {
        id: "P-LOGIN",
        title: "Your own login for your images",
        question: "Does looking at your images online need your own login and password?",
        why: "In 2019, reporters found 187 imaging servers in the US that anyone on the Internet \
              could open without a password, with millions of patients' names and birth dates \
              and sometimes Social Security numbers. A personal login is the least that should \
              stand between the Internet and your scans.",
        how_to_check: "Open the link or portal your provider gave you in a private browser \
                       window. If your images appear without asking for your own user name and \
                       password (or a code sent to you), the answer is no. If you never got \
                       online access, ask the provider: \"Can my images be reached from the \
                       Internet, and does that need my own login?\"",
        if_not: "Ask the provider in writing whether their imaging system (PACS) can be reached \
                 from the Internet and how access is protected. A server holding images must \
                 never be reachable from the Internet without a VPN and a password. The letter \
                 this page writes for you asks exactly this.",
        severity: Severity::High,
        sources: &[PROPUBLICA],
        evidence: &[],
    },
    Step {
        id: "P-RISK-ASSESSMENT",
        title: "Security risk assessment at your provider",
        question: "Has your provider, and the imaging centre it sends you to, done a HIPAA \
                   security risk assessment in the last 12 months?",
        why: "US providers must analyse the risks to the health data they hold and act on what \
              they find. An office that has never looked is the kind of place where an open \
              server goes unnoticed for years.",
        how_to_check: "Ask the provider's privacy or security officer: \"When did you last do \
                       your HIPAA security risk assessment, and does it cover the imaging system \
                       and the imaging centre you refer patients to?\" A date within the last \
                       year is a yes.",
        if_not: "Ask them to do one (HHS offers a free Security Risk Assessment Tool for small \
                 practices) and to tell you when it is done. If they cannot answer, ask the \
                 imaging centre directly.",
        severity: Severity::Medium,
        sources: &[PROPUBLICA, SRA_RULE, SRA_TOOL],
        evidence: &[],
    },
    Step {
        id: "P-PORTAL",
        title: "A personal portal, not shared logins or public links",
        question: "Do you get your images through a portal with your own account, rather than \
                   a shared viewer login or a link anyone could open?",
        why: "A shared login (one user name for every patient) or a public link lets anyone \
              who gets hold of it see your scans, and often other patients' scans too.",
        how_to_check: "Look at how you received access. A link with no login, a user name and \
                       password printed for many patients, or a link that never expires are a \
                       no. Your own account, or a link that expires and needs a code sent to \
                       you, is a yes.",
        if_not: "Ask the provider for access through a patient portal with your own account, \
                 or for a copy on a disc you keep safe. Do not forward shared links.",
        severity: Severity::Medium,
        sources: &[PROPUBLICA, HICP],
        evidence: &[],
    },
    Step {
        id: "P-CHECK-FILES",
        title: "Check CDs, USB sticks and ZIPs before sharing",
        question: "Before you share a CD, USB stick or ZIP of your scans, do you check what it \
                   reveals about you?",
        why: "Every image file on a disc usually carries your name, birth date, patient ID and \
              the places and dates of your care, and the disc's index file (DICOMDIR) lists \
              them again. Some images also have your name written into the picture itself.",
        how_to_check: "Drop the files (or the whole folder, or the ZIP) on this page. They are \
                       read on your computer and never uploaded. The report shows what in them \
                       identifies you.",
        if_not: "Treat discs, sticks and ZIPs like any medical record: share them only with \
                 people who need them, and never post them online as they are. If you must \
                 share images publicly (a forum, research, teaching), remove the identifiers \
                 first and check that no name is written into the pictures.",
        severity: Severity::Medium,
        sources: &[PS315_DEID, HICP],
        evidence: &[
            EvidenceRule::always(
                EvidenceKind::FilesWithIdentifiers,
                Outcome::Flags(Severity::High),
            ),
            EvidenceRule::always(EvidenceKind::BurnedInText, Outcome::Notes),
            EvidenceRule::always(
                EvidenceKind::BrokenDeidentification,
                Outcome::Flags(Severity::High),
            ),
        ],
    },
    Step {
        id: "P-IF-EXPOSED",
        title: "Know what to do if your data is exposed",
        question: "Do you know whom to contact if you find your images or data exposed?",
        why: "The sooner the provider knows, the sooner the server is closed. Providers must \
              investigate, and in the US a complaint to the regulator makes sure it happens.",
        how_to_check: "Find the name of your provider's privacy officer (it is in their Notice \
                       of Privacy Practices, often on their web site or at the front desk).",
        if_not: "First contact the provider's privacy officer in writing, say what you found \
                 and where, and do not download or pass on other people's data. In the US, if \
                 the provider does not act, file a complaint with the HHS Office for Civil \
                 Rights (OCR) through its online complaint portal, within 180 days of when you \
                 found out.",
        severity: Severity::Low,
        sources: &[OCR, PROPUBLICA],
        evidence: &[],
    },
];

/// The office's path: what an outsider can reach, and how to close it.
pub static OFFICE_STEPS: &[Step] = &[
    Step {
        id: "O-NO-PUBLIC-DICOM",
        title: "No DICOM port reachable from the Internet",
        question: "Is every DICOM port of your PACS and modalities (104, 11112, 4242, 2761, \
                   2762) closed to the Internet?",
        why: "A DICOM port that answers from the Internet lets anyone query your PACS for \
              patient names, birth dates and studies, and download the images. This is how \
              the 187 servers found in 2019 exposed millions of patients.",
        how_to_check: concat!(
            "From a machine outside your network, scan your public IP address: ",
            nmap_from_outside!(),
            ". \"filtered\" or \"closed\" on these ports is good. \"open\" means the \
             Internet reaches the port, whatever the PACS then checks. See \"Check from \
             outside\" for what each answer of the scripts means."
        ),
        if_not: "Close the port forwarding on your router or firewall today. Nobody outside \
                 needs a DICOM port: remote readers connect through a VPN. If a partner sends \
                 you studies, allow only their fixed IP address, and move to DICOM TLS.",
        severity: Severity::Critical,
        sources: &[PROPUBLICA, "HHS 405(d) HICP 2023, practice 6", CSP],
        evidence: &[DICOM_ANY_PUBLIC, DICOM_REACHABLE_PUBLIC, DICOM_TLS_PUBLIC],
    },
    Step {
        id: "O-NO-PUBLIC-WEB",
        title: "No PACS web viewer or REST API reachable from the Internet",
        question: "Are your PACS web viewer and its REST API (for example ports 8042, 8080, \
                   80, 443) closed to the Internet?",
        why: "Web viewers and REST APIs such as Orthanc's list every patient and let anyone \
              download studies. Without authentication, a search engine for devices finds \
              them within days.",
        how_to_check: "The same outside scan: 80, 443, 8042 and 8080 must be \"filtered\" or \
                       \"closed\". Also open http://<your public IP>:8042/ from a phone on \
                       mobile data (not your office Wi-Fi): no page should load.",
        if_not: "Remove the port forwarding. Reach the viewer from outside only through the \
                 VPN. If patients must download images, use a patient portal with personal \
                 accounts, not the PACS itself.",
        severity: Severity::Critical,
        sources: &[PROPUBLICA, ORTHANC, "HHS 405(d) HICP 2023, practice 6"],
        evidence: &[WEB_PUBLIC],
    },
    Step {
        id: "O-REMOTE-VPN",
        title: "Remote access only through a VPN with MFA",
        question: "Does all remote access (remote reading, vendor support) go through a VPN \
                   with personal passwords and multi-factor authentication?",
        why: "A VPN keeps the PACS off the Internet while readers still work from home. Shared \
              or reused passwords on the VPN or on remote-desktop tools are the usual way in \
              for ransomware.",
        how_to_check: "List every way into the network from outside: VPN, remote desktop, \
                       vendor remote-support tools, port forwards on the router. Each must need \
                       a personal account with a second factor (an app or a key).",
        if_not: "Set up a VPN on the firewall (most business routers include one), give each \
                 reader their own account with MFA, remove router port forwards and \
                 always-on vendor tunnels, and let vendors in only when you open access.",
        severity: Severity::High,
        sources: &[
            PROPUBLICA,
            "HHS 405(d) HICP 2023, practice 3",
            "HHS 405(d) HICP 2023, practice 6",
        ],
        evidence: &[],
    },
    Step {
        id: "O-CHECK-OUTSIDE",
        title: "Check from outside",
        question: "Have you scanned your public IP address from outside your network in the \
                   last 3 months?",
        why: "A scan from inside shows what your colleagues can reach, not what the Internet \
              can. Router changes, vendor visits and new devices open ports without anyone \
              noticing.",
        how_to_check: concat!(
            "From a machine outside the office (a home connection, a phone hotspot, \
                       a cloud server), with permission for the address you scan, run: ",
            nmap_from_outside!(),
            ". Then drop scan.xml on this page. What the answers mean: \"filtered\" or \
                       \"closed\" = good, the Internet does not reach the port. \"Any AET is \
                       accepted (Insecure)\" = anyone on the Internet can query your PACS. \
                       \"Called AET check enabled\" = an AE title is required, which is not a \
                       password: dicom-brute guesses common ones in seconds. \"Valid \
                       credentials\" from dicom-brute = it guessed your AE title. An open \
             80/443/8042/8080 = a web page or API is reachable."
        ),
        if_not: "Do the scan now and repeat it after every change to the router, the firewall \
                 or the PACS, and at least every 3 months.",
        severity: Severity::High,
        sources: &[PROPUBLICA, "HHS 405(d) HICP 2023, practice 7"],
        evidence: &[
            EvidenceRule {
                kind: EvidenceKind::DicomAnyAeTitle,
                public: Outcome::Ignores,
                private: Outcome::Flags(Severity::Low),
            },
            EvidenceRule {
                kind: EvidenceKind::DicomReachable,
                public: Outcome::Ignores,
                private: Outcome::Flags(Severity::Low),
            },
            EvidenceRule {
                kind: EvidenceKind::PacsWeb,
                public: Outcome::Ignores,
                private: Outcome::Flags(Severity::Low),
            },
        ],
    },
    Step {
        id: "O-AE-ALLOWLIST",
        title: "Called and calling AE titles plus IP allow-list",
        question: "Does your PACS accept associations only from known modalities and \
                   workstations, checked by called AE title, calling AE title AND IP address?",
        why: "AE titles are not passwords: they are sent in clear text, and dicom-brute guesses \
              common ones (ORTHANC, PACS, ANY-SCP, ...). Only the combination with a list of \
              allowed IP addresses keeps strangers out.",
        how_to_check: "In the PACS configuration, look for the list of known modalities (in \
                       Orthanc: DicomModalities, with DicomCheckCalledAet and \
                       DicomCheckModalityHost set to true; in dcm4chee and vendor systems: the \
                       AE title and host checks). The outside scan must not say \"Any AET is \
                       accepted\" nor report \"Valid credentials\".",
        if_not: "Register each modality and workstation with its AE title and IP address, \
                 turn on the called-AE, calling-AE and host checks, and refuse unknown callers. \
                 Keep the allow-list short and review it when devices change.",
        severity: Severity::High,
        sources: &[ORTHANC, CSP, "HHS 405(d) HICP 2023, practice 9"],
        evidence: &[EvidenceRule {
            kind: EvidenceKind::DicomAnyAeTitle,
            public: Outcome::Fails(Severity::Critical),
            private: Outcome::Fails(Severity::High),
        }],
    },
    Step {
        id: "O-QUERY-RESTRICTED",
        title: "Queries only from known modalities and users",
        question: "Does your PACS answer queries (C-FIND, QIDO-RS, the REST API) only from \
                   known modalities and logged-in users?",
        why: "A query returns the list of your patients with names, birth dates and IDs. If \
              any caller gets an answer, one command copies your patient list.",
        how_to_check: "From a machine that is not on your allow-list, with an AE title your PACS \
                       does not know, run: findscu -S -aet STRANGER -aec <your PACS AE title> \
                       -k QueryRetrieveLevel=STUDY -k PatientName <PACS address> <port>. It \
                       must be refused. Drop the output on this page to check it.",
        if_not: "Restrict C-FIND to registered modalities (Orthanc: DicomAlwaysAllowFind \
                 false, known DicomModalities only), require authentication on the REST and \
                 DICOMweb APIs, and limit result sizes (Orthanc: LimitFindResults, \
                 LimitFindInstances).",
        severity: Severity::Critical,
        sources: &[ORTHANC, PS315_TLS, CSP],
        evidence: &[EvidenceRule::always(
            EvidenceKind::QueryExport,
            Outcome::Fails(Severity::High),
        )],
    },
    Step {
        id: "O-DICOM-TLS",
        title: "DICOM TLS and user identity",
        question: "Do connections that leave the building use DICOM TLS (port 2762), with user \
                   identity negotiation where your systems support it?",
        why: "Plain DICOM sends patient data and AE titles in clear text. TLS (PS3.15 BCP 195 \
              profiles) encrypts them and, with client certificates, proves who connects. User \
              identity negotiation adds a user name and password, but these too travel in \
              clear text unless TLS is on.",
        how_to_check: "Ask your PACS and modality vendors which PS3.15 secure transport \
                       profiles and user identity types they support (the MDS2 form lists \
                       this). Check that partners outside your network connect on the TLS port \
                       only.",
        if_not: "Turn on DICOM TLS for every connection that leaves the building, with client \
                 certificates where supported; use user identity negotiation (user name and \
                 passcode, Kerberos, SAML or JWT) only over TLS; and serve DICOMweb only over \
                 HTTPS with real authentication.",
        severity: Severity::Medium,
        sources: &[PS315_TLS, CSP],
        evidence: &[EvidenceRule::always(EvidenceKind::DicomTls, Outcome::Notes)],
    },
    Step {
        id: "O-WEB-AUTH",
        title: "Web authentication on, no default passwords, limited results",
        question: "Does your PACS web interface and API require a personal login, with all \
                   default accounts removed and query results limited?",
        why: "Vendor default passwords are published in manuals. An API that returns every \
              patient at once turns one stolen password into your whole archive.",
        how_to_check: "Open the web viewer in a private browser window: it must ask for a \
                       login. Try the vendor's default account: it must fail. In Orthanc, check \
                       that AuthenticationEnabled is true, RemoteAccessAllowed is false unless \
                       behind the VPN, RegisteredUsers has no default orthanc/orthanc user, and \
                       LimitFindResults is set.",
        if_not: "Turn authentication on, give each person their own account, change or remove \
                 every default account, keep RemoteAccessAllowed off except behind the VPN, set \
                 LimitFindResults, and put HTTPS in front of the viewer.",
        severity: Severity::High,
        sources: &[ORTHANC, CSP, "HHS 405(d) HICP 2023, practice 3"],
        evidence: &[EvidenceRule {
            kind: EvidenceKind::PacsWeb,
            public: Outcome::Flags(Severity::High),
            private: Outcome::Flags(Severity::Medium),
        }],
    },
    Step {
        id: "O-PATCH",
        title: "Patched operating system and PACS",
        question: "Are the operating systems of the PACS server and workstations, and the PACS \
                   software itself, on versions that still get security updates, and updated?",
        why: "Old PACS versions have known flaws and insecure defaults (older Orthanc versions \
              allowed remote access without a password). Unsupported Windows versions on \
              modalities are common ransomware targets.",
        how_to_check: "Write down each server, workstation and modality with its operating \
                       system and software version, and compare with the vendor's supported \
                       versions. Ask vendors for the MDS2 form and their patch policy.",
        if_not: "Update the PACS and the operating systems; for modalities the vendor must \
                 patch, ask for a date in writing and isolate the device until then (see \
                 network segmentation).",
        severity: Severity::High,
        sources: &[
            "HHS 405(d) HICP 2023, practice 7",
            "HHS 405(d) HICP 2023, practice 5",
            CSP,
        ],
        evidence: &[EvidenceRule::always(
            EvidenceKind::ServerInfo,
            Outcome::Notes,
        )],
    },
    Step {
        id: "O-SEGMENT",
        title: "Network segmentation",
        question: "Are the PACS and the modalities on their own network segment (VLAN), \
                   separated from office PCs, guest Wi-Fi and the Internet?",
        why: "If a phishing e-mail infects a reception PC, a flat network lets the attacker \
              reach the PACS and every modality. Modalities often run old systems that cannot \
              be patched.",
        how_to_check: "Ask whoever runs your network whether imaging devices sit on a separate \
                       VLAN with firewall rules. From a reception PC, a DICOM port of the PACS \
                       should not be reachable unless that PC reads images.",
        if_not: "Put PACS and modalities on their own VLAN, allow only the DICOM and web \
                 traffic that is needed between segments, and block Internet access from \
                 modalities.",
        severity: Severity::Medium,
        sources: &[
            "HHS 405(d) HICP 2023, practice 6",
            "HHS 405(d) HICP 2023, practice 9",
            CSP,
        ],
        evidence: &[],
    },
    Step {
        id: "O-BACKUP",
        title: "Offline, tested backups",
        question: "Do you have a backup of the PACS that is offline (or cannot be changed) and \
                   that you have restored successfully in the last 12 months?",
        why: "Ransomware encrypts the archive and every backup it can reach. Only an offline \
              copy you know how to restore lets you keep working without paying.",
        how_to_check: "Find the last backup: where is it, can a PC on the network delete it, \
                       and when did you last restore a study from it?",
        if_not: "Keep at least one copy offline or immutable, encrypt it, and test a restore \
                 every year. Write down who does what in an incident.",
        severity: Severity::Medium,
        sources: &[
            "HHS 405(d) HICP 2023, practice 4",
            "HHS 405(d) HICP 2023, practice 8",
        ],
        evidence: &[],
    },
    Step {
        id: "O-RISK-ASSESSMENT",
        title: "Documented risk assessment every year",
        question: "Have you documented a HIPAA security risk assessment in the last 12 months, \
                   covering the PACS, and acted on it?",
        why: "HIPAA requires an accurate and thorough risk analysis and keeping it current. It \
              is also what a patient or a regulator will ask for first after an incident.",
        how_to_check: "Find the last written risk assessment and its date. Does it list the \
                       PACS, the modalities, remote access and the vendors with access?",
        if_not: "Use the free HHS Security Risk Assessment Tool, name one person responsible, \
                 review vendors and business associate agreements, and repeat it every year \
                 and after major changes.",
        severity: Severity::Medium,
        sources: &[SRA_RULE, SRA_TOOL, "HHS 405(d) HICP 2023, practice 10"],
        evidence: &[],
    },
    Step {
        id: "O-DEIDENTIFY",
        title: "De-identify before sharing images",
        question: "Before images leave for research, teaching or a second opinion that does not \
                   need the patient's identity, are they de-identified with the DICOM Basic \
                   Profile and checked for burned-in text?",
        why: "Blanking the patient name is not enough: birth dates, IDs, accession numbers, \
              institution names and text burned into the pixels still identify the patient.",
        how_to_check: "Take a sample of what you shared last and drop it on this page: the \
                       report must show no identifiers and no burned-in text.",
        if_not: "Use a tool that applies the PS3.15 Basic Application Level Confidentiality \
                 Profile (not just name removal), check every image for burned-in text, and \
                 check a sample of the output before sending.",
        severity: Severity::High,
        sources: &[PS315_DEID, "HHS 405(d) HICP 2023, practice 4"],
        evidence: &[
            EvidenceRule::always(
                EvidenceKind::FilesWithIdentifiers,
                Outcome::Flags(Severity::Medium),
            ),
            EvidenceRule::always(EvidenceKind::BurnedInText, Outcome::Notes),
            EvidenceRule::always(
                EvidenceKind::BrokenDeidentification,
                Outcome::Fails(Severity::High),
            ),
        ],
    },
];
