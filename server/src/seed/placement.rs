//! Where each base procedure goes: which agencies carry it, which placements are on the
//! national portal. Pure and deterministic, so the catalog always adds up to the figures.
//!
//! Province-level bases sit once under their department. A base carried out at two levels
//! sits once too and counts as two public services. District- and commune-level bases are
//! repeated under the district and commune people's committees, round robin, until each
//! (online mode, fee) group holds its share of the published totals.

use dvc_core::catalog::{Level, OnlineMode};

use super::data::{BaseProcedure, Figures};
use super::SeedError;
use crate::fingerprint::Fingerprint;

/// The agencies bases can be placed under, by level, as indexes into the seeder's list.
pub struct AgencySlots<'a> {
    /// (department index, its fields).
    pub departments: Vec<(usize, &'a [String])>,
    /// Index of the province's people's committee, for fields no department claims.
    pub province: usize,
    pub districts: Vec<usize>,
    pub communes: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub base: usize,
    pub agency: usize,
    /// Public services this placement counts for (2 for a base carried out at two levels).
    pub services: u32,
    pub on_national_portal: bool,
}

/// Records each (mode, fee) group must hold.
#[derive(Debug, PartialEq)]
pub struct Targets {
    /// Indexed by [`group`].
    pub records: [u32; 6],
}

/// Index of a (mode, fee) group.
pub fn group(mode: OnlineMode, has_fee: bool) -> usize {
    mode as usize * 2 + has_fee as usize
}

/// Splits the published totals into the six (mode, fee) groups.
///
/// The report gives fees only as "474 with a fee, 429 payable online". A fee can be paid
/// online exactly when the dossier is filed online, so the 45 others are the offline
/// procedures with a fee, and the 429 split between fully and partly online in proportion
/// to their records.
pub fn targets(figures: &Figures, bases: &[BaseProcedure]) -> Result<Targets, SeedError> {
    let services = figures.catalog.fully_online + figures.catalog.partially_online + figures.catalog.offline;
    let extra_of =
        |mode: OnlineMode| bases.iter().filter(|b| b.also_level.is_some() && b.online_mode == mode).count() as u32;
    let extras = extra_of(OnlineMode::Full) + extra_of(OnlineMode::Partial) + extra_of(OnlineMode::InPersonOnly);
    if services != figures.catalog.procedures + extras {
        return Err(SeedError::Figures(format!(
            "{services} public services by online mode for {} procedures need {} bases carried out at two levels; the data has {extras}",
            figures.catalog.procedures,
            services.saturating_sub(figures.catalog.procedures)
        )));
    }
    let full = figures.catalog.fully_online - extra_of(OnlineMode::Full);
    let partial = figures.catalog.partially_online - extra_of(OnlineMode::Partial);
    let offline = figures.catalog.offline - extra_of(OnlineMode::InPersonOnly);
    let offline_fee = figures
        .catalog
        .with_fee
        .checked_sub(figures.catalog.payable_online)
        .ok_or_else(|| SeedError::Figures("more procedures payable online than procedures with a fee".into()))?;
    let online_fee = figures.catalog.payable_online;
    let full_fee = ((online_fee as u64 * full as u64 + (full + partial) as u64 / 2) / (full + partial) as u64) as u32;
    let partial_fee = online_fee - full_fee;
    let mut records = [0; 6];
    for (mode, total, fee) in [
        (OnlineMode::Full, full, full_fee),
        (OnlineMode::Partial, partial, partial_fee),
        (OnlineMode::InPersonOnly, offline, offline_fee),
    ] {
        let free =
            total.checked_sub(fee).ok_or_else(|| SeedError::Figures(format!("too many fee records for {mode:?}")))?;
        records[group(mode, true)] = fee;
        records[group(mode, false)] = free;
    }
    Ok(Targets { records })
}

/// With no published figures to reproduce: each base where it is carried out. A
/// province-level base sits once under its department; a district- or commune-level one under
/// every agency of its level (with two tiers, the one agency standing for every commune). Every
/// procedure offered online is on the national portal, which links to the province's.
pub fn place_where_carried_out(bases: &[BaseProcedure], slots: &AgencySlots) -> Vec<Placement> {
    let mut placements = Vec::new();
    for (i, b) in bases.iter().enumerate() {
        let agencies: Vec<usize> = match b.level {
            Level::Province => vec![department_of(b, slots)],
            Level::District => slots.districts.clone(),
            Level::Commune => slots.communes.clone(),
        };
        let services = 1 + b.also_level.is_some() as u32;
        let on_national_portal = b.online_mode != OnlineMode::InPersonOnly;
        placements.extend(agencies.into_iter().map(|agency| Placement {
            base: i,
            agency,
            services,
            on_national_portal,
        }));
    }
    placements
}

fn department_of(b: &BaseProcedure, slots: &AgencySlots) -> usize {
    slots.departments.iter().find(|(_, fields)| fields.contains(&b.field)).map_or(slots.province, |(d, _)| *d)
}

/// Places every base, then marks the portal placements.
pub fn place(bases: &[BaseProcedure], slots: &AgencySlots, figures: &Figures) -> Result<Vec<Placement>, SeedError> {
    let targets = targets(figures, bases)?;
    let mut placements = Vec::new();
    for (g, &target) in targets.records.iter().enumerate() {
        let members: Vec<usize> =
            (0..bases.len()).filter(|&i| group(bases[i].online_mode, bases[i].has_fee()) == g).collect();
        placements.extend(place_group(bases, &members, slots, target, g)?);
    }
    mark_portal(&mut placements, bases, OnlineMode::Full, figures.catalog.on_national_portal_fully_online)?;
    mark_portal(&mut placements, bases, OnlineMode::Partial, figures.catalog.on_national_portal_partially_online)?;
    placements.sort_by_key(|p| (p.base, p.agency));
    Ok(placements)
}

fn place_group(
    bases: &[BaseProcedure],
    members: &[usize],
    slots: &AgencySlots,
    target: u32,
    g: usize,
) -> Result<Vec<Placement>, SeedError> {
    let (fixed, repeated): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| bases[i].level == Level::Province || bases[i].also_level.is_some());
    let mut out: Vec<Placement> = fixed
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let b = &bases[i];
            let agency = match b.level {
                Level::Province => department_of(b, slots),
                Level::District => slots.districts[j % slots.districts.len()],
                Level::Commune => slots.communes[j % slots.communes.len()],
            };
            Placement { base: i, agency, services: 1 + b.also_level.is_some() as u32, on_national_portal: false }
        })
        .collect();
    if out.len() as u32 > target {
        return Err(SeedError::Figures(format!(
            "group {g} needs {target} records but has {} province-level bases alone",
            out.len()
        )));
    }
    let mut round = 0;
    while (out.len() as u32) < target {
        let before = out.len();
        for (j, &i) in repeated.iter().enumerate() {
            if out.len() as u32 == target {
                break;
            }
            let agencies = if bases[i].level == Level::District { &slots.districts } else { &slots.communes };
            if round < agencies.len() {
                // Spread the first placements of different bases over different agencies.
                let agency = agencies[(j * 7 + round) % agencies.len()];
                out.push(Placement { base: i, agency, services: 1, on_national_portal: false });
            }
        }
        if out.len() == before {
            return Err(SeedError::Figures(format!(
                "group {g} needs {target} records but its district- and commune-level bases fill only {}",
                out.len()
            )));
        }
        round += 1;
    }
    Ok(out)
}

/// Marks placements of `mode` as on the national portal until they count `target` services,
/// in an order spread across bases (by a fingerprint of base and agency).
fn mark_portal(
    placements: &mut [Placement],
    bases: &[BaseProcedure],
    mode: OnlineMode,
    target: u32,
) -> Result<(), SeedError> {
    let mut order: Vec<(String, usize)> = placements
        .iter()
        .enumerate()
        .filter(|(_, p)| bases[p.base].online_mode == mode)
        .map(|(i, p)| (Fingerprint::of(format!("{}/{}", bases[p.base].code, p.agency).as_bytes()), i))
        .collect();
    order.sort();
    let mut marked = 0;
    for (_, i) in order {
        if marked + placements[i].services <= target {
            placements[i].on_national_portal = true;
            marked += placements[i].services;
        }
        if marked == target {
            return Ok(());
        }
    }
    Err(SeedError::Figures(format!("only {marked} {mode:?} services can be on the national portal; {target} needed")))
}
