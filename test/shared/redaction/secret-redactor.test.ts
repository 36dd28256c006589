import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createSecretRedactor } from "../../../src/shared/redaction/secret-redactor";

const redactor = createSecretRedactor();
const remembered = redactor.slot();
const rememberSecret = (value: string) => remembered.replace([value]);
const redactSecrets = (text: string, extraSecrets: readonly string[] = []) =>
  extraSecrets.length === 0 ? redactor.redact(text) : withExtra(extraSecrets).redact(text);
/** A redactor with the remembered value and `extraSecrets` (as the gateway's, which knows its configured keys from the start). */
const withExtra = (extraSecrets: readonly string[]) => {
  const extended = createSecretRedactor(extraSecrets);
  extended.slot().replace([lastRemembered]);
  return extended;
};
let lastRemembered = "";

describe("SecretRedactor", () => {
  test("strips the query string of URLs (signed V1 URLs carry AccessKeyId and Signature there)", () => {
    const text =
      "ReadTimeout(200). POST http://127.0.0.1:4000/?AccessKeyId=LTAI5tDemo&Action=AttachInstances&Signature=abc%2Bdef%3D&SignatureMethod=HMAC-SHA1 failed.";
    const redacted = redactSecrets(text);
    assert.equal(redacted, "ReadTimeout(200). POST http://127.0.0.1:4000/?[REDACTED] failed.");
  });

  test("redacts named parameters in form bodies, headers and JSON", () => {
    const redacted = redactSecrets(
      'AccessKeyId=LTAI5tDemo&Signature=c2lnbmF0dXJl&SignatureMethod=HMAC-SHA1&SecurityToken=CAIS.token.value x-acs-security-token: CAIStoken2 {"AccessKeySecret":"topsecret","BearerToken":"bt-123456"}',
    );
    assert.doesNotMatch(redacted, /LTAI5tDemo|c2lnbmF0dXJl|CAIS\.token\.value|CAIStoken2|topsecret|bt-123456/);
    // Not secret, kept for diagnosis.
    assert.match(redacted, /SignatureMethod=HMAC-SHA1/);
    assert.match(redacted, /AccessKeyId=\[REDACTED\]/);
    assert.match(redacted, /"AccessKeySecret":"\[REDACTED\]"/);
  });

  test("redacts URL-encoded pairs", () => {
    assert.equal(redactSecrets("body Signature%3DAbC123 end"), "body Signature%3D[REDACTED] end");
  });

  test("redacts Authorization headers (V3: Credential=<AccessKeyId>,SignedHeaders=…,Signature=<hex>)", () => {
    const redacted = redactSecrets(
      "authorization: ACS3-HMAC-SHA256 Credential=LTAI5tDemo,SignedHeaders=host;x-acs-action,Signature=0123abcd\nnext line",
    );
    assert.equal(redacted, "authorization: [REDACTED]\nnext line");
    assert.equal(redactSecrets('{"Authorization":"ACS3-HMAC-SHA256 Credential=K"}'), '{"Authorization":"[REDACTED]"}');
  });

  test("removes registered and extra secret values wherever they appear, also URL-encoded", () => {
    rememberSecret("s3cr3t/with+chars=");
    lastRemembered = "s3cr3t/with+chars=";
    const text = `leaked s3cr3t/with+chars= and ${encodeURIComponent("s3cr3t/with+chars=")} and extra-value-99`;
    const redacted = redactSecrets(text, ["extra-value-99"]);
    assert.equal(redacted, "leaked [REDACTED] and [REDACTED] and [REDACTED]");
  });

  test("ignores values too short to be secrets, and leaves ordinary text alone", () => {
    rememberSecret("abc");
    const text = 'Instance "i-abc123" does not exist. The specified parameter "SignatureNonce" is invalid.';
    assert.equal(redactSecrets(text), text);
  });

  test("a rotated secret replaces its predecessor: the old value is no longer matched, the new one is", () => {
    const rotating = createSecretRedactor();
    const token = rotating.slot();
    for (let rotation = 0; rotation < 1_000; rotation++) token.replace([`sts-token-${rotation}-abcdef`]);
    assert.equal(rotating.redact("a sts-token-999-abcdef b"), "a [REDACTED] b");
    assert.equal(rotating.redact("a sts-token-998-abcdef b"), "a sts-token-998-abcdef b");
  });

  test("a secret containing another is removed whole, and regular-expression characters are literal", () => {
    const nested = createSecretRedactor(["abc.def+ghi", "abc.def+ghi-jkl"]);
    assert.equal(nested.redact("x abc.def+ghi-jkl y abcXdef+ghi"), "x [REDACTED] y abcXdef+ghi");
  });
});
