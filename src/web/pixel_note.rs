//! What the pixel check saw in one image, on its card: text (with the frame drawn here and its
//! boxes, on request), no text, or why the pixels were not looked at. The drawing is the
//! page's only copy of the frame: a canvas, never stored, left out of print.

use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use super::i18n::{use_tr, Tr};
use super::ocr::{read_boxes, OCR_DOWNLOAD_MB};
use crate::file_list::MAX_THUMBNAILS_KEPT;
use crate::pixels::ocr_match::{Repeats, Wanted};
use crate::pixels::thumbnail::Thumbnail;
use crate::pixels::{NotChecked, PixelCheck};

#[derive(Properties, PartialEq)]
pub struct PixelNoteProps {
    pub check: PixelCheck,
    pub thumbnail: Option<Rc<Thumbnail>>,
    /// The header's name, ID and birth date, to compare the text read with.
    pub wanted: Rc<Wanted>,
}

/// The optional reading of the text found.
#[derive(Clone, PartialEq)]
enum Reading {
    NotAsked,
    Busy,
    Read(Vec<Repeats>),
    Failed(String),
}

fn reading_result(tr: Tr, reading: &Reading, wanted: &Wanted) -> Html {
    let text = match reading {
        Reading::NotAsked => return html! {},
        Reading::Busy => tr.text("card-pixels-reading"),
        Reading::Failed(error) => tr.text_with(
            "card-pixels-read-failed",
            &[("error", error.as_str().into())],
        ),
        Reading::Read(_) if wanted.is_empty() => tr.text("card-pixels-read-nothing-to-compare"),
        Reading::Read(found) if found.is_empty() => tr.text("card-pixels-read-no-repeat"),
        Reading::Read(found) => {
            let what: Vec<String> = found
                .iter()
                .map(|r| {
                    tr.text(match r {
                        Repeats::Name => "card-pixels-repeats-name",
                        Repeats::Id => "card-pixels-repeats-id",
                        Repeats::BirthDate => "card-pixels-repeats-birth-date",
                    })
                })
                .collect();
            tr.text_with(
                "card-pixels-read-repeats",
                &[("what", what.join(", ").into())],
            )
        }
    };
    let alarm = matches!(reading, Reading::Read(found) if !found.is_empty());
    html! { <p class={classes!("pixel-note__read", alarm.then_some("pixel-note__read--repeats"))} role="status">{ text }</p> }
}

/// Draw `thumbnail` into `canvas`, its text boxes outlined.
fn draw(canvas: &HtmlCanvasElement, thumbnail: &Thumbnail) -> Option<()> {
    canvas.set_width(thumbnail.width);
    canvas.set_height(thumbnail.height);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let rgba = thumbnail.rgba();
    let image = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(&rgba),
        thumbnail.width,
        thumbnail.height,
    )
    .ok()?;
    context.put_image_data(&image, 0.0, 0.0).ok()?;
    context.set_stroke_style_str("#ff2d2d");
    context.set_line_width(2.0);
    for b in &thumbnail.boxes {
        context.stroke_rect(
            f64::from(b.x) - 1.0,
            f64::from(b.y) - 1.0,
            f64::from(b.width) + 2.0,
            f64::from(b.height) + 2.0,
        );
    }
    Some(())
}

#[function_component(PixelNote)]
pub fn pixel_note(props: &PixelNoteProps) -> Html {
    let tr = use_tr();
    let canvas = use_node_ref();
    let shown = use_state(|| false);
    {
        let (canvas, thumbnail, shown) = (canvas.clone(), props.thumbnail.clone(), *shown);
        use_effect_with(shown, move |_| {
            if let (Some(element), Some(thumbnail)) = (
                canvas.cast::<HtmlCanvasElement>(),
                thumbnail.filter(|_| shown),
            ) {
                draw(&element, &thumbnail);
            }
        });
    }
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let reading = use_state(|| Reading::NotAsked);
    let read = {
        let (reading, thumbnail, wanted) = (
            reading.clone(),
            props.thumbnail.clone(),
            props.wanted.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(thumbnail) = thumbnail.clone() else {
                return;
            };
            reading.set(Reading::Busy);
            let (reading, wanted) = (reading.clone(), wanted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                reading.set(match read_boxes(&thumbnail).await {
                    Ok(lines) => Reading::Read(wanted.repeated_in(&lines.join("\n"))),
                    Err(error) => Reading::Failed(error),
                });
            });
        })
    };
    match &props.check {
        PixelCheck::Text { frames, boxes } => {
            let frame = boxes
                .first()
                .map_or(frames.first().copied().unwrap_or(0), |b| b.frame);
            html! {
                <div class="pixel-note pixel-note--text">
                    <p>
                        <span class="badge sev-high">{ tr.text("card-pixels-text-badge") }</span>
                        { " " }{ tr.text_with("card-pixels-text", &[("frame", (frame as usize + 1).into()), ("boxes", boxes.len().into())]) }
                    </p>
                    if props.thumbnail.is_some() {
                        <button type="button" class="button button--quiet no-print pixel-note__show"
                            aria-expanded={shown.to_string()} onclick={toggle}>
                            { tr.text(if *shown { "card-pixels-hide" } else { "card-pixels-show" }) }
                        </button>
                        if *shown {
                            <figure class="pixel-note__figure no-print">
                                <canvas ref={canvas} class="pixel-note__frame" role="img"
                                    aria-label={tr.text("card-pixels-frame-label")} />
                                <figcaption>{ tr.text("card-pixels-caption") }</figcaption>
                            </figure>
                            if matches!(*reading, Reading::NotAsked | Reading::Failed(_)) {
                                <button type="button" class="button button--quiet no-print pixel-note__read-button" onclick={read}>
                                    { tr.text_with("card-pixels-read", &[("mb", OCR_DOWNLOAD_MB.into())]) }
                                </button>
                            }
                            { reading_result(tr, &reading, &props.wanted) }
                        }
                    } else {
                        <p class="pixel-note__none">{ tr.text_with("card-pixels-no-picture", &[("count", MAX_THUMBNAILS_KEPT.into())]) }</p>
                    }
                </div>
            }
        }
        PixelCheck::NoText { frames } => html! {
            <p class="pixel-note pixel-note--clean">{ tr.text_with("card-pixels-clean", &[("frames", frames.len().into())]) }</p>
        },
        PixelCheck::NotChecked {
            reason: NotChecked::NoImage,
        } => html! {},
        PixelCheck::NotChecked { reason } => html! {
            <p class="pixel-note pixel-note--unchecked">{ tr.text_with("card-pixels-not-checked", &[("reason", reason.to_string().into())]) }</p>
        },
    }
}
