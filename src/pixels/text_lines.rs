//! The text detector: lines of character-sized, high-contrast strokes.
//!
//! Classical and small, so that it runs in the browser on one frame at a time:
//! 1. pixels much brighter (or much darker) than their neighbourhood's mean are strokes;
//! 2. strokes joined into 8-connected components, kept when character-sized and shaped;
//! 3. components of one colour, of similar height, side by side on one baseline band, chained
//!    into lines; a line of at least [`Tuning::min_chars`] components is text, and so is a
//!    lone mark: one large, light, letter-shaped component standing far from a flat ground
//!    (the "R" or "L" lead marker of a radiograph, which no line of text accompanies).
//!
//! Both polarities are looked at (light text on dark and dark on light), on the luminance
//! plane and, for colour images, on the chroma plane. Tuned for recall: a missed name is worse
//! than a second look at a clean image. The tuning is measured in `docs/pixels.md`.

/// A rectangle in plane coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// One 8-bit plane, row by row.
#[derive(Debug, Clone, Copy)]
pub struct Plane<'a> {
    pub width: usize,
    pub height: usize,
    pub data: &'a [u8],
}

/// The detector's thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// Half the side of the square whose mean is a pixel's background.
    pub radius: usize,
    /// How far (in 8-bit levels) a stroke stands out from that mean.
    pub contrast: u8,
    /// Character heights considered, in pixels of the (possibly reduced) plane.
    pub min_height: usize,
    pub max_height: usize,
    /// Components per line for the line to count as text.
    pub min_chars: usize,
    /// Least height of a lone mark, in pixels of the (possibly reduced) plane; 0 turns lone
    /// marks off.
    pub min_mark_height: usize,
    /// Widest gap between neighbouring characters, as a share of their height.
    pub max_gap: f32,
    /// Most a component's extreme level may differ from its neighbour's in one line.
    pub colour_spread: u8,
    /// Share of a component's pixels that lie near its extreme level (a font's flat colour).
    pub min_flat: f32,
    /// Planes wider or taller than this are reduced by an integer factor first.
    pub max_side: usize,
    /// How far a line's strokes stand from the background around them, in units of that
    /// background's spread: text is drawn on a flat ground, texture is not flat.
    pub min_separation: f32,
    /// Most a line's background may vary (standard deviation, 8-bit levels): burned-in text
    /// sits on a band, a margin or a flat region, never on busy texture.
    pub max_spread: f32,
    /// Most of the ring of pixels just around a line that may be strokes of no character
    /// candidate: dithering and speckle put such strokes all around, text on a ground does not.
    pub max_stray: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            radius: 10,
            contrast: 50,
            min_height: 4,
            max_height: 80,
            min_chars: 2,
            min_mark_height: 16,
            max_gap: 1.2,
            colour_spread: 40,
            min_flat: 0.25,
            max_side: 1600,
            min_separation: 4.0,
            max_spread: 12.0,
            max_stray: 0.2,
        }
    }
}

impl Tuning {
    /// The default tuning with fields overridden by the `PIXEL_TUNING` environment variable
    /// (`"contrast=40,min_chars=2"`), for the benchmark and the preview example: the scan
    /// itself always uses [`Tuning::default`].
    pub fn from_env() -> Tuning {
        let mut t = Tuning::default();
        for pair in std::env::var("PIXEL_TUNING").unwrap_or_default().split(',') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            let Ok(v) = value.trim().parse::<f32>() else {
                continue;
            };
            match key.trim() {
                "radius" => t.radius = v as usize,
                "contrast" => t.contrast = v as u8,
                "min_height" => t.min_height = v as usize,
                "max_height" => t.max_height = v as usize,
                "min_chars" => t.min_chars = v as usize,
                "min_mark_height" => t.min_mark_height = v as usize,
                "max_gap" => t.max_gap = v,
                "colour_spread" => t.colour_spread = v as u8,
                "min_flat" => t.min_flat = v,
                "max_side" => t.max_side = v as usize,
                "min_separation" => t.min_separation = v,
                "max_spread" => t.max_spread = v,
                "max_stray" => t.max_stray = v,
                _ => {}
            }
        }
        t
    }
}

/// Lines of text found in `plane`, in its coordinates, light and dark text together.
pub fn find_text(plane: Plane<'_>, tuning: &Tuning) -> Vec<Rect> {
    if plane.width == 0 || plane.height == 0 || plane.data.len() < plane.width * plane.height {
        return Vec::new();
    }
    let factor = plane
        .width
        .max(plane.height)
        .div_ceil(tuning.max_side)
        .max(1);
    let reduced;
    let work = if factor > 1 {
        reduced = reduce(plane, factor);
        Plane {
            width: reduced.0,
            height: reduced.1,
            data: &reduced.2,
        }
    } else {
        plane
    };
    let means = local_means(work, tuning.radius);
    let mut lines = Vec::new();
    for light in [true, false] {
        let contrast = i16::from(tuning.contrast);
        let mask: Vec<bool> = work
            .data
            .iter()
            .zip(&means)
            .map(|(&v, &m)| {
                let d = i16::from(v) - i16::from(m);
                if light {
                    d >= contrast
                } else {
                    -d >= contrast
                }
            })
            .collect();
        let components = components(work, &mask, light, tuning);
        let covered = covered_by(&components, work);
        lines.extend(
            chain(&components, light, tuning)
                .into_iter()
                .filter(|line| stands_out(line, &components, work, &mask, &covered, tuning))
                .map(|line| line.rect),
        );
    }
    // Letters' counters and the gaps between dark strokes read as light strokes too: one
    // line can be found in both polarities.
    merge_overlapping(lines)
        .into_iter()
        .map(|r| Rect {
            x: r.x * factor,
            y: r.y * factor,
            width: r.width * factor,
            height: r.height * factor,
        })
        .collect()
}

/// Rectangles that overlap, merged into their union until none overlap.
pub fn merge_overlapping(mut rects: Vec<Rect>) -> Vec<Rect> {
    let mut out: Vec<Rect> = Vec::new();
    while let Some(mut r) = rects.pop() {
        // Absorb every rectangle that touches `r`, until none does.
        loop {
            let before = rects.len();
            rects.retain(|o| {
                let touches = o.x < r.x + r.width
                    && r.x < o.x + o.width
                    && o.y < r.y + r.height
                    && r.y < o.y + o.height;
                if touches {
                    let (x1, y1) = (
                        (r.x + r.width).max(o.x + o.width),
                        (r.y + r.height).max(o.y + o.height),
                    );
                    r.x = r.x.min(o.x);
                    r.y = r.y.min(o.y);
                    r.width = x1 - r.x;
                    r.height = y1 - r.y;
                }
                !touches
            });
            if rects.len() == before {
                break;
            }
        }
        out.push(r);
    }
    out.sort_by_key(|r| (r.y, r.x));
    out
}

/// The plane shrunk by `factor` in both directions (mean of each block).
fn reduce(plane: Plane<'_>, factor: usize) -> (usize, usize, Vec<u8>) {
    let width = plane.width / factor;
    let height = plane.height / factor;
    let mut out = Vec::with_capacity(width * height);
    let area = (factor * factor) as u32;
    for by in 0..height {
        for bx in 0..width {
            let mut sum = 0u32;
            for y in by * factor..(by + 1) * factor {
                let row = &plane.data[y * plane.width + bx * factor..][..factor];
                sum += row.iter().map(|&v| u32::from(v)).sum::<u32>();
            }
            out.push((sum / area) as u8);
        }
    }
    (width, height, out)
}

/// Each pixel's neighbourhood mean (a square of side 2·radius+1, clipped at the edges).
fn local_means(plane: Plane<'_>, radius: usize) -> Vec<u8> {
    let (w, h) = (plane.width, plane.height);
    // Summed-area table with a zero row and column in front.
    let mut sums = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += u64::from(plane.data[y * w + x]);
            sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
        }
    }
    let mut means = Vec::with_capacity(w * h);
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let total = sums[y1 * (w + 1) + x1] + sums[y0 * (w + 1) + x0]
                - sums[y0 * (w + 1) + x1]
                - sums[y1 * (w + 1) + x0];
            means.push((total / ((y1 - y0) * (x1 - x0)) as u64) as u8);
        }
    }
    means
}

/// A character candidate: its box and its colour.
#[derive(Debug, Clone, Copy)]
struct Component {
    x0: usize,
    y0: usize,
    x1: usize, // inclusive
    y1: usize, // inclusive
    /// The level furthest from the background (brightest for light text).
    extreme: u8,
    /// How many stroke pixels it holds.
    count: usize,
}

impl Component {
    fn width(&self) -> usize {
        self.x1 - self.x0 + 1
    }
    fn height(&self) -> usize {
        self.y1 - self.y0 + 1
    }
}

struct Stats {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    count: usize,
    extreme: u8,
    /// The longest vertical and horizontal runs of the component's pixels.
    run_down: usize,
    run_across: usize,
    /// Pixels joined to the component by their upper or left neighbour, not only diagonally.
    linked: usize,
}

/// Character-sized connected components of the stroke mask of one polarity.
fn components(plane: Plane<'_>, mask: &[bool], light: bool, tuning: &Tuning) -> Vec<Component> {
    let (w, h) = (plane.width, plane.height);
    let stroke = |i: usize| mask[i];
    // Two-pass labelling with union-find; label 0 = background.
    let mut labels = vec![0u32; w * h];
    let mut parent: Vec<u32> = vec![0];
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            if !stroke(i) {
                continue;
            }
            let mut found = 0u32;
            let neighbours = [
                (x > 0).then(|| i - 1),
                (y > 0 && x > 0).then(|| i - w - 1),
                (y > 0).then(|| i - w),
                (y > 0 && x + 1 < w).then(|| i - w + 1),
            ];
            for n in neighbours.into_iter().flatten() {
                let l = labels[n];
                if l == 0 {
                    continue;
                }
                if found == 0 {
                    found = find(&mut parent, l);
                } else {
                    let (a, b) = (find(&mut parent, found), find(&mut parent, l));
                    if a != b {
                        let (lo, hi) = (a.min(b), a.max(b));
                        parent[hi as usize] = lo;
                        found = lo;
                    }
                }
            }
            if found == 0 {
                found = parent.len() as u32;
                parent.push(found);
            }
            labels[i] = found;
        }
    }
    let mut stats: Vec<Option<Stats>> = (0..parent.len()).map(|_| None).collect();
    // The current run of the same component down each column, and along the row.
    let mut down = vec![0usize; w];
    for y in 0..h {
        let mut across = 0usize;
        for (x, run) in down.iter_mut().enumerate() {
            let i = y * w + x;
            if labels[i] == 0 {
                *run = 0;
                across = 0;
                continue;
            }
            let root = find(&mut parent, labels[i]) as usize;
            labels[i] = root as u32;
            // Rows above are resolved to roots already; the left neighbour too.
            *run = if y > 0 && labels[i - w] == root as u32 {
                *run + 1
            } else {
                1
            };
            across = if x > 0 && labels[i - 1] == root as u32 {
                across + 1
            } else {
                1
            };
            let v = plane.data[i];
            let s = stats[root].get_or_insert(Stats {
                x0: x,
                y0: y,
                x1: x,
                y1: y,
                count: 0,
                extreme: v,
                run_down: 0,
                run_across: 0,
                linked: 0,
            });
            s.linked += usize::from(*run > 1 || across > 1);
            s.run_down = s.run_down.max(*run);
            s.run_across = s.run_across.max(across);
            s.x0 = s.x0.min(x);
            s.x1 = s.x1.max(x);
            s.y0 = s.y0.min(y);
            s.y1 = s.y1.max(y);
            s.count += 1;
            s.extreme = if light {
                s.extreme.max(v)
            } else {
                s.extreme.min(v)
            };
        }
    }
    let sized = |s: &Stats| {
        let (cw, ch) = (s.x1 - s.x0 + 1, s.y1 - s.y0 + 1);
        let fill = s.count as f32 / (cw * ch) as f32;
        let thin = cw <= (ch / 4).max(2);
        // A character has a stroke: a run down a good part of its height or across a good
        // part of its width (scattered dots, dithering and speckle do not).
        let stroked = s.run_down * 5 >= ch * 2 || s.run_across * 5 >= cw * 2 && s.run_across >= 3;
        // Strokes are solid: dithering and noise join their dots corner to corner.
        let solid = s.linked * 2 >= s.count;
        (tuning.min_height..=tuning.max_height).contains(&ch)
            && solid
            && cw <= ch * 3
            && s.count >= tuning.min_height
            && stroked
            && (thin || (0.12..=0.85).contains(&fill))
    };
    let mut keep: Vec<bool> = stats
        .iter()
        .map(|s| s.as_ref().is_some_and(sized))
        .collect();
    // Strokes are thin next to the character's height: a pixel with its own component a
    // fifth of the height away on all four sides is inside a blob, not a stroke. A shape
    // that is mostly such pixels (a dark hole in a flat region, a filled patch) is no letter.
    let mut deep = vec![0usize; parent.len()];
    for (i, &l) in labels.iter().enumerate() {
        if l == 0 || !keep[l as usize] {
            continue;
        }
        let Some(s) = stats[l as usize].as_ref() else {
            continue;
        };
        let d = ((s.y1 - s.y0 + 1) / 5).max(2);
        let (x, y) = (i % w, i / w);
        let inside = x >= d
            && x + d < w
            && y >= d
            && y + d < h
            && [i - d, i + d, i - d * w, i + d * w]
                .iter()
                .all(|&j| labels[j] == l);
        deep[l as usize] += usize::from(inside);
    }
    for (l, s) in stats.iter().enumerate() {
        if let Some(s) = s {
            keep[l] &= deep[l] * 5 <= s.count;
        }
    }
    let mut flat_counts = vec![0usize; parent.len()];
    for (i, &l) in labels.iter().enumerate() {
        if l != 0 && keep[l as usize] {
            let extreme = stats[l as usize].as_ref().map_or(0, |s| s.extreme);
            if plane.data[i].abs_diff(extreme) <= 24 {
                flat_counts[l as usize] += 1;
            }
        }
    }
    stats
        .iter()
        .enumerate()
        .filter_map(|(l, s)| {
            let s = s.as_ref().filter(|_| keep[l])?;
            (flat_counts[l] as f32 >= tuning.min_flat * s.count as f32).then_some(Component {
                x0: s.x0,
                y0: s.y0,
                x1: s.x1,
                y1: s.y1,
                extreme: s.extreme,
                count: s.count,
            })
        })
        .collect()
}

fn find(parent: &mut [u32], mut l: u32) -> u32 {
    while parent[l as usize] != l {
        let up = parent[parent[l as usize] as usize];
        parent[l as usize] = up;
        l = up;
    }
    l
}

/// A chain of components: its box and its members.
struct Line {
    rect: Rect,
    members: Vec<usize>,
}

/// Components chained into lines; the lines long enough to be text.
fn chain(components: &[Component], light: bool, tuning: &Tuning) -> Vec<Line> {
    let mut order: Vec<usize> = (0..components.len()).collect();
    order.sort_by_key(|&i| components[i].x0);
    let mut parent: Vec<u32> = (0..components.len() as u32).collect();
    for (k, &i) in order.iter().enumerate() {
        let a = &components[i];
        for &j in &order[k + 1..] {
            let b = &components[j];
            let tallest = a.height().max(b.height());
            let reach = a.x1 + (tuning.max_gap * tallest as f32) as usize + 1;
            if b.x0 > reach {
                break;
            }
            if neighbours(a, b, tuning) {
                let (ra, rb) = (find(&mut parent, i as u32), find(&mut parent, j as u32));
                if ra != rb {
                    parent[ra.max(rb) as usize] = ra.min(rb);
                }
            }
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut line_of = vec![usize::MAX; components.len()];
    for (i, c) in components.iter().enumerate() {
        let root = find(&mut parent, i as u32) as usize;
        if line_of[root] == usize::MAX {
            line_of[root] = lines.len();
            lines.push(Line {
                rect: Rect {
                    x: c.x0,
                    y: c.y0,
                    width: 0,
                    height: 0,
                },
                members: Vec::new(),
            });
        }
        let line = &mut lines[line_of[root]];
        let rect = &mut line.rect;
        let (x1, y1) = (
            (rect.x + rect.width).max(c.x1 + 1),
            (rect.y + rect.height).max(c.y1 + 1),
        );
        rect.x = rect.x.min(c.x0);
        rect.y = rect.y.min(c.y0);
        rect.width = x1 - rect.x;
        rect.height = y1 - rect.y;
        line.members.push(i);
    }
    lines.retain(|line| {
        let mut heights: Vec<usize> = line
            .members
            .iter()
            .map(|&i| components[i].height())
            .collect();
        heights.sort_unstable();
        let median = heights[heights.len() / 2];
        let lone_mark =
            light && line.members.len() == 1 && is_lone_mark(&components[line.members[0]], tuning);
        lone_mark
            || line.members.len() >= tuning.min_chars
                && line.rect.width >= line.rect.height * 3 / 2
                // One line, not a slanted staircase of blobs.
                && line.rect.height <= median * 2
    });
    lines
}

/// Whether a component no other joins can still be text: a lead marker ("R", "L") is one
/// letter, light (lead stops the beam, so it shows as bright as bone or brighter; dark specks
/// on a flat bright ground are what posterised anatomy is full of), larger than annotation
/// text, as wide as a letter and neither a filled blob nor a wisp. [`stands_out`] then asks
/// for a flat ground around it and [`MARK_CONTRAST`] from it.
fn is_lone_mark(c: &Component, tuning: &Tuning) -> bool {
    let (w, h) = (c.width(), c.height());
    let fill = c.count as f32 / (w * h) as f32;
    tuning.min_mark_height > 0
        && h >= tuning.min_mark_height
        && w * 2 >= h
        && w * 10 <= h * 11
        && (0.25..=0.7).contains(&fill)
}

/// How far (8-bit levels) a lone mark stands from its ground: a lead plate's letter or an
/// overlay's glyph is near the ends of the range, a lone bright speck in anatomy is not.
const MARK_CONTRAST: f64 = 96.0;

/// Whether a line's strokes stand out from a flat background: the pixels of its box (and a
/// margin) that are not strokes vary little next to how far the strokes are from them.
fn stands_out(
    line: &Line,
    components: &[Component],
    plane: Plane<'_>,
    mask: &[bool],
    covered: &[bool],
    tuning: &Tuning,
) -> bool {
    let margin = 2;
    let r = line.rect;
    let (x0, y0) = (r.x.saturating_sub(margin), r.y.saturating_sub(margin));
    let (x1, y1) = (
        (r.x + r.width + margin).min(plane.width),
        (r.y + r.height + margin).min(plane.height),
    );
    let (mut n, mut sum, mut sum_sq) = (0f64, 0f64, 0f64);
    let (mut ring, mut ring_strokes) = (0usize, 0usize);
    for y in y0..y1 {
        for x in x0..x1 {
            let i = y * plane.width + x;
            let in_rect = (r.x..r.x + r.width).contains(&x) && (r.y..r.y + r.height).contains(&y);
            if !in_rect {
                ring += 1;
                ring_strokes += usize::from(mask[i] && !covered[i]);
            }
            // Background: away from any stroke by a pixel (a stroke's anti-aliased or
            // compressed edge is neither stroke nor ground).
            let near_stroke = (y.saturating_sub(1)..(y + 2).min(plane.height)).any(|ny| {
                (x.saturating_sub(1)..(x + 2).min(plane.width))
                    .any(|nx| mask[ny * plane.width + nx])
            });
            if !near_stroke {
                let v = f64::from(plane.data[i]);
                n += 1.0;
                sum += v;
                sum_sq += v * v;
            }
        }
    }
    if n < 1.0 {
        return false;
    }
    let mean = sum / n;
    let spread = (sum_sq / n - mean * mean).max(0.0).sqrt();
    let mut extremes: Vec<u8> = line
        .members
        .iter()
        .map(|&i| components[i].extreme)
        .collect();
    extremes.sort_unstable();
    let stroke = f64::from(extremes[extremes.len() / 2]);
    let lone_mark_contrast = line.members.len() > 1 || (stroke - mean).abs() >= MARK_CONTRAST;
    lone_mark_contrast
        && ring_strokes as f32 <= tuning.max_stray * ring as f32
        && spread <= f64::from(tuning.max_spread)
        && (stroke - mean).abs() >= f64::from(tuning.min_separation) * spread.max(1.0)
}

/// Per pixel, whether it lies in the box of some component.
fn covered_by(components: &[Component], plane: Plane<'_>) -> Vec<bool> {
    let mut covered = vec![false; plane.width * plane.height];
    for c in components {
        for y in c.y0..=c.y1 {
            covered[y * plane.width + c.x0..=y * plane.width + c.x1].fill(true);
        }
    }
    covered
}

/// Whether `b` (starting at or right of `a`'s left edge) continues `a`'s line.
fn neighbours(a: &Component, b: &Component, tuning: &Tuning) -> bool {
    let (ha, hb) = (a.height(), b.height());
    let (short, tall) = (ha.min(hb), ha.max(hb));
    if tall > short * 2 + 1 {
        return false;
    }
    // Side by side, not stacked: b starts past most of a.
    if b.x0 + a.width() / 3 < a.x1 {
        return false;
    }
    let overlap = a.y1.min(b.y1) as isize - a.y0.max(b.y0) as isize + 1;
    if (overlap as f32) < 0.5 * short as f32 {
        return false;
    }
    let gap = b.x0 as isize - a.x1 as isize - 1;
    if gap as f32 > tuning.max_gap * tall as f32 {
        return false;
    }
    a.extreme.abs_diff(b.extreme) <= tuning.colour_spread
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draw `text` at (x, y), each font pixel `scale` pixels wide, in level `ink`.
    fn draw(img: &mut [u8], w: usize, text: &str, x: usize, y: usize, scale: usize, ink: u8) {
        for (px, py) in crate::pixels::test_font::pixels_of(text, x, y, scale) {
            img[py * w + px] = ink;
        }
    }

    /// A `w` × `h` plane of level `ground` with `text` drawn in `ink` at (x, y).
    #[allow(clippy::too_many_arguments)]
    fn on_ground(
        w: usize,
        h: usize,
        ground: u8,
        text: &str,
        x: usize,
        y: usize,
        scale: usize,
        ink: u8,
    ) -> Vec<u8> {
        let mut img = vec![ground; w * h];
        draw(&mut img, w, text, x, y, scale, ink);
        img
    }

    fn plane(data: &[u8], w: usize) -> Plane<'_> {
        Plane {
            width: w,
            height: data.len().checked_div(w).unwrap_or(0),
            data,
        }
    }

    #[test]
    fn overlapping_boxes_merge_and_apart_ones_stay() {
        let r = |x, y, width, height| Rect {
            x,
            y,
            width,
            height,
        };
        let merged = merge_overlapping(vec![r(0, 0, 10, 5), r(8, 2, 10, 5), r(50, 50, 4, 4)]);
        assert_eq!(merged, [r(0, 0, 18, 7), r(50, 50, 4, 4)]);
    }

    #[test]
    fn finds_light_text_on_dark_and_dark_text_on_light() {
        let (w, h) = (200, 80);
        let mut img = vec![10u8; w * h];
        draw(&mut img, w, "JOHN DOE", 5, 5, 2, 250);
        let found = find_text(plane(&img, w), &Tuning::default());
        // One line: a space is narrower than a character's height.
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].y, found[0].height), (5, 14));

        let mut img = vec![240u8; w * h];
        draw(&mut img, w, "JOHNDOE", 20, 40, 3, 0);
        let found = find_text(plane(&img, w), &Tuning::default());
        assert_eq!(found.len(), 1, "{found:?}");
        // The box holds the text, give or take the light halo found around dark strokes.
        let r = found[0];
        assert!(r.x.abs_diff(20) <= 3 && r.y.abs_diff(40) <= 3, "{r:?}");
        assert!(r.height.abs_diff(21) <= 6, "{r:?}");
    }

    #[test]
    fn smooth_shapes_noise_and_single_letters_are_not_text() {
        let (w, h) = (200, 200);
        // A bright disc, a gradient and a lone letter of annotation size.
        let mut img: Vec<u8> = (0..w * h).map(|i| ((i % w) / 2) as u8).collect();
        for y in 0..h {
            for x in 0..w {
                let (dx, dy) = (x as i32 - 100, y as i32 - 100);
                if dx * dx + dy * dy < 40 * 40 {
                    img[y * w + x] = 250;
                }
            }
        }
        draw(&mut img, w, "H", 10, 150, 2, 255);
        assert_eq!(find_text(plane(&img, w), &Tuning::default()), []);
    }

    /// A lead marker: one large light letter on a flat ground is text; the same letter dark,
    /// or on busy ground, is not (posterised anatomy is full of dark specks).
    #[test]
    fn a_lone_lead_marker_is_text() {
        let (w, h) = (200, 200);
        let marker = on_ground(w, h, 30, "R", 150, 140, 4, 230);
        let found = find_text(plane(&marker, w), &Tuning::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].x.abs_diff(150) <= 2 && found[0].height.abs_diff(28) <= 2);

        let dark = on_ground(w, h, 220, "R", 150, 140, 4, 10);
        assert_eq!(find_text(plane(&dark, w), &Tuning::default()), []);

        let mut img: Vec<u8> = (0..w * h)
            .map(|i| if (i * 7919) % 13 < 6 { 20 } else { 120 })
            .collect();
        draw(&mut img, w, "R", 150, 140, 4, 255);
        assert_eq!(find_text(plane(&img, w), &Tuning::default()), []);

        let off = Tuning {
            min_mark_height: 0,
            ..Tuning::default()
        };
        assert_eq!(find_text(plane(&marker, w), &off), []);
    }

    /// Dithering draws strokes all around what it makes look like a line: the ring around a
    /// line must be ground.
    #[test]
    fn a_line_in_dithering_is_not_text() {
        let (w, h) = (200, 80);
        let mut img = on_ground(w, h, 40, "ID 042", 20, 30, 2, 200);
        assert_eq!(find_text(plane(&img, w), &Tuning::default()).len(), 1);
        // Bright specks every few pixels, too small to be characters themselves.
        for y in (0..h).step_by(3) {
            for x in (0..w).step_by(3) {
                if img[y * w + x] == 40 {
                    img[y * w + x] = 200;
                }
            }
        }
        assert_eq!(find_text(plane(&img, w), &Tuning::default()), []);
    }

    /// Strokes a third of the height wide (scale 3 of the 5 × 7 font) have no pixel a fifth of
    /// the height inside on all sides: bold text is not taken for blobs.
    #[test]
    fn bold_text_is_not_taken_for_blobs() {
        let (w, h) = (200, 80);
        let mut img = vec![220u8; w * h];
        draw(&mut img, w, "ID 042", 20, 30, 3, 0);
        assert_eq!(find_text(plane(&img, w), &Tuning::default()).len(), 1);
        let mut img = vec![20u8; w * h];
        draw(&mut img, w, "MRN", 20, 30, 4, 250);
        assert_eq!(find_text(plane(&img, w), &Tuning::default()).len(), 1);
    }

    #[test]
    fn large_planes_are_reduced_and_boxes_scaled_back() {
        let (w, h) = (3300, 120);
        let mut img = vec![0u8; w * h];
        draw(&mut img, w, "HEDDON", 1000, 20, 6, 255);
        let found = find_text(plane(&img, w), &Tuning::default());
        assert_eq!(found.len(), 1, "{found:?}");
        let r = found[0];
        assert!(r.x.abs_diff(1000) <= 3 && r.y.abs_diff(20) <= 3, "{r:?}");
        assert!(r.height.abs_diff(42) <= 6, "{r:?}");
    }

    #[test]
    fn empty_and_short_planes_find_nothing() {
        let t = Tuning::default();
        assert_eq!(find_text(plane(&[], 0), &t), []);
        let short = Plane {
            width: 10,
            height: 10,
            data: &[0; 5],
        };
        assert_eq!(find_text(short, &t), []);
    }
}
