//! Palette colour lookup tables (PS3.3 C.7.6.3.1.5–6), plain or segmented (C.7.9.2).

/// Most entries a segmented table may expand to: a table has at most 65,536 entries.
const MAX_ENTRIES: usize = 65_536;

/// How deep indirect segments may refer to one another before the table is called broken.
const MAX_INDIRECTION: u32 = 4;

/// The three tables of a PALETTE COLOR image, each already at 8 bits.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// The stored value that maps to the first entry.
    first: i64,
    red: Vec<u8>,
    green: Vec<u8>,
    blue: Vec<u8>,
}

/// One channel's table as the file gives it.
#[derive(Debug, Clone, Copy)]
pub struct Channel<'a> {
    /// Palette Color Lookup Table Descriptor: entries (0 = 65,536), first value, bits.
    pub descriptor: [u16; 3],
    /// Palette Color Lookup Table Data, as 16-bit words.
    pub data: Option<&'a [u16]>,
    /// Segmented Palette Color Lookup Table Data, as 16-bit words.
    pub segmented: Option<&'a [u16]>,
}

impl Palette {
    pub fn new(red: Channel<'_>, green: Channel<'_>, blue: Channel<'_>) -> Result<Self, String> {
        Ok(Palette {
            first: i64::from(red.descriptor[1]),
            red: red.table("red")?,
            green: green.table("green")?,
            blue: blue.table("blue")?,
        })
    }

    /// The colour of a stored value; values outside the table take its first or last entry.
    pub fn rgb(&self, value: i64) -> [u8; 3] {
        let at = |table: &[u8]| {
            let i = (value - self.first).clamp(0, table.len() as i64 - 1) as usize;
            table[i]
        };
        [at(&self.red), at(&self.green), at(&self.blue)]
    }
}

impl Channel<'_> {
    fn table(&self, name: &str) -> Result<Vec<u8>, String> {
        let entries = match self.descriptor[0] {
            0 => MAX_ENTRIES,
            n => usize::from(n),
        };
        let words: Vec<u16> = match (self.segmented, self.data) {
            (Some(segments), _) => expand_segments(segments, entries)?,
            (None, Some(data)) => data.to_vec(),
            (None, None) => return Err(format!("no {name} palette data")),
        };
        if words.is_empty() {
            return Err(format!("empty {name} palette"));
        }
        // The descriptor's bit count is 8 or 16; some writers say 16 and store 8-bit values,
        // and 8-bit tables are sometimes packed two entries to a word.
        let max = words.iter().copied().max().unwrap_or(0);
        let table: Vec<u8> = if self.descriptor[2] == 8 && self.segmented.is_none() {
            if words.len() * 2 >= entries && words.len() < entries {
                words.iter().flat_map(|w| w.to_le_bytes()).collect()
            } else {
                words.iter().map(|&w| w.min(255) as u8).collect()
            }
        } else if max < 256 {
            words.iter().map(|&w| w as u8).collect()
        } else {
            words.iter().map(|&w| (w >> 8) as u8).collect()
        };
        Ok(table)
    }
}

/// Expand segmented table data (discrete, linear and indirect segments) to its entries.
fn expand_segments(words: &[u16], limit: usize) -> Result<Vec<u16>, String> {
    let mut out = Vec::new();
    expand_into(words, 0, words.len(), limit, 0, &mut out)?;
    Ok(out)
}

fn expand_into(
    words: &[u16],
    start: usize,
    segments: usize,
    limit: usize,
    depth: u32,
    out: &mut Vec<u16>,
) -> Result<(), String> {
    if depth > MAX_INDIRECTION {
        return Err("palette segments refer to each other too deeply".into());
    }
    let word = |i: usize| {
        words
            .get(i)
            .copied()
            .ok_or_else(|| "palette segment runs past its data".to_string())
    };
    let mut at = start;
    let mut done = 0;
    while at < words.len() && done < segments {
        let opcode = word(at)?;
        let length = usize::from(word(at + 1)?);
        match opcode {
            0 => {
                for i in 0..length {
                    out.push(word(at + 2 + i)?);
                }
                at += 2 + length;
            }
            1 => {
                let from = f64::from(*out.last().ok_or("palette starts with a linear segment")?);
                let to = f64::from(word(at + 2)?);
                for i in 1..=length {
                    out.push((from + (to - from) * i as f64 / length as f64).round() as u16);
                }
                at += 3;
            }
            2 => {
                let offset = usize::from(word(at + 2)?) | (usize::from(word(at + 3)?) << 16);
                // The offset counts bytes from the start of the segmented data.
                expand_into(words, offset / 2, length, limit, depth + 1, out)?;
                at += 4;
            }
            other => return Err(format!("unknown palette segment type {other}")),
        }
        if out.len() > limit {
            return Err(format!("palette segments expand past {limit} entries"));
        }
        done += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_expand_discrete_linear_and_indirect() {
        // discrete [0, 10], linear to 40 over 3, then the first segment again (indirect).
        let words = [0, 2, 0, 10, 1, 3, 40, 2, 1, 0, 0];
        assert_eq!(
            expand_segments(&words, 100).unwrap(),
            [0, 10, 20, 30, 40, 0, 10]
        );
    }

    #[test]
    fn broken_segments_are_errors_not_loops() {
        // An indirect segment pointing at itself.
        let words = [2, 1, 0, 0];
        assert!(expand_segments(&words, 100).is_err());
        assert!(expand_segments(&[1, 5, 9], 100).is_err());
        assert!(expand_segments(&[0, 9, 1], 100).is_err());
        assert!(expand_segments(&[0, 3, 1, 2, 3], 2).is_err());
    }

    fn channel(data: &[u16]) -> Channel<'_> {
        Channel {
            descriptor: [2, 10, 16],
            data: Some(data),
            segmented: None,
        }
    }

    #[test]
    fn sixteen_bit_tables_keep_their_high_byte() {
        let (red, green, blue) = ([0u16, 0xff00], [0u16, 0x8000], [0xff00u16, 0]);
        let palette = Palette::new(channel(&red), channel(&green), channel(&blue)).unwrap();
        assert_eq!(palette.rgb(10), [0, 0, 255]);
        assert_eq!(palette.rgb(11), [255, 128, 0]);
        // Below the first mapped value: the first entry.
        assert_eq!(palette.rgb(0), [0, 0, 255]);
    }
}
