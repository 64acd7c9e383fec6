//! The wallet (`dvc_core::wallet`) kept on this device, encrypted: AES-GCM (WebCrypto) with a
//! 256-bit key made on the device, not extractable (no script, ours included, can read it
//! out; it only encrypts and decrypts here), kept beside the data in IndexedDB (`dvc-wallet`:
//! `key`, and `data` = a fresh 12-byte IV and the ciphertext of the wallet's JSON). Deleting
//! everything deletes the database, key included.
//!
//! Never on a kiosk: the shell says so at start ([`keep_nothing`]), and from then on every
//! function does nothing and keeps nothing.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use dvc_core::wallet::Wallet;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, IdbDatabase, IdbTransactionMode, SubtleCrypto};

use crate::idb::{self, settle};

const DB_NAME: &str = "dvc-wallet";
const STORE: &str = "wallet";
const KEY: &str = "key";
const DATA: &str = "data";
const ALGORITHM: &str = "AES-GCM";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Set on a kiosk: a shared device keeps no one's wallet.
static SHARED_DEVICE: AtomicBool = AtomicBool::new(false);

/// This device is shared (a kiosk): keep nothing here.
pub fn keep_nothing() {
    SHARED_DEVICE.store(true, Ordering::Relaxed);
}

/// Whether this device may keep a wallet: not a kiosk, and a browser with WebCrypto.
pub fn available() -> bool {
    !SHARED_DEVICE.load(Ordering::Relaxed) && subtle().is_some()
}

fn subtle() -> Option<SubtleCrypto> {
    let crypto = web_sys::window()?.crypto().ok()?;
    // Only on a secure origin (https, or localhost).
    Reflect::get(&crypto, &JsValue::from_str("subtle")).ok().filter(|s| s.is_object())?;
    Some(crypto.subtle())
}

/// The wallet's database; made (with its store) only when `make`, to keep something.
async fn open(make: bool) -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|db| db.borrow().clone()) {
        return Ok(db);
    }
    let db = if make { idb::open(DB_NAME, 1, &[STORE]).await? } else { idb::open_existing(DB_NAME).await? };
    DB.with(|slot| *slot.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn get(key: &str) -> Result<JsValue, JsValue> {
    let tx = open(false).await?.transaction_with_str(STORE)?;
    settle(&tx.object_store(STORE)?.get(&JsValue::from_str(key))?).await
}

async fn put(key: &str, value: &JsValue) -> Result<(), JsValue> {
    let tx = open(true).await?.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    settle(&tx.object_store(STORE)?.put_with_key(value, &JsValue::from_str(key))?).await.map(|_| ())
}

/// The device's key; made (and kept) the first time when `make`.
async fn key(subtle: &SubtleCrypto, make: bool) -> Result<Option<CryptoKey>, JsValue> {
    // No database yet reads as no key.
    let kept = get(KEY).await.unwrap_or(JsValue::UNDEFINED);
    if kept.is_object() {
        return Ok(Some(kept.unchecked_into()));
    }
    if !make {
        return Ok(None);
    }
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let params = AesKeyGenParams::new(ALGORITHM, 256);
    let made: CryptoKey =
        JsFuture::from(subtle.generate_key_with_object(&params, false, &usages)?).await?.unchecked_into();
    put(KEY, &made).await?;
    Ok(Some(made))
}

/// The wallet kept on this device, if there is one (and it can be read).
pub async fn load() -> Option<Wallet> {
    if !available() {
        return None;
    }
    let subtle = subtle()?;
    let record = get(DATA).await.ok().filter(JsValue::is_object)?;
    let iv: Object = Reflect::get(&record, &JsValue::from_str("iv")).ok()?.dyn_into().ok()?;
    let data: Object = Reflect::get(&record, &JsValue::from_str("data")).ok()?.dyn_into().ok()?;
    let key = key(&subtle, false).await.ok()??;
    let params = AesGcmParams::new(ALGORITHM, &iv);
    let plain = JsFuture::from(subtle.decrypt_with_object_and_buffer_source(&params, &key, &data).ok()?).await.ok()?;
    serde_json::from_slice(&Uint8Array::new(&plain).to_vec()).ok()
}

/// Keeps the wallet, encrypted, replacing what was kept. `false` when it could not be kept.
pub async fn save(wallet: &Wallet) -> bool {
    if !available() {
        return false;
    }
    let Some(subtle) = subtle() else { return false };
    let Ok(json) = serde_json::to_vec(wallet) else { return false };
    encrypt_and_put(&subtle, &json).await.is_ok()
}

async fn encrypt_and_put(subtle: &SubtleCrypto, plain: &[u8]) -> Result<(), JsValue> {
    let key = key(subtle, true).await?.ok_or(JsValue::NULL)?;
    let mut iv = [0u8; 12];
    web_sys::window().ok_or(JsValue::NULL)?.crypto()?.get_random_values_with_u8_array(&mut iv)?;
    let iv = Uint8Array::from(&iv[..]);
    let params = AesGcmParams::new(ALGORITHM, &iv);
    let cipher = JsFuture::from(subtle.encrypt_with_object_and_u8_array(&params, &key, plain)?).await?;
    let record = Object::new();
    Reflect::set(&record, &JsValue::from_str("iv"), &iv)?;
    Reflect::set(&record, &JsValue::from_str("data"), &cipher)?;
    put(DATA, &record).await
}

/// Deletes everything kept, key included ("Xoá dữ liệu của tôi trên thiết bị này").
pub async fn erase() {
    if let Some(db) = DB.with(|db| db.borrow_mut().take()) {
        db.close();
    }
    idb::delete(DB_NAME).await;
}
