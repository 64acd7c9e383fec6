//! Where the citizen is in the steps of applying: "Bước 2 trên 5", then every step by name,
//! the current one marked (and said: `aria-current="step"`), those already reached linked.

use leptos::prelude::*;

use crate::i18n::{tr, use_texts};

#[component]
pub fn StepIndicator(
    /// 1-based.
    current: u8,
    /// The furthest step reached: steps up to it can be revisited.
    #[prop(into)]
    reached: Signal<u8>,
    /// The address of step n.
    #[prop(into)]
    href: Callback<u8, String>,
) -> impl IntoView {
    let t = use_texts();
    let steps = move || {
        let names = t.get().apply_steps;
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let n = i as u8 + 1;
                let is_current = n == current;
                // The last step (filed) is never a link back.
                let linked = !is_current && n < names.len() as u8 && n <= reached.get();
                let label = format!("{n}. {name}");
                view! {
                    <li class:current=is_current class:done=n < current aria-current=is_current.then_some("step")>
                        {if linked { view! { <a href=href.run(n)>{label}</a> }.into_any() } else { view! { <span>{label}</span> }.into_any() }}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav aria-label=tr(|t| t.apply_progress_label)>
            <p class="steps-progress">{move || (t.get().apply_step_of)(usize::from(current), t.get().apply_steps.len())}</p>
            <ol class="step-indicator">{steps}</ol>
        </nav>
    }
}
