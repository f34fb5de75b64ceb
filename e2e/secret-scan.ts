import { type APIRequestContext, expect } from '@playwright/test';
import { DEMO_CANARIES, DEMO_LITERAL_SECRETS, LITERAL_PREFIX } from '../lib/demo/canaries';

// The Secrets' canaries and the credentials written in plain sight (env values): findings name
// their keys, never their values. Each raw and base64-encoded.
const SECRET_FORMS = [...DEMO_CANARIES, ...DEMO_LITERAL_SECRETS].flatMap((value) => [value, Buffer.from(value).toString('base64')]);

/**
 * GETs each path, expects 200, and fails if the body holds a demo secret value (`leak` names one
 * in the failure message) or, in case a value was reshaped on its way out, a generic marker.
 */
export async function expectNoSecretValues(request: APIRequestContext, paths: readonly string[], leak: string): Promise<void> {
  for (const path of paths) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const body = await response.text();
    for (const form of SECRET_FORMS) expect(body.includes(form), `${path} contains ${leak}`).toBe(false);
    expect(body.includes('SHIPSHAPE-CANARY'), `${path} contains a canary marker`).toBe(false);
    expect(body.includes(LITERAL_PREFIX), `${path} contains a plain-sight credential`).toBe(false);
  }
}
