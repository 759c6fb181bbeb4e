//! What an input is: the kinds of input a report can be about, and the export formats the
//! decoders tell apart. Behaviour follows these types; their labels are only for people (and
//! are what the JSON report has always said, so the schema does not change).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An export format as its decoder recognised it: finer than the decoder that read it (one
/// decoder reads CSV and TSV, DCMTK's findscu and dcmdump text, nmap's three outputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExportFormat {
    NmapXml,
    NmapText,
    NmapGrepable,
    OrthancRest,
    DicomJson,
    /// DCMTK's `findscu -X` / `dcm2xml` XML.
    DcmtkXml,
    /// PS3.19 Native DICOM Model XML.
    NativeXml,
    /// DICOM XML whose dialect could not be told (no data set was read).
    DicomXml,
    DicomRsFindscu,
    Dcm4cheFindscu,
    DcmtkFindscu,
    DcmtkDcmdump,
    CsvWorklist,
    TsvWorklist,
    XlsxWorklist,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 15] = [
        ExportFormat::NmapXml,
        ExportFormat::NmapText,
        ExportFormat::NmapGrepable,
        ExportFormat::OrthancRest,
        ExportFormat::DicomJson,
        ExportFormat::DcmtkXml,
        ExportFormat::NativeXml,
        ExportFormat::DicomXml,
        ExportFormat::DicomRsFindscu,
        ExportFormat::Dcm4cheFindscu,
        ExportFormat::DcmtkFindscu,
        ExportFormat::DcmtkDcmdump,
        ExportFormat::CsvWorklist,
        ExportFormat::TsvWorklist,
        ExportFormat::XlsxWorklist,
    ];

    /// The name shown to users and written in reports.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::NmapXml => "nmap XML",
            ExportFormat::NmapText => "nmap output",
            ExportFormat::NmapGrepable => "nmap grepable output",
            ExportFormat::OrthancRest => "Orthanc REST JSON",
            ExportFormat::DicomJson => "DICOM JSON (QIDO-RS / WADO-RS)",
            ExportFormat::DcmtkXml => "DCMTK XML",
            ExportFormat::NativeXml => "DICOM Native XML",
            ExportFormat::DicomXml => "DICOM XML",
            ExportFormat::DicomRsFindscu => "dicom-rs findscu output",
            ExportFormat::Dcm4cheFindscu => "dcm4che findscu output",
            ExportFormat::DcmtkFindscu => "DCMTK findscu output",
            ExportFormat::DcmtkDcmdump => "DCMTK dcmdump output",
            ExportFormat::CsvWorklist => "CSV worklist",
            ExportFormat::TsvWorklist => "TSV worklist",
            ExportFormat::XlsxWorklist => "Excel workbook (XLSX) worklist",
        }
    }

    /// The format whose label is `label`, if any.
    pub fn from_label(label: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.label() == label)
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// What kind of input a file report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InputKind {
    /// Not known: the file could not be read far enough to tell.
    #[default]
    Unknown,
    /// A DICOM file (Part 10 or a raw data set) that is not a DICOMDIR.
    Dicom,
    /// A DICOMDIR: the index of a CD or USB export.
    Dicomdir,
    /// An export (a query answer, a worklist, a scan result).
    Export(ExportFormat),
    /// An archive (ZIP, tar, gzip) as a whole; its members have reports of their own.
    Archive,
}

impl InputKind {
    /// The name shown to users and written in reports (empty when unknown).
    pub fn label(self) -> &'static str {
        match self {
            InputKind::Unknown => "",
            InputKind::Dicom => "DICOM",
            InputKind::Dicomdir => "DICOMDIR",
            InputKind::Export(format) => format.label(),
            InputKind::Archive => "Archive",
        }
    }

    /// An image file or an index of image files, as opposed to an export or an archive.
    pub fn is_dicom(self) -> bool {
        matches!(self, InputKind::Dicom | InputKind::Dicomdir)
    }

    /// Every kind: the four of their own, then an export of each format.
    pub fn all() -> impl Iterator<Item = InputKind> {
        [
            InputKind::Unknown,
            InputKind::Dicom,
            InputKind::Dicomdir,
            InputKind::Archive,
        ]
        .into_iter()
        .chain(ExportFormat::ALL.map(InputKind::Export))
    }

    /// The kind whose label is `label`, if any.
    pub fn from_label(label: &str) -> Option<InputKind> {
        InputKind::all().find(|kind| kind.label() == label)
    }
}

impl std::fmt::Display for InputKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

// Written as the label: the report's `format` field has always been that text, and the
// page's worker codec (bincode) carries it just as well.
macro_rules! serde_as_label {
    ($kind:ident) => {
        impl Serialize for $kind {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.label())
            }
        }

        impl<'de> Deserialize<'de> for $kind {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let label = String::deserialize(deserializer)?;
                $kind::from_label(&label).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {} {label:?}", stringify!($kind)))
                })
            }
        }
    };
}

serde_as_label!(InputKind);
serde_as_label!(ExportFormat);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_names_one_kind_and_reads_back_as_it() {
        let kinds: Vec<InputKind> = InputKind::all().collect();
        // A new variant stops this match compiling, which leads here to `all` and the count.
        for kind in &kinds {
            match kind {
                InputKind::Unknown
                | InputKind::Dicom
                | InputKind::Dicomdir
                | InputKind::Archive
                | InputKind::Export(_) => {}
            }
        }
        assert_eq!(kinds.len(), 4 + ExportFormat::ALL.len());
        for kind in &kinds {
            assert_eq!(InputKind::from_label(kind.label()), Some(*kind));
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("{:?}", kind.label()));
            assert_eq!(serde_json::from_str::<InputKind>(&json).unwrap(), *kind);
        }
        let mut labels: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), kinds.len());
    }

    #[test]
    fn an_unknown_label_is_an_error_not_a_guess() {
        assert!(serde_json::from_str::<InputKind>("\"DICOM-ish\"").is_err());
        assert!(serde_json::from_str::<ExportFormat>("\"CSV\"").is_err());
    }
}
