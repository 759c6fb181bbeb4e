//! Which VRs hold text, and binary numbers rendered as text.

use dicom_core::VR;

pub(super) fn is_text_vr(vr: VR) -> bool {
    matches!(
        vr,
        VR::AE
            | VR::AS
            | VR::CS
            | VR::DA
            | VR::DS
            | VR::DT
            | VR::IS
            | VR::LO
            | VR::LT
            | VR::PN
            | VR::SH
            | VR::ST
            | VR::TM
            | VR::UC
            | VR::UI
            | VR::UR
            | VR::UT
    )
}

/// Binary numbers rendered as text; `None` for VRs that are not numbers.
pub(super) fn numbers(vr: VR, bytes: &[u8], big_endian: bool) -> Option<Vec<String>> {
    // Why cap: a long number array (a LUT, say) identifies no one and bloats the report; the
    // cap comes before the rendering so that the rest is never rendered.
    const CAP: usize = 64;
    fn words<const N: usize>(
        bytes: &[u8],
        big: bool,
        count: usize,
    ) -> impl Iterator<Item = [u8; N]> + '_ {
        bytes.chunks_exact(N).take(count).map(move |c| {
            let mut a = [0u8; N];
            a.copy_from_slice(c);
            if big {
                a.reverse();
            }
            a
        })
    }
    let b = big_endian;
    let out: Vec<String> = match vr {
        VR::US => words::<2>(bytes, b, CAP)
            .map(|w| u16::from_le_bytes(w).to_string())
            .collect(),
        VR::SS => words::<2>(bytes, b, CAP)
            .map(|w| i16::from_le_bytes(w).to_string())
            .collect(),
        VR::UL => words::<4>(bytes, b, CAP)
            .map(|w| u32::from_le_bytes(w).to_string())
            .collect(),
        VR::SL => words::<4>(bytes, b, CAP)
            .map(|w| i32::from_le_bytes(w).to_string())
            .collect(),
        VR::FL => words::<4>(bytes, b, CAP)
            .map(|w| f32::from_le_bytes(w).to_string())
            .collect(),
        VR::FD => words::<8>(bytes, b, CAP)
            .map(|w| f64::from_le_bytes(w).to_string())
            .collect(),
        VR::UV => words::<8>(bytes, b, CAP)
            .map(|w| u64::from_le_bytes(w).to_string())
            .collect(),
        VR::SV => words::<8>(bytes, b, CAP)
            .map(|w| i64::from_le_bytes(w).to_string())
            .collect(),
        VR::AT => words::<2>(bytes, b, 2 * CAP) // two words a tag
            .map(u16::from_le_bytes)
            .collect::<Vec<_>>()
            .chunks_exact(2)
            .map(|p| format!("({:04X},{:04X})", p[0], p[1]))
            .collect(),
        _ => return None,
    };
    Some(out)
}
