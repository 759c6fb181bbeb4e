//! The page's second wasm module: the views a user opens after (or besides) a scan, fetched
//! once a scan is done or the first time one is asked for, so that the first load carries only
//! what scanning needs (and the scan workers do not share the CPU with its compiling).
//!
//! The checklist, the people and findings views, the clean-copy panel and the JSON and CSV
//! report files were about 91 KB of the page's gzipped module. The page ([`host`]) draws an
//! empty element where a view goes and asks the views module ([`root`], `src/bin/views.rs`)
//! to draw into it, with the scan's file reports in bincode ([`request`]); the views module
//! builds the report from them as the page does. Both modules run Yew; each view is an app of
//! its own inside the page's, a pattern Yew supports for apps of one module (see
//! [`root::start`] for what two modules need).

pub mod host;
pub mod request;
pub mod root;

/// Whether two optional shared values are the same one (props compared by pointer: a view is
/// drawn again when the page hands it another report or file list, not a deep comparison).
fn same_rc<T>(a: &Option<std::rc::Rc<T>>, b: &Option<std::rc::Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::rc::Rc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}
