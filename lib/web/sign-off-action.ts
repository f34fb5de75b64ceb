'use server';
/**
 * "Sign off": the only write Shipshape makes. A same-origin POST (Next checks the Origin of every
 * server action; this checks it again, and refuses one without), every field validated (the
 * form's zod schema, then the review model's), refused cleanly when the store is read-only or
 * the identity may not create reviews, written through the context's store (a concurrent
 * sign-off from the same state is a conflict, never an overwrite), and logged: who, what, where,
 * never the notes. On success the context is read again so the new accepted risks apply, and the
 * reviewer lands on the namespace.
 */
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isDns1123Label } from '../k8s/objects';
import { EMPTY_FIELDS, openFindings, parseSignOffForm } from '../review/sign-off-form';
import { reviewStoreFor } from '../review/store-for-context';
import { loadContext } from '../sources/registry';
import { hrefs } from './hrefs';
import { buildDraft } from './review-draft';
import { findContext } from './route-params';
import { isSameOrigin } from './same-origin';
import type { SignOffState } from './sign-off-state';

/** A cluster string in a log line: quoted, one line, bounded. */
function logText(value: string): string {
  return JSON.stringify(value.slice(0, 120));
}

export async function signOff(previous: SignOffState, form: FormData): Promise<SignOffState> {
  const attempt = previous.attempt + 1;
  const request = await headers();
  if (!isSameOrigin(request.get('origin'), request.get('x-forwarded-host') ?? request.get('host'))) {
    return { status: 'invalid', attempt, problems: ['the sign-off was not sent from this dashboard’s own page'], fields: EMPTY_FIELDS };
  }
  const contextParam = form.get('context');
  const namespace = form.get('namespace');
  const context = typeof contextParam === 'string' && contextParam.length <= 256 ? await findContext(contextParam) : undefined;
  if (!context || typeof namespace !== 'string' || !isDns1123Label(namespace)) {
    return { status: 'invalid', attempt, problems: ['there is no such cluster context or namespace'], fields: EMPTY_FIELDS };
  }
  const loaded = await loadContext(context.name);
  if (!loaded.ok)
    return { status: 'invalid', attempt, problems: [`the cluster could not be read: ${loaded.error.message}`], fields: EMPTY_FIELDS };
  const report = loaded.cluster.report.namespaces.find((entry) => entry.namespace === namespace);
  if (!report) return { status: 'invalid', attempt, problems: [`namespace ${namespace} was not graded`], fields: EMPTY_FIELDS };

  const { store, verifiesSigner } = await reviewStoreFor(context);
  let signer: Awaited<ReturnType<typeof store.whoAmI>> | undefined;
  if (verifiesSigner) {
    try {
      signer = await store.whoAmI();
    } catch (error) {
      const message = error instanceof Error ? error.message : 'the cluster did not say who you are';
      return {
        status: 'unavailable',
        attempt,
        reason: 'unreachable',
        message: `Your identity could not be read from the cluster: ${message}`,
        fields: EMPTY_FIELDS,
      };
    }
  }
  const parsed = parseSignOffForm(form, openFindings(report), { now: new Date(), ...(signer ? { verifiedSigner: signer.username } : {}) });
  if (!parsed.ok) return { status: 'invalid', attempt, problems: parsed.problems, fields: parsed.fields };
  const { fields } = parsed;

  const allowed = await store.canWrite(namespace);
  if (!allowed.ok) {
    const { ok: _ok, ...unavailable } = allowed;
    return { status: 'unavailable', attempt, fields, ...unavailable };
  }
  const draft = buildDraft(loaded.cluster, report, parsed.decisions, signer?.username ?? parsed.decisions.claimedSigner ?? '');
  if (!draft.ok) return { status: 'invalid', attempt, problems: draft.problems, fields };

  const created = await store.create(draft.draft);
  const where = `context ${logText(context.name)} namespace ${namespace}`;
  if (!created.ok) {
    console.warn(`shipshape: sign-off refused in ${where}: ${created.conflict ? 'conflict' : created.reason}`);
    if (created.conflict)
      return { status: 'conflict', attempt, message: created.message, ...(created.latest ? { latest: created.latest } : {}), fields };
    const { ok: _ok, conflict: _conflict, ...unavailable } = created;
    return { status: 'unavailable', attempt, fields, ...unavailable };
  }
  const { review } = created;
  console.info(
    `shipshape: review ${review.name} signed in ${where} by ${logText(review.signer.username)} (${review.signer.verified ? 'verified' : 'not verified'}): ` +
      `verdict ${review.verdict}, ${review.acceptedRisks.length} accepted risks, ${review.fixBeforeGoLive.length} to fix`,
  );
  // Read again, so the accepted risks apply as waivers on every page from now on.
  await loadContext(context.name, { fresh: true, afterWrite: true });
  revalidatePath(hrefs.namespace(context, namespace));
  redirect(hrefs.namespace(context, namespace, { anchor: 'sign-off-heading' }));
}
