//! The deterministic seeder: reads the catalog data files, places every base procedure
//! under its agencies ([`placement`]), and writes the catalog to SQLite. It runs at start-up
//! and does nothing when the database already holds this exact data.

pub mod data;
pub mod placement;

use std::collections::HashSet;
use std::path::Path;

use crate::db::{params, Connection};
use dvc_core::catalog::{AgencyRef, ChannelKind, FieldRef, Level, OnlineMode, Procedure};
use dvc_core::form::FieldKind;

use crate::db::Db;
use data::{BaseProcedure, CatalogData};
use placement::{AgencySlots, Placement};

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot read {0}: {1}")]
    Io(String, std::io::Error),
    #[error("cannot parse {0}: {1}")]
    Parse(String, serde_json::Error),
    #[error("invalid catalog data: {0}")]
    Invalid(String),
    #[error("the catalog cannot reproduce the published figures: {0}")]
    Figures(String),
    #[error("database: {0}")]
    Database(#[from] crate::db::Error),
}

#[derive(Debug, PartialEq)]
pub enum SeedOutcome {
    AlreadySeeded,
    Seeded { procedures: usize },
}

/// Seeds the catalog from `data_dir` and its dataset `dataset` (`datasets/<dataset>/`: the
/// province, its agencies and its local units) unless the database already holds the same data.
pub fn seed_if_needed(db: &Db, data_dir: &Path, dataset: &str) -> Result<SeedOutcome, SeedError> {
    let mut data = data::load(data_dir, dataset)?;
    let stored: Option<String> = db.with(|c| {
        c.query_row("SELECT value FROM meta WHERE key = 'catalog_fingerprint'", crate::params![], |r| r.get(0)).ok()
    });
    if stored.as_deref() == Some(data.fingerprint.as_str()) {
        return Ok(SeedOutcome::AlreadySeeded);
    }
    validate(&data)?;
    let agencies = agency_list(&data);
    // A procedure's address ends in its agency's id: a last segment of letters alone would
    // read as a file name (`looks_like_file` in web.rs) and the page would not open.
    if let Some(a) =
        agencies.iter().find(|a| !a.id.rsplit('.').next().is_some_and(|s| s.bytes().any(|b| b.is_ascii_digit())))
    {
        return Err(SeedError::Invalid(format!("agency id {:?} must end in a segment with a digit", a.id)));
    }
    if !agencies.iter().any(|a| a.level == Level::District) {
        data.bases = std::mem::take(&mut data.bases).into_iter().map(without_districts).collect();
    }
    let slots = slots(&data, &agencies);
    let placements = match &data.province.figures {
        Some(figures) => placement::place(&data.bases, &slots, figures)?,
        None => placement::place_where_carried_out(&data.bases, &slots),
    };
    let n = placements.len();
    db.with(|c| write(c, &data, &agencies, &placements))?;
    Ok(SeedOutcome::Seeded { procedures: n })
}

fn validate(data: &CatalogData) -> Result<(), SeedError> {
    let fields: HashSet<&str> = data.fields.iter().map(|f| f.slug.as_str()).collect();
    let mut codes = HashSet::new();
    let mut problems = Vec::new();
    for b in &data.bases {
        if !codes.insert(b.code.as_str()) {
            problems.push(format!("{}: the code appears twice", b.code));
        }
        if !is_national_code(&b.code) {
            problems.push(format!("{}: not a national base code (1.xxxxxx, 2.xxxxxx or 3.xxxxxx)", b.code));
        }
        if !fields.contains(b.field.as_str()) {
            problems.push(format!("{}: unknown field {}", b.code, b.field));
        }
        let online = b.channels.iter().any(|c| c.channel == ChannelKind::Online);
        if b.online_mode == OnlineMode::InPersonOnly && online {
            problems.push(format!("{}: offline but has an online channel", b.code));
        }
        if b.online_mode != OnlineMode::InPersonOnly && !online {
            problems.push(format!("{}: online but has no online channel", b.code));
        }
        if b.channels.is_empty() || b.documents.is_empty() || b.legal_basis.is_empty() {
            problems.push(format!("{}: needs channels, documents and legal basis", b.code));
        }
        if b.also_level == Some(b.level) {
            problems.push(format!("{}: also_level repeats level", b.code));
        }
    }
    for (code, spec) in &data.forms {
        let fields = &spec.fields;
        if !codes.contains(code.as_str()) {
            problems.push(format!("forms.json: {code} is not a base procedure of the catalog"));
        }
        let mut ids = HashSet::new();
        for f in fields {
            if !ids.insert(f.id.as_str()) {
                problems.push(format!("forms.json: {code}: field {} appears twice", f.id));
            }
            if f.kind == FieldKind::Select && f.options.is_empty() {
                problems.push(format!("forms.json: {code}: select {} has no options", f.id));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SeedError::Invalid(problems.join("; ")))
    }
}

fn is_national_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 8 && matches!(b[0], b'1'..=b'3') && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit)
}

/// A base procedure in a province with no district level (two tiers since 1 July 2025): what
/// the district's people's committee did, the commune's does now (Nghị định 151/2025/NĐ-CP
/// gave most district competences to communes), so the procedure is carried out at commune
/// level and its texts say so.
fn without_districts(mut b: BaseProcedure) -> BaseProcedure {
    fn to_commune(l: Level) -> Level {
        if l == Level::District {
            Level::Commune
        } else {
            l
        }
    }
    b.level = to_commune(b.level);
    b.also_level = b.also_level.map(to_commune).filter(|l| *l != b.level);
    let reword = |t: &mut String| {
        if t.contains("ấp huyện") {
            *t = t.replace("cấp huyện", "cấp xã").replace("Cấp huyện", "Cấp xã");
        }
    };
    for t in [
        &mut b.name,
        &mut b.implementing_agency,
        &mut b.competent_agency,
        &mut b.where_to_submit,
        &mut b.result,
        &mut b.conditions,
        &mut b.description,
    ] {
        reword(t);
    }
    b.steps.iter_mut().for_each(reword);
    for c in &mut b.channels {
        reword(&mut c.description);
        reword(&mut c.time);
    }
    for d in &mut b.documents {
        reword(&mut d.name);
        d.form.iter_mut().for_each(reword);
    }
    b
}

/// Every agency, in tree order: the province, its departments, then each local unit followed
/// by the units under it, as deep as the data goes (a unit with units under it is a district;
/// one without, a commune or ward); last, with two tiers, the agency standing for every commune.
fn agency_list(data: &CatalogData) -> Vec<AgencyRef> {
    let a = &data.agencies;
    let root = &a.province;
    let mut list = vec![AgencyRef {
        id: root.id.clone(),
        name: root.name.clone(),
        short: root.short.clone(),
        level: Level::Province,
        parent: None,
    }];
    for d in &a.departments {
        list.push(AgencyRef {
            id: d.id.clone(),
            name: d.name.clone(),
            short: d.short.clone(),
            level: Level::Province,
            parent: Some(root.id.clone()),
        });
    }
    push_units(&mut list, &a.units, &root.id);
    if let Some(any) = &a.any_commune {
        list.push(AgencyRef {
            id: any.id.clone(),
            name: any.name.clone(),
            short: any.short.clone(),
            level: Level::Commune,
            parent: None,
        });
    }
    list
}

fn push_units(list: &mut Vec<AgencyRef>, units: &[data::Unit], parent: &str) {
    for u in units {
        let level = if u.units.is_empty() { Level::Commune } else { Level::District };
        list.push(AgencyRef {
            id: u.id.clone(),
            name: u.name.clone(),
            short: u.short.clone(),
            level,
            parent: Some(parent.to_owned()),
        });
        push_units(list, &u.units, &u.id);
    }
}

fn slots<'a>(data: &'a CatalogData, agencies: &[AgencyRef]) -> AgencySlots<'a> {
    let index = |id: &str| agencies.iter().position(|a| a.id == id).unwrap_or(0);
    let of_level = |level: Level| -> Vec<usize> {
        agencies.iter().enumerate().filter(|(_, a)| a.level == level && a.parent.is_some()).map(|(i, _)| i).collect()
    };
    AgencySlots {
        departments: data.agencies.departments.iter().map(|d| (index(&d.id), d.fields.as_slice())).collect(),
        province: 0,
        districts: of_level(Level::District),
        // With two tiers, commune-level procedures are listed once, under the agency that
        // stands for every commune; otherwise under the communes themselves.
        communes: match &data.agencies.any_commune {
            Some(any) => vec![index(&any.id)],
            None => of_level(Level::Commune),
        },
    }
}

/// The full record of a placement.
fn record(base: &BaseProcedure, field: &FieldRef, agency: &AgencyRef, p: &Placement) -> Procedure {
    Procedure {
        code: format!("{}.{}", base.code, agency.id),
        base_code: base.code.clone(),
        name: base.name.clone(),
        decision: base.decision.clone(),
        level: base.level,
        other_levels: base.also_level.into_iter().collect(),
        kind: base.kind.clone(),
        field: field.clone(),
        online_mode: base.online_mode,
        on_national_portal: p.on_national_portal,
        payable_online: dvc_core::catalog::payable_online(&base.channels, base.online_mode),
        steps: base.steps.clone(),
        channels: base.channels.clone(),
        documents: base.documents.clone(),
        applicants: base.applicants.clone(),
        agency: agency.clone(),
        implementing_agency: base.implementing_agency.clone(),
        competent_agency: base.competent_agency.clone(),
        where_to_submit: base.where_to_submit.clone(),
        result: base.result.clone(),
        legal_basis: base.legal_basis.clone(),
        conditions: base.conditions.clone(),
        keywords: base.keywords.clone(),
        description: base.description.clone(),
    }
}

fn write(
    c: &mut Connection,
    data: &CatalogData,
    agencies: &[AgencyRef],
    placements: &[Placement],
) -> Result<(), SeedError> {
    let tx = c.transaction()?;
    tx.execute_batch("DELETE FROM forms; DELETE FROM procedures; DELETE FROM agencies; DELETE FROM fields;")?;
    for (code, spec) in &data.forms {
        let json = serde_json::to_string(&spec.fields).map_err(|e| SeedError::Invalid(e.to_string()))?;
        tx.execute("INSERT INTO forms (base_code, fields) VALUES (?1, ?2)", params![code, json])?;
    }
    let fields: Vec<FieldRef> = data
        .fields
        .iter()
        .map(|f| FieldRef { slug: f.slug.clone(), name: f.vi.clone(), name_en: f.en.clone() })
        .collect();
    for (i, f) in fields.iter().enumerate() {
        tx.execute(
            "INSERT INTO fields (slug, name, name_en, position) VALUES (?1, ?2, ?3, ?4)",
            params![f.slug, f.name, f.name_en, i],
        )?;
    }
    for (i, a) in agencies.iter().enumerate() {
        tx.execute(
            "INSERT INTO agencies (id, name, short, level, parent, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.id, a.name, a.short, a.level.slug(), a.parent, i],
        )?;
    }
    {
        let mut insert = tx.prepare(
            "INSERT INTO procedures (code, base_code, name, field, agency_id, level, service_count, online_mode, \
             has_fee, payable_online, on_national_portal, position, record) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, p) in placements.iter().enumerate() {
            let base = &data.bases[p.base];
            let field = fields
                .iter()
                .find(|f| f.slug == base.field)
                .ok_or_else(|| SeedError::Invalid(format!("{}: unknown field", base.code)))?;
            let r = record(base, field, &agencies[p.agency], p);
            let json = serde_json::to_string(&r).map_err(|e| SeedError::Invalid(e.to_string()))?;
            insert.execute(params![
                r.code,
                r.base_code,
                r.name,
                r.field.slug,
                r.agency.id,
                r.level.slug(),
                p.services,
                r.online_mode.slug(),
                r.has_fee(),
                r.payable_online,
                r.on_national_portal,
                i,
                json
            ])?;
        }
    }
    write_meta(&tx, data)?;
    tx.commit()?;
    Ok(())
}

/// The province's facts beside the catalog: name, portal, as-of, source, the report's figures
/// (empty when the dataset reproduces none) and the data's fingerprint.
fn write_meta(tx: &crate::db::Transaction, data: &CatalogData) -> Result<(), SeedError> {
    let province = &data.province;
    let figures = match &province.figures {
        Some(f) => serde_json::to_string(f).map_err(|e| SeedError::Invalid(e.to_string()))?,
        None => String::new(),
    };
    for (k, v) in [
        ("province", province.name.as_str()),
        ("agency_code", province.agency_code.as_str()),
        ("portal_name", province.portal_name.as_str()),
        ("as_of", province.as_of.as_str()),
        ("source", province.source.as_str()),
        ("published_figures", figures.as_str()),
        ("catalog_fingerprint", data.fingerprint.as_str()),
    ] {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![k, v],
        )?;
    }
    Ok(())
}
