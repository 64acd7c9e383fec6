//! The OpenID Connect client: the server, never the app, talks to the identity provider
//! (the backend-for-frontend pattern). The protocol, the tokens and the provider's keys are
//! the `openidconnect` crate's; this module only says what to ask and what to accept.
//!
//! Token times (`exp`, `iat`) are checked against the system's clock, the one the provider
//! stamped them with; the server's own clock (`DVC_CLOCK`) governs sessions and logins.

use std::sync::Arc;
use std::time::Duration;

use dvc_core::eid::{level_of_acr, ClaimProblem, EidCitizen, GatewayClaims, StandardClaims};
use openidconnect::core::{
    CoreAuthPrompt, CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AuthenticationContextClass, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndSessionUrl,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdToken, IssuerUrl, JsonWebTokenType, LogoutRequest, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

/// How the deployment signs citizens in (`DVC_OIDC_*`).
#[derive(Clone, Debug)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Asked for besides `openid`.
    pub scopes: Vec<String>,
    /// The least `acr` every login asks for (`LoA1`); a procedure that needs more asks again.
    pub acr: String,
    /// Where citizens reach this deployment: the callback and the page after logout are under it.
    pub public_url: String,
}

/// The provider's metadata is fetched when first needed and kept this long.
const DISCOVERY_SECONDS: u64 = 3600;

type Rp = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// What the ID token says beside the standard claims: the provider's session, for its
/// back-channel logout.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct SessionClaims {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sid: Option<String>,
}
impl AdditionalClaims for SessionClaims {}

/// A logout token's own claims (OpenID Connect Back-Channel Logout 1.0).
#[derive(Clone, Debug, Deserialize, Serialize)]
struct LogoutClaims {
    events: serde_json::Map<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sid: Option<String>,
}
impl AdditionalClaims for LogoutClaims {}

/// Userinfo in the national gateway's names (the standard ones are read by the crate).
#[derive(Clone, Debug, Deserialize, Serialize)]
struct GatewayUserInfo {
    #[serde(flatten)]
    gateway: GatewayClaims,
}
impl AdditionalClaims for GatewayUserInfo {}

type Token<C> = IdToken<C, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

const BACKCHANNEL_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Why a login or a logout token was refused. Each is shown to the citizen as a page that
/// says what to do; the details go to the log.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the identity provider cannot be reached: {0}")]
    Unreachable(String),
    #[error("the code was refused by the provider: {0}")]
    Exchange(String),
    #[error("the ID token was refused: {0}")]
    IdToken(String),
    #[error("the provider sent no ID token")]
    NoIdToken,
    #[error("the ID token names no known level (acr)")]
    NoLevel,
    #[error("the account is level {got}, level {wanted} was asked")]
    LevelTooLow { got: u8, wanted: u8 },
    #[error("userinfo was refused: {0}")]
    UserInfo(String),
    #[error("the claims cannot be used: {0}")]
    Claims(#[from] ClaimProblem),
    #[error("the logout token was refused: {0}")]
    LogoutToken(String),
}

/// What a login hands the provider, and what the callback must find again.
pub struct LoginRequest {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A citizen the provider vouched for.
#[derive(Clone, Debug)]
pub struct Verified {
    pub issuer: String,
    pub subject: String,
    pub provider_sid: Option<String>,
    pub level: u8,
    pub citizen: EidCitizen,
}

/// Which sessions a valid logout token ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoutOf {
    pub subject: Option<String>,
    pub sid: Option<String>,
}

struct Discovered {
    client: Rp,
    end_session: Option<EndSessionUrl>,
    fetched: std::time::Instant,
}

/// The deployment's identity provider.
pub struct Provider {
    pub settings: OidcSettings,
    http: reqwest::Client,
    discovered: Mutex<Option<Arc<Discovered>>>,
}

impl Provider {
    pub fn new(settings: OidcSettings) -> Result<Provider, String> {
        IssuerUrl::new(settings.issuer.clone()).map_err(|e| format!("DVC_OIDC_ISSUER: {e}"))?;
        // Never follow a redirect from the provider's endpoints: a token must go where it was sent.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Provider { settings, http, discovered: Mutex::new(None) })
    }

    pub fn issuer(&self) -> &str {
        self.settings.issuer.trim_end_matches('/')
    }

    pub fn callback_url(&self) -> String {
        format!("{}/auth/callback", self.settings.public_url.trim_end_matches('/'))
    }

    /// The provider's metadata and keys, fetched again after an hour or after a signature
    /// failed (the provider may have rolled its keys).
    async fn discovered(&self) -> Result<Arc<Discovered>, AuthError> {
        let mut slot = self.discovered.lock().await;
        if let Some(found) = slot.as_ref().filter(|d| d.fetched.elapsed().as_secs() < DISCOVERY_SECONDS) {
            return Ok(found.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| AuthError::Unreachable(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| AuthError::Unreachable(e.to_string()))?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone();
        let redirect = RedirectUrl::new(self.callback_url()).map_err(|e| AuthError::Unreachable(e.to_string()))?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect);
        let found = Arc::new(Discovered { client, end_session, fetched: std::time::Instant::now() });
        *slot = Some(found.clone());
        Ok(found)
    }

    async fn forget_keys(&self) {
        *self.discovered.lock().await = None;
    }

    /// The provider's address for a login asking for `acr`, with a fresh state, nonce and PKCE
    /// verifier from the OS random source. `fresh`: the provider must ask for the password
    /// again even if it remembers the browser (a kiosk, a step up).
    pub async fn login(&self, acr: &str, fresh: bool) -> Result<LoginRequest, AuthError> {
        let found = self.discovered().await?;
        let (state, nonce) = (crate::random::token(), crate::random::token());
        // 64 characters of the 43–128 PKCE allows.
        let pkce_verifier = format!("{}{}", crate::random::token(), crate::random::token());
        let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(pkce_verifier.clone()));
        let (s, n) = (state.clone(), nonce.clone());
        let mut request = found
            .client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, move || CsrfToken::new(s), move || Nonce::new(n))
            .set_pkce_challenge(challenge)
            .add_auth_context_value(AuthenticationContextClass::new(acr.to_owned()));
        for scope in self.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if fresh {
            request = request.add_prompt(CoreAuthPrompt::Login);
        }
        let (url, _, _) = request.url();
        Ok(LoginRequest { url: url.to_string(), state, nonce, pkce_verifier })
    }

    /// Exchanges `code` (with the client's secret and the login's PKCE verifier), verifies the
    /// ID token (signature by the provider's keys, issuer, audience, expiry, `nonce`, and an
    /// `acr` at or above `acr`), reads userinfo and maps it to a citizen.
    pub async fn finish(&self, code: &str, nonce: &str, pkce_verifier: &str, acr: &str) -> Result<Verified, AuthError> {
        let found = self.discovered().await?;
        let response = found
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| AuthError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| AuthError::Exchange(e.to_string()))?;
        let text = response.id_token().ok_or(AuthError::NoIdToken)?.to_string();
        let (subject, provider_sid, level) = self.check_id_token(&found, &text, nonce).await?;
        let wanted = level_of_acr(acr).unwrap_or(1);
        if level < wanted {
            return Err(AuthError::LevelTooLow { got: level, wanted });
        }
        let info: UserInfoClaims<GatewayUserInfo, CoreGenderClaim> = found
            .client
            .user_info(response.access_token().clone(), Some(openidconnect::SubjectIdentifier::new(subject.clone())))
            .map_err(|e| AuthError::UserInfo(e.to_string()))?
            .request_async(&self.http)
            .await
            .map_err(|e| AuthError::UserInfo(e.to_string()))?;
        let standard = StandardClaims {
            name: info.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
            birthdate: info.birthdate().map(|b| b.to_string()),
            gender: info.gender().map(|g| g.to_string()),
            phone_number: info.phone_number().map(|p| p.to_string()),
            email: info.email().map(|e| e.to_string()),
            address: info.address().and_then(|a| a.formatted.as_ref()).map(|f| f.to_string()),
        };
        let citizen = EidCitizen::from_claims(&info.additional_claims().gateway, &standard)?;
        Ok(Verified { issuer: self.issuer().to_owned(), subject, provider_sid, level, citizen })
    }

    /// An ID token as this client must accept it: its subject, the provider's session and the level.
    pub async fn verify_id_token(&self, text: &str, nonce: &str) -> Result<(String, Option<String>, u8), AuthError> {
        let found = self.discovered().await?;
        self.check_id_token(&found, text, nonce).await
    }

    async fn check_id_token(
        &self,
        found: &Discovered,
        text: &str,
        nonce: &str,
    ) -> Result<(String, Option<String>, u8), AuthError> {
        let token: Token<SessionClaims> =
            text.parse().map_err(|e: serde_json::Error| AuthError::IdToken(e.to_string()))?;
        let verifier = found.client.id_token_verifier();
        let claims = match token.claims(&verifier, &Nonce::new(nonce.to_owned())) {
            Ok(claims) => claims,
            Err(e) => {
                if matches!(e, openidconnect::ClaimsVerificationError::SignatureVerification(_)) {
                    self.forget_keys().await;
                }
                return Err(AuthError::IdToken(e.to_string()));
            }
        };
        let level = claims.auth_context_ref().and_then(|a| level_of_acr(a.as_str())).ok_or(AuthError::NoLevel)?;
        Ok((claims.subject().to_string(), claims.additional_claims().sid.clone(), level))
    }

    /// A back-channel logout token, verified like an ID token (signature, issuer, audience,
    /// expiry) with its own type, its event and no nonce.
    pub async fn verify_logout_token(&self, text: &str) -> Result<LogoutOf, AuthError> {
        let found = self.discovered().await?;
        let bad = |e: String| AuthError::LogoutToken(e);
        let token: Token<LogoutClaims> = text.parse().map_err(|e: serde_json::Error| bad(e.to_string()))?;
        let logout_type = JsonWebTokenType::new("logout+jwt".to_owned()).normalize().map_err(|e| bad(e.to_string()))?;
        let jwt_type = JsonWebTokenType::new("JWT".to_owned()).normalize().map_err(|e| bad(e.to_string()))?;
        let verifier = found.client.id_token_verifier().set_allowed_jose_types([logout_type, jwt_type]);
        let no_nonce = |nonce: Option<&Nonce>| match nonce {
            None => Ok(()),
            Some(_) => Err("a logout token carries no nonce".to_owned()),
        };
        let claims = token.claims(&verifier, no_nonce).map_err(|e| bad(e.to_string()))?;
        let extra = claims.additional_claims();
        if !extra.events.contains_key(BACKCHANNEL_EVENT) {
            return Err(bad("no back-channel logout event".into()));
        }
        let subject = Some(claims.subject().to_string()).filter(|s| !s.is_empty());
        if subject.is_none() && extra.sid.is_none() {
            return Err(bad("neither sub nor sid".into()));
        }
        Ok(LogoutOf { subject, sid: extra.sid.clone() })
    }

    /// Where the browser goes to end its session at the provider too, and comes back to the
    /// home page; `None` when the provider has no end-session endpoint.
    pub async fn end_session_url(&self) -> Option<String> {
        let found = self.discovered().await.ok()?;
        let end = found.end_session.clone()?;
        let back = PostLogoutRedirectUrl::new(format!("{}/", self.settings.public_url.trim_end_matches('/'))).ok()?;
        Some(
            LogoutRequest::from(end)
                .set_client_id(ClientId::new(self.settings.client_id.clone()))
                .set_post_logout_redirect_uri(back)
                .http_get_url()
                .to_string(),
        )
    }
}
