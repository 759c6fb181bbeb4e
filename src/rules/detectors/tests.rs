use super::*;

/// The matched substrings of one detector.
fn found(text: &str, detector: Detector) -> Vec<&str> {
    found_with(text, detector, None)
}

fn found_with<'t>(text: &'t str, detector: Detector, name: Option<&NameEcho>) -> Vec<&'t str> {
    scan_text(text, name)
        .into_iter()
        .filter(|h| h.detector == detector)
        .map(|h| &text[h.start..h.end])
        .collect()
}

fn fires(text: &str, detector: Detector) -> bool {
    !found(text, detector).is_empty()
}

/// Values that fill real DICOM files; no detector may fire on any of them.
const DICOM_NOISE: &[&str] = &[
    "1.2.840.10008.5.1.4.1.1.2",
    "1.2.826.0.1.3680043.2.1125.1.34918616334675410762321512011151",
    "1.3.12.2.1107.5.1.4.73513.30000019073012345678900000012",
    "1.2.840.113619.2.55.3.604688119.969.1268071029.320",
    "1.2.392.200036.9116.2.6.1.48.1214833767.1398645014.507509",
    "20240131",
    "19700102",
    "101530.123",
    "101530",
    "0.488281\\0.488281",
    "-125.000000\\-130.500000\\95.250000",
    "1\\0\\0\\0\\1\\0",
    "120",
    "250\\250",
    "ORIGINAL\\PRIMARY\\AXIAL",
    "CT HEAD W/O CONTRAST",
    "CHEST PA AND LATERAL",
    "T2W_TSE_SAG 3mm",
    "3 Phase CT Abdomen",
    "5 mm slice thickness",
    "KVP 120 MA 250 mAs 300",
    "Exposure 2 ms Dr Smith",
    "113100",
    "DCM 121331",
    "SNM3 T-D1100",
    "123456789",
    "1234567890",
    "00:1a:2b:3c:4d:5e",
    "10:15:30",
    "Series 2 Slice 45",
    "ACC 123456789",
    "Window 40\\400",
    "W: 350 L: 50",
    "SW Version 3.1.4.2",
    "syngo MR E11",
    "pH 7.35",
    "ISO_IR 100",
];

#[test]
fn dicom_noise_fires_nothing() {
    let name = NameEcho::from_dicom_pn("Doe^John").unwrap();
    for value in DICOM_NOISE {
        let hits = scan_text(value, Some(&name));
        assert!(hits.is_empty(), "{value:?} fired {hits:?}");
    }
}

#[test]
fn ids_and_classes_of_well_known_detectors() {
    assert_eq!(Detector::Ssn.id(), "V-SSN");
    assert_eq!(Detector::RecordNumber.id(), "V-MRN");
    assert_eq!(Detector::NameEcho.id(), "V-NAME-ECHO");
    assert_eq!(Detector::Ssn.severity(), Severity::Critical);
    assert_eq!(Detector::NameEcho.severity(), Severity::Critical);
    assert_eq!(Detector::RecordNumber.severity(), Severity::High);
    assert_eq!(Detector::ZipCode.severity(), Severity::Medium);
    assert_eq!(Detector::IpAddress.severity(), Severity::Medium);
    assert_eq!(Detector::ZipCode.category(), Category::Geography);
    assert_eq!(Detector::StreetAddress.category(), Category::Geography);
    assert_eq!(Detector::DateInText.category(), Category::Dates);
    assert_eq!(Detector::NameEcho.category(), Category::Names);
    assert_eq!(Detector::RecordNumber.category(), Category::MedicalRecord);
    assert_eq!(Detector::IpAddress.category(), Category::Ip);
}

// --- SSN ---------------------------------------------------------------------------------

#[test]
fn ssn_written_forms_fire() {
    assert_eq!(found("SSN 123-45-6789", Detector::Ssn), ["123-45-6789"]);
    assert_eq!(found("id 123-45-6789.", Detector::Ssn), ["123-45-6789"]);
    assert_eq!(
        found("number 123 45 6789 on file", Detector::Ssn),
        ["123 45 6789"]
    );
    assert_eq!(
        found("(078-05-1120)", Detector::SsnNeverIssued),
        ["078-05-1120"]
    );
}

#[test]
fn ssn_bare_digits_need_a_label() {
    assert_eq!(found("SSN: 123456789", Detector::Ssn), ["123456789"]);
    assert_eq!(found("SS# 123456789", Detector::Ssn), ["123456789"]);
    assert_eq!(
        found("Social Security No. 123456789", Detector::Ssn),
        ["123456789"]
    );
    assert_eq!(found("soc sec 123456789", Detector::Ssn), ["123456789"]);
    assert!(!fires("Accession 123456789", Detector::Ssn));
    assert!(!fires("123456789", Detector::Ssn));
}

#[test]
fn ssn_validity_rules() {
    for invalid in [
        "000-12-3456",
        "666-12-3456",
        "900-12-3456",
        "999-12-3456",
        "123-00-4567",
        "123-45-0000",
    ] {
        assert!(!fires(invalid, Detector::Ssn), "{invalid}");
        assert!(!fires(invalid, Detector::Itin), "{invalid}");
        // Never dropped: a number the SSA never issues may be a real one mistyped.
        assert_eq!(found(invalid, Detector::SsnNeverIssued), [invalid]);
    }
    for sample in ["078-05-1120", "219-09-9999", "987-65-4321"] {
        assert_eq!(found(sample, Detector::SsnNeverIssued), [sample]);
        assert!(!fires(sample, Detector::Ssn) && !fires(sample, Detector::Itin));
    }
    assert!(!fires("SSN 000123456", Detector::Ssn));
    assert_eq!(
        found("SSN 000123456", Detector::SsnNeverIssued),
        ["000123456"]
    );
    assert_eq!(Detector::SsnNeverIssued.id(), "V-SSN-SHAPED");
    assert!(Detector::SsnNeverIssued.severity() < Detector::Ssn.severity());
}

#[test]
fn itins_are_their_own_rule_at_ssn_severity() {
    // IRS ITIN groups: 50-65, 70-88, 90-92, 94-99.
    for itin in [
        "912-70-1234",
        "900-50-1234",
        "999-88-1234",
        "923-92-1234",
        "931-94-1234",
    ] {
        assert_eq!(found(itin, Detector::Itin), [itin], "{itin}");
        assert!(!fires(itin, Detector::Ssn), "{itin}");
        assert!(!fires(itin, Detector::SsnNeverIssued), "{itin}");
    }
    assert_eq!(
        found("Pt has no SSN, ITIN 912 78 1234 on file.", Detector::Itin),
        ["912 78 1234"]
    );
    assert_eq!(found("ITIN: 912781234", Detector::Itin), ["912781234"]);
    // 9xx outside the ITIN groups is never issued, to anyone.
    for odd in ["912-49-1234", "912-66-1234", "912-89-1234", "912-93-1234"] {
        assert_eq!(found(odd, Detector::SsnNeverIssued), [odd], "{odd}");
        assert!(!fires(odd, Detector::Itin), "{odd}");
    }
    assert_eq!(Detector::Itin.id(), "V-ITIN");
    assert_eq!(Detector::Itin.severity(), Detector::Ssn.severity());
}

#[test]
fn ssn_not_inside_longer_runs() {
    assert!(!fires("1.2.123-45-6789", Detector::Ssn));
    assert!(!fires("9123-45-6789", Detector::Ssn));
    assert!(!fires("123-45-67890", Detector::Ssn));
    assert!(!fires("123-45-6789-1", Detector::Ssn));
    assert!(!fires("123-45 6789", Detector::Ssn));
    assert!(!fires("A123-45-6789", Detector::Ssn));
    assert!(!fires("SSN 1234567890", Detector::Ssn));
    assert!(!fires("Matrix 512 12 1024 768", Detector::Ssn));
    assert!(!fires("40 400 12 3456", Detector::Ssn));
}

// --- Phone -------------------------------------------------------------------------------

#[test]
fn phone_north_american_forms_fire() {
    for phone in [
        "(555) 123-4567",
        "555-123-4567",
        "555.123.4567",
        "+1 555 123 4567",
        "1-800-555-0199",
        "+1-555-123-4567",
    ] {
        let text = format!("call {phone} today");
        assert_eq!(found(&text, Detector::Phone), [phone], "{phone}");
    }
}

#[test]
fn phone_international_forms_fire() {
    assert_eq!(
        found("Tel. +44 20 7946 0958", Detector::Phone),
        ["+44 20 7946 0958"]
    );
    assert_eq!(
        found("ring +49 30 1234567 now", Detector::Phone),
        ["+49 30 1234567"]
    );
    assert_eq!(
        found("+33 1 42 68 53 00", Detector::Phone),
        ["+33 1 42 68 53 00"]
    );
}

#[test]
fn phone_bare_digits_need_a_label() {
    assert_eq!(found("Tel 5551234567", Detector::Phone), ["5551234567"]);
    assert_eq!(
        found("Phone: 030 1234567", Detector::Phone),
        ["030 1234567"]
    );
    assert_eq!(found("Fax no. 0301234567", Detector::Phone), ["0301234567"]);
    assert_eq!(
        found("Mobile 555 123 4567", Detector::Phone),
        ["555 123 4567"]
    );
    assert!(!fires("5551234567", Detector::Phone));
    assert!(!fires("555 123 4567", Detector::Phone));
    assert!(!fires("pH 7.35", Detector::Phone));
}

#[test]
fn phone_not_dates_uids_or_decimals() {
    for text in [
        "2024-01-31",
        "1970-01-02",
        "1.2.840.10008.555.123.4567",
        "0.488281\\0.488281",
        "+1.2345678",
        "123-45-6789",
        "555-123.4567",
        "12/03/2024",
        "+12.5",
    ] {
        assert!(!fires(text, Detector::Phone), "{text}");
    }
}

// --- E-mail and URL ----------------------------------------------------------------------

#[test]
fn email_fires_on_ordinary_addresses() {
    assert_eq!(
        found("mail john.doe@example.com.", Detector::Email),
        ["john.doe@example.com"]
    );
    assert_eq!(
        found("<jane+mri@mail.hospital.org>", Detector::Email),
        ["jane+mri@mail.hospital.org"]
    );
    assert_eq!(
        found("J_DOE@EXAMPLE.CO.UK", Detector::Email),
        ["J_DOE@EXAMPLE.CO.UK"]
    );
}

#[test]
fn email_needs_a_domain() {
    for text in [
        "john@localhost",
        "@example.com",
        "user@",
        "a@b",
        "Doe^John",
        "5 @ 10 mm",
    ] {
        assert!(!fires(text, Detector::Email), "{text}");
    }
}

#[test]
fn url_forms_fire() {
    assert_eq!(
        found(
            "see https://pacs.example.org:8443/dicom-web/studies/1.2.3?x=1.",
            Detector::Url
        ),
        ["https://pacs.example.org:8443/dicom-web/studies/1.2.3?x=1"]
    );
    assert_eq!(
        found("http://example.com", Detector::Url),
        ["http://example.com"]
    );
    assert_eq!(
        found("ftp://files.example.com/a", Detector::Url),
        ["ftp://files.example.com/a"]
    );
    assert_eq!(
        found("(www.example.com)", Detector::Url),
        ["www.example.com"]
    );
    assert_eq!(
        found("a\\http://x.org/b\\c", Detector::Url),
        ["http://x.org/b"]
    );
}

#[test]
fn url_needs_a_scheme_or_www() {
    for text in [
        "example.com",
        "www.",
        "info@www.example.com",
        "1.2.840.10008",
        "file name.dcm",
        "http:",
    ] {
        assert!(!fires(text, Detector::Url), "{text}");
    }
}

// --- IP ----------------------------------------------------------------------------------

#[test]
fn ipv4_fires() {
    assert_eq!(
        found("host 192.168.1.20 up", Detector::IpAddress),
        ["192.168.1.20"]
    );
    assert_eq!(
        found("AE at 10.0.0.5:4242", Detector::IpAddress),
        ["10.0.0.5:4242"]
    );
    assert_eq!(
        found("255.255.255.0", Detector::IpAddress),
        ["255.255.255.0"]
    );
}

#[test]
fn ipv4_rejects_uids_versions_and_bad_octets() {
    for text in [
        "1.2.840.10008.5.1.4.1.1.2",
        "1.2.3.4.5",
        "256.1.1.1",
        "10.0.0.5.7",
        "192.168.01.1",
        "Version 3.1.4.2",
        "Software VE11C 11.0.3.2",
        "v1.2.3.4",
        "0.0.0.0",
        "10.0.0.5:99999",
        "1.2.840.113619.2.55.3",
    ] {
        assert!(!fires(text, Detector::IpAddress), "{text}");
    }
}

#[test]
fn ipv6_fires() {
    assert_eq!(
        found("addr 2001:db8::1.", Detector::IpAddress),
        ["2001:db8::1"]
    );
    assert_eq!(
        found("fe80::1ff:fe23:4567:890a", Detector::IpAddress),
        ["fe80::1ff:fe23:4567:890a"]
    );
    assert_eq!(
        found(
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            Detector::IpAddress
        ),
        ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]
    );
}

#[test]
fn ipv6_rejects_times_macs_and_code() {
    for text in [
        "10:15:30",
        "10:15:30.123",
        "00:1a:2b:3c:4d:5e",
        "::1",
        "a::b",
        "dead::beef",
        "std::vec::Vec",
        "12:30:45:67",
        "1:2:3:4:5:6:7:8:9",
    ] {
        assert!(!fires(text, Detector::IpAddress), "{text}");
    }
}

// --- Dates -------------------------------------------------------------------------------

#[test]
fn numeric_dates_fire() {
    for date in [
        "01/02/1970",
        "1/2/70",
        "1970-01-02",
        "02.01.1970",
        "1970/01/02",
        "31-12-1999",
        "12/31/1999",
    ] {
        let text = format!("born {date}, seen");
        assert_eq!(found(&text, Detector::DateInText), [date], "{date}");
    }
}

#[test]
fn written_dates_fire() {
    for date in [
        "Jan 2, 1970",
        "2 January 1970",
        "January 2nd 1970",
        "2nd of January 1970",
        "Sept. 3, 2001",
        "02-JAN-70",
        "3. März 1970",
        "14 Feb 2024",
    ] {
        let text = format!("DOB {date}.");
        assert_eq!(found(&text, Detector::DateInText), [date], "{date}");
    }
}

#[test]
fn compact_dates_need_a_label() {
    assert_eq!(found("DOB: 19700102", Detector::DateInText), ["19700102"]);
    assert_eq!(found("born 19700102", Detector::DateInText), ["19700102"]);
    assert_eq!(found("b. 19700102", Detector::DateInText), ["19700102"]);
    assert_eq!(found("geb. 19700102", Detector::DateInText), ["19700102"]);
    assert_eq!(
        found("Birth date 19700102", Detector::DateInText),
        ["19700102"]
    );
    assert!(!fires("19700102", Detector::DateInText));
    assert!(!fires("Study 20240131", Detector::DateInText));
    assert!(!fires("DOB 19701302", Detector::DateInText));
}

#[test]
fn dates_validate_ranges_and_context() {
    for text in [
        "13/13/1970",
        "1970-13-02",
        "1970-02-30",
        "2023-02-29",
        "32 January 1970",
        "Feb 30, 2020",
        "1.2.70",
        "3-5-12",
        "1.2.840.10008.1.2.1970",
        "01.02.1970.5",
        "101530.123",
        "0.488281\\0.488281",
        "2024.1.3",
        "may 40 2020",
        "1/2/3",
    ] {
        assert!(!fires(text, Detector::DateInText), "{text}");
    }
    assert!(fires("2024-02-29", Detector::DateInText));
    assert_eq!(
        found("at 2021-03-04T10:00:00", Detector::DateInText),
        ["2021-03-04"]
    );
}

// --- Street addresses --------------------------------------------------------------------

#[test]
fn us_street_addresses_fire() {
    assert_eq!(
        found(
            "lives at 123 Main Street, Springfield",
            Detector::StreetAddress
        ),
        ["123 Main Street"]
    );
    assert_eq!(
        found("42 Elm St. Apt 4B", Detector::StreetAddress),
        ["42 Elm St. Apt 4B"]
    );
    assert_eq!(
        found("1600 Pennsylvania Ave NW", Detector::StreetAddress),
        ["1600 Pennsylvania Ave"]
    );
    assert_eq!(
        found("500 west 5th avenue suite 200", Detector::StreetAddress),
        ["500 west 5th avenue suite 200"]
    );
    assert_eq!(
        found("77 SUNSET BLVD", Detector::StreetAddress),
        ["77 SUNSET BLVD"]
    );
    assert_eq!(found("9 Oak Dr", Detector::StreetAddress), ["9 Oak Dr"]);
    assert_eq!(
        found("12 MAPLE CT", Detector::StreetAddress),
        ["12 MAPLE CT"]
    );
}

#[test]
fn po_boxes_fire() {
    assert_eq!(found("PO Box 123", Detector::StreetAddress), ["PO Box 123"]);
    assert_eq!(
        found("P.O. Box 45, Town", Detector::StreetAddress),
        ["P.O. Box 45"]
    );
}

#[test]
fn european_street_addresses_fire() {
    assert_eq!(
        found("wohnt Hauptstraße 5, Berlin", Detector::StreetAddress),
        ["Hauptstraße 5"]
    );
    assert_eq!(
        found("Bahnhofstr. 12a", Detector::StreetAddress),
        ["Bahnhofstr. 12a"]
    );
    assert_eq!(
        found("Am Feldweg 3", Detector::StreetAddress),
        ["Feldweg 3"]
    );
    assert_eq!(
        found("Rue de la Paix 10", Detector::StreetAddress),
        ["Rue de la Paix 10"]
    );
    assert_eq!(
        found("10 rue de la Paix, Paris", Detector::StreetAddress),
        ["10 rue de la Paix"]
    );
}

#[test]
fn street_noise_does_not_fire() {
    for text in [
        "5 mm slice",
        "2 Dr",
        "see 2 Dr",
        "3 Phase CT",
        "3 vessel CT",
        "2 weeks with Dr Lee",
        "Exposure 2 ms Dr Smith",
        "Instr. 5",
        "Weg 5",
        "1 view ST",
        "follow up in 3 days at St Mary",
        "12 at Main Street",
        "rue de la Paix",
        "2 lane highway",
        "0.5 Main St",
    ] {
        assert!(!fires(text, Detector::StreetAddress), "{text}");
    }
}

// --- ZIP ---------------------------------------------------------------------------------

#[test]
fn zip_in_address_context_fires() {
    assert_eq!(found("Springfield, IL 62704", Detector::ZipCode), ["62704"]);
    assert_eq!(
        found("Boston MA 02115-1234", Detector::ZipCode),
        ["02115-1234"]
    );
    assert_eq!(found("Boise, ID 83702", Detector::ZipCode), ["83702"]);
    assert_eq!(found("ZIP 90210", Detector::ZipCode), ["90210"]);
    assert_eq!(
        found("Zip code: 90210-1234", Detector::ZipCode),
        ["90210-1234"]
    );
    assert_eq!(found("postal code 10001", Detector::ZipCode), ["10001"]);
}

#[test]
fn zip_never_bare() {
    for text in [
        "62704",
        "Series 12345",
        "Patient ID 83702",
        "head CT 12345",
        "seen IN 12345",
        "Springfield, IL 627041",
        "ZIP 1234",
        "Springfield, il 62704",
        "ZIP 62704.5",
    ] {
        assert!(!fires(text, Detector::ZipCode), "{text}");
    }
}

// --- Record numbers ----------------------------------------------------------------------

#[test]
fn labelled_record_numbers_fire_on_the_number() {
    let cases = [
        ("MRN 12345678", "12345678"),
        ("MR#: A1234567", "A1234567"),
        ("Medical Record No. 555-1234", "555-1234"),
        ("Patient ID: 12345", "12345"),
        ("PID 998877", "998877"),
        ("Chart # 4455", "4455"),
        ("Acct 778899", "778899"),
        ("account number: 00112233", "00112233"),
        ("mrn:12345678.", "12345678"),
    ];
    for (text, number) in cases {
        assert_eq!(found(text, Detector::RecordNumber), [number], "{text}");
    }
}

#[test]
fn record_numbers_need_a_label() {
    for text in [
        "12345678",
        "Series 12345",
        "MR 12345",
        "MRN 12",
        "Chart review",
        "pidgin 1234",
        "Patient ID: 1.2.3",
        "MRI 123456",
        "Accession 12345678",
    ] {
        assert!(!fires(text, Detector::RecordNumber), "{text}");
    }
}

// --- Name echo ---------------------------------------------------------------------------

#[test]
fn name_from_pn_and_parts() {
    assert!(NameEcho::from_dicom_pn("").is_none());
    assert!(NameEcho::from_dicom_pn("^^^^").is_none());
    assert!(NameEcho::from_dicom_pn("==").is_none());
    assert!(NameEcho::from_dicom_pn("D^J").is_none());
    assert!(NameEcho::from_dicom_pn("Doe^John^Q^Dr^Jr").is_some());
    assert!(NameEcho::from_parts("", "").is_none());
    assert!(NameEcho::from_parts("Doe", "John").is_some());
}

#[test]
fn name_echo_family_alone_and_full_name() {
    let name = NameEcho::from_dicom_pn("Doe^John^Q^Dr^Jr").unwrap();
    let f = |t| found_with(t, Detector::NameEcho, Some(&name));
    assert_eq!(f("Patient DOE seen"), ["DOE"]);
    assert_eq!(f("John Doe, 45y"), ["John Doe"]);
    assert_eq!(f("doe, john q."), ["doe, john q"]);
    assert_eq!(f("J. Doe"), ["J. Doe"]);
    assert_eq!(f("DOE J"), ["DOE J"]);
    assert_eq!(f("DOE^JOHN"), ["DOE^JOHN"]);
    assert_eq!(f("Mr Doe and Mrs Doe"), ["Doe", "Doe"]);
}

#[test]
fn name_echo_whole_words_and_no_lone_given_name() {
    let name = NameEcho::from_dicom_pn("Doe^John^Q^Dr^Jr").unwrap();
    for text in [
        "Doering",
        "Dr Smith",
        "John Smith",
        "Jr.",
        "Q",
        "ADOE",
        "Doe2",
    ] {
        assert!(
            found_with(text, Detector::NameEcho, Some(&name)).is_empty(),
            "{text}"
        );
    }
    assert!(
        found("Doe", Detector::NameEcho).is_empty(),
        "no name, no echo"
    );
}

#[test]
fn name_echo_folds_accents_and_umlauts() {
    let name = NameEcho::from_parts("Müller", "José").unwrap();
    let f = |t| found_with(t, Detector::NameEcho, Some(&name));
    assert_eq!(f("Dr. MULLER"), ["MULLER"]);
    assert_eq!(f("Mueller"), ["Mueller"]);
    assert_eq!(f("José Müller"), ["José Müller"]);
    assert_eq!(f("Jose Muller"), ["Jose Muller"]);
    assert!(f("José").is_empty());
    let name = NameEcho::from_parts("O'Brien", "Siobhán").unwrap();
    assert_eq!(
        found_with("Siobhan O’Brien", Detector::NameEcho, Some(&name)),
        ["Siobhan O’Brien"]
    );
    // ASCII text with the plain apostrophe: the one case the byte search lets through.
    assert_eq!(
        found_with("Seen by Siobhan O'Brien", Detector::NameEcho, Some(&name)),
        ["Siobhan O'Brien"]
    );
    let name = NameEcho::from_dicom_pn("van der Berg^Anna").unwrap();
    assert_eq!(
        found_with("Anna van der Berg", Detector::NameEcho, Some(&name)),
        ["Anna van der Berg"]
    );
    assert!(found_with("van Gogh", Detector::NameEcho, Some(&name)).is_empty());
}

#[test]
fn name_echo_cjk_matches_substrings() {
    let name = NameEcho::from_dicom_pn("Yamada^Tarou=山田^太郎=やまだ^たろう").unwrap();
    let f = |t| found_with(t, Detector::NameEcho, Some(&name));
    assert_eq!(f("患者山田太郎様"), ["山田太郎"]);
    assert_eq!(f("山田さん"), ["山田"]);
    assert_eq!(f("やまだ たろう"), ["やまだ たろう"]);
    assert_eq!(f("TAROU YAMADA"), ["TAROU YAMADA"]);
    assert!(f("太郎").is_empty());
    assert!(f("山本花子").is_empty());
    let name = NameEcho::from_dicom_pn("王^小明").unwrap();
    let f = |t| found_with(t, Detector::NameEcho, Some(&name));
    assert_eq!(f("患者王小明"), ["王小明"]);
    assert!(f("王医生").is_empty());
    assert!(f("小明").is_empty());
}

#[test]
fn name_echo_given_only_pn() {
    let name = NameEcho::from_dicom_pn("^Madonna").unwrap();
    assert_eq!(
        found_with("MADONNA", Detector::NameEcho, Some(&name)),
        ["MADONNA"]
    );
}

// --- scan_text ---------------------------------------------------------------------------

#[test]
fn scan_text_sorts_merges_and_keeps_char_boundaries() {
    let text = "Über: call +1 555 123 4567 or email doe@example.com; SSN 123-45-6789";
    let hits = scan_text(text, None);
    assert!(hits.windows(2).all(|w| w[0].start <= w[1].start));
    let phones: Vec<_> = hits
        .iter()
        .filter(|h| h.detector == Detector::Phone)
        .collect();
    assert_eq!(
        phones.len(),
        1,
        "NANP and international forms merge: {hits:?}"
    );
    for h in &hits {
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
    }
    let kinds: Vec<Detector> = hits.iter().map(|h| h.detector).collect();
    assert_eq!(kinds, [Detector::Phone, Detector::Email, Detector::Ssn]);
    assert!(scan_text("", None).is_empty());
}

#[test]
fn merge_joins_overlaps_only() {
    let mut spans = vec![(5, 9), (0, 3), (2, 4), (9, 12)];
    merge(&mut spans);
    assert_eq!(spans, [(0, 4), (5, 9), (9, 12)]);
}

// --- looks_like_text ---------------------------------------------------------------------

#[test]
fn text_bytes_are_recognised() {
    assert!(looks_like_text(b"Doe^John\0"));
    assert!(looks_like_text(b"CHEST PA    "));
    assert!(looks_like_text(b"1.2.840.10008.5.1.4.1.1.2\0"));
    assert!(looks_like_text("Müller, José".as_bytes()));
    assert!(looks_like_text(b"M\xfcller J\xfcrgen"));
    assert!(looks_like_text("山田^太郎".as_bytes()));
    assert!(looks_like_text(b"Line one\r\nLine two"));
    assert!(looks_like_text(b"\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B"));
}

#[test]
fn ascii_bytes_are_judged_as_their_characters() {
    for b in 0..0x80u8 {
        assert_eq!(
            is_binary_byte(b),
            is_binary_char(char::from(b)),
            "byte {b:#04x}"
        );
    }
    // Past a chunk of 255 bytes: one control byte in twenty is still text, one more is not.
    let text = |controls: usize| {
        let mut bytes = b"word ".repeat(80);
        bytes.extend(std::iter::repeat_n(1u8, controls));
        bytes
    };
    assert!(looks_like_text(&text(21)));
    assert!(!looks_like_text(&text(22)));
    // As many letters and digits as a third of the text, and one fewer.
    let wordy = |letters: usize| [b"a".repeat(letters), b"-".repeat(600 - letters)].concat();
    assert!(looks_like_text(&wordy(200)));
    assert!(!looks_like_text(&wordy(199)));
    assert!(looks_like_text(&b"a".repeat(600)));
    assert!(!looks_like_text(&[b"ab".as_slice(), &[7u8; 600]].concat()));
}

#[test]
fn binary_bytes_are_rejected() {
    assert!(!looks_like_text(b""));
    assert!(!looks_like_text(b"ab\0\0"));
    assert!(!looks_like_text(b"\0\0\0\0\0\0"));
    assert!(!looks_like_text(&[1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]));
    assert!(!looks_like_text(&[
        0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40
    ]));
    assert!(!looks_like_text(&[
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F'
    ]));
    assert!(!looks_like_text(&[
        0xde, 0xad, 0xbe, 0xef, 0xca, 0xfe, 0xba, 0xbe
    ]));
    assert!(!looks_like_text(b"----////"));
    let noisy: Vec<u8> = (0u8..=255).collect();
    assert!(!looks_like_text(&noisy));
}

/// Pieces of text that start, end or break matches of every pattern, and the noise of real
/// headers around them.
const PIECES: &[&str] = &[
    "SSN 123-45-6789",
    "ss# 123456789",
    "Soc. Sec. No: 123 45 6789",
    "666-12-1234",
    "078-05-1120",
    "Tel: (555) 123-4567",
    "+1 555 123 4567",
    "1-800-555-0199",
    "555.123.4567",
    "+49 (0)89 1234 5678",
    "+33.1.23.45.67.89",
    "fax 0891234567",
    "john.doe@example.org",
    "a@b",
    "http://pacs.example/x?y=1",
    "www.hospital.org.",
    "192.168.1.10:104",
    "Version 3.1.4.2",
    "10.0.0.256",
    "fe80::1:2:3",
    "dead::beef",
    "12:30:45",
    "2021-03-04T10:00",
    "03/04/2021",
    "3.4.21",
    "1.2.70",
    "4th of July 2021",
    "12-Mar-99",
    "March 4, 2021",
    "3. März 2020",
    "DOB: 19800101",
    "born on 19800229",
    "geb. 19790101",
    "123 Main Street Apt 4",
    "3 phase CT",
    "12 Dr Smith Ct",
    "P.O. Box 123",
    "po box 9",
    "P. O. Box 5",
    "P\tO Box 7",
    "Post Office Box 3",
    "p.o.box 12",
    "DOB 19800101 and 1234567890",
    "Postfach 12",
    "Hauptstraße 5",
    "Instr. 5",
    "Weg 5",
    "12 rue de la Paix",
    "place Vendôme 3",
    "Springfield, IL 62704",
    "Seen IN 12345",
    "Zip 12345-6789",
    "postcode: 90210",
    "MRN: A123456",
    "Patient ID 12345",
    "acct # 555-1234",
    "Chart # 12345",
    "1.2.840.10008.5.1.4.1.1.2",
    "0.488281\\0.488281",
    "512 12 1024 768",
    "sKSpace.lBaseResolution = 256",
    "sSliceArray.lSize\t = 123.456789",
    "SS\u{b}# 123-45-6789",
    "ss #",
    "post code 90210",
    "Post\ncode 12345",
    "POST",
    "(555)123-4567",
    "555) 123-4567",
    "2021/3/4",
    "12.3.2021",
    "1-2-99",
    "Hauptstrasse\t12",
    "GASSE 3",
    "Str. 7",
    "weg12",
    "ASCCONV",
    "Dr",
    "St",
    "CT",
    "MR",
    "PA",
    "März",
    "ß",
    "é",
    "\u{3000}",
    "山田",
    "\u{b}",
    "\t",
    "_",
    "12",
    "9",
    "1",
    "0",
    "2024",
    "20240131",
    "101530.123",
    "tel",
    "birth",
    "date of birth",
    "b.",
    "ssn",
    "www.",
    "://",
    "@",
    "#",
    "+",
    "(",
    ")",
];

const GLUE: &[&str] = &[
    "", " ", "  ", "\n", ", ", ". ", "-", "/", ":", ".", "é", "x", "1", "\u{b}",
];

/// A xorshift generator from `seed`: each call gives a number below its argument.
fn numbers_below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

/// Texts made of [`PIECES`] and [`GLUE`] by a fixed pseudo-random sequence.
fn generated_texts(count: usize) -> Vec<String> {
    let mut next = numbers_below(0x9e37_79b9_7f4a_7c15);
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..1 + next(10) {
                text.push_str(GLUE[next(GLUE.len())]);
                text.push_str(PIECES[next(PIECES.len())]);
            }
            text
        })
        .collect()
}

/// The start lists are supersets of the real starts: searching only there finds exactly what
/// the plain unanchored search finds, candidate by candidate, whether candidates are kept or
/// rejected (a rejection resumes one character later, inside the candidate).
#[test]
fn searching_only_at_listed_starts_finds_what_a_plain_search_finds() {
    let mut texts = generated_texts(1500);
    texts.extend(PIECES.iter().map(|p| p.to_string()));
    let mut candidates = 0;
    for (name, pattern) in all_patterns() {
        for text in &texts {
            for policy in 0..3 {
                let mut seen = [Vec::new(), Vec::new()];
                let mut spans = [Vec::new(), Vec::new()];
                for (engine, (seen, spans)) in seen.iter_mut().zip(&mut spans).enumerate() {
                    let mut n = 0;
                    let accept = |c: &pattern::Found<'_>| {
                        seen.push(c.groups());
                        n += 1;
                        let keep = policy == 1 || (policy == 2 && n % 2 == 0);
                        keep.then(|| c.span(0))
                    };
                    if engine == 0 {
                        pattern.for_each(&pattern::Text::new(text), spans, accept);
                    } else {
                        pattern.for_each_unanchored(text, spans, accept);
                    }
                }
                assert_eq!(seen[0], seen[1], "{name} on {text:?}, policy {policy}");
                assert_eq!(spans[0], spans[1], "{name} on {text:?}, policy {policy}");
                candidates += seen[1].len();
            }
        }
    }
    // Why: a comparison of empty lists would pass whatever the start lists are.
    assert!(candidates > 20_000, "only {candidates} candidates compared");
}

/// The gate lets through every pattern that has a candidate anywhere in a text, also where
/// Unicode and ASCII classes differ (a letter 'é' before a number, a no-break space in a web
/// address, an Arabic-Indic digit), and it holds back patterns that have none.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_gate_lets_through_every_pattern_with_a_candidate() {
    let mut texts = generated_texts(1500);
    let unicode: Vec<String> = texts
        .iter()
        .take(500)
        .flat_map(|t| {
            [
                t.replace(' ', "\u{a0}"),
                t.replace('1', "\u{e9}1"),
                t.replace('5', "\u{663}"),
                t.replace('s', "\u{17f}"),
            ]
        })
        .collect();
    texts.extend(unicode);
    texts.extend(PIECES.iter().map(|p| p.to_string()));
    texts.extend(
        [
            "see https://\u{a0}example.org/x",
            "\u{e9}123-45-6789",
            "Caf\u{e9}Stra\u{df}e 12",
        ]
        .map(String::from),
    );
    let (mut through, mut held_back) = (0, 0);
    for text in &texts {
        let gate = gate::may_match(text);
        for (i, (name, pattern)) in all_patterns().enumerate() {
            let mut candidates = 0;
            pattern.for_each_unanchored(text, &mut Vec::new(), |_| {
                candidates += 1;
                None
            });
            let let_through = gate & 1 << i != 0;
            assert!(
                let_through || candidates == 0,
                "the gate holds back {name} on {text:?}"
            );
            if candidates > 0 {
                through += 1;
            } else if !let_through {
                held_back += 1;
            }
        }
    }
    // Why: a gate that lets everything through, or texts without candidates, pass trivially.
    assert!(
        through > 3_000,
        "only {through} (text, pattern) pairs with candidates"
    );
    assert!(
        held_back > 30_000,
        "the gate held back only {held_back} (text, pattern) pairs"
    );
}

/// Skipping the detectors a text's facts rule out ([`possible`]) finds what running every
/// detector finds, on generated text, on the pieces it is made of, and on each piece cut to
/// every length (short codes are where the digit counts decide).
#[test]
fn skipping_detectors_by_the_facts_of_a_text_finds_what_running_all_finds() {
    let mut texts = generated_texts(1500);
    for piece in PIECES {
        texts.extend(
            piece
                .char_indices()
                .map(|(i, c)| piece[..i + c.len_utf8()].to_string()),
        );
    }
    texts.extend(
        [
            "Taxpayer no. 912-70-1234 on file",
            "Report for MUELLER, ANNA, 1/2/1960",
            "Seen 4-Jul-76",
        ]
        .map(String::from),
    );
    let name = NameEcho::from_dicom_pn("Müller^Anna");
    let mut hits = std::collections::BTreeSet::new();
    for text in &texts {
        let every = scan_text_every_detector(text, name.as_ref());
        assert_eq!(scan_text(text, name.as_ref()), every, "on {text:?}");
        hits.extend(every.iter().map(|h| h.detector));
    }
    // Why: equal empty answers would pass whatever the skipping does.
    let missing: Vec<_> = Detector::all().filter(|d| !hits.contains(d)).collect();
    assert!(missing.is_empty(), "no text has a hit of {missing:?}");
}

/// Several acceptors over one search keep what one search per acceptor keeps.
#[test]
fn one_search_for_several_acceptors_keeps_what_separate_searches_keep() {
    let mut texts = generated_texts(1500);
    texts.extend(PIECES.iter().map(|p| p.to_string()));
    let policy = |policy: usize, n: usize, c: &pattern::Found<'_>| {
        let keep = policy == 1 || (policy == 2 && n % 2 == 0);
        keep.then(|| c.span(0))
    };
    let mut kept = 0;
    for (name, pattern) in all_patterns().filter(|(_, p)| p.has_start_list()) {
        for text in &texts {
            let t = pattern::Text::new(text);
            let mut together: [Vec<Span>; 3] = Default::default();
            let mut counts = [0; 3];
            pattern.for_each_of(&t, &mut together, |i, c| {
                counts[i] += 1;
                policy(i, counts[i], c)
            });
            for (i, together) in together.iter().enumerate() {
                let mut alone = Vec::new();
                let mut n = 0;
                pattern.for_each(&t, &mut alone, |c| {
                    n += 1;
                    policy(i, n, c)
                });
                assert_eq!(*together, alone, "{name} on {text:?}, policy {i}");
                kept += alone.len();
            }
        }
    }
    assert!(kept > 5_000, "only {kept} spans compared");
}

/// The one-loop reading of a short text tells the detectors what the searches tell them,
/// on texts made of the bytes either looks at (digits, letters, `w`, `@`, `+`, `:`, `/`,
/// `.`, hex digits, separators, a non-ASCII character).
#[test]
fn a_short_text_has_the_facts_the_searches_find() {
    const ALPHABET: &[&str] = &[
        "0", "7", "a", "F", "w", "W", "www.", "WwW.", "@", "+", ":", "//", "/", ".", "-", " ",
        "fe80", "::", "é", "x", "1:2", "http://",
    ];
    let mut next = numbers_below(0x2545_f491_4f6c_dd1d);
    let mut checked = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        let len = 1 + next(pattern::SHORT_TEXT);
        while text.len() < len {
            text.push_str(ALPHABET[next(ALPHABET.len())]);
        }
        // Every prefix, so that each length below the limit and each cut are seen.
        for end in (0..=text.len()).filter(|&e| e < pattern::SHORT_TEXT && text.is_char_boundary(e))
        {
            let bytes = &text.as_bytes()[..end];
            assert_eq!(
                pattern::Facts::of_short(bytes),
                pattern::Facts::of_searched(bytes),
                "{:?}",
                &text[..end]
            );
            checked += 1;
        }
    }
    assert!(checked > 100_000);
}
