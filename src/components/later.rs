//! Renders its content in a task after the one that mounts it: what is below the fold or
//! not needed at once (the footer, notices, a list the catalog fills) does not lengthen the
//! first task of a page on a slow phone.

use leptos::prelude::*;

#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::next_task::next_task().await;
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
