// The official C2PA reader (c2pa-rs, compiled to WASM as @contentauth/c2pa-wasm), unchanged: the tests' independent
// verifier of Sora's manifests. Reads one file and prints one JSON line: the active manifest's label, the reader's
// validation state (Invalid / Valid / Trusted), every validation status it logged, and the manifest store as the
// reader reports it. Usage: node c2pa-read.mjs <file> <mime type> [trust anchors PEM file]
// With no anchors the signer cannot be trusted (signingCredential.untrusted); with the instance's CA it can.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

const [file, format, anchors] = process.argv.slice(2);
const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });

const settings = { verify: { verify_trust: true, ocsp_fetch: false, remote_manifest_fetch: false } };
if (anchors) settings.trust = { user_anchors: readFileSync(anchors, 'utf8') };
try {
  const reader = await WasmReader.fromBytes(format, new Uint8Array(readFileSync(file)), JSON.stringify(settings));
  const store = JSON.parse(reader.json());
  const results = store.validation_results?.activeManifest ?? {};
  console.log(JSON.stringify({
    ok: true,
    activeLabel: reader.activeLabel() ?? null,
    validationState: store.validation_state ?? null,
    success: (results.success ?? []).map(s => s.code),
    informational: (results.informational ?? []).map(s => s.code),
    failure: (results.failure ?? []).map(s => s.code),
    statuses: (store.validation_status ?? []).map(s => s.code),
    store,
  }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.message ?? e) }));
}
