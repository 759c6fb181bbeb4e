//! What the pixel check saw in one image, on its card: text (with the frame drawn here and its
//! boxes, on request), no text, or why the pixels were not looked at. The drawing is the
//! page's only copy of the frame: a canvas, never stored, left out of print.

use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use super::i18n::use_tr;
use crate::file_list::MAX_THUMBNAILS_KEPT;
use crate::pixels::thumbnail::Thumbnail;
use crate::pixels::{NotChecked, PixelCheck};

#[derive(Properties, PartialEq)]
pub struct PixelNoteProps {
    pub check: PixelCheck,
    pub thumbnail: Option<Rc<Thumbnail>>,
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
