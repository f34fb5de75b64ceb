/**
 * The ReadinessReview CRD (deploy/crd/readinessreview.yaml) and the model's schema agree: every
 * bound of the CRD is the model's, so what Shipshape writes always fits the API server's schema
 * and an object the API server stores is never refused only for size by Shipshape (or the other
 * way round). The CRD's OpenAPI schema is checked with Ajv, an established validator; the live
 * tests (live-store.live.test.ts) check the same file against the real API server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { MAX_APPROVER_LENGTH, MAX_REASON_LENGTH } from '../checks/waivers/validate';
import {
  MAX_ACCEPTED_RISKS,
  MAX_FIX_DECISIONS,
  MAX_NAME_LENGTH,
  MAX_NOTES_LENGTH,
  MAX_RESULT_CHECKS,
  MAX_RESULT_OBJECTS,
  MAX_SIGNER_GROUPS,
  toReviewObject,
} from './schema';
import type { ReadinessReview } from './types';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
  required?: string[];
  enum?: string[];
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
}

const documents = parseAllDocuments(readFileSync(path.join(process.cwd(), 'deploy/crd/readinessreview.yaml'), 'utf8')).map(
  (document) => document.toJS() as { kind: string; spec?: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } },
);
const crd = documents.find((document) => document.kind === 'CustomResourceDefinition');
const root = crd?.spec?.versions.find((version) => version.name === 'v1alpha1')?.schema.openAPIV3Schema as Schema;
const spec = root.properties?.spec as Schema;

/** The schema at a dotted path below spec: `acceptedRisks[].reason`. */
function at(field: string): Schema {
  let schema: Schema | undefined = spec;
  for (const part of field.split('.')) {
    const list = part.endsWith('[]');
    schema = schema?.properties?.[list ? part.slice(0, -2) : part];
    if (list) schema = schema?.items;
  }
  if (!schema) throw new Error(`no schema at spec.${field}`);
  return schema;
}

// Kubernetes keywords Ajv does not know, and formats it is not asked to check.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
const validateSpec = ajv.compile(spec);

function review(overrides: Partial<ReadinessReview> = {}): ReadinessReview {
  return {
    name: 'review-0002',
    namespace: 'shop',
    previous: 'review-0001',
    signedAt: '2026-05-01T09:30:00Z',
    signer: { username: 'jane@example.com', groups: ['team', 'system:authenticated'], verified: true },
    verdict: 'ready-with-accepted-risks',
    notes: 'Reviewed in the go-live meeting.',
    acceptedRisks: [
      {
        checkId: 'readiness-probe',
        object: { kind: 'Deployment', name: 'web' },
        reason: 'batch',
        expires: '2026-12-31',
        acceptedBy: 'jane',
      },
    ],
    fixBeforeGoLive: [{ checkId: 'resource-requests' }, { checkId: 'pdb-present', object: { kind: 'Deployment', name: 'api' } }],
    shipshapeVersion: '0.4.0',
    configDigest: `sha256:${'a'.repeat(64)}`,
    result: {
      score: 71,
      grade: 'C',
      verdict: 'not-ready',
      checks: {
        'readiness-probe': { status: 'fail', fail: ['Deployment/web'] },
        'resource-requests': { status: 'warn', warn: ['Deployment/api', 'Deployment/web'] },
        'image-tag-pinned': { status: 'pass' },
      },
      objects: ['Deployment/api', 'Deployment/web', 'Service/web'],
    },
    ...overrides,
  };
}

describe('the ReadinessReview CRD', () => {
  it('accepts the spec of what the model writes, and of a review graded as nothing (null score and grade)', () => {
    expect(validateSpec(toReviewObject(review()).spec), JSON.stringify(validateSpec.errors)).toBe(true);
    const ungraded = review({ result: { score: null, grade: null, verdict: 'not-graded', checks: {}, objects: [] } });
    expect(validateSpec(toReviewObject(ungraded).spec), JSON.stringify(validateSpec.errors)).toBe(true);
  });

  it('accepts a review at the model’s largest notes, reasons and names', () => {
    const long = (length: number) => 'x'.repeat(length);
    const largest = review({
      notes: long(MAX_NOTES_LENGTH),
      signer: {
        username: long(MAX_NAME_LENGTH),
        groups: Array.from({ length: MAX_SIGNER_GROUPS }, (_, index) => `g${index}`),
        verified: true,
      },
      acceptedRisks: [
        { checkId: 'readiness-probe', reason: long(MAX_REASON_LENGTH), expires: '2026-12-31', acceptedBy: long(MAX_APPROVER_LENGTH) },
      ],
    });
    expect(validateSpec(toReviewObject(largest).spec), JSON.stringify(validateSpec.errors)).toBe(true);
  });

  it('refuses a verdict outside the three, and text past its bound', () => {
    expect(validateSpec({ ...toReviewObject(review()).spec, verdict: 'approved' })).toBe(false);
    expect(validateSpec({ ...toReviewObject(review()).spec, notes: 'x'.repeat(MAX_NOTES_LENGTH + 1) })).toBe(false);
  });

  it('has the model’s bounds, field by field', () => {
    expect(at('notes').maxLength).toBe(MAX_NOTES_LENGTH);
    expect(at('signer.username').maxLength).toBe(MAX_NAME_LENGTH);
    expect(at('signer.groups').maxItems).toBe(MAX_SIGNER_GROUPS);
    expect(at('signer.groups[]').maxLength).toBe(MAX_NAME_LENGTH);
    expect(at('acceptedRisks').maxItems).toBe(MAX_ACCEPTED_RISKS);
    expect(at('acceptedRisks[].reason').maxLength).toBe(MAX_REASON_LENGTH);
    expect(at('acceptedRisks[].acceptedBy').maxLength).toBe(MAX_APPROVER_LENGTH);
    expect(at('acceptedRisks[].object.name').maxLength).toBe(MAX_NAME_LENGTH);
    expect(at('fixBeforeGoLive').maxItems).toBe(MAX_FIX_DECISIONS);
    expect(at('result.checks').maxProperties).toBe(MAX_RESULT_CHECKS);
    expect(at('result.objects').maxItems).toBe(MAX_RESULT_OBJECTS);
    expect(at('verdict').enum).toEqual(['ready', 'ready-with-accepted-risks', 'not-ready']);
  });

  it('is immutable once written and names reviews as the model does', () => {
    expect(spec['x-kubernetes-validations']?.map((validation) => validation.rule)).toEqual(['self == oldSelf']);
    expect(root['x-kubernetes-validations']?.[0]?.rule).toBe("self.metadata.name.matches('^review-[0-9]{4,9}$')");
  });
});
