//! Service search (docs/domain.md, "Search"), the same in the app (on every keystroke, over
//! the local snapshot) and in the reference API.
//!
//! Text is folded, split into syllables, and indexed by syllable and by adjacent-syllable
//! pair. A query matches a syllable exactly, by prefix while it is being typed, through a
//! Telex/VNI leftover, or within one edit when it has four letters or more. Everyday words
//! reach the catalog's legal wording through [`synonyms`]. Whole-phrase and name matches rank
//! first.

mod highlight;
mod index;
mod query;
pub mod relevance;
pub mod synonyms;
pub mod typing;
pub mod words;

pub use highlight::highlight;
pub use index::{IndexBuilder, SearchIndex};
pub use query::{Facets, Filters, Hit, SearchRequest, SearchResult};
