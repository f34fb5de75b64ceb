import 'server-only';
/**
 * Go-live reviews in a live cluster: ReadinessReview objects (deploy/crd/readinessreview.yaml) in
 * the reviewed namespace, so the team's own RBAC on its namespace decides who may sign. The signer
 * is whoever the API server says the kubeconfig's identity is (SelfSubjectReview), never a form
 * field; deploy/crd/signer-policy.yaml makes the server hold every other writer to the same.
 *
 * Concurrency is the API server's: a review's name follows the newest one the reviewer saw
 * (review-0004 after review-0003), and a plain create of a name that exists is refused with
 * AlreadyExists. Two reviewers who started from the same state get one review and one conflict,
 * with no read-then-write in between that could let both through.
 *
 * Every request has the live read's timeout (SHIPSHAPE_REQUEST_TIMEOUT_MS); reads are retried as
 * the live read's are, a create never is (a retry after a lost answer would collide with itself).
 * What the server says is turned into our own words; a validation message from it is quoted
 * bounded and escaped. Every write attempt is logged on one line: who, where, which review, what
 * verdict, and the outcome; never the notes or a credential.
 */
import {
  ApiException,
  ApisApi,
  AuthenticationV1Api,
  AuthorizationV1Api,
  type ConfigurationOptions,
  CustomObjectsApi,
  type KubeConfig,
  Observable,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import { isDns1123Label } from '../k8s/objects';
import { DEFAULT_CLIENT_OPTIONS } from '../sources/live/kube-client';
import {
  DEFAULT_RETRY_POLICY,
  failureFromStatus,
  failureFromThrown,
  type RequestFailure,
  type RetryPolicy,
  retryDelayMs,
} from '../sources/live/request-policy';
import { quoteText } from '../text';
import { newestFirst, reviewName } from './names';
import { fromReviewObject, toReviewObject, validateReview } from './schema';
import {
  type CreateReviewResult,
  REVIEW_API_GROUP,
  REVIEW_API_VERSION,
  REVIEW_PLURAL,
  type ReadinessReview,
  type ReviewDraft,
  type ReviewStore,
  type ReviewUnavailable,
  type Signer,
} from './types';

export const CRD_FILE = 'deploy/crd/readinessreview.yaml';
export const CRD_INSTALL_COMMAND = `kubectl apply -f ${CRD_FILE}`;
const SIGNER_RBAC_SAMPLE = 'deploy/crd/example/review-signer-rbac.yaml';
const RESOURCE = `${REVIEW_PLURAL}.${REVIEW_API_GROUP}`;

export interface LiveReviewStoreOptions {
  /** Refuse every write, before any request (the documented read-only setting; the demo's default). */
  readOnly: boolean;
  /** Per-request budget; the live read's by default. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Reviews one list page asks for; each review can be large, so pages are small. */
  pageSize?: number;
  /** Reviews `list` reads at most; past it the list says how many it left out. */
  maxReviews?: number;
  /** One line per write attempt; the server log by default. */
  log?: (line: string) => void;
  now?: () => Date;
}

export const DEFAULT_MAX_REVIEWS = 500;
const DEFAULT_PAGE_SIZE = 50;
/** Server text quoted in a message at most this long. */
const MAX_QUOTED = 300;

/** Why a store call could not be made; `whoAmI` throws it, the others return its `unavailable`. */
export class ReviewStoreError extends Error {
  readonly unavailable: ReviewUnavailable;
  constructor(unavailable: ReviewUnavailable) {
    super(unavailable.message);
    this.name = 'ReviewStoreError';
    this.unavailable = unavailable;
  }
}

/** What a request came back with: the value, or the failure and the server's Status (when it sent one). */
type Answer<T> = { ok: true; value: T } | { ok: false; failure: RequestFailure; status?: KubeStatus };

/** The fields of a Kubernetes Status we read; everything in it is the server's text, so quoted bounded. */
interface KubeStatus {
  reason?: string;
  message?: string;
  details?: { kind?: string; name?: string; causes?: { field?: string; message?: string }[] };
}

function parseStatus(body: unknown): KubeStatus | undefined {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== 'Status') return undefined;
  const status = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' ? field : undefined);
  const details = typeof status.details === 'object' && status.details !== null ? (status.details as Record<string, unknown>) : {};
  const causes = Array.isArray(details.causes) ? details.causes.slice(0, 5) : [];
  return {
    reason: text(status.reason),
    message: text(status.message),
    details: {
      kind: text(details.kind),
      name: text(details.name),
      causes: causes.map((cause) => ({ field: text(cause?.field), message: text(cause?.message) })),
    },
  };
}

/** `timeout` or `bad-response 422` for a log line: the failure's kind and status, never server text. */
const failureTag = (failure: RequestFailure) => `${failure.kind}${failure.status ? ` ${failure.status}` : ''}`;

export function createLiveReviewStore(kubeConfig: KubeConfig, options: LiveReviewStoreOptions): ReviewStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLIENT_OPTIONS.timeoutMs;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const pageSize = Math.max(1, Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, 500));
  const maxReviews = Math.max(1, options.maxReviews ?? DEFAULT_MAX_REVIEWS);
  const log = options.log ?? ((line: string) => console.info(line));
  const now = options.now ?? (() => new Date());
  const server = kubeConfig.getCurrentCluster()?.server ?? 'an unknown server';
  const contextName = kubeConfig.getCurrentContext();

  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const apis = kubeConfig.makeApiClient(ApisApi);
  const authentication = kubeConfig.makeApiClient(AuthenticationV1Api);
  const authorization = kubeConfig.makeApiClient(AuthorizationV1Api);

  /** The live read's timeout on one request, through client-node's middleware. */
  function requestOptions(): ConfigurationOptions {
    const timeout: ObservableMiddleware = {
      pre: (context) => {
        context.setSignal(AbortSignal.timeout(timeoutMs));
        return new Observable(Promise.resolve(context));
      },
      post: (context) => new Observable(Promise.resolve(context)),
    };
    return { middleware: [timeout], middlewareMergeStrategy: 'append' };
  }

  async function send<T>(
    call: (requestOptions: ConfigurationOptions) => Promise<T>,
    { retried }: { retried: boolean },
  ): Promise<Answer<T>> {
    for (let attempt = 1; ; attempt += 1) {
      let failure: RequestFailure;
      let status: KubeStatus | undefined;
      try {
        return { ok: true, value: await call(requestOptions()) };
      } catch (error) {
        if (error instanceof ApiException) {
          const headers = (error.headers ?? {}) as Record<string, string>;
          failure = failureFromStatus(error.code, headers['retry-after']);
          status = parseStatus(error.body);
        } else {
          failure = failureFromThrown(error);
        }
      }
      const delay = retried ? retryDelayMs(failure, attempt, retry) : undefined;
      if (delay === undefined) return status ? { ok: false, failure, status } : { ok: false, failure };
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** The server could not be asked: its address, our words for why, and that nothing was decided. */
  function unreachable(failure: RequestFailure, doing: string): ReviewUnavailable {
    return {
      reason: 'unreachable',
      message: `Could not ${doing} at ${server}: ${failure.summary}.`,
      hint: 'Check that the cluster is reachable and the kubeconfig’s credentials are current, then reload.',
    };
  }

  const crdMissing = (): ReviewUnavailable => ({
    reason: 'crd-missing',
    message: `Go-live reviews are not installed in this cluster: the API server does not serve ${RESOURCE}, so reviews cannot be stored here. Everything else works read-only.`,
    hint: `A cluster admin installs the ReadinessReview CRD once: ${CRD_INSTALL_COMMAND} (or kubectl apply -f deploy/crd/, which adds the policy that checks every signer).`,
  });

  const invalid = (message: string): ReviewUnavailable => ({ reason: 'invalid', message });

  function forbidden(user: string | undefined, verb: string, namespace: string): ReviewUnavailable {
    const who = user ? `User ${quoteText(user, 120)}` : 'This identity';
    return {
      reason: 'forbidden',
      message: `${who} may not ${verb} ${RESOURCE} in namespace ${namespace}, so reviews there are read-only for you.`,
      hint:
        verb === 'list'
          ? `Ask for read access to ${namespace} (the built-in view role includes reviews once ${CRD_FILE} is applied).`
          : `Ask for a Role granting create, get, list and watch on ${REVIEW_PLURAL} (API group ${REVIEW_API_GROUP}) in ${namespace}, bound to ${user ?? 'you'}; ${SIGNER_RBAC_SAMPLE} is a sample.`,
    };
  }

  function badNamespace(namespace: string): ReviewUnavailable | undefined {
    return isDns1123Label(namespace) ? undefined : invalid(`${quoteText(namespace, 80)} is not a namespace name.`);
  }

  /** Whether the API server serves the review CRD: discovery, which every authenticated user may read. */
  async function crdServed(): Promise<Answer<boolean>> {
    const answer = await send((request) => apis.getAPIVersions(request), { retried: true });
    if (!answer.ok) return answer;
    const group = answer.value.groups?.find((candidate) => candidate.name === REVIEW_API_GROUP);
    return { ok: true, value: group?.versions?.some((version) => version.version === REVIEW_API_VERSION) ?? false };
  }

  async function identify(): Promise<{ ok: true; signer: Signer } | { ok: false; unavailable: ReviewUnavailable }> {
    const answer = await send(
      (request) =>
        authentication.createSelfSubjectReview(
          { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} } },
          request,
        ),
      { retried: true },
    );
    if (!answer.ok) {
      if (answer.failure.kind === 'not-found' || answer.failure.kind === 'forbidden')
        return {
          ok: false,
          unavailable: {
            reason: 'forbidden',
            message: `The API server at ${server} does not tell this identity who it is (SelfSubjectReview: ${answer.failure.summary}), so no review can be signed: the signer must come from the cluster.`,
            hint: 'SelfSubjectReview is served by Kubernetes 1.28 and later to every authenticated user; ask the cluster admin why it is refused.',
          },
        };
      return { ok: false, unavailable: unreachable(answer.failure, 'ask the API server who this identity is') };
    }
    const info = answer.value.status?.userInfo;
    const username = info?.username;
    if (!username)
      return {
        ok: false,
        unavailable: invalid(`The API server at ${server} answered SelfSubjectReview without a user name, so no review can be signed.`),
      };
    return { ok: true, signer: { username, groups: [...(info.groups ?? [])], verified: true } };
  }

  async function whoAmI(): Promise<Signer> {
    const identity = await identify();
    if (!identity.ok) throw new ReviewStoreError(identity.unavailable);
    return identity.signer;
  }

  async function canWrite(namespace: string): Promise<{ ok: true } | ({ ok: false } & ReviewUnavailable)> {
    const bad = badNamespace(namespace);
    if (bad) return { ok: false, ...bad };
    if (options.readOnly) return { ok: false, ...readOnly() };
    const served = await crdServed();
    if (!served.ok) return { ok: false, ...unreachable(served.failure, 'read the API server’s discovery') };
    if (!served.value) return { ok: false, ...crdMissing() };
    const access = await send(
      (request) =>
        authorization.createSelfSubjectAccessReview(
          {
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: { resourceAttributes: { namespace, verb: 'create', group: REVIEW_API_GROUP, resource: REVIEW_PLURAL } },
            },
          },
          request,
        ),
      { retried: true },
    );
    if (!access.ok) return { ok: false, ...unreachable(access.failure, 'ask the API server what this identity may do') };
    if (access.value.status?.allowed === true) return { ok: true };
    const identity = await identify();
    return { ok: false, ...forbidden(identity.ok ? identity.signer.username : undefined, 'create', namespace) };
  }

  function readOnly(): ReviewUnavailable {
    return {
      reason: 'read-only',
      message: `Shipshape runs read-only for context ${contextName}: reviews can be read here, not signed.`,
      hint: 'Whoever runs Shipshape allows sign-offs by removing SHIPSHAPE_READ_ONLY=1 from its environment (README, “Go-live reviews in a cluster”).',
    };
  }

  async function list(namespace: string) {
    const bad = badNamespace(namespace);
    if (bad) return { ok: false as const, ...bad };
    const reviews: ReadinessReview[] = [];
    const rejected: string[] = [];
    const seenTokens = new Set<string>();
    let token: string | undefined;
    let read = 0;
    do {
      const pageToken = token;
      const answer = await send(
        (request) =>
          customObjects.listNamespacedCustomObject(
            {
              group: REVIEW_API_GROUP,
              version: REVIEW_API_VERSION,
              namespace,
              plural: REVIEW_PLURAL,
              limit: Math.min(pageSize, maxReviews - read),
              ...(pageToken ? { _continue: pageToken } : {}),
            },
            request,
          ) as Promise<unknown>,
        { retried: true },
      );
      if (!answer.ok) {
        if (answer.failure.kind === 'not-found') return { ok: false as const, ...crdMissing() };
        if (answer.failure.kind === 'forbidden') {
          const identity = await identify();
          return { ok: false as const, ...forbidden(identity.ok ? identity.signer.username : undefined, 'list', namespace) };
        }
        return { ok: false as const, ...unreachable(answer.failure, `list the reviews of namespace ${namespace}`) };
      }
      const page = answer.value as { items?: unknown; metadata?: { continue?: unknown } } | null;
      if (!page || !Array.isArray(page.items))
        return {
          ok: false as const,
          ...invalid(`The API server answered the list of reviews in ${namespace} with something that is not a list.`),
        };
      for (const item of page.items.slice(0, maxReviews - read)) {
        read += 1;
        const parsed = fromReviewObject(item);
        const name = nameOf(item);
        if (!parsed.ok) rejected.push(`${name}: ${parsed.problems.join('; ')}`);
        else if (parsed.review.namespace !== namespace)
          rejected.push(`${name}: listed in ${namespace} but names namespace ${parsed.review.namespace}`);
        else reviews.push(parsed.review);
      }
      const next = typeof page.metadata?.continue === 'string' && page.metadata.continue !== '' ? page.metadata.continue : undefined;
      if (next !== undefined && seenTokens.has(next))
        return {
          ok: false as const,
          ...invalid(`The API server sent the same continue token twice while listing the reviews of ${namespace}.`),
        };
      if (next !== undefined) seenTokens.add(next);
      token = next;
      if (token !== undefined && read >= maxReviews) {
        // Never a silent cut: the list says the rest was not read.
        rejected.push(
          `more than ${maxReviews.toLocaleString('en')} reviews in ${namespace}: only the first ${maxReviews.toLocaleString('en')} by name were read, so newer ones may be missing`,
        );
        break;
      }
    } while (token !== undefined);
    return { ok: true as const, reviews: reviews.sort(newestFirst), rejected };
  }

  async function create(draft: ReviewDraft): Promise<CreateReviewResult> {
    const namespace = draft.namespace;
    let name = '(unnamed)';
    let who = '(unknown)';
    const outcome = (result: CreateReviewResult, failure?: RequestFailure): CreateReviewResult => {
      const said = `${result.ok ? 'created' : result.conflict ? 'conflict' : result.reason}${failure ? ` (${failureTag(failure)})` : ''}`;
      log(
        `shipshape: review sign-off by ${quoteText(who, 120)} in context ${contextName} (${server}), namespace ${quoteText(namespace, 63)}, review ${name}, verdict ${quoteText(String(draft.verdict), 40)}: ${said}`,
      );
      return result;
    };
    const refuse = (unavailable: ReviewUnavailable, failure?: RequestFailure) => outcome({ ok: false, ...unavailable }, failure);

    const bad = badNamespace(namespace);
    if (bad) return refuse(bad);
    if (options.readOnly) return refuse(readOnly());
    try {
      name = reviewName(draft.previous);
    } catch {
      return refuse(
        invalid(`The review this sign-off follows, ${quoteText(String(draft.previous), 40)}, is not a review name Shipshape writes.`),
      );
    }
    const identity = await identify();
    if (!identity.ok) return refuse(identity.unavailable);
    who = identity.signer.username;

    // What the reviewer submitted, less what the store sets: the name, the time and the signer.
    const { claimedSigner: _ignored, ...fields } = draft;
    const review: ReadinessReview = { ...fields, name, signedAt: now().toISOString(), signer: identity.signer };
    const checked = validateReview(review);
    if (!checked.ok) return refuse(invalid(`The review cannot be written: ${checked.problems.join('; ')}.`));

    const answer = await send(
      (request) =>
        customObjects.createNamespacedCustomObject(
          {
            group: REVIEW_API_GROUP,
            version: REVIEW_API_VERSION,
            namespace,
            plural: REVIEW_PLURAL,
            body: toReviewObject(review),
            fieldManager: 'shipshape',
            fieldValidation: 'Strict',
          },
          request,
        ) as Promise<unknown>,
      { retried: false },
    );
    if (answer.ok) {
      const stored = fromReviewObject(answer.value);
      return outcome({ ok: true, review: stored.ok ? stored.review : review });
    }
    const { failure, status } = answer;
    if (status?.reason === 'AlreadyExists' || failure.status === 409) return outcome(await conflict(namespace, name));
    if (failure.kind === 'not-found') {
      if (status?.details?.kind === 'namespaces')
        return refuse(invalid(`Namespace ${namespace} does not exist in this cluster, so no review can be stored in it.`));
      return refuse(crdMissing());
    }
    if (failure.kind === 'forbidden') {
      if (status?.message && /ValidatingAdmissionPolicy/.test(status.message))
        return refuse({
          reason: 'forbidden',
          message: `The cluster’s review policy refused the sign-off: ${quoteText(status.message, MAX_QUOTED)}.`,
          hint: 'The signer is the identity the API server reports; if that is refused, ask the cluster admin to check deploy/crd/signer-policy.yaml.',
        });
      return refuse(forbidden(who, 'create', namespace));
    }
    if (failure.status === 422 || failure.status === 400)
      return refuse(invalid(`The API server refused the review: ${serverReasons(status)}.`));
    return refuse(
      {
        reason: 'unreachable',
        message: `Could not store review ${name} in namespace ${namespace} at ${server}: ${failure.summary}. It may or may not have been written.`,
        hint: 'Reload the namespace’s reviews to see whether it was; sign off again if not.',
      },
      failure,
    );
  }

  /** Someone else's review already has the name: say whose, from the object itself, when it can be read. */
  async function conflict(namespace: string, name: string): Promise<CreateReviewResult> {
    const existing = await send(
      (request) =>
        customObjects.getNamespacedCustomObject(
          { group: REVIEW_API_GROUP, version: REVIEW_API_VERSION, namespace, plural: REVIEW_PLURAL, name },
          request,
        ) as Promise<unknown>,
      { retried: true },
    );
    const parsed = existing.ok ? fromReviewObject(existing.value) : undefined;
    const by = parsed?.ok ? ` (${name} by ${quoteText(parsed.review.signer.username, 120)} at ${parsed.review.signedAt})` : ` (${name})`;
    return {
      ok: false,
      conflict: true,
      message: `Someone else signed off namespace ${namespace} first${by}; nothing was overwritten. Reload to see it, then review again from there.`,
      latest: name,
    };
  }

  return { canWrite, list, create, whoAmI };
}

/** A listed object's name for a message: the API server's, quoted, or a placeholder when it has none. */
function nameOf(item: unknown): string {
  const name = (item as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === 'string' ? quoteText(name, 63) : '(an object without a name)';
}

/** The server's reasons for refusing an object: its field messages when it gave them, bounded and escaped. */
function serverReasons(status: KubeStatus | undefined): string {
  const causes = (status?.details?.causes ?? [])
    .filter((cause) => cause.message)
    .map((cause) => `${cause.field ? `${cause.field}: ` : ''}${cause.message}`);
  const text = causes.length > 0 ? causes.join('; ') : (status?.message ?? 'no reason given');
  return quoteText(text, MAX_QUOTED);
}
