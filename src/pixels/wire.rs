//! A [`PixelCheck`] in a report, as JSON sees it and as the page's workers send it.
//!
//! In JSON a check reads `{"result": "text", "frames": [...], "boxes": [...]}` (an internally
//! tagged enum, the schema of `docs/report-schema.md`). bincode, the codec between the page and
//! its workers, cannot read internally tagged enums back (it is not self-describing), so
//! there the check travels as that same JSON text. Used as `#[serde(with = "...")]` on
//! [`crate::FileReport::pixels`].

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

use super::PixelCheck;

pub fn serialize<S: Serializer>(check: &Option<PixelCheck>, out: S) -> Result<S::Ok, S::Error> {
    if out.is_human_readable() {
        return check.serialize(out);
    }
    let json = check
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(serde::ser::Error::custom)?;
    json.serialize(out)
}

pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<PixelCheck>, D::Error> {
    if input.is_human_readable() {
        return Option::<PixelCheck>::deserialize(input);
    }
    Option::<String>::deserialize(input)?
        .map(|json| serde_json::from_str(&json).map_err(D::Error::custom))
        .transpose()
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
