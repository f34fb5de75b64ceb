import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { DEFAULT_CHECK_CONFIG } from '../../config/settings';
import { isLiteralSecretValue, looksLikeSecretKey, secretLiteralValues } from './secret-literal-values';

const PATTERNS = DEFAULT_CHECK_CONFIG.secretKeyPatterns;

describe('looksLikeSecretKey', () => {
  it.each([
    'DB_PASSWORD',
    'POSTGRES_PASSWORD',
    'dbPassword',
    'MYSQLPASSWORD',
    'api-key',
    'apiKey',
    'APIKEY',
    'STRIPE_API_KEY',
    'GITHUB_TOKEN',
    'JWT_SECRET',
    'CLIENT_SECRET',
    'AWS_SECRET_ACCESS_KEY',
    'SECRET_KEY_BASE',
    'private_key',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'auth-token',
  ])('%s looks like a secret', (key) => {
    expect(looksLikeSecretKey(key, PATTERNS)).toBe(true);
  });

  it.each([
    'PASSWORD_FILE',
    'DB_PASSWORD_PATH',
    'TOKEN_URL',
    'TOKEN_ENDPOINT',
    'SECRET_NAME',
    'TLS_SECRET_NAME',
    'PASSWORD_MIN_LENGTH',
    'TOKEN_AUDIENCE',
    'AWS_ACCESS_KEY_ID',
    'TOKENIZER_MODEL',
    'SECRETS_PROVIDER',
    'LOG_LEVEL',
    'ca.crt',
    'application.properties',
  ])('%s does not', (key) => {
    expect(looksLikeSecretKey(key, PATTERNS)).toBe(false);
  });
});

describe('isLiteralSecretValue', () => {
  it('skips empty values, booleans, paths, $(VAR) expansions and placeholders', () => {
    for (const value of [
      '',
      '  ',
      'true',
      'False',
      '/var/run/secrets/key.json',
      '$(DB_PASSWORD)',
      'u:$(PW)@db',
      ['$', '{DB_PASSWORD}'].join(''),
      '{{ .Values.pw }}',
      undefined,
    ])
      expect(isLiteralSecretValue(value), String(value)).toBe(false);
  });

  it('flags anything else, weak or not', () => {
    for (const value of ['changeme', 'hunter2', 'sk_live_0123456789', 'a b c']) expect(isLiteralSecretValue(value), value).toBe(true);
  });
});

describe('secret-literal-values', () => {
  it('never repeats the value in a finding', () => {
    const findings = findingsFor(
      secretLiteralValues,
      `
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: fixture }
spec:
  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      command: [api, --db-password=fixture-value-one]
      env: [{ name: REDIS_PASSWORD, value: fixture-value-two }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: fixture }
data: { API_TOKEN: fixture-value-three }
`,
    );
    expect(findings.map((finding) => finding.status)).toEqual(['fail', 'fail']);
    const text = JSON.stringify(findings);
    expect(text).toContain('REDIS_PASSWORD');
    expect(text).toContain('--db-password');
    expect(text).toContain('API_TOKEN');
    expect(text).not.toMatch(/fixture-value/);
  });

  it('gives clean ConfigMaps no finding, so kube-root-ca.crt and add-on ConfigMaps in a live cluster change nothing', () => {
    const findings = findingsFor(
      secretLiteralValues,
      `
apiVersion: v1
kind: ConfigMap
metadata: { name: kube-root-ca.crt, namespace: fixture }
data: { ca.crt: fixture }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: fixture }
data: { LOG_LEVEL: info }
`,
    );
    expect(findings).toEqual([]);
  });
});
