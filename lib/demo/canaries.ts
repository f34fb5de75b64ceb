/**
 * The canary values planted in the demo cluster's Secrets (lib/demo/manifests/).
 * Each is a recognisable fake credential: if one of these strings ever shows up in a
 * page, an API response, a snapshot or a log, a Secret value has leaked. The demo test
 * proves every one of them really is in the manifests, so a leak test is not vacuous.
 */
export const CANARY_PREFIX = 'SHIPSHAPE-CANARY-';

export const DEMO_CANARIES: readonly string[] = [
  // payments
  'SHIPSHAPE-CANARY-payments-ecr-pull-7f3a',
  'SHIPSHAPE-CANARY-payments-acquirer-api-key-91c2',
  'SHIPSHAPE-CANARY-payments-webhook-signing-4d8e',
  'SHIPSHAPE-CANARY-payments-ledger-db-password-b317',
  // identity
  'SHIPSHAPE-CANARY-identity-ecr-pull-2b6d',
  'SHIPSHAPE-CANARY-identity-jwt-signing-key-c0f1',
  'SHIPSHAPE-CANARY-identity-oidc-client-secret-5a9b',
  'SHIPSHAPE-CANARY-identity-carrier-portal-secret-e7d0',
  'SHIPSHAPE-CANARY-identity-sessions-password-38fa',
  // storefront
  'SHIPSHAPE-CANARY-storefront-ecr-pull-e842',
  'SHIPSHAPE-CANARY-storefront-session-secret-0d7c',
  'SHIPSHAPE-CANARY-storefront-oidc-client-secret-6b1e',
  'SHIPSHAPE-CANARY-storefront-cart-redis-password-a15f',
  // tracking
  'SHIPSHAPE-CANARY-tracking-ecr-pull-63b0',
  'SHIPSHAPE-CANARY-tracking-mqtt-password-f29a',
  'SHIPSHAPE-CANARY-tracking-maps-api-key-1ce4',
  'SHIPSHAPE-CANARY-tracking-timescale-password-8d25',
  // observability
  'SHIPSHAPE-CANARY-observability-grafana-admin-password-8e51',
  'SHIPSHAPE-CANARY-observability-pagerduty-routing-key-d4a7',
  'SHIPSHAPE-CANARY-observability-slack-webhook-27c9',
  // batch-reports
  'SHIPSHAPE-CANARY-batch-reports-smtp-password-7b92',
  'SHIPSHAPE-CANARY-batch-reports-s3-secret-key-3f06',
  'SHIPSHAPE-CANARY-batch-reports-warehouse-password-5e13',
  'SHIPSHAPE-CANARY-batch-reports-dockerhub-pull-6c4d',
  // legacy-crm
  'SHIPSHAPE-CANARY-legacy-crm-registry-pull-95dd',
  'SHIPSHAPE-CANARY-legacy-crm-mysql-root-password-2e7a',
  'SHIPSHAPE-CANARY-legacy-crm-smtp-password-c8b4',
];

/** The marker of the plain-sight credentials below, distinct from the Secret canaries'. */
export const LITERAL_PREFIX = 'SHIPSHAPE-LITERAL-';

/**
 * Credentials the demo writes in plain sight, outside any Secret (env values), for the
 * secret-literal-values check to find. They are not canaries: Shipshape reads Deployments and
 * ConfigMaps whole, so an inventory does hold them. But findings name the key, never the value,
 * so no page or API response may repeat them either. The demo test proves each is planted.
 */
export const DEMO_LITERAL_SECRETS: readonly string[] = [
  'SHIPSHAPE-LITERAL-batch-reports-erp-sftp-password-a4c7',
  'SHIPSHAPE-LITERAL-observability-grafana-secret-key-5f02',
];
