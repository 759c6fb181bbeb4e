//! Where the DICOM content of an input begins: `DICM` after a preamble or at byte 0, a raw
//! data set whose encoding is guessed from its first element headers, or either of them
//! found past unexpected bytes in the first [`SCAN_WINDOW`] bytes.

use dicom_core::VR;
use dicom_dictionary_std::uids;

use super::SCAN_WINDOW;

/// Where the DICOM content begins.
pub(crate) struct Start {
    /// Offset of the first byte read (meta group or data set).
    pub(crate) at: usize,
    /// Bytes of unexpected data skipped before it (0 for a well-formed file).
    pub(crate) skipped: usize,
    pub(crate) layout: Layout,
}

pub(crate) enum Layout {
    /// `DICM` then the file meta group at `meta_at`.
    Part10 { meta_at: usize },
    /// A data set with no meta group, in the guessed encoding.
    Raw(Encoding),
}

/// The encodings a raw data set can be recognised in from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Encoding {
    ImplicitLe,
    ExplicitLe,
    ExplicitBe,
}

impl Encoding {
    pub(crate) fn uid(self) -> &'static str {
        match self {
            Encoding::ImplicitLe => uids::IMPLICIT_VR_LITTLE_ENDIAN,
            Encoding::ExplicitLe => uids::EXPLICIT_VR_LITTLE_ENDIAN,
            // Why allow: retired, yet files in it still exist.
            #[allow(deprecated)]
            Encoding::ExplicitBe => uids::EXPLICIT_VR_BIG_ENDIAN,
        }
    }
}

pub(crate) fn locate(bytes: &[u8]) -> Option<Start> {
    let part10 = |marker: usize, skipped| Start {
        at: marker + 4,
        skipped,
        layout: Layout::Part10 {
            meta_at: marker + 4,
        },
    };
    if bytes.get(128..132) == Some(b"DICM") {
        return Some(part10(128, 0));
    }
    if bytes.starts_with(b"DICM") {
        return Some(part10(0, 0));
    }
    if let Some(enc) = guess_encoding(bytes, 0) {
        return Some(raw(0, enc));
    }
    let window = &bytes[..bytes.len().min(SCAN_WINDOW)];
    // Why the meta group's first tag after it: "DICM" alone is four letters any text about
    // DICOM may hold, and a note that says so is not a damaged DICOM file. The file meta group
    // is explicit VR little endian, so its first element opens with group 0002 as `02 00`.
    let marks_a_meta_group =
        |&marker: &usize| bytes.get(marker + 4..marker + 6) == Some(&[0x02, 0x00][..]);
    // Why not `memmem`: its searcher would weigh in the page's first download.
    let mut markers = (0..window.len().saturating_sub(3)).filter(|&i| &window[i..i + 4] == b"DICM");
    if let Some(marker) = markers.find(marks_a_meta_group) {
        // Why: a marker past byte 128 most likely follows a preamble, so only what precedes
        // the preamble counts as unexpected.
        let skipped = if marker >= 128 { marker - 128 } else { marker };
        return Some(part10(marker, skipped));
    }
    (1..window.len()).find_map(|at| guess_encoding(bytes, at).map(|enc| raw(at, enc)))
}

fn raw(at: usize, enc: Encoding) -> Start {
    Start {
        at,
        skipped: at,
        layout: Layout::Raw(enc),
    }
}

/// An element header as a sniffer sees it.
struct Sniffed {
    tag: (u16, u16),
    /// Offset just past the value; `None` for an undefined length (a sequence).
    end: Option<usize>,
}

/// Guess the encoding of a data set starting at `at`: the first element must have a low
/// even group and a value that fits; the header after it must decode with a greater tag.
pub(crate) fn guess_encoding(bytes: &[u8], at: usize) -> Option<Encoding> {
    [
        Encoding::ExplicitLe,
        Encoding::ExplicitBe,
        Encoding::ImplicitLe,
    ]
    .into_iter()
    .find(|&enc| {
        let Some(first) = sniff_header(bytes, at, enc) else {
            return false;
        };
        // Why these groups: data sets open with the command (0000), meta (0002) or
        // identifying (0008) group; anything else is too weak a signal in junk.
        let opening = matches!(first.tag.0, 0x0000 | 0x0002 | 0x0008);
        let Some(end) = first.end.filter(|&end| end > at + 8) else {
            return false;
        };
        let second = sniff_header(bytes, end, enc);
        opening && second.is_some_and(|second| second.tag > first.tag)
    })
}

/// The encoding of a data set that follows a file meta group naming no transfer syntax, where
/// [`guess_encoding`] cannot tell (its first element is private, or a sequence of undefined
/// length): explicit VR little endian if a VR stands where explicit VR puts one, else implicit
/// VR little endian, the choice pydicom and DCMTK make. Looser than [`guess_encoding`], which
/// also has to tell a data set from junk: here the meta group said DICOM follows.
pub(crate) fn explicit_or_implicit(bytes: &[u8], at: usize) -> Encoding {
    let vr = bytes
        .get(at.saturating_add(4)..at.saturating_add(6))
        .and_then(|b| VR::from_binary([b[0], b[1]]));
    if vr.is_some() {
        Encoding::ExplicitLe
    } else {
        Encoding::ImplicitLe
    }
}

fn sniff_header(bytes: &[u8], at: usize, enc: Encoding) -> Option<Sniffed> {
    let head = bytes.get(at..at.checked_add(8)?)?;
    let u16_at = |i: usize| match enc {
        Encoding::ExplicitBe => u16::from_be_bytes([head[i], head[i + 1]]),
        _ => u16::from_le_bytes([head[i], head[i + 1]]),
    };
    let tag = (u16_at(0), u16_at(2));
    if tag.0 > 0x7FE0 {
        return None;
    }
    let (value_at, len) = match enc {
        Encoding::ImplicitLe => (
            at + 8,
            u32::from_le_bytes([head[4], head[5], head[6], head[7]]),
        ),
        _ => explicit_len(bytes, at, head, enc)?,
    };
    if len == u32::MAX {
        return Some(Sniffed { tag, end: None });
    }
    let end = value_at.checked_add(usize::try_from(len).ok()?)?;
    (end <= bytes.len()).then_some(Sniffed {
        tag,
        end: Some(end),
    })
}

fn explicit_len(bytes: &[u8], at: usize, head: &[u8], enc: Encoding) -> Option<(usize, u32)> {
    let vr = VR::from_binary([head[4], head[5]])?;
    let long = matches!(
        vr,
        VR::OB
            | VR::OD
            | VR::OF
            | VR::OL
            | VR::OV
            | VR::OW
            | VR::SQ
            | VR::UC
            | VR::UN
            | VR::UR
            | VR::UT
            | VR::SV
            | VR::UV
    );
    if !long {
        let len = match enc {
            Encoding::ExplicitBe => u16::from_be_bytes([head[6], head[7]]),
            _ => u16::from_le_bytes([head[6], head[7]]),
        };
        return Some((at + 8, u32::from(len)));
    }
    let l = bytes.get(at + 8..at + 12)?;
    let len = match enc {
        Encoding::ExplicitBe => u32::from_be_bytes([l[0], l[1], l[2], l[3]]),
        _ => u32::from_le_bytes([l[0], l[1], l[2], l[3]]),
    };
    Some((at + 12, len))
}
