// The reviewer's signing key lives in this browser only: WebCrypto makes an Ed25519 key pair whose
// private half cannot be exported (extractable: false), and IndexedDB keeps the key object itself.
// The server only ever sees the public key and the signatures.
"use strict";

const meta = (name) => document.querySelector(`meta[name=${name}]`).content;
const DB = "rahnama-review", STORE = "keys";

function showError(text) {
  const box = document.getElementById("js-error");
  box.textContent = text;
  box.hidden = false;
}

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function keep(id, pair) {
  const db = await database();
  await new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put(pair, id);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

async function kept(id) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const get = db.transaction(STORE).objectStore(STORE).get(id);
    get.onsuccess = () => resolve(get.result || null);
    get.onerror = () => reject(get.error);
  });
}

const base64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": meta("csrf") },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail || `the server answered ${response.status}`);
  return answer;
}

async function makeKey() {
  if (!window.crypto || !crypto.subtle) {
    showError("This browser cannot make signing keys here (it needs a secure https page).");
    return;
  }
  let pair;
  try {
    pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  } catch (error) {
    showError("This browser cannot make Ed25519 keys. Use a current Chrome, Chromium, Edge, Firefox or Safari.");
    return;
  }
  await keep(meta("reviewer"), pair);
  const raw = await crypto.subtle.exportKey("raw", pair.publicKey); // the public half only
  try {
    await post("/review/api/key", { public_key: base64(raw) });
    location.reload();
  } catch (error) {
    showError(`Your key was not sent: ${error.message}`);
  }
}

async function sign(button) {
  const pair = await kept(meta("reviewer"));
  if (!pair) {
    showError("This browser does not hold your signing key. Sign from the browser where you made it.");
    return;
  }
  button.disabled = true;
  const bytes = new TextEncoder().encode(button.dataset.statement);
  const signature = await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, bytes);
  try {
    await post("/review/api/sign", { statement: button.dataset.statement, signature: base64(signature) });
    location.assign(`${location.pathname}?note=signed`);
  } catch (error) {
    button.disabled = false;
    showError(`Not signed: ${error.message}`);
  }
}

async function showWhetherKeyIsHere() {
  const here = document.getElementById("key-here");
  if (!here) return;
  const pair = await kept(meta("reviewer"));
  (pair ? here : document.getElementById("key-missing")).hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  const make = document.getElementById("make-key");
  if (make) make.addEventListener("click", makeKey);
  document.querySelectorAll("button.sign-button").forEach((b) => b.addEventListener("click", () => sign(b)));
  showWhetherKeyIsHere();
});
