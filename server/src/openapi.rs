//! `/openapi.json`: the OpenAPI 3 description, generated from the handlers' annotations and
//! the shared types, so it cannot drift from the code.

use axum::Json;
use dvc_core::api::{
    AgencyNode, Area, DossierReceipt, ErrorBody, ErrorDetail, FacetCount, FacetCounts, FieldWithCount, ProcedurePage,
    ProcedureSummary, Stats, SubmitDossier, UploadReceipt,
};
use dvc_core::catalog::{
    AgencyRef, ApplicantType, CatalogEntry, CatalogWire, Channel, ChannelKind, FieldRef, LegalBasis, Level, OnlineMode,
    Procedure, RequiredDocument, WireProcedure,
};
use dvc_core::form::{Address, Answers, Applicant, ChoiceOption, DocumentSlot, FieldKind, FormDefinition, FormField};
use dvc_core::payment::{BankNotification, Beneficiary, NotificationResult, Outcome, Payment, PaymentStatus, Receipt};
use dvc_core::tracking::{Actions, DossierView, FeeState, ResultDocument, StatusEvent, SupplementRequest};
use dvc_core::validation::Sex;
use dvc_core::validation::{FileKind, FileRules};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dịch vụ công — public-service API",
        version = "1.0.0",
        description = "The province's administrative-procedure catalog, search and statistics. Errors are `{\"error\": {\"code\", \"message\", \"field\"}}`."
    ),
    paths(
        crate::procedures::search,
        crate::procedures::detail,
        crate::forms::form,
        crate::catalog::snapshot,
        crate::catalog::pack,
        crate::catalog::fields,
        crate::catalog::agencies,
        crate::areas::areas,
        crate::stats::stats,
        crate::uploads::upload,
        crate::dossiers::submit,
        crate::dossiers::mine,
        crate::payments::open,
        crate::payments::get,
        crate::payments::events,
        crate::bank::notify,
        crate::payments::renew,
        crate::receipts::verify,
        crate::receipts::of_bill,
        crate::tracking::get,
        crate::tracking::supplement,
        crate::tracking::withdraw,
        crate::tracking::rate,
        crate::officer::set_status,
        crate::results::document,
        crate::results::verify,
        crate::handoffs::create,
        crate::handoffs::take,
        openapi_json,
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        ProcedurePage,
        ProcedureSummary,
        FacetCount,
        FacetCounts,
        FieldWithCount,
        AgencyNode,
        Stats,
        Procedure,
        Channel,
        ChannelKind,
        RequiredDocument,
        LegalBasis,
        ApplicantType,
        FieldRef,
        AgencyRef,
        Level,
        OnlineMode,
        CatalogWire,
        WireProcedure,
        CatalogEntry,
        UploadReceipt,
        Area,
        DossierReceipt,
        SubmitDossier,
        FileKind,
        FileRules,
        FormDefinition,
        FormField,
        FieldKind,
        ChoiceOption,
        DocumentSlot,
        Answers,
        Applicant,
        Address,
        Sex,
        Payment,
        PaymentStatus,
        Beneficiary,
        Receipt,
        BankNotification,
        NotificationResult,
        Outcome,
        DossierView,
        StatusEvent,
        SupplementRequest,
        FeeState,
        ResultDocument,
        Actions,
        crate::tracking::Supplement,
        crate::tracking::Withdrawal,
        crate::tracking::Rating,
        crate::officer::OfficerAction,
        crate::results::Verification,
        dvc_core::api::Handoff,
    ))
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
