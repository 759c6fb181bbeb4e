//! A [`PixelCheck`] in a report, as JSON sees it and as the page's workers send it.
//!
//! In JSON a check reads `{"result": "text", "frames": [...], "boxes": [...]}` (an internally
//! tagged enum, the schema of `docs/report-schema.md`). bincode, the codec between the page and
//! its workers, cannot read internally tagged enums back (it is not self-describing), so there
//! the check travels as [`Compact`], the same enum tagged the default way. (As JSON text inside
//! bincode it cost the page's module 14 KB gzipped: serde_json's reader.) Used as
//! `#[serde(with = "...")]` on [`crate::FileReport::pixels`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{NotChecked, PixelCheck, TextBox};

#[derive(Serialize, Deserialize)]
enum Compact {
    Text {
        frames: Vec<u32>,
        boxes: Vec<TextBox>,
    },
    NoText {
        frames: Vec<u32>,
    },
    NoImage,
    FileTooLarge {
        bytes: u64,
    },
    FrameTooLarge {
        rows: u32,
        columns: u32,
    },
    UnsupportedTransferSyntax {
        uid: String,
    },
    UnsupportedLayout {
        detail: String,
    },
    Undecodable {
        detail: String,
    },
    CheckFailed {
        detail: String,
    },
}

impl From<PixelCheck> for Compact {
    fn from(check: PixelCheck) -> Compact {
        match check {
            PixelCheck::Text { frames, boxes } => Compact::Text { frames, boxes },
            PixelCheck::NoText { frames } => Compact::NoText { frames },
            PixelCheck::NotChecked { reason } => match reason {
                NotChecked::NoImage => Compact::NoImage,
                NotChecked::FileTooLarge { bytes } => Compact::FileTooLarge { bytes },
                NotChecked::FrameTooLarge { rows, columns } => {
                    Compact::FrameTooLarge { rows, columns }
                }
                NotChecked::UnsupportedTransferSyntax { uid } => {
                    Compact::UnsupportedTransferSyntax { uid }
                }
                NotChecked::UnsupportedLayout { detail } => Compact::UnsupportedLayout { detail },
                NotChecked::Undecodable { detail } => Compact::Undecodable { detail },
                NotChecked::CheckFailed { detail } => Compact::CheckFailed { detail },
            },
        }
    }
}

impl From<Compact> for PixelCheck {
    fn from(compact: Compact) -> PixelCheck {
        let not_checked = |reason| PixelCheck::NotChecked { reason };
        match compact {
            Compact::Text { frames, boxes } => PixelCheck::Text { frames, boxes },
            Compact::NoText { frames } => PixelCheck::NoText { frames },
            Compact::NoImage => not_checked(NotChecked::NoImage),
            Compact::FileTooLarge { bytes } => not_checked(NotChecked::FileTooLarge { bytes }),
            Compact::FrameTooLarge { rows, columns } => {
                not_checked(NotChecked::FrameTooLarge { rows, columns })
            }
            Compact::UnsupportedTransferSyntax { uid } => {
                not_checked(NotChecked::UnsupportedTransferSyntax { uid })
            }
            Compact::UnsupportedLayout { detail } => {
                not_checked(NotChecked::UnsupportedLayout { detail })
            }
            Compact::Undecodable { detail } => not_checked(NotChecked::Undecodable { detail }),
            Compact::CheckFailed { detail } => not_checked(NotChecked::CheckFailed { detail }),
        }
    }
}

pub fn serialize<S: Serializer>(check: &Option<PixelCheck>, out: S) -> Result<S::Ok, S::Error> {
    if out.is_human_readable() {
        return check.serialize(out);
    }
    check.clone().map(Compact::from).serialize(out)
}

pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<PixelCheck>, D::Error> {
    if input.is_human_readable() {
        return Option::<PixelCheck>::deserialize(input);
    }
    Ok(Option::<Compact>::deserialize(input)?.map(PixelCheck::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pixels::{NotChecked, TextBox};
    use crate::FileReport;

    fn report_with(check: Option<PixelCheck>) -> FileReport {
        let mut report = FileReport::failed(
            "a.dcm",
            crate::report::FileStatus::Unreadable,
            crate::report::Said::Cancelled,
        );
        report.pixels = check;
        report
    }

    #[test]
    fn every_kind_of_check_survives_the_workers_codec_and_json() {
        let checks = [
            None,
            Some(PixelCheck::Text {
                frames: vec![0, 4],
                boxes: vec![TextBox {
                    frame: 4,
                    x: 1,
                    y: 2,
                    width: 30,
                    height: 9,
                }],
            }),
            Some(PixelCheck::NoText { frames: vec![0] }),
            Some(PixelCheck::NotChecked {
                reason: NotChecked::UnsupportedTransferSyntax {
                    uid: "1.2.840.10008.1.2.4.80".into(),
                },
            }),
            Some(PixelCheck::NotChecked {
                reason: NotChecked::NoImage,
            }),
            Some(PixelCheck::NotChecked {
                reason: NotChecked::FileTooLarge { bytes: 7 },
            }),
            Some(PixelCheck::NotChecked {
                reason: NotChecked::FrameTooLarge {
                    rows: 1,
                    columns: 2,
                },
            }),
            Some(PixelCheck::NotChecked {
                reason: NotChecked::UnsupportedLayout { detail: "x".into() },
            }),
            Some(PixelCheck::NotChecked {
                reason: NotChecked::Undecodable { detail: "y".into() },
            }),
        ];
        for check in checks {
            let report = report_with(check.clone());
            let bytes = bincode::serialize(&report).expect("encode");
            let back: FileReport = bincode::deserialize(&bytes).expect("decode");
            assert_eq!(back.pixels, check);
            let json = serde_json::to_value(&report).unwrap();
            if let Some(PixelCheck::Text { .. }) = &check {
                assert_eq!(json["pixels"]["result"], "text");
                assert_eq!(json["pixels"]["boxes"][0]["width"], 30);
            }
            let back: FileReport = serde_json::from_value(json).unwrap();
            assert_eq!(back.pixels, check);
        }
    }
}
